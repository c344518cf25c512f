"""The day a story's first incident, told without one, takes from its retelling: a later
sentence that tells it again with its day ("the attack was carried out on Thursday"), a
possessive pointing back at it ("Thursday's bombardment", "among Wednesday's dead"), or an
untyped lead sentence before it; an "overnight" lead only from a day that names the night."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from trucewatch.extract.dates import DateMention
from trucewatch.extract.draft import Draft, inherit_date
from trucewatch.extract.incident_dates import (
    APART,
    ATTACK_NOUNS,
    ATTACK_VERBS,
    PERIOD_KINDS,
    TELLING,
    WEEKDAY_NAMES,
    loose_day,
    possessive,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.sentence_days import (
    RETELL_DAYS,
    RETELL_SENTENCES,
    ROUNDUP_LEAD_SENTENCES,
    attack_in_clause,
    detached,
    lead_day,
    names_no_day,
    same_area,
    stated_day,
)
from trucewatch.extract.spans import Sentence, doc_lowers, doc_text
from trucewatch.model.incident import NON_VIOLENT, IncidentType

# How many sentences after a telling of the lead's type a telling with a count of its own may
# still give the lead its day: close by it is as likely another source's count of the same
# attack ("30 killed overnight ... the Observatory says 34"); further on, another day's. The
# same reach as merging's DAY_REACH, which keeps such a telling apart from the lead.
DAY_REACH = 2

# Words a retelling points back with ("the attack", "this strike", "yesterday's raid").
BACK_POINTERS = words("the this that these those yesterday's today's")
# How many sentences after the story's first incident a retelling that names the attack by a
# noun alone may come.
RETELL_NOUN_SENTENCES = 3
# How far a possessive day may point back at the story's first incident ("There was no comment
# on Thursday's bombardment"): the possessive names the incident, so it may stand further on.
RETELL_POINTER_SENTENCES = 2 * RETELL_SENTENCES


def date_from_retelling(doc: Doc, drafts: list[Draft]) -> None:
    """The story's first incident, told without its day ("Jets struck a school in Atareb,
    killing nine"), takes the day the next few sentences give when they tell it again: a draft
    of its type (or a sentence naming its type) at its governorate, a back-reference ("the
    attack was carried out on Thursday", "Tuesday's strike"), or an attack told without a type
    of its own ("schools were targeted this morning", "gunmen mounted an assault on the district
    on Saturday"); or the day of the lead sentence before it when that sentence tells the killing
    with no incident type of its own ("nine fighters died in an operation on Monday. Artillery
    fire wrecked two trucks ..."). Not when its own sentence names no single day on purpose
    ("overnight", "on Saturday and Sunday", "over the past two days"), nor from a sentence set
    apart ("also", "another", "meanwhile"), nor a day of speaking, nor a day more than a week
    before publication (an earlier event recalled)."""
    violent = [d for d in drafts if d.type not in NON_VIOLENT]
    if not violent or violent[0].date is not None:
        return
    lead = violent[0]
    sents: list[Sentence] = doc._.sentences
    if names_no_day(doc, sents[lead.sent]):
        return
    loose = lead.loose
    found = None if loose else _lead_before(doc, drafts, lead)
    gov = lead.place.place.governorate if lead.place is not None else None
    for index in range(lead.sent + 1, min(len(sents), lead.sent + 1 + RETELL_POINTER_SENTENCES)):
        if found is not None:
            break
        if index > lead.sent + RETELL_SENTENCES:
            # further on, only a day pointing back with a possessive ("Thursday's bombardment"),
            # until another place's story begins
            if any(
                d.sent == index
                and d.place is not None
                and not same_area(d.place.place.governorate, gov)
                for d in violent
            ):
                break
            found = _possessive_day(doc, sents[index])
            continue
        own = [d for d in drafts if d.sent == index and d.type not in NON_VIOLENT]
        if gov is None:  # the lead named no place: where its retelling sets it is the story's
            gov = next((d.place.place.governorate for d in own if d.place is not None), None)
        if any(d.place is not None and not same_area(d.place.place.governorate, gov) for d in own):
            return  # the next story begins, at another place
        # how far back the nearest telling of the lead's type stands (the lead's or a later one)
        reach = index - max(
            d.sent for d in violent if d.type == lead.type and lead.sent <= d.sent < index
        )
        found = _retold_day(doc, index, lead, gov, own, reach)
        # a headline's incident told "overnight" in the lead under it is that night's
        loose = loose or any(d.loose and d.type == lead.type for d in own)
    if found is not None and loose and not _names_the_night(doc, found):
        return  # "the fighting went on on Saturday" tells the day after the night, not the night
    if found is None:
        return
    # "a woman was also among Wednesday's dead": the dead of every incident told up to there
    dead = _points_at_dead(doc, found)
    for d in violent:  # the lead's sentence may tell it twice (two types, one story)
        if d.date is not None:
            continue
        if not (d.sent == lead.sent and d.type == lead.type) and not (
            dead and not d.loose and _counted_before(doc, d, lead, found, gov)
        ):
            continue
        inherit_date(d, doc, found)


def _counted_before(doc: Doc, d: Draft, lead: Draft, day: DateMention, gov: str | None) -> bool:
    """``d`` is told from the lead's sentence on and before the day's own sentence, at the
    lead's area, in a sentence that sets nothing apart: its dead are among those counted."""
    sent: Sentence = doc._.sentences[d.sent]
    if d.sent < lead.sent or sent.end > day.start:
        return False
    if d.place is not None and not same_area(d.place.place.governorate, gov):
        return False
    return not detached(doc, sent)


def _points_at_dead(doc: Doc, day: DateMention) -> bool:
    """The day is a possessive on the dead ("Wednesday's dead", "Monday's toll")."""
    after = doc_text(doc)[day.end : day.end + 40].lower().split()
    return bool(after) and after[0].strip(".,;:'\"") in DEAD_NOUNS


# Words that make a day the night's own: "Friday night", "late on Friday", "Friday evening".
NIGHT_WORDS = words("night late evening")


def _names_the_night(doc: Doc, day: DateMention) -> bool:
    """An "overnight" incident's day told again: the night named by its day ("Friday night",
    "late on Friday") or the incident pointed at by a possessive ("Thursday's bombardment"),
    on the report's day or the one before (the night :func:`window_of` gives "overnight")."""
    anchor: dt.date | None = doc._.anchor
    if day.date is None or anchor is None or not 0 <= (anchor - day.date).days <= 1:
        return False
    said = day.text.lower().split()
    return bool(NIGHT_WORDS.intersection(said)) or possessive(said[-1])


def _lead_before(doc: Doc, drafts: list[Draft], lead: Draft) -> DateMention | None:
    """The day of the story's untyped lead: a sentence among the text's first, before the
    story's first incident and at most RETELL_SENTENCES before it, that tells a killing or an
    attack on one day with no incident of its own ("nine fighters died in an army operation on
    Monday" followed by "artillery fire wrecked two trucks ...": the lead tells the
    killing, a later sentence what did it), at the first incident's governorate when it names
    one. The nearest such sentence is taken. An attack noun tells the attack as a verb does
    ("The militants were eliminated by airstrikes on May 25" before "as a result of these
    strikes 120 were killed"): the sentence drafted no incident of its own, so what it tells
    is the story's."""
    gov = lead.place.place.governorate if lead.place is not None else None
    first = max(0, lead.sent - RETELL_SENTENCES)
    for index in range(min(lead.sent, ROUNDUP_LEAD_SENTENCES + 1) - 1, first - 1, -1):
        if any(d.sent == index for d in drafts):
            return None  # the sentence before tells an incident of its own
        placed = {p.place.governorate for p in doc._.places or () if p.sent == index}
        if gov is not None and placed and not any(same_area(gov, g) for g in placed):
            continue  # it tells of another place
        day = lead_day(doc, doc._.sentences[index], TELLING)
        if day is not None:
            return day
    return None


def _retold_day(
    doc: Doc, index: int, lead: Draft, gov: str | None, own: list[Draft], reach: int
) -> DateMention | None:
    """The day sentence `index` gives the lead incident when it retells it, else None.
    ``reach``: how many sentences back the nearest telling of the lead's type stands."""
    sent: Sentence = doc._.sentences[index]
    pointed_day = _possessive_day(doc, sent)
    if pointed_day is not None:
        return pointed_day  # "among Wednesday's dead", "Thursday's bombardment"
    day = stated_day(doc, sent)
    if day is None:
        return _own_day(doc, sent, lead, gov, own)
    # a sentence that names the lead's type retells it even when its draft took another type
    # ("shelling and air raids left 12 dead on Monday" after a headline's "bombardment")
    named = {t.type for t in doc._.triggers or () if t.sent == index}
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    pointed = any(
        w in ATTACK_NOUNS | DEATH_NOUNS and i > 0 and _points_back(lowers[max(0, i - 2) : i])
        for i, w in enumerate(lowers)
    )
    # a count of other dead told with its own day, not right after a telling and not pointing
    # back ("On Monday, air strikes on Douma had killed 21"), is another day's incident
    # (pointing back past one modifier too: "the air strikes", "these rocket attacks")
    other = reach > DAY_REACH and not (
        pointed
        or any(
            w in ATTACK_NOUNS and i > 1 and lowers[i - 2] in BACK_POINTERS
            for i, w in enumerate(lowers)
        )
    )
    same = [
        d
        for d in own
        if (d.type == lead.type or lead.type in named)
        and (gov is None or d.place is None or same_area(d.place.place.governorate, gov))
        and not (other and _other_count(lead, d))
    ]
    if own and not same:
        return None  # another kind of incident, or another day's count, told with its own day
    # a capture is retold by capture words, not attack words ("Militants seized an air base
    # ... The militants stormed the base on Sunday, capturing it"): a sentence naming the
    # lead's capture with no incident drafted of its own retells it
    # an attack named by a noun alone ("gunmen mounted an assault on Saturday") retells the
    # lead only right after it; further on it is as likely another attack
    telling = TELLING if index - lead.sent <= RETELL_NOUN_SENTENCES else ATTACK_VERBS
    if (
        same
        or pointed
        or (not own and lead.type == IncidentType.TERRITORY_TAKEN and lead.type in named)
        or (not own and attack_in_clause(doc, sent, day, telling, nouns_after=False))
    ):
        return day
    return None


# Nouns for an incident's dead: a weekday's dead are that day's incident's ("Wednesday's dead").
DEAD_NOUNS = words("dead victims toll casualties deaths death tragedy fatalities")
# Nouns for the dead themselves: pointed back at ("the deaths occurred on Thursday", "the
# fatalities were caused on Wednesday") they retell the lead's killing with its day; not "the
# toll", whose day is often that of a count ("the toll rose on Friday").
DEATH_NOUNS = words("victims casualties deaths fatalities")


def _possessive_day(doc: Doc, sent: Sentence) -> DateMention | None:
    """A day a sentence gives an incident by a possessive ("Thursday's bombardment", "a woman
    was also among Wednesday's dead"): the possessive points back at an incident told already,
    so "also" sets nothing apart here; at most RETELL_DAYS before publication, one such day."""
    text = doc_text(doc)
    anchor: dt.date | None = doc._.anchor
    found = []
    for d in doc._.dates or ():
        if not sent.start <= d.start < sent.end or d.kind != "weekday" or d.date is None:
            continue
        if not possessive(d.text.split()[-1].lower()):
            continue
        after = text[d.end : min(sent.end, d.end + 40)].lower().split()
        if not after or after[0].strip(".,;:'\"") not in ATTACK_NOUNS | DEAD_NOUNS:
            continue
        if anchor is None or 0 <= (anchor - d.date).days <= RETELL_DAYS:
            found.append(d)
    return found[0] if len({d.date for d in found}) == 1 else None


def _own_day(
    doc: Doc, sent: Sentence, lead: Draft, gov: str | None, own: list[Draft]
) -> DateMention | None:
    """ "The bombardment hit Jayrud on Saturday, where rebels had killed a pilot who ejected on
    Friday": a sentence with two days retells the lead when its own draft of the lead's type,
    at the lead's governorate, has a day of its own (the one nearest its trigger,
    :func:`~trucewatch.extract.incident_dates.choose_date`); not when the sentence sets itself
    apart, is "overnight" or tells a span, nor a day more than a week before publication."""
    stated = {
        m.date
        for m in doc._.dates or ()
        if sent.start <= m.start < sent.end and m.kind not in PERIOD_KINDS and m.date is not None
    }
    if len(stated) < 2:
        return None  # one day or none: :func:`stated_day` has read it
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    if APART.intersection(lowers) or loose_day(doc, sent) or names_no_day(doc, sent):
        return None
    anchor: dt.date | None = doc._.anchor
    days = {
        d.date.date: d.date
        for d in own
        if d.type == lead.type
        and d.date is not None
        and not d.inherited_date
        and d.place is not None
        and same_area(d.place.place.governorate, gov)
        and (anchor is None or 0 <= (anchor - d.date.date).days <= RETELL_DAYS)
    }
    return next(iter(days.values())) if len(days) == 1 else None


def _other_count(lead: Draft, d: Draft) -> bool:
    """ "Air strikes killed 30 people in Douma ... On Monday, air strikes on Douma had killed
    21": a telling of the lead's type with a count of its own that is not the lead's counts
    other dead, on its own day, not the lead told again; its day is not the lead's. An update
    ("the toll rose to 35 on Monday") or "dozens" is no count to compare."""
    h, n = lead.killed, d.killed
    if not h.known or not n.known or lead.updated or d.updated:
        return False
    if "killed" in lead.vague or "killed" in d.vague:
        return False
    return {h.low, h.best, h.high}.isdisjoint({n.low, n.best, n.high} - {None})


def _points_back(before: list[str]) -> bool:
    """The words before an attack noun point back at one told already: "the", "this",
    "Tuesday's" (two tokens) or "Tuesdays" (as FA-KES texts drop the apostrophe)."""
    last = before[-1]
    if last in BACK_POINTERS or possessive(last):
        return True
    return last in ("'s", "’s") and len(before) == 2 and before[0] in WEEKDAY_NAMES
