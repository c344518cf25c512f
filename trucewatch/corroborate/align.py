"""Sentence-level alignment of the passages two reports share.

Reports are cut into *segments* (sentences; over-long runs without sentence punctuation are cut
into windows) that keep their character offsets into the stored text, and carry normalised tokens:
lowercase, accents folded, punctuation, quotes and dashes dropped, apostrophes and thousands
separators removed. Outlets differ in exactly those details (FA-KES strips most punctuation, one
outlet prints “curly” quotes where another prints "straight" ones), so comparing tokens rather than
characters lets a copied sentence match its source.

Pure functions, no I/O: ``trucewatch.corroborate.reuse`` finds candidate pairs with MinHash LSH and
calls :func:`align_segments` to verify them and report the shared spans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# A word: letters/digits, with inner apostrophes ("Russia’s") and digit group separators
# ("21,000") kept inside the token, so that FA-KES's "Russias" and "21000" match.
_WORD_RE = re.compile(r"[^\W_]+(?:(?:['’ʼ`]|(?<=\d)[,.](?=\d))[^\W_]+)*")
# Characters removed from inside a word before comparison.
_INNER_MARKS = str.maketrans("", "", "'’ʼ`,")
# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space.
_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n")
# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "mr mrs ms dr prof gen maj col lt sgt capt cpl adm gov sen rep st mt no vs etc jan feb mar "
        "apr jun jul aug sep sept oct nov dec inc ltd co corp",
    )
)
_INITIALS_RE = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]?$")

DEFAULT_MAX_TOKENS = 40


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (or window of an unpunctuated run) of a report: [start, end) and its tokens."""

    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def size(self) -> int:
        """Its number of tokens."""
        return len(self.tokens)


@dataclass(frozen=True, slots=True)
class Outline:
    """A segment without its tokens: [start, end) and how many tokens it has. Enough to group
    matched segments into runs and place them in the text (the reuse index keeps these)."""

    start: int
    end: int
    size: int


@dataclass(frozen=True, slots=True)
class AlignedRun:
    """Consecutive segments of report *a* matched to consecutive segments of report *b*.

    ``a_first..a_last`` and ``b_first..b_last`` are inclusive segment indices; ``similarity`` is
    the token-weighted mean of the matched segments' similarities; ``tokens`` counts the tokens of
    the shorter side (the amount of text that is evidently shared).
    """

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    similarity: float
    tokens: int


