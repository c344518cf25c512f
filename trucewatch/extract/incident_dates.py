"""An incident's day: the date nearest its trigger in its sentence (not a day of speaking, not
"overnight"), or a roundup lead's day."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    REPORTING,
)
from trucewatch.extract.draft import Draft
from trucewatch.extract.spans import (
    Sentence,
    Trigger,
    doc_lowers,
    doc_text,
    sentence_of,
)
from trucewatch.model.dates import DateWindow, incident_window
from trucewatch.model.incident import (
    NON_VIOLENT,
    TimePrecision,
)

SPAN_WORDS = frozenset({"continued", "until", "through", "between", "began"})


DETACHED = frozenset({"also", "meanwhile", "elsewhere", "earlier", "separately", "previously"})


# Dates that name a period rather than a day are not an incident's date.
PERIOD_KINDS = frozenset({"span", "since", "dateline"})


LOOSE_DAY_WORDS = ("overnight", "last night", "tonight")


def choose_date(doc: Doc, sent: Sentence, trigger: Trigger) -> object | None:
    dates = [
        d
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end
        and d.kind not in PERIOD_KINDS
        and d.date is not None
        and int(d.precision) == int(TimePrecision.DAY)  # spans and "past two days" are no day
    ]
    # "said on Thursday": the day of the report, not of the incident
    dates = [d for d in dates if not _reporting_date(doc, d)]
    if loose_day(doc, sent):
        return None  # "overnight", "last night": which calendar day is unclear (GOLD-DEV.md)
    if not dates:
        return None
    # "began Saturday and continued Sunday": a span of days names no single day
    if len({d.date for d in dates}) > 1:
        span_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]} & SPAN_WORDS
        if span_words:
            return None
    return min(dates, key=lambda d: abs(d.start - trigger.start))


def loose_day(doc: Doc, sent: Sentence) -> bool:
    """ "overnight", "last night": the text does not say which calendar day."""
    text = doc_text(doc)[sent.start : sent.end].lower()
    return "overnight" in text or "last night" in text


def _reporting_date(doc: Doc, date: object) -> bool:
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    # the words before the date in its own sentence ("...the reports. On Monday" is no cue)
    floor = doc._.sentences[sentence_of(doc, span.start)].token_start
    before = doc[max(floor, span.start - 4) : span.start]
    words = [t.lower_ for t in before]
    # the verb right before the date, allowing "on" and a short subject ("told AFP on")
    return any(w in REPORTING for w in words[-3:]) and "killed" not in words


def inherit_lead_date(doc: Doc, drafts: list[Draft]) -> None:
    """A roundup lead's date covers the later items at the places it lists."""
    dated = [d for d in drafts if d.date is not None and d.type not in NON_VIOLENT]
    if not dated:
        return
    lead = dated[0]
    if lead.sent > 2:
        return
    lead_places = {
        p.place.governorate for p in doc._.places if p.sent == lead.sent and p.place.governorate
    }
    if "Damascus" in lead_places:
        lead_places.add("Rif Dimashq")  # "in Damascus and its countryside"
    sents = doc._.sentences
    for d in drafts:
        if d.date is not None or d.sent <= lead.sent or d.type in NON_VIOLENT:
            continue
        if d.place is None or d.place.place.governorate not in lead_places:
            continue
        words = {t.lower_ for t in doc[sents[d.sent].token_start : sents[d.sent].token_end]}
        if words & DETACHED or loose_day(doc, sents[d.sent]):
            continue
        d.date = lead.date
        d.inherited_date = True


def window_of(
    doc: Doc, day: dt.date | None, precision: TimePrecision | None, loose: bool
) -> DateWindow:
    """The incident's window (:func:`trucewatch.model.dates.incident_window`, the one rule): the
    day the text states; "overnight" / "last night": the two days ending on the report's day;
    no day stated: the week up to publication (or the inferred publication range)."""
    anchor: dt.date | None = doc._.anchor
    rng = doc._.anchor_range
    if day is None and loose and anchor is not None:
        return incident_window(None, stated_span=(anchor - dt.timedelta(days=1), anchor))
    return incident_window(
        day,
        precision=precision,
        published=anchor,
        published_earliest=rng[0] if rng else None,
        published_latest=rng[1] if rng else None,
    )
