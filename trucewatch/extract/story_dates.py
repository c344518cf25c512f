"""The days a story lends the incidents it tells without one: a roundup lead's day covers the
later items at the places it lists, an item at a place the dated lead named takes its day, and the
story's first incident, told without its day, takes the day its retelling states."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from trucewatch.extract.dates import DateMention
from trucewatch.extract.draft import Draft, mention, specificity
from trucewatch.extract.incident_dates import (
    APART,
    ATTACK_NOUNS,
    ATTACK_VERBS,
    CAMPAIGNS,
    CLAUSE_OPENERS,
    DAYS_APART,
    DETACHED,
    LOOSE_DAY_WORDS,
    PERIOD_KINDS,
    SPEAKING,
    TELLING,
    WEEKDAY_NAMES,
    days_after,
    loose_day,
    paired_days,
    possessive,
    speaking_day,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import Sentence, Trigger, doc_lowers, doc_text
from trucewatch.model.incident import NON_VIOLENT, TimePrecision

# "also" right before these words says where, not that another incident is told ("one in
# Harasta, both also in Eastern Ghouta")
LOCATIVE = words("in near at inside")
ANOTHER = words("another separate similar")
# Words a retelling points back with ("the attack", "this strike", "yesterday's raid").
BACK_POINTERS = words("the this that these those yesterday's today's")
# How many sentences after the story's first incident its retelling may come, and how many
# days before publication a retold day may lie (further back: an earlier event recalled).
RETELL_SENTENCES = 6
RETELL_NOUN_SENTENCES = 3
RETELL_DAYS = 7
# How far a possessive day may point back at the story's first incident ("There was no comment
# on Thursday's bombardment"): the possessive names the incident, so it may stand further on.
RETELL_POINTER_SENTENCES = 2 * RETELL_SENTENCES


def inherit_lead_date(doc: Doc, drafts: list[Draft]) -> None:
    """A roundup lead's date covers the later items at the places it lists; the story's first
    incident, told without its day, takes the day its retelling states
    (:func:`date_from_retelling`); an item told at a place a dated sentence named takes that
    sentence's day (:func:`_named_place_date`)."""
    _roundup_lead_date(doc, drafts)
    date_from_retelling(doc, drafts)
    _named_place_date(doc, drafts)


def _roundup_lead_date(doc: Doc, drafts: list[Draft]) -> None:
    found = _roundup_lead(doc, drafts)
    if found is None:
        return
    lead_sent, day, lead_places = found
    sents = doc._.sentences
    violent = [d for d in drafts if d.type not in NON_VIOLENT]
    summed = _summed_parts(doc, violent, lead_sent, lead_places)
    for d in violent:
        if d.date is not None:
            continue
        # a lead that names no place covers the headline's first incident above it too (the
        # roundup's summary); the headline's other towns are told again, each with its own words
        if d.sent <= lead_sent and (lead_places is not None or d is not violent[0]):
            continue
        governorate = d.place.place.governorate if d.place is not None else None
        if lead_places is not None and governorate not in lead_places:
            continue
        own = sents[d.sent]
        if _detached(doc, own) and d not in summed:
            continue  # set apart ("also", "meanwhile"), unless a part the lead's toll sums
        if loose_day(doc, own) or _names_no_day(doc, own):
            continue  # "overnight", or told over a span ("over the past two days")
        earlier = days_before(doc, sents[d.sent], d.trigger, day)
        if earlier is not None:
            d.date = earlier  # "the attack comes two days after jets hit a convoy"
        elif DAYS_APART.search(doc_text(doc), sents[d.sent].start, d.trigger.start):
            continue  # "days after", "a week after": another day than the lead's
        else:
            d.date = day
        d.evidence.append(mention("date", doc, d.date.start, d.date.end))
        d.inherited_date = True


def _dead(d: Draft) -> int | None:
    """A draft's dead as one number (best, else low), None when not told."""
    return d.killed.best if d.killed.best is not None else d.killed.low


def _summed_parts(
    doc: Doc, violent: list[Draft], lead_sent: int, lead_places: set[str] | None
) -> list[Draft]:
    """ "Eleven civilians were killed in attacks on Aleppo city on Friday. ... eight were
    killed by a shell on the park. ... terrorists also fired shells on al-Khaldiyeh killing
    three": the parts whose dead add up to the lead's are the lead's incidents, told one by one
    (GOLD-DEV-2.md's sums), so an "also" joining them sets none apart and each takes the lead's
    day. The parts: later drafts at the lead's places (or at none yet), each with fewer dead
    than the lead,
    told in sentences set apart by no word but "also" ("earlier five were killed" retells an
    earlier toll). Empty when they do not add up to the lead's dead."""
    lead = [d for d in violent if d.sent == lead_sent and d.date is not None]
    total = _dead(lead[0]) if lead else None
    if total is None:
        return []
    sents: list[Sentence] = doc._.sentences
    parts = [
        d
        for d in violent
        if d.sent > lead_sent
        and (_dead(d) or total) < total
        and (lead_places is None or d.place is None or d.place.place.governorate in lead_places)
        and not _apart_but_also(doc, sents[d.sent])
    ]
    return parts if len(parts) > 1 and sum(_dead(d) or 0 for d in parts) == total else []


