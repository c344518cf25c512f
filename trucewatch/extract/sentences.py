"""Sentence boundaries for reports whose punctuation may be stripped (FA-KES).

Rules, in order: a full stop, "!" or "?" (with any closing quote) ends a sentence; a line break
ends a sentence (headlines and subheads stand on their own line); a dateline at the start of the
text is its own sentence; and a word that can only open a sentence ("The", "Meanwhile", a
capitalised number word) starts one even when the full stop before it was stripped — unless it
sits inside a Title Case headline run. A run-on stretch, where the stops and the capitals that
open sentences were both stripped, is cut further where a new subject starts
(:func:`run_on_points`).
"""

from __future__ import annotations

import re
from itertools import pairwise

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
# After these words a capitalised starter is part of a name or title, not a new sentence.
_GLUE = frozenset({"the", "of", "a", "an", "to", "de", "al", "el", "from", "by"})


# A stretch this long with no sentence break is run-on text: its stops were stripped and
# its sentences may open in lower case ("... killed 53 people on Monday the observatory said").
RUN_ON_TOKENS = 70
# Fewest tokens a run-on cut leaves on either side (no one-word fragments).
RUN_ON_MIN = 4
# Lower-case words that open a new subject in run-on text ("the observatory said", "state
# media said"); pronouns only before a verb of saying or an auxiliary ("it said", "he was").
RUN_ON_SUBJECTS = words("the state")
RUN_ON_PRONOUNS = words("it he she they we")
SUBJECT_VERBS = words(
    """said says added told was were is are has have had would will could did called gave
    denied accused urged warned"""
)
# Words after which a clause cannot have ended: prepositions, conjunctions, determiners,
# auxiliaries, verbs that take what follows ("said the jets fired", "took the town").
NO_END_AFTER = words(
    """a an the of in on at to for by with from as into onto near over under about against
    between among across around toward towards through during since after before until
    than and or but nor that which who whom whose where when while if because although
    though whether this these those its his her their our your my some any each every all
    no not was were is are be been being am has have had do does did will would can could
    shall should may might must said says say told tell tells took take takes hit hits
    struck strike broke break seized seize held hold led lead left leave won win lost lose
    shot shoot began begin overran overrun retook retake fought fight control controls
    target regards regard called call urged urge accused accuse gave give made make
    reached reach entered enter became become including included like such both either
    neither per via within without upon what how why also only even just very more most
    less least up out down off"""
)
# Before these a participle is passive, so it may end a clause ("were killed the observatory
# said"); an "-ed" word with none before it takes an object ("shelled the town").
PASSIVE_AUXILIARIES = words("was were been be being is are")
PERFECT_AUXILIARIES = words("had has have")


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
        if text in _ENDERS or (space[i] and "\n" in text):
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
    bounds = [*starts, n]
    extra = [
        k
        for a, b in pairwise(bounds)
        if b - a >= RUN_ON_TOKENS
        for k in run_on_points(texts, lowers, a, b)
    ]
    return sorted([*starts, *extra]) if extra else starts


def run_on_points(texts: list[str], lowers: list[str], first: int, end: int) -> list[int]:
    """Where a run-on stretch ``[first, end)`` opens new sentences: "... killed 53 people on
    Monday | the observatory said the jets were Russian | it said the toll would rise": a new
    subject in lower case ("the", "state", a pronoun before a verb of saying or an auxiliary)
    right after a word a clause may end on (a noun, a name, a number, a passive participle; not
    a preposition, a conjunction, nor a verb taking an object). Capitalised openers are left
    to :data:`STARTERS`: a capital after a lower-case word is as often inside a name ("Jaish
    al Fatah", "president Donald Trump"). Cuts keep :data:`RUN_ON_MIN` tokens on either side."""
    out: list[int] = []
    last = first
    for i in range(first + RUN_ON_MIN, end - RUN_ON_MIN):
        if i - last < RUN_ON_MIN or not texts[i - 1].isalnum():
            continue
        low = lowers[i]
        if _turns(texts, lowers, i):
            out.append(i)  # "... was missing also on Sunday Iran's Guards fired ..."
            last = i
            continue
        if low in RUN_ON_PRONOUNS:
            opens = lowers[i + 1] in SUBJECT_VERBS
        elif low == "state":  # "state media said", but "Syrian state media" is one name
            opens = texts[i].islower() and texts[i - 1].islower()
        else:
            opens = low in RUN_ON_SUBJECTS and texts[i].islower()
        if not opens or not _may_end(lowers, i - 1, first):
            continue
        cut = _after_trailing_source(texts, lowers, last, i, end)
        if cut is None:
            out.append(i)
            last = i
        elif end - cut >= RUN_ON_MIN:
            out.append(cut)
            last = cut
    return out


