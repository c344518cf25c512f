"""How one sentence states a day for what it tells: the one day it names for a happening (not
a span, "overnight", a day of speaking, nor one set apart by "also" or "another"), whether an
attack shares that day's clause, and whether it names a span instead. Read by the passes that
lend a story's days to its incidents (:mod:`.story_dates`, :mod:`.retold_dates`)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from trucewatch.extract.dates import DateMention
from trucewatch.extract.incident_dates import (
    APART,
    ATTACK_NOUNS,
    ATTACK_VERBS,
    CLAUSE_OPENERS,
    DETACHED,
    LOOSE_DAY_WORDS,
    PERIOD_KINDS,
    SPEAKING,
    another_attack_before,
    loose_day,
    paired_days,
    speaking_day,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import Sentence, doc_lowers, doc_text
from trucewatch.model.incident import TimePrecision

# "also" right before these words says where, not that another incident is told ("one in
# Harasta, both also in Eastern Ghouta")
LOCATIVE = words("in near at inside")
ANOTHER = words("another separate similar")
# How many sentences after the story's first incident its retelling may come, and how many
# days before publication a retold day may lie (further back: an earlier event recalled).
RETELL_SENTENCES = 6
RETELL_DAYS = 7
# How far into the text a roundup's lead may stand (a headline and a dateline may come first).
ROUNDUP_LEAD_SENTENCES = 3


def detached(doc: Doc, sent: Sentence) -> bool:
    """The sentence sets its incident apart from the lead's ("also", "meanwhile", "earlier"),
    save an "also" that only places it ("five more were killed in X and one in Y, both also in
    the same region": GOLD-DEV.md's "also" links join a new happening, this one adds none) or
    only names a source again ("also known as the White Helmets"), unless the sentence tells a
    new one anyway ("another shell in X, also in the region")."""
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    new = bool(ANOTHER.intersection(lowers))
    return any(
        w in DETACHED
        and not (w == "also" and k + 1 < len(lowers) and lowers[k + 1] in NAMING)
        and (new or not (w == "also" and k + 1 < len(lowers) and lowers[k + 1] in LOCATIVE))
        for k, w in enumerate(lowers)
    )


# Words after "also" that give another name, not another happening ("civil defence units, also
# known as the White Helmets", "the group, also called Daesh").
NAMING = frozenset({"known", "called", "named", "dubbed"})


def same_area(a: str | None, b: str | None) -> bool:
    """The same governorate, Damascus and its countryside counting as one (a headline's "car
    bomb in Damascus" is told again in a suburb of the capital's countryside)."""
    return a == b or {a, b} == {"Damascus", "Rif Dimashq"}


def _final(lowers: list[str]) -> bool:
    """Every "last" of the words is "the last" before a word that names no attack ("the last
    major rebel stronghold", "the last supply route"): the final one of something, which sets
    no incident apart as "the last attack", "last year" or "last time" do."""
    at = [k for k, w in enumerate(lowers) if w == "last"]
    return all(
        0 < k < len(lowers) - 1 and lowers[k - 1] == "the" and lowers[k + 1] not in ATTACK_NOUNS
        for k in at
    )


def stated_day(doc: Doc, sent: Sentence) -> DateMention | None:
    """The one day a sentence states for a happening: not a span or a pair of days, not
    "overnight", not a day of speaking, not more than a week before publication (an earlier
    event recalled); None also when the sentence sets itself apart ("also", "another")."""
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    inside = [d for d in doc._.dates or () if sent.start <= d.start < sent.end]
    # "earlier this morning", "last Monday": words of a date set nothing apart
    text = doc_text(doc)
    outside = set(lowers) - {w.lower() for d in inside for w in text[d.start : d.end].split()}
    if _final(lowers):
        outside.discard("last")  # "the last rebel stronghold": the final one, not an earlier
    if APART.intersection(outside) or loose_day(doc, sent) or names_no_day(doc, sent):
        return None
    anchor: dt.date | None = doc._.anchor
    days = [
        d
        for d in inside
        if d.kind not in PERIOD_KINDS
        and d.date is not None
        and int(d.precision) == int(TimePrecision.DAY)
        and (anchor is None or 0 <= (anchor - d.date).days <= RETELL_DAYS)
        and not speaking_day(doc, d)
        and not another_attack_before(doc, sent.start, d)
    ]
    if len({d.date for d in days}) != 1:
        return None  # no day, or two days: which one is meant is not said
    return days[0]


def lead_day(doc: Doc, sent: Sentence, telling: frozenset[str]) -> DateMention | None:
    """The one day a sentence states for what it tells ("nine died ... on Monday", "on Friday
    attacked homes"), when a word of `telling` shares the day's clause (:func:`stated_day`)."""
    day = stated_day(doc, sent)
    return day if day is not None and attack_in_clause(doc, sent, day, telling) else None


def attack_in_clause(
    doc: Doc, sent: Sentence, day: object, telling: frozenset[str], *, nouns_after: bool = True
) -> bool:
    """A word of `telling` and the day in one clause ("schools were targeted this morning",
    "mounted an assault on Saturday"); with ``nouns_after=False`` an attack noun counts only
    before the day ("stayed home on Monday despite a deadline to resume bombing" tells no
    attack on Monday)."""
    lowers = doc_lowers(doc)
    span = doc.char_span(day.start, day.end, alignment_mode="expand")
    if span is None:
        return False
    for i in range(sent.token_start, sent.token_end):
        if lowers[i] not in telling:
            continue
        if not nouns_after and i > span.start and lowers[i] not in ATTACK_VERBS:
            continue
        lo, hi = (i + 1, span.start) if i < span.start else (span.end, i)
        # "the attack ..., the council said in a statement on Monday": the day is the speech's
        if not (CLAUSE_OPENERS | SPEAKING).intersection(lowers[lo:hi]):
            return True
    return False


def names_no_day(doc: Doc, sent: Sentence) -> bool:
    """The sentence states a span rather than a day ("on Saturday and Sunday", "over the past
    two days", "from Monday to Wednesday")."""
    inside = [d for d in doc._.dates or () if sent.start <= d.start < sent.end]
    # "overnight" / "last night" is a night, not a span: :func:`loose_day` tells it apart
    inside = [d for d in inside if d.text.lower() not in LOOSE_DAY_WORDS]
    # "last Monday" read on a Tuesday is a weekday naming no single day: a span too
    vague = ("relative", "weekday")
    if any(d.kind == "span" or (d.kind in vague and int(d.precision) != 1) for d in inside):
        return True
    days = [d for d in inside if d.date is not None and d.kind not in PERIOD_KINDS]
    return paired_days(doc, days)
