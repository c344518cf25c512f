"""A longest-match phrase lexicon over spaCy tokens, tolerant of the way reports spell names.

Reports write one name many ways: ``al-Midan`` / ``al Midan``, ``Aleppo's`` / ``Aleppos`` (FA-KES
strips apostrophes), with or without diacritics. Keys are built from normalised tokens with
hyphens and possessive markers dropped, so all of those spellings meet on the same key.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from trucewatch.extract.spans import doc_texts

V = TypeVar("V")

# Tokens that carry no meaning for matching a name: hyphens, possessives, stray apostrophes.
_SKIP = frozenset({"-", "–", "—", "'s", "’s", "'", "’", "s'", "‘"})


@lru_cache(maxsize=1)
def blank_tokenizer() -> Tokenizer:
    """The tokenizer of the extraction pipeline, for text outside a report's body (headlines,
    lexicon phrases), so it splits exactly like report text. Shared: building one costs half a
    second."""
    from trucewatch.extract.pipeline import build_pipeline  # here: the pipeline imports us

    return build_pipeline().tokenizer


def norm_token(text: str) -> str:
    """Lower-case a token, fold diacritics and drop apostrophes (why: FA-KES strips them)."""
    low = text.lower()
    if not low.isascii():
        low = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        low = low.replace("’", "").replace("‘", "").replace("ʿ", "").replace("ʾ", "")
    return low.replace("'", "")


TokenKey = Callable[[str], "str | None"]

# Each key function's result per token text, shared by all docs: reports reuse a small
# vocabulary, and folding a word (diacritics, place-name spellings) costs far more than a lookup.
# Cleared when it outgrows the bound, so a long-running service cannot grow it without end.
_KEY_MEMO: dict[TokenKey, dict[str, str | None]] = {}
_KEY_MEMO_SIZE = 200_000
_UNSEEN = object()


def doc_keys(doc: Doc, key: TokenKey = norm_token) -> list[tuple[int, str]]:
    """The doc's tokens as (token index, key), skipping hyphens, possessives and None keys.

    Cached on the doc per key function because several components scan the same sequence.
    """
    slot = ("tw_keys", key.__name__)
    cached = doc.user_data.get(slot)
    if cached is not None:
        return cached
    memo = _KEY_MEMO.setdefault(key, {})
    if len(memo) > _KEY_MEMO_SIZE:
        memo.clear()
    keys = []
    for i, text in enumerate(doc_texts(doc)):
        k = memo.get(text, _UNSEEN)
        if k is _UNSEEN:
            k = memo[text] = None if text in _SKIP or text.isspace() else key(text)
        if k:
            keys.append((i, k))
    doc.user_data[slot] = keys
    return keys


def key_index(doc: Doc, key: TokenKey = norm_token) -> tuple[list[str], dict[str, list[int]]]:
    """The keys of :func:`doc_keys` alone, and each key -> its positions in that list, ascending
    (cached likewise: :meth:`Lexicon.find` looks up only positions that can open a phrase)."""
    slot = ("tw_key_index", key.__name__)
    cached = doc.user_data.get(slot)
    if cached is not None:
        return cached
    just_keys = [k for _, k in doc_keys(doc, key)]
    positions: dict[str, list[int]] = {}
    for pos, k in enumerate(just_keys):
        positions.setdefault(k, []).append(pos)
    doc.user_data[slot] = just_keys, positions
    return just_keys, positions


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    """One lexicon hit: token span [start, end) in the doc and the values stored for it."""

    start: int
    end: int
    values: tuple[V, ...]


class Lexicon(Generic[V]):
    """Maps phrases to values; finds non-overlapping longest matches in a doc."""

    def __init__(self, key: TokenKey = norm_token) -> None:
        self._key = key
        self._entries: dict[tuple[str, ...], list[V]] = {}
        # first key -> phrase lengths starting with it, longest first (find tries them in order)
        self._lengths: dict[str, tuple[int, ...]] = {}

    def phrase_key(self, phrase: str) -> tuple[str, ...]:
        """The normalised token key for a phrase, tokenised exactly as report text is."""
        out = []
        for t in blank_tokenizer()(phrase):
            if t.text in _SKIP or t.is_space:
                continue
            k = self._key(t.text)
            if k:
                out.append(k)
        return tuple(out)

    def add(self, phrase: str, value: V) -> None:
        """Add one phrase; a phrase may carry several values (ambiguous names)."""
        key = self.phrase_key(phrase)
        if not key:
            return
        bucket = self._entries.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
        sizes = set(self._lengths.get(key[0], ())) | {len(key)}
        self._lengths[key[0]] = tuple(sorted(sizes, reverse=True))

    def add_many(self, pairs: Iterable[tuple[str, V]]) -> None:
        """Add (phrase, value) pairs."""
        for phrase, value in pairs:
            self.add(phrase, value)

    def __contains__(self, phrase: str) -> bool:
        return self.phrase_key(phrase) in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, doc: Doc) -> Iterator[Match[V]]:
        """Yield non-overlapping longest matches, left to right."""
        tokens = doc_keys(doc, self._key)
        keys, positions = key_index(doc, self._key)
        entries, lengths = self._entries, self._lengths
        # Only positions whose key starts some phrase can open a match: look those up through
        # the doc's key index instead of walking every token (most tokens start nothing).
        starts = sorted(i for k in positions.keys() & lengths.keys() for i in positions[k])
        n = len(keys)
        free = 0  # the first position not inside an earlier match
        for i in starts:
            if i < free:
                continue
            for size in lengths[keys[i]]:
                if i + size > n:
                    continue
                vals = entries.get(tuple(keys[i : i + size]))
                if vals is not None:
                    free = i + size
                    yield Match(tokens[i][0], tokens[free - 1][0] + 1, tuple(vals))
                    break


def words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (keeps long lexicons compact)."""
    return frozenset(text.split())


_WORDS_FILE = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "incident_words.json"


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, frozenset[str]]:
    data = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))
    return {name: words(entry["words"]) for name, entry in data["lists"].items()}


def word_list(name: str) -> frozenset[str]:
    """A named word list kept as data (``gazetteer/data/incident_words.json``)."""
    try:
        return _word_lists()[name]
    except KeyError:
        raise KeyError(f"no word list {name!r} in {_WORDS_FILE}") from None


@lru_cache(maxsize=1)
def _word_maps() -> dict[str, dict[str, str]]:
    data = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))
    return {name: dict(entry["map"]) for name, entry in data.get("maps", {}).items()}


def word_map(name: str) -> dict[str, str]:
    """A named word-to-name map kept as data (``gazetteer/data/incident_words.json``)."""
    try:
        return _word_maps()[name]
    except KeyError:
        raise KeyError(f"no word map {name!r} in {_WORDS_FILE}") from None
