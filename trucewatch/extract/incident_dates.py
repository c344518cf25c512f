"""An incident's day as its own sentence states it: the date nearest its trigger (not a day of
speaking, not a photo caption, not "overnight" nor a pair of days); and its window of days. The
days a story lends its other incidents (a roundup lead's, a retelling's) are in
:mod:`trucewatch.extract.story_dates`."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    REPORTING,
)
from trucewatch.extract.date_tokens import NUMBER_WORDS
from trucewatch.extract.dates import DateMention
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import (
    Sentence,
    Trigger,
    doc_lowers,
    doc_starts,
    doc_text,
    sentence_of,
)
from trucewatch.model.dates import DateWindow, incident_window
from trucewatch.model.incident import (
    TimePrecision,
)

SPAN_WORDS = words("continued until through between began")
DETACHED = words("also meanwhile elsewhere earlier separately previously")
# Dates that name a period rather than a day, or the day of something else (the report's
# dateline, a photo caption), are not an incident's date.
PERIOD_KINDS = words("span since dateline caption")
LOOSE_DAY_WORDS = ("overnight", "last night", "tonight")
WEEKDAY_NAMES = words("monday tuesday wednesday thursday friday saturday sunday")

# Speech, and the statements that carry it ("a statement issued on Monday", "a notice
# published on Friday"): a day after these is the day of speaking.
SPEAKING = REPORTING  # includes "published" and "issued"
# ... and speech told by its participle ("cited the ministry as saying on Thursday")
SPEAKING |= words("saying telling stating announcing claiming")
THAT = words("that")  # "said that on Monday ...": what follows is what was said
# Words that tell the incident's dead: a speech verb after them is about the incident's day.
CASUALTY_VERBS = words("killed killing wounded injured died dead")
# Verbs that tell an attack or its dead without naming its kind ("schools were targeted ...").
ATTACK_VERBS = CASUALTY_VERBS | words("targeted fired struck hit shelled bombed dropped pounded")
ATTACK_VERBS |= words("carried")  # "the attack was carried out"
# "the crime his forces committed at dawn today", "a massacre committed on Monday"
ATTACK_VERBS |= words("committed perpetrated")
# Nouns a retelling points back with ("the attack", "Tuesday's strike").
ATTACK_NOUNS = words(
    """attack attacks strike strikes raid raids bombing bombings blast explosion massacre
    shelling assault bombardment airstrike airstrikes incident"""
)
# Words that tell the incident itself: a speech verb after them reports the incident's day.
TELLING = ATTACK_VERBS | ATTACK_NOUNS
# Words that set a sentence's incident apart from the story's ("another strike", "a similar
# raid"); "in relevant developments", "in the same context" open a roundup's next item.
APART = DETACHED | words("another separate similar other last previous development developments")
APART |= words("context")
# Words that open another clause: a day after them may belong to something else ("the road
# which forces cut on Thursday").
CLAUSE_OPENERS = words("which that who whom where when after before since while as")

# A campaign and the words that date its first day.
CAMPAIGNS = words(
    "offensive offensives campaign operation operations battle push drive assault siege"
)
BEGAN = words("began begun started launched")
# How many words before "began" the campaign's noun may stand ("the offensive against Tabqa
# having started on March 21": the noun, its object and "having").
CAMPAIGN_REACH = 5

# "it is claimed", "are reported": speech in the present, so not on the day told before it.
PRESENT_BE = words("is are am")

# How far after a date its speech verb may come ("On Tuesday the Syrian opposition said ..."),
# and how far before it ("told the SANA reporter on Monday").
SPEAKER_SPAN = 6
SPEAKER_BEFORE = 5


def choose_date(doc: Doc, sent: Sentence, trigger: Trigger) -> object | None:
    """The day the trigger's sentence states for its incident: the date nearest the trigger,
    not a day of speaking, a caption, a span or a pair of days; None in an "overnight" one."""
    dates = [
        d
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end
        and d.kind not in PERIOD_KINDS
        and d.date is not None
        and int(d.precision) == int(TimePrecision.DAY)  # spans and "past two days" are no day
    ]
    # "said on Thursday", "on Thursday announced": the day of speaking, not of the incident;
    # "an offensive that began on June 3": the first day of a campaign, not of this incident
    dates = [d for d in dates if not speaking_day(doc, d, trigger) and not _campaign_start(doc, d)]
    # "raids hit Urum al-Kubra, where an attack on a convoy took place on 19 September": the
    # day of the other attack the relative clause tells
    dates = [d for d in dates if not another_attack_before(doc, trigger.end, d)]
    if loose_day(doc, sent):
        return None  # "overnight", "last night": which calendar day is unclear (GOLD-DEV.md)
    if not dates:
        return None
    if _own_period(doc, sent, trigger, dates):
        return None  # "liberated from ISIS this week": its own time is a week, not a day
    # "began Saturday and continued Sunday": a span of days names no single day
    if len({d.date for d in dates}) > 1:
        if paired_days(doc, dates):
            return None  # "on Saturday and Sunday": one wave over two days (GOLD-DEV.md)
        if _spanned(doc, dates):
            return None
    best = min(dates, key=lambda d: abs(d.start - trigger.start))
    if best.end <= trigger.start:
        # "rockets hit the school on Thursday, a day after jets struck a hospital": the strike
        # told after "a day after" is the day before the sentence's day
        earlier = days_after(doc_text(doc), best.end, trigger.start, best)
        if earlier is not None:
            return earlier
    return best


# Words opening a relative clause about a place or thing named just before ("where", "which").
RELATIVES = words("where which whom")
INDEFINITE = words("a an another")
CLAUSE_HEAD = 3  # words of a relative clause read for its own attack ("a deadly attack")


def another_attack_before(doc: Doc, start: int, date: object) -> bool:
    """A date after ``start`` (a trigger's end, or its sentence's start), in a relative clause
    that tells another attack of its own ("... where a deadly attack on an aid convoy took place
    on 19 September": "where", then an indefinite attack noun), is that attack's day, not the
    day of what was told before the clause."""
    if date.start <= start:
        return False
    between = doc_text(doc)[start : date.start].lower().split()
    opened = [k for k, w in enumerate(between) if w in RELATIVES]
    if not opened:
        return False
    # the clause opens with the attack ("where a deadly attack ..."), not with words of its own
    # before the main clause resumes ("Nusra, the latter of which is ..., mounted an attack")
    rest = between[opened[-1] + 1 :][:CLAUSE_HEAD]
    return bool(rest) and rest[0] in INDEFINITE and bool(ATTACK_NOUNS.intersection(rest))


# "comes two days after", "a day after": the event after these words is that many days before
# the one the sentence opens with.
DAYS_APART = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|\d|several|few|days|weeks?)\s*(?:days?\s+)?"
    r"(?:after|before)\b",
    re.IGNORECASE,
)


def days_after(text: str, start: int, end: int, day: object) -> DateMention | None:
    """ "... on Thursday, two days after jets hit a convoy": the happening told after "N days
    after" (searched between ``start`` and ``end``) lies N days before ``day``, returned as a
    date mention over "two days after"; None when no such words stand there, or the count is
    no exact number of days ("a few days after", "a week before")."""
    found = DAYS_APART.search(text, start, end)
    if found is None or day.date is None:
        return None
    n = found.group("n").lower()
    # "a few days after" counts no exact number of days
    count = int(n) if n.isdigit() else None if n in ("few", "several") else NUMBER_WORDS.get(n)
    phrase = found.group(0).lower()
    if count is None or "day" not in phrase or not phrase.endswith("after"):
        return None
    return DateMention(
        found.start(),
        found.end(),
        found.group(0),
        day.date - dt.timedelta(days=count),
        None,
        None,
        TimePrecision.DAY,
        "relative",
    )


# How far after its trigger a week or a month may stand to be the trigger's own time.
OWN_PERIOD_CHARS = 40
UP_TO_NOW = words("past last")


def _own_period(doc: Doc, sent: Sentence, trigger: Trigger, days: list) -> bool:
    """The trigger is followed at once by a time coarser than a day ("liberated this week",
    "captured earlier this month"), nearer than any day of the sentence: that period, not
    another clause's day ("On Sunday forces shelled areas near X, liberated this week"), is its
    time. A wave up to now ("in the past four days", "in the last 24 hours") is left out: the
    sentence may still name its latest day, and its undated drafts would merge apart days."""
    periods = [
        d
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end
        and d.start >= trigger.end
        and d.kind not in ("dateline", "caption", "time")
        and int(d.precision) != int(TimePrecision.DAY)
        # "in the past four days": a wave up to now, whose last day a sentence may still name
        and not UP_TO_NOW.intersection(d.text.lower().split())
    ]
    if not periods:
        return False
    period = min(periods, key=lambda d: d.start)
    gap = period.start - trigger.end
    if gap > OWN_PERIOD_CHARS or any(
        t in CLAUSE_OPENERS for t in doc_text(doc)[trigger.end : period.start].lower().split()
    ):
        return False
    return all(abs(d.start - trigger.start) > gap for d in days)


def _campaign_start(doc: Doc, date: object) -> bool:
    """ "an offensive that began on June 3", "the campaign launched Tuesday": the day a campaign
    began, which is no day of the fighting told now."""
    before = doc_text(doc)[max(0, date.start - 64) : date.start].lower().split()
    began = [k for k, w in enumerate(before) if w in BEGAN and k >= len(before) - 2]
    if not began:
        return False
    return bool(CAMPAIGNS.intersection(before[max(0, began[0] - CAMPAIGN_REACH) : began[0]]))


def _spanned(doc: Doc, dates: list) -> bool:
    """ "began Saturday and continued Sunday", "until Monday": a span word between the days or
    just before one ("tore through a convoy" is no span)."""
    text = doc_text(doc)
    first, last = min(d.start for d in dates), max(d.end for d in dates)
    words = text[first:last].lower().split()
    for d in dates:
        words += text[max(0, d.start - 12) : d.start].lower().split()[-2:]
    return bool(SPAN_WORDS.intersection(words))


def paired_days(doc: Doc, dates: list) -> bool:
    """Two days told as one pair ("on Saturday and Sunday"; "on 3 and 4 March" is one mention)."""
    text = doc_text(doc)
    return any(
        a.date != b.date and text[a.end : b.start].strip().lower() in ("and", "or", "&")
        for a, b in pairwise(dates)
    )


def loose_day(doc: Doc, sent: Sentence) -> bool:
    """ "overnight", "last night": the text does not say which calendar day."""
    text = doc_text(doc)[sent.start : sent.end].lower()
    return "overnight" in text or "last night" in text


def speaking_day(doc: Doc, date: object, trigger: Trigger | None = None) -> bool:
    """Whether a date is the day someone spoke rather than the day of the incident: a speech verb
    just before it ("a monitor said on Thursday", "told SANA reporter on Monday"), right after it
    ("on Saturday announced"), or after it and its speaker when nothing of the incident is told
    before the verb ("On Tuesday the opposition stated that 80 people were killed"; but "strikes
    killed 16 on Sunday, a monitor said" is Sunday's killing)."""
    if possessive(date.text.lower()):
        return False  # "Sunday's attack": the day of the attack, whoever tells it
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    sent = doc._.sentences[sentence_of(doc, span.start)]
    # the words before the date in its own sentence ("...the reports. On Monday" is no cue)
    lowers = doc_lowers(doc)
    before = lowers[sent.token_start : span.start]
    # the verb right before the date, allowing "on" and a short subject ("told AFP on")
    near = before[-SPEAKER_BEFORE:]
    spoke = [k for k, w in enumerate(near) if w in SPEAKING]
    # "medics said warplanes struck the town early on Tuesday": the day of the strike; "reports
    # that on Saturday jets carried out strikes": the day opens the clause the speech reports
    if spoke and not (TELLING | THAT).intersection(near[spoke[-1] + 1 :]):
        return True
    told_before = bool(TELLING.intersection(before)) or (
        trigger is not None and trigger.start < date.start
    )
    for k, i in enumerate(range(span.end, min(sent.token_end, span.end + SPEAKER_SPAN))):
        word = lowers[i]
        if word in REPORTING and word != "according":
            if lowers[i - 1] in PRESENT_BE:
                # "On Sunday it is claimed a helicopter struck ...": speech told in the present
                # is not Sunday's; the day is what it tells
                return False
            # "on Thursday according to local sources" dates the incident, not a speech;
            # "on Saturday announced": the verb follows at once; further on ("On Tuesday the SDF
            # said jets had killed ..."), only when the incident is told after the verb
            return k == 0 or not told_before
        if word in CASUALTY_VERBS or (trigger is not None and doc_starts(doc)[i] >= trigger.start):
            return False  # the incident is told before any speech verb
    return False


def possessive(word: str) -> bool:
    """ "sunday's", "sundays" (FA-KES texts drop the apostrophe): a day's something."""
    return word not in WEEKDAY_NAMES and word.rstrip("s").rstrip("'’") in WEEKDAY_NAMES


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
