"""When a report's naming of a perpetrator is an allegation: the words that hedge it
("allegedly", "suspected", another's claim "that ..."), and unnamed sources telling it
("activists said", "residents in the town of X said"), but not a source a body speaks through
("a military source", "a source in the Defence Ministry"), which is that body quoted."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.attribution import REPORTING
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.spans import (
    ActorMention,
    Sentence,
    doc_lowers,
    doc_starts,
    doc_text,
    token_end_char,
)
from trucewatch.model.report import Mention

ALLEGING_SOURCES = word_list("ALLEGING_SOURCES")
ALLEGING_ADVERBS = word_list("ALLEGING_ADVERBS")

SOURCE_REACH = 3  # tokens between an unnamed source and its reporting verb ("activists said")
# A source a body speaks through is that body quoted, no allegation: "a military source", "a
# source in the Defence Ministry".
SOURCE_NOUNS = words("source sources")
OFFICIAL_SOURCES = words("military army security government official ministry field")
BODY_PREPS = words("in at from within")
# Words naming an institution in a source's "at/in <Name>" ("a source at Aleppo Police Command").
BODY_WORDS = words(
    "command ministry police governorate council department directorate administration authority"
)
NAME_REACH = 5
# A claim another makes about the act: "a rights group has claimed that Daesh executed".
CLAIMING = words("claimed claims claim claiming")
# Where an unnamed source is from, between it and its verb ("activists in the town of X said").
PLACE_LEAD = words("in at near from of")
PLACE_REACH = 9
PLACE_WORDS = PLACE_LEAD | words(
    "the town city village district neighbourhood neighborhood area province countryside suburb"
)


def _tok_mention(doc: Doc, field: str, first: int, last: int) -> Mention:
    start, end = doc_starts(doc)[first], token_end_char(doc, last)
    return Mention(field, start, end, doc_text(doc)[start:end], doc._.report_id)


def _bodys_source(doc: Doc, k: int, sent: Sentence, actors: list[ActorMention]) -> bool:
    """True for a source a body speaks through: "a military source", "security sources", "a
    source in the Russian Defence Ministry", "a source at Aleppo Police Command" (a party or
    an institution quoted, not an unnamed witness)."""
    lows = doc_lowers(doc)
    if k > sent.token_start and lows[k - 1] in OFFICIAL_SOURCES:
        return True
    j = k + 1
    if j < sent.token_end and lows[j] in BODY_PREPS:
        j += 1
        while j < sent.token_end and lows[j] in ("the", "a", "an"):
            j += 1
        if any(a.token_start == j and a.canonical != "civilians" for a in actors):
            return True
        # "a source at Aleppo Police Command": a named institution's
        name = []
        while j < sent.token_end and doc[j].is_title and len(name) < NAME_REACH:
            name.append(lows[j])
            j += 1
        return bool(BODY_WORDS.intersection(name))
    return False


def alleging(
    doc: Doc, sent: Sentence, actors: list[ActorMention], perpetrator: str | None = None
) -> Mention | None:
    """The words that make a sentence's attribution an allegation, or None (a claim "that" by
    another than ``perpetrator`` too)."""
    lows = doc_lowers(doc)
    for k in range(sent.token_start, sent.token_end):
        w = lows[k]
        if w in ALLEGING_ADVERBS:
            return _tok_mention(doc, "attribution", k, k)
        if w in SOURCE_NOUNS and _bodys_source(doc, k, sent, actors):
            continue
        if w in CLAIMING and k + 1 < sent.token_end and lows[k + 1] == "that":
            claimer = [a for a in actors if a.sent == sent.index and a.token_end <= k]
            if not (claimer and claimer[-1].canonical == perpetrator):
                # "a rights group has claimed that Daesh executed ...": another's claim
                return _tok_mention(doc, "attribution", k, k)
        if w in ALLEGING_SOURCES:
            after = lows[k + 1 : min(k + 1 + SOURCE_REACH, sent.token_end)]
            before = lows[max(sent.token_start, k - SOURCE_REACH) : k]
            if REPORTING.intersection(after) or "according" in before or _says_past(doc, k, sent):
                return _tok_mention(doc, "attribution", k, k)
    return None


def _says_past(doc: Doc, k: int, sent: Sentence) -> bool:
    """True when a source's reporting verb follows past where it is from: "Activists in the
    district of Alwaer in Homs said" (place words and names only between)."""
    lows = doc_lowers(doc)
    j = k + 1
    # "a source at Aleppo Police Command told": a body's source, not one from a place
    if lows[k] in SOURCE_NOUNS or j >= sent.token_end or lows[j] not in PLACE_LEAD:
        return False
    while j < min(sent.token_end, k + 1 + PLACE_REACH):
        if lows[j] in REPORTING:
            return True
        if not (lows[j] in PLACE_WORDS or doc[j].is_title or doc[j].text == "-"):
            return False
        j += 1
    return False
