"""What reuse detection keeps between runs, so a run after new reports cuts and hashes only them.

For each report the index keeps its segments' outline (offsets and token counts), the segments
that were indexed as passages and their MinHash signatures; for each pair of reports that shared
an LSH bucket, the segment pairs that did (the seeds) and the sentences that matched. A run with
an index builds the LSH buckets over every report's stored signatures (cheap: numpy sorting),
aligns only the pairs whose seeds are new or changed, and decides every pair and cluster as a run
without an index would: the result is the same, only the work is less. An entry counts only for
the same text (a text hash) and the same parameters and code (``scheme``).

Pure: the store reads and writes it (``store.corroboration``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from trucewatch.corroborate.align import Outline, Segment

# Bump when segmenting, tokenising, shingling or matching changes: every entry is then rebuilt.
REUSE_INDEX_VERSION = 1

Seeds = tuple[tuple[int, int], ...]
Matches = tuple[tuple[int, int, float], ...]


def index_scheme(num_perm: int, min_similarity: float) -> str:
    """The parameters and code an index entry was made with."""
    return f"reuse-index-{REUSE_INDEX_VERSION}/perm{num_perm}/sim{min_similarity}"


def text_hash(text: str) -> str:
    """The hash that ties an entry to the text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    """One report in the index: its segments' outline ((n, 3) int32: start, end, tokens), the
    segments indexed as passages (int32) and their signatures ((passages, num_perm) uint32)."""

    text_hash: str
    outline: np.ndarray
    passages: np.ndarray
    signatures: np.ndarray

    @staticmethod
    def of(text: str, segments: list[Segment], passages: list[int], signatures: np.ndarray):
        """The entry for a report cut into ``segments`` now."""
        outline = np.asarray([(s.start, s.end, s.size) for s in segments], dtype=np.int32).reshape(
            -1, 3
        )
        return IndexedDoc(
            text_hash(text), outline, np.asarray(passages, dtype=np.int32), signatures
        )

    def outlines(self) -> list[Outline]:
        """The segments without their tokens."""
        return [Outline(int(s), int(e), int(n)) for s, e, n in self.outline.tolist()]


@dataclass
class ReuseIndex:
    """The index as loaded, and what a run added to it or used of it (for the store to write)."""

    scheme: str
    docs: dict[str, IndexedDoc] = field(default_factory=dict)
    pairs: dict[tuple[str, str], tuple[Seeds, Matches]] = field(default_factory=dict)
    added_docs: set[str] = field(default_factory=set)
    added_pairs: set[tuple[str, str]] = field(default_factory=set)
    used_pairs: set[tuple[str, str]] = field(default_factory=set)

    def require(self, scheme: str) -> None:
        """Empty the index if it was made another way than ``scheme`` (it is rebuilt)."""
        if scheme != self.scheme:
            self.scheme = scheme
            self.docs.clear()
            self.pairs.clear()

    def doc(self, report_id: str, text: str) -> IndexedDoc | None:
        """The entry for a report, if it was made from this very text."""
        entry = self.docs.get(report_id)
        if entry is None or report_id in self.added_docs or entry.text_hash != text_hash(text):
            return None
        return entry

    def add_doc(self, report_id: str, entry: IndexedDoc) -> None:
        """Keep a report's new entry."""
        self.docs[report_id] = entry
        self.added_docs.add(report_id)

    def matches(self, a: str, b: str, seeds: Seeds) -> Matches | None:
        """The matched sentences of reports ``a`` and ``b`` for these seeds, when known for both
        reports' current texts."""
        self.used_pairs.add((a, b))
        if a in self.added_docs or b in self.added_docs:
            return None
        known = self.pairs.get((a, b))
        return known[1] if known is not None and known[0] == seeds else None

    def add_matches(self, a: str, b: str, seeds: Seeds, matches: Matches) -> None:
        """Keep what aligning a pair found."""
        self.pairs[(a, b)] = (seeds, matches)
        self.added_pairs.add((a, b))