def _apart_but_also(doc: Doc, sent: Sentence) -> bool:
    """The sentence holds a word setting its incident apart other than "also"."""
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    return bool((DETACHED - {"also"}).intersection(lowers) or ANOTHER.intersection(lowers))


def _detached(doc: Doc, sent: Sentence) -> bool:
    """The sentence sets its incident apart from the lead's ("also", "meanwhile", "earlier"),
    save an "also" that only places it ("five more were killed in X and one in Y, both also in
    the same region": GOLD-DEV.md's "also" links join a new happening, this one adds none), unless
    the sentence tells a new one anyway ("another shell in X, also in the region")."""
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    new = bool(ANOTHER.intersection(lowers))
    return any(
        w in DETACHED
        and (new or not (w == "also" and k + 1 < len(lowers) and lowers[k + 1] in LOCATIVE))
        for k, w in enumerate(lowers)
    )


# Words that send a sentence back before the story's day ("the town was previously shelled").
EARLIER_TIMES = words("previously last previous ago")


def _named_place_date(doc: Doc, drafts: list[Draft]) -> None:
    """ "Four were killed on Monday by shells on al-Hamadaniye and Salah-Eddin. A source said
    shells hit al-Hamadaniye, killing a girl": a sentence that tells, with no day of its own,
    an incident at a place the nearest earlier dated sentence of the same type named tells part
    of that dated incident, so it takes its day (GOLD-DEV.md: the day expression covers it).
    Only the day the sentence itself states counts (not one inherited), at most
    RETELL_SENTENCES back; not when the later sentence states another day, a span,
    "overnight", or sends itself back ("previously", "last week")."""
    own_dated = [d for d in drafts if d.date is not None and not d.inherited_date]
    sents: list[Sentence] = doc._.sentences
    for d in drafts:
        if d.date is not None or d.loose or d.place is None or d.type in NON_VIOLENT:
            continue
        if specificity(d.place.place) > 0:
            continue  # a city standing for the story, a region: named by every part of it
        earlier = [e for e in own_dated if e.type == d.type and e.sent < d.sent]
        if not earlier:
            continue
        lead = max(earlier, key=lambda e: e.sent)
        if d.sent - lead.sent > RETELL_SENTENCES:
            continue
        named = {p.place.name for p in doc._.places or () if p.sent == lead.sent}
        if d.place.place.name not in named or not _no_day_of_its_own(doc, sents[d.sent], lead):
            continue
        d.date, d.inherited_date = lead.date, True
        d.evidence.append(mention("date", doc, lead.date.start, lead.date.end))


def _no_day_of_its_own(doc: Doc, sent: Sentence, lead: Draft) -> bool:
    """The sentence states no day but the lead's ("earlier today" on the lead's day counts as
    none), no span, no "overnight", and no word sending it back before the story's day."""
    inside = [
        m
        for m in doc._.dates or ()
        if sent.start <= m.start < sent.end and m.kind not in ("dateline", "caption")
    ]
    if any(m.date != lead.date.date for m in inside):
        return False
    if loose_day(doc, sent) or _names_no_day(doc, sent):
        return False
    return not EARLIER_TIMES.intersection(doc_lowers(doc)[sent.token_start : sent.token_end])


# How far into the text a roundup's lead may stand (a headline and a dateline may come first).
ROUNDUP_LEAD_SENTENCES = 3


def _roundup_lead(doc: Doc, drafts: list[Draft]) -> tuple[int, DateMention, set[str] | None] | None:
    """The lead whose day covers a roundup's later items: (its sentence, its day, the
    governorates it covers, None for all). Either the first dated incident told in the first
    sentences, covering the governorates its sentence names; or, when the first sentences date
    none, a sentence among them that tells attacks or operations on one day and names no place
    ("armed groups on Monday attacked homes in several provinces", "the army pressed on with
    its operations nationwide on Friday"): it covers
    the items at every place, and the headline's (GOLD-DEV.md: a roundup lead covers all its
    items)."""
    dated = [d for d in drafts if d.date is not None and d.type not in NON_VIOLENT]
    if dated and dated[0].sent < ROUNDUP_LEAD_SENTENCES:
        lead = dated[0]
        lead_places = {
            p.place.governorate for p in doc._.places if p.sent == lead.sent and p.place.governorate
        }
        if "Damascus" in lead_places:
            lead_places.add("Rif Dimashq")  # "in Damascus and its countryside"
        return lead.sent, lead.date, lead_places
    sents: list[Sentence] = doc._.sentences
    placed = {p.sent for p in doc._.places or ()}
    for index in range(min(len(sents), ROUNDUP_LEAD_SENTENCES)):
        if index in placed:
            continue
        day = _lead_day(doc, sents[index], TELLING | CAMPAIGNS)
        if day is not None:
            return index, day, None
    return None


