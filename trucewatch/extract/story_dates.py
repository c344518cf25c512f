"""The days a story lends the incidents it tells without one: a roundup lead's day covers the
later items at the places it lists, an item at a place the dated lead named takes its day, and the
story's first incident, told without its day, takes the day its retelling states, what the story
"came a day after" takes the day before it, and an incident told "the same day" takes the day
told just before."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.dates import DateMention
from trucewatch.extract.draft import Draft, inherit_date, specificity
from trucewatch.extract.incident_dates import (
    CAMPAIGNS,
    DAYS_APART,
    DETACHED,
    SPEAKING,
    TELLING,
    days_after,
    loose_day,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.retold_dates import date_from_retelling
from trucewatch.extract.sentence_days import (
    ANOTHER,
    RETELL_SENTENCES,
    ROUNDUP_LEAD_SENTENCES,
    detached,
    lead_day,
    names_no_day,
)
from trucewatch.extract.spans import Sentence, Trigger, doc_lowers, doc_text
from trucewatch.model.incident import NON_VIOLENT


def inherit_lead_date(doc: Doc, drafts: list[Draft]) -> None:
    """A roundup lead's date covers the later items at the places it lists; the story's first
    incident, told without its day, takes the day its retelling states
    (:func:`date_from_retelling`); an item told at a place a dated sentence named takes that
    sentence's day (:func:`_named_place_date`)."""
    _roundup_lead_date(doc, drafts)
    date_from_retelling(doc, drafts)
    _came_after_date(doc, drafts)
    _named_place_date(doc, drafts)
    _same_day_date(doc, drafts)


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
        if detached(doc, own) and d not in summed:
            continue  # set apart ("also", "meanwhile"), unless a part the lead's toll sums
        if loose_day(doc, own) or names_no_day(doc, own):
            continue  # "overnight", or told over a span ("over the past two days")
        earlier = days_before(doc, sents[d.sent], d.trigger, day)
        if earlier is None and DAYS_APART.search(
            doc_text(doc), sents[d.sent].start, d.trigger.start
        ):
            continue  # "days after", "a week after": another day than the lead's
        # "the attack comes two days after jets hit a convoy": the earlier day
        inherit_date(d, doc, earlier if earlier is not None else day)


# Verbs that set the story beside what came before it ("This escalation came a day after ...",
# "The attack comes two days after ...").
CAME = words("came comes come")
CAME_GAP = 2  # words allowed between the verb and "N days after" ("came just a day after")
# Words between "N days after" and the incident that make the earlier day another thing's: a
# speech ("a day after UNICEF said 22 children had been killed") or a second "after".
SPOKEN_OR_AFTER = SPEAKING | words("after")


def _came_after_date(doc: Doc, drafts: list[Draft]) -> None:
    """ "Jets struck al-Waer on Sunday ... This escalation came a day after Daraya was
    evacuated": what the story "came N days after", told with no day of its own, lies N days
    before the story's day: that of the dated violent incident told last before it ("15 were
    killed on Wednesday ... The deaths come a day after ..." points back at Wednesday's)."""
    sents: list[Sentence] = doc._.sentences
    text = doc_text(doc)
    lowers = doc_lowers(doc)
    for d in drafts:
        if d.date is not None:
            continue
        told = [x for x in drafts if x.sent < d.sent and x.date is not None and x.type.violent]
        lead = max(told, key=lambda x: x.sent, default=None)
        if lead is None:
            continue
        sent = sents[d.sent]
        found = DAYS_APART.search(text, sent.start, d.trigger.start)
        if found is None or any(sent.start <= m.start < sent.end for m in doc._.dates or ()):
            continue  # no "N days after", or the sentence tells a day or a period of its own
        span = doc.char_span(sent.start, found.start(), alignment_mode="expand")
        if span is None or not CAME.intersection(lowers[span.end - CAME_GAP - 1 : span.end]):
            continue
        between = doc.char_span(found.end(), d.trigger.start, alignment_mode="expand")
        if between is None or SPOKEN_OR_AFTER.intersection(lowers[between.start : between.end]):
            continue  # "a day after UNICEF said ...", "after ... after relentless bombing"
        earlier = days_before(doc, sent, d.trigger, lead.date)
        if earlier is not None:
            inherit_date(d, doc, earlier)


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
        inherit_date(d, doc, lead.date)


# Phrases that date a sentence by the day just told ("A separate convoy reached Moadamiyeh the
# same day", "later that day, shells hit the market").
SAME_DAY = frozenset(
    {("the", "same", "day"), ("that", "same", "day"), ("later", "that", "day"),
     ("earlier", "that", "day")}
)  # fmt: skip
# "Hours later Russian forces hit the area": a span of hours from the incident just told
# keeps its day (within the ±1 day a day is matched to).
HOURS_LATER = frozenset(
    {("hours", "later"), ("minutes", "later"), ("hours", "after"), ("minutes", "after"),
     ("shortly", "afterwards"), ("moments", "later")}
)  # fmt: skip
SAME_DAY_REACH = 8  # sentences back from "the same day" to the incident whose day it means


def _hours_later(words_: list[str]) -> bool:
    """The sentence tells its incident "hours later" than the one before ("48 hours later" is
    days later, so a count of a day's hours or more is not)."""
    for k, pair in enumerate(pairwise(words_)):
        if pair not in HOURS_LATER:
            continue
        count = words_[k - 1] if k else ""
        if not (count.isdigit() and int(count) >= 24):
            return True
    return False


def _same_day_date(doc: Doc, drafts: list[Draft]) -> None:
    """An incident told with no day of its own "the same day" (or "later that day") takes
    the day of the nearest dated incident told before it, at most SAME_DAY_REACH sentences back
    (the day of an incident, not any day the text names between: "a convoy that tried on 12
    May was turned back" is no incident's day)."""
    lowers = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    for d in drafts:
        if d.date is not None:
            continue
        sent = sents[d.sent]
        words_ = lowers[sent.token_start : sent.token_end]
        same = any(tuple(words_[k : k + 3]) in SAME_DAY for k in range(len(words_) - 2))
        if not (same or _hours_later(words_)):
            continue
        earlier = [e for e in drafts if e.date is not None and d.sent - e.sent > 0]
        if not earlier:
            continue
        lead = max(earlier, key=lambda e: e.sent)
        if d.sent - lead.sent > SAME_DAY_REACH:
            continue
        inherit_date(d, doc, lead.date)


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
    if loose_day(doc, sent) or names_no_day(doc, sent):
        return False
    return not EARLIER_TIMES.intersection(doc_lowers(doc)[sent.token_start : sent.token_end])


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
        day = lead_day(doc, sents[index], TELLING | CAMPAIGNS)
        if day is not None:
            return index, day, None
    return None


def days_before(doc: Doc, sent: Sentence, trigger: Trigger, lead: object) -> object | None:
    """ "The attack on the hospital comes two days after jets hit a convoy": the convoy's day is
    the lead's day less two (:func:`~trucewatch.extract.incident_dates.days_after`); None when
    the sentence says no such thing before the trigger."""
    return days_after(doc_text(doc), sent.start, trigger.start, lead)
