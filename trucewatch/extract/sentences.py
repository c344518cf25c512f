"""Sentence boundaries for reports whose punctuation may be stripped (FA-KES).

Rules, in order: a full stop, "!" or "?" (with any closing quote) ends a sentence; a line break
ends a sentence (headlines and subheads stand on their own line); a dateline at the start of the
text (with its year, or a wire dateline without one) is its own sentence; and a word that can
only open a sentence ("The", "Meanwhile", a capitalised number word) starts one even when the
full stop before it was stripped — unless it sits inside a Title Case headline run.
"""

from __future__ import annotations

import re

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import Sentence, doc_lowers, doc_starts, doc_text, doc_texts

_ENDERS = frozenset({".", "!", "?", "...", "…", "?!"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})

# Capitalised words that open a sentence in news prose and hardly ever occur mid-sentence.
STARTERS = words(
    """The A An He She They It Its This These Those There We Meanwhile Earlier Later However Also
    In On At According But And Elsewhere Separately Furthermore Moreover Since During After
    Before While When Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen
    Fourteen Fifteen Twenty Thirty Dozens Tens Several Many Some Most Other Another Hundreds
    Thousands Residents Activists Witnesses Sources Local"""
)
# Abbreviated titles before a name: their full stop ends no sentence ("Lt. Col. Thomas
# Gilleran said", "Brig. Gen. Ahmad ...").
_TITLE_ABBREVIATIONS = frozenset(
    {"lt", "col", "gen", "maj", "brig", "capt", "sgt", "cpl", "adm", "cmdr"}
    | {"dr", "mr", "mrs", "ms"}
)
# After these words a capitalised starter is part of a name or title, not a new sentence.
_GLUE = frozenset({"the", "of", "a", "an", "to", "de", "al", "el", "from", "by"})


def _is_title(text: str) -> bool:
    return text[:1].isupper()


def split_points(doc: Doc) -> list[int]:
    """Token indices that open a sentence (always including 0 for a non-empty doc)."""
    n = len(doc)
    starts = [0] if n else []
    # token columns, not Token objects: this walks every token of every report
    texts, lowers = doc_texts(doc), doc_lowers(doc)
    flags = doc.to_array([IS_SPACE, IS_PUNCT]).tolist() if n else []
    space = [f[0] == 1 for f in flags]
    punct = [f[1] == 1 for f in flags]
    i = 0
    while i < n:
        text = texts[i]
        nxt = i + 1
        title_stop = (
            text == "." and i > 0 and lowers[i - 1] in _TITLE_ABBREVIATIONS and not space[i - 1]
        )
        if (text in _ENDERS and not title_stop) or (space[i] and "\n" in text):
            while nxt < n and (texts[nxt] in _CLOSERS or space[nxt]):
                nxt += 1
            if nxt < n and nxt > starts[-1]:
                starts.append(nxt)
            i = nxt
            continue
        if (
            i > 0
            and text in STARTERS
            and not punct[i - 1]
            and lowers[i - 1] not in _GLUE
            and i > starts[-1] + 1
        ):
            prev_title = _is_title(texts[i - 1]) and i > 1 and _is_title(texts[i - 2])
            next_title = nxt < n and _is_title(texts[nxt])
            if not (prev_title and next_title):  # inside a Title Case headline run
                starts.append(i)
        i += 1
    return starts


# A wire dateline: the city in capitals, a country, the day without its year, the agency in
# brackets and a dash ("BEIRUT, May 21 (Reuters) —", "AIN ISSA, Syria, May 10 (AFP) -").
WIRE_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*\([A-Z][A-Za-z .]{1,20}\)\s*(?:[—–-]{1,2}\s*)?"
)


def dateline_end(text: str) -> int | None:
    """Character offset where a leading dateline ends: one with a year that the dates module
    finds, or a wire dateline (:data:`WIRE_DATELINE`), which names no year. Left in the first
    sentence, a dateline's day reads as the lead story's: "BEIRUT, May 21 (Wire) — Fighters
    took Palmyra on Wednesday" told no capture (the capture's day is Wednesday, not May 21)."""
    wire = WIRE_DATELINE.match(text)
    if wire is not None:
        return wire.end()
    try:
        from trucewatch.extract.dates import find_dateline
    except ImportError:  # the dates module is optional for sentence splitting
        return None
    found = find_dateline(text)
    if found is None or found.start > 40:
        return None
    return found.end


@Language.component("tw_sentences", assigns=["doc._.sentences", "token.is_sent_start"])
def sentences_component(doc: Doc) -> Doc:
    """Set sentence starts and cache the sentences on ``doc._.sentences``."""
    starts = split_points(doc)
    end = dateline_end(doc_text(doc))
    if end is not None:
        span = doc.char_span(end, end, alignment_mode="expand")
        tok = span.start if span is not None else None
        while tok is not None and tok < len(doc) and (doc[tok].is_space or doc[tok].is_punct):
            tok += 1
        if tok is not None and 0 < tok < len(doc) and tok not in starts:
            starts.append(tok)
            starts.sort()
    # only the starts are marked: each assignment makes spaCy re-check the whole doc's
    # annotation, so marking every token was quadratic in its length
    for i in starts:
        doc[i].is_sent_start = True
    bounds = [*starts, len(doc)]
    doc._.sentences = [_sentence(doc, k, bounds[k], bounds[k + 1]) for k in range(len(starts))]
    return doc


def _sentence(doc: Doc, index: int, first: int, end: int) -> Sentence:
    texts, starts = doc_texts(doc), doc_starts(doc)
    last = end - 1
    while last > first and texts[last].isspace():  # trailing line breaks are not the sentence
        last -= 1
    return Sentence(
        index=index,
        start=starts[first],
        end=starts[last] + len(texts[last]),
        token_start=first,
        token_end=end,
    )