# Verbs by which a source is said to tell something ("the observatory said").
SAYING = words("said says reported added")
# How many words a source's name may run to before its verb of saying.
SOURCE_REACH = 8
# Words that show a clause, not a source's name, stands before a verb of saying.
NOT_IN_SOURCE = words("that and which who was were had has is are it its")


def _after_trailing_source(
    texts: list[str], lowers: list[str], last: int, i: int, end: int
) -> int | None:
    """ "... killed 53 people on Monday the Syrian Observatory for Human Rights said on Tuesday
    its director said ...": a source named in full right after a clause that names none is
    that clause's attribution (news writes "X happened, the Syrian Observatory ... said."), so
    the new sentence opens after its verb (and a day told with it). None when the source opens
    a sentence of its own: the clause before has its source already ("... Erdogan said he
    hoped ... the Syrian Observatory said more than 2000 were killed"), or the source is
    referred back to ("the observatory said the jets fired"), as a later sentence does."""
    verb = next(
        (
            j
            for j in range(i + 1, min(i + 1 + SOURCE_REACH, end))
            if lowers[j] in SAYING or lowers[j] in NOT_IN_SOURCE
        ),
        None,
    )
    if verb is None or lowers[verb] not in SAYING or not _is_title(texts[i + 1]):
        return None
    if any(w in SAYING for w in lowers[last:i]):
        return None
    cut = verb + 1
    if cut + 1 < end and lowers[cut] == "on" and _is_title(texts[cut + 1]):
        cut += 2  # "the observatory said on Tuesday": the day it said so
    return cut


# Lower-case words that turn a run-on text to another happening ("meanwhile US officials
# said", "elsewhere rebels shelled"); "also" only as "also on Sunday".
RUN_ON_TURNS = words("meanwhile elsewhere separately")


def _turns(texts: list[str], lowers: list[str], i: int) -> bool:
    """Whether token ``i`` opens a turn to another happening in run-on text: "meanwhile",
    "elsewhere", "separately", or "also on" a named day, after a word that ends a clause's
    words rather than joins them ("and meanwhile" keeps the "and")."""
    if not texts[i].islower() or lowers[i - 1] in NO_END_AFTER:
        return False
    if lowers[i] in RUN_ON_TURNS:
        return True
    return lowers[i] == "also" and lowers[i + 1] == "on" and _is_title(texts[i + 2])


def _may_end(lowers: list[str], k: int, first: int) -> bool:
    """Whether token ``k`` can close a clause: not a function word, nor a verb that takes what
    follows ("-ing" forms, perfects as "had taken", "-ed" forms unless passive, as in "were
    killed")."""
    low = lowers[k]
    if low in NO_END_AFTER or low.endswith("ing"):
        return False
    if k > first and lowers[k - 1] in PERFECT_AUXILIARIES:
        return False  # "had taken the crossing": a perfect takes its object
    if low.endswith("ed"):
        return k > first and lowers[k - 1] in PASSIVE_AUXILIARIES
    return True


# A wire dateline: the city in capitals, a country, the day without its year, the agency in
# brackets and a dash ("BEIRUT, May 21 (Reuters) —", "AIN ISSA, Syria, May 10 (AFP) -").
WIRE_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*\([A-Z][A-Za-z .]{1,20}\)\s*(?:[—–-]{1,2}\s*)?"
)


def dateline_end(text: str) -> int | None:
    """Character offset where a leading dateline ends: one with a year that the dates module
    finds, or a wire dateline (:data:`WIRE_DATELINE`), which names no year. Left in the first
    sentence, a dateline's day and city read as the story's own."""
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
