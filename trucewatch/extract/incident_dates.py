"""An incident's day: the date nearest its trigger in its sentence (not a day of speaking, not
"overnight"), or a roundup lead's day."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

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


# Dates that name a period rather than a day, or the day of something else (the report's
# dateline, a photo caption), are not an incident's date.
PERIOD_KINDS = frozenset({"span", "since", "dateline", "caption"})


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
    # "said on Thursday", "on Thursday announced": the day of speaking, not of the incident
    dates = [d for d in dates if not speaking_day(doc, d, trigger)]
    if loose_day(doc, sent):
        return None  # "overnight", "last night": which calendar day is unclear (GOLD-DEV.md)
    if not dates:
        return None
    # "began Saturday and continued Sunday": a span of days names no single day
    if len({d.date for d in dates}) > 1:
        if _paired(doc, dates):
            return None  # "on Saturday and Sunday": one wave over two days (GOLD-DEV.md)
        span_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]} & SPAN_WORDS
        if span_words:
            return None
    return min(dates, key=lambda d: abs(d.start - trigger.start))


def _paired(doc: Doc, dates: list) -> bool:
    """Two days told as one pair ("on Saturday and Sunday", "on 3 and 4 March" is one mention)."""
    text = doc_text(doc)
    return any(
        a.date != b.date and text[a.end : b.start].strip().lower() in ("and", "or", "&")
        for a, b in pairwise(dates)
    )


def loose_day(doc: Doc, sent: Sentence) -> bool:
    """ "overnight", "last night": the text does not say which calendar day."""
    text = doc_text(doc)[sent.start : sent.end].lower()
    return "overnight" in text or "last night" in text


# Words that tell the incident itself: a speech verb after them is about the incident's day.
CASUALTY_VERBS = frozenset({"killed", "killing", "wounded", "injured", "died", "dead"})

# How far after a date its speech verb may come ("On Tuesday the Syrian opposition said ...").
SPEAKER_SPAN = 6


def speaking_day(doc: Doc, date: object, trigger: Trigger | None = None) -> bool:
    """Whether a date is the day someone spoke rather than the day of the incident: a speech verb
    just before it ("a monitor said on Thursday", "told AFP on Monday"), right after it ("on
    Saturday announced"), or after it and its speaker with the incident told after the verb ("On
    Tuesday the opposition stated that 80 people were killed")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    sent = doc._.sentences[sentence_of(doc, span.start)]
    # the words before the date in its own sentence ("...the reports. On Monday" is no cue)
    words = [t.lower_ for t in doc[max(sent.token_start, span.start - 4) : span.start]]
    # the verb right before the date, allowing "on" and a short subject ("told AFP on")
    if any(w in REPORTING for w in words[-3:]) and "killed" not in words:
        return True
    after = doc[span.end : min(sent.token_end, span.end + SPEAKER_SPAN)]
    for k, tok in enumerate(after):
        told = trigger is not None and tok.idx >= trigger.start
        if told or tok.lower_ in CASUALTY_VERBS:
            return False  # the incident is told before any speech verb
        if tok.lower_ in REPORTING:
            # "on Saturday announced": the verb follows at once; further on, only when the
            # incident is told after the verb ("On Tuesday the SDF said jets had killed ...")
            return k == 0 or trigger is None or trigger.start >= tok.idx + len(tok)
    return False


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