def _lead_day(doc: Doc, sent: Sentence, telling: frozenset[str]) -> DateMention | None:
    """The one day a sentence states for what it tells ("nine died ... on Monday", "on Friday
    attacked homes"), when a word of `telling` shares the day's clause (:func:`_stated_day`)."""
    day = _stated_day(doc, sent)
    return day if day is not None and _attack_in_clause(doc, sent, day, telling) else None


def days_before(doc: Doc, sent: Sentence, trigger: Trigger, lead: object) -> object | None:
    """ "The attack on the hospital comes two days after jets hit a convoy": the convoy's day is
    the lead's day less two (:func:`~trucewatch.extract.incident_dates.days_after`); None when
    the sentence says no such thing before the trigger."""
    return days_after(doc_text(doc), sent.start, trigger.start, lead)


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
    if _names_no_day(doc, sents[lead.sent]):
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
        found = _retold_day(doc, index, lead, gov, own)
        # a headline's incident told "overnight" in the lead under it is that night's
        loose = loose or any(d.loose and d.type == lead.type for d in own)
    if found is not None and loose and not _names_the_night(doc, found):
        return  # "the fighting went on on Saturday" tells the day after the night, not the night
    if found is not None:
        for d in violent:  # the lead's sentence may tell it twice (two types, one story)
            if d.sent == lead.sent and d.date is None and d.type == lead.type:
                d.date, d.inherited_date = found, True
                d.evidence.append(mention("date", doc, found.start, found.end))


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
    one. The nearest such sentence is taken."""
    gov = lead.place.place.governorate if lead.place is not None else None
    first = max(0, lead.sent - RETELL_SENTENCES)
    for index in range(min(lead.sent, ROUNDUP_LEAD_SENTENCES + 1) - 1, first - 1, -1):
        if any(d.sent == index for d in drafts):
            return None  # the sentence before tells an incident of its own
        placed = {p.place.governorate for p in doc._.places or () if p.sent == index}
        if gov is not None and placed and not any(same_area(gov, g) for g in placed):
            continue  # it tells of another place
        day = _lead_day(doc, doc._.sentences[index], ATTACK_VERBS)
        if day is not None:
            return day
    return None


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


def _stated_day(doc: Doc, sent: Sentence) -> DateMention | None:
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
    if APART.intersection(outside) or loose_day(doc, sent) or _names_no_day(doc, sent):
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
    ]
    if len({d.date for d in days}) != 1:
        return None  # no day, or two days: which one is meant is not said
    return days[0]


def _retold_day(
    doc: Doc, index: int, lead: Draft, gov: str | None, own: list[Draft]
) -> DateMention | None:
    """The day sentence `index` gives the lead incident when it retells it, else None."""
    sent: Sentence = doc._.sentences[index]
    pointed_day = _possessive_day(doc, sent)
    if pointed_day is not None:
        return pointed_day  # "among Wednesday's dead", "Thursday's bombardment"
    day = _stated_day(doc, sent)
    if day is None:
        return _own_day(doc, sent, lead, gov, own)
    # a sentence that names the lead's type retells it even when its draft took another type
    # ("shelling and air raids left 12 dead on Monday" after a headline's "bombardment")
    named = {t.type for t in doc._.triggers or () if t.sent == index}
    same = [
        d
        for d in own
        if (d.type == lead.type or lead.type in named)
        and (gov is None or d.place is None or same_area(d.place.place.governorate, gov))
    ]
    if own and not same:
        return None  # another kind of incident, told with its own day
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    pointed = any(
        w in ATTACK_NOUNS and i > 0 and _points_back(lowers[max(0, i - 2) : i])
        for i, w in enumerate(lowers)
    )
    # an attack named by a noun alone ("gunmen mounted an assault on Saturday") retells the
    # lead only right after it; further on it is as likely another attack
    telling = TELLING if index - lead.sent <= RETELL_NOUN_SENTENCES else ATTACK_VERBS
    if (
        same
        or pointed
        or (not own and _attack_in_clause(doc, sent, day, telling, nouns_after=False))
    ):
        return day
    return None


# Nouns for an incident's dead: a weekday's dead are that day's incident's ("Wednesday's dead").
DEAD_NOUNS = words("dead victims toll casualties deaths death tragedy")


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
        return None  # one day or none: :func:`_stated_day` has read it
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    if APART.intersection(lowers) or loose_day(doc, sent) or _names_no_day(doc, sent):
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


def _attack_in_clause(
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


def _points_back(before: list[str]) -> bool:
    """The words before an attack noun point back at one told already: "the", "this",
    "Tuesday's" (two tokens) or "Tuesdays" (as FA-KES texts drop the apostrophe)."""
    last = before[-1]
    if last in BACK_POINTERS or possessive(last):
        return True
    return last in ("'s", "’s") and len(before) == 2 and before[0] in WEEKDAY_NAMES


def _names_no_day(doc: Doc, sent: Sentence) -> bool:
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