def normalise_tokens(text: str) -> list[str]:
    """Return the comparison tokens of ``text`` (lowercase, accents folded, no punctuation)."""
    words = _WORD_RE.findall(text)
    if not words:
        return []
    joined = " ".join(words).lower().translate(_INNER_MARKS)
    if not joined.isascii():
        # Fold accents so that "Erdoğan" and "Erdogan" compare equal.
        decomposed = unicodedata.normalize("NFKD", joined)
        joined = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return joined.split()


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    """Whether a terminal-punctuation match really ends a sentence (not "U.S." or "Gen.")."""
    if match.group() == "\n":
        return True
    if not match.group().startswith("."):
        return True
    before = text[max(0, match.start() - 12) : match.start() + 1]
    word = before.split()[-1] if before.split() else ""
    if _INITIALS_RE.search(word):
        return False
    return word.rstrip(".").lower().lstrip("\"'“‘(") not in _ABBREVIATIONS


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, whitespace trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        if _is_sentence_end(text, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _windows(text: str, start: int, end: int, max_tokens: int) -> list[Segment]:
    """Cut an over-long sentence into windows of at most ``max_tokens`` words."""
    matches = list(_WORD_RE.finditer(text, start, end))
    out: list[Segment] = []
    for i in range(0, len(matches), max_tokens):
        chunk = matches[i : i + max_tokens]
        s, e = chunk[0].start(), chunk[-1].end()
        if i + max_tokens >= len(matches):
            e = end  # keep the sentence's closing punctuation in its last window
        out.append(Segment(s, e, tuple(normalise_tokens(text[s:e]))))
    return out


def segment(text: str, *, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Segment]:
    """Split a report's text into sentences with offsets and comparison tokens.

    Sentences longer than ``max_tokens`` words (typical of texts whose punctuation was stripped)
    are cut into windows so that a copied part of them can still be matched. Sentences without
    any word (a lone dash, a bullet) are dropped.
    """
    segments: list[Segment] = []
    for s, e in _sentence_spans(text):
        tokens = normalise_tokens(text[s:e])
        if not tokens:
            continue
        if len(tokens) > max_tokens:
            segments.extend(_windows(text, s, e, max_tokens))
        else:
            segments.append(Segment(s, e, tuple(tokens)))
    return segments


def token_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Similarity of two token sequences in [0, 1]: 2·matched / total (difflib's ratio)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_segments(
    a: Sequence[Segment],
    b: Sequence[Segment],
    seeds: Iterable[tuple[int, int]],
    *,
    min_similarity: float = 0.7,
    min_tokens: int = 3,
) -> list[tuple[int, int, float]]:
    """Verify candidate segment pairs of two reports; return the matched (i, j, similarity).

    ``seeds`` are (index in ``a``, index in ``b``) pairs proposed by the index (LSH). Each verified
    pair is extended to its neighbours (previous and next sentences in both reports), which also
    recovers short sentences and pairs the index missed. Every segment is matched at most once
    (best similarity first); the result is sorted by ``i``. Segments shorter than ``min_tokens``
    tokens match only when identical, and only as neighbours of a longer match: on their own they
    are too little evidence.
    """
    cache: dict[tuple[int, int], float] = {}

    def sim(i: int, j: int) -> float:
        key = (i, j)
        if key not in cache:
            ta, tb = a[i].tokens, b[j].tokens
            if min(len(ta), len(tb)) < min_tokens:
                cache[key] = 1.0 if ta == tb else 0.0
            else:
                cache[key] = token_similarity(ta, tb)
        return cache[key]

    accepted: dict[tuple[int, int], float] = {}
    stack = [
        (i, j)
        for i, j in seeds
        if 0 <= i < len(a)
        and 0 <= j < len(b)
        and min(len(a[i].tokens), len(b[j].tokens)) >= min_tokens
    ]
    while stack:
        i, j = stack.pop()
        if (i, j) in accepted or sim(i, j) < min_similarity:
            continue
        accepted[(i, j)] = cache[(i, j)]
        for di in (-1, 1):
            ni, nj = i + di, j + di
            if 0 <= ni < len(a) and 0 <= nj < len(b) and (ni, nj) not in accepted:
                stack.append((ni, nj))

    # One-to-one: the best-matching pairs claim their segments first.
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[tuple[int, int, float]] = []
    for (i, j), s in sorted(accepted.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((i, j, s))
    chosen.sort()
    return chosen


def group_runs(
    a: Sequence[Segment | Outline],
    b: Sequence[Segment | Outline],
    matches: Iterable[tuple[int, int, float]],
    *,
    min_tokens: int = 3,
) -> list[AlignedRun]:
    """Merge matched pairs that are consecutive in both reports into runs (shared passages).

    Runs shorter than ``min_tokens`` tokens (a lone "Advertisement") are dropped.
    """
    runs: list[AlignedRun] = []
    current: list[tuple[int, int, float]] = []
    for pair in sorted(matches):
        if current and pair[0] == current[-1][0] + 1 and pair[1] == current[-1][1] + 1:
            current.append(pair)
        else:
            if current:
                runs.append(_run(a, b, current))
            current = [pair]
    if current:
        runs.append(_run(a, b, current))
    return [r for r in runs if r.tokens >= min_tokens]


def align_segments(
    a: Sequence[Segment],
    b: Sequence[Segment],
    seeds: Iterable[tuple[int, int]],
    *,
    min_similarity: float = 0.7,
    min_tokens: int = 3,
) -> list[AlignedRun]:
    """Verify candidate segment pairs of two reports and return their shared runs.

    :func:`match_segments` followed by :func:`group_runs`.
    """
    matches = match_segments(a, b, seeds, min_similarity=min_similarity, min_tokens=min_tokens)
    return group_runs(a, b, matches, min_tokens=min_tokens)


def _run(
    a: Sequence[Segment | Outline],
    b: Sequence[Segment | Outline],
    pairs: list[tuple[int, int, float]],
) -> AlignedRun:
    """Summarise consecutive matched pairs as one run."""
    weights = [min(a[i].size, b[j].size) for i, j, _ in pairs]
    total = sum(weights)
    similarity = sum(w * s for w, (_, _, s) in zip(weights, pairs, strict=True)) / total
    return AlignedRun(
        a_first=pairs[0][0],
        a_last=pairs[-1][0],
        b_first=pairs[0][1],
        b_last=pairs[-1][1],
        similarity=round(similarity, 4),
        tokens=total,
    )
