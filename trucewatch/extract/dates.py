"""Date and time expressions in report text, resolved against the report's publication date.

One compiled pattern scans the raw text (so character offsets stay exact), small rules then join
neighbouring pieces ("Thursday" + "March 10", "Thursday" + "at 22:00 GMT", "from X to Y",
"since X") and resolve each piece against an *anchor*: the publication date when it is known, or
an inferred range (earliest, latest). With a range, a value is kept only when it is the same at
both ends; otherwise the mention carries the range with a coarser precision. dateparser is not
used: it is slow and gets weekday and year-less dates wrong for news text.

Conventions (from the dev-gold notes, GOLD-DEV.md):
- a weekday means the latest such day on or before the anchor (the anchor's own weekday is the
  anchor day); after a future cue ("will begin on Thursday", "starting Tuesday") it means the
  next such day on or after the anchor;
- a date without a year takes the anchor's year, unless its month lies more than three months
  after the anchor's month (then the previous year) or nine or more months before it (then the
  next year), so "December 29" read in January is last December;
- "overnight" and "last night" are ambiguous about the calendar day: the span anchor-1..anchor
  (precision 2); "Monday night" is Monday;
- "since X" gives X as `date` and the anchor as `end_date`; "starting X", "from X", "as of X"
  give kind "start"; "from X to Y" and "between X and Y" give kind "span";
- "midnight" joined to a day means the end of that day (00:00 of the next day, local time), as
  news usage has it ("the truce took effect at midnight on Friday"); "00:00 on 27 February" is
  the start of 27 February.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from zoneinfo import ZoneInfo

from trucewatch.model.incident import TimePrecision

__all__ = [
    "DateMention",
    "find_dateline",
    "find_dates",
    "infer_publication_range",
]

DAY, WEEK, MONTH = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH
UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time expression found in a text, resolved where the anchor allows.

    `date` is the resolved day (the first day when the expression is a span or a month),
    `end_date` the last day of a span (None for a single day), `time_utc` a tz-aware UTC time
    when a time of day is given and its day is resolved. `clock` and `zone` keep a stated time
    of day even when its day is unknown. `note` explains doubts (e.g. a weekday that does not
    match the date it stands beside).
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    end_date: dt.date | None
    time_utc: dt.datetime | None
    precision: TimePrecision
    kind: str  # absolute | weekday | relative | span | time | since | start | dateline
    clock: dt.time | None = None
    zone: str | None = None  # "UTC" or an IANA zone name
    note: str = ""


# --------------------------------------------------------------------------------------------
# Vocabulary

_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:tember|t)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Months are case-sensitive (Title or UPPER) so that "may" and "march" as words never match.
_MON = "(?:" + _MONTH_NAMES + "|" + _MONTH_NAMES.upper() + ")"
_MONTH_NUM = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD_FULL = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Abbreviated weekdays ("Sat", "Sun", "Wed") are ordinary words; accepted only before a date.
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN)"
_WD_NUM = {name[:3]: i for i, name in enumerate(_WEEKDAYS)}

_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_NUMWORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple of": 2,
    "few": 3,
    "several": 5,
}
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUMWORDS, key=len, reverse=True)) + ")"

_ZONE = (
    r"(?:(?:GMT|UTC)(?:[+-]\d{1,2}(?![\d:]))?|Z(?![a-z])"
    r"|(?i:(?:Damascus|local|Syrian?|Moscow|Beirut|Ankara|Turkish|Istanbul|Washington|Geneva)"
    r"\s+time))"
)
_ZONE_TZ = {
    "gmt": "UTC",
    "utc": "UTC",
    "z": "UTC",
    "moscow": "Europe/Moscow",
    "beirut": "Asia/Beirut",
    "ankara": "Europe/Istanbul",
    "turkish": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul",
    "washington": "America/New_York",
    "geneva": "Europe/Zurich",
}
_AMPM = r"(?i:[ap]\.?m\b\.?)"
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")

# --------------------------------------------------------------------------------------------
# The master pattern: one alternative per shape, tried in this order at each position.

_PATTERN = re.compile(
    "|".join(
        (
            # 2016-02-27 ; 27/02/2016, 27.02.2016, 27-02-2016 (day first, as in Syrian usage)
            rf"(?<![\d.])(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)",
            rf"(?<![\d.,/:-])(?P<nd>\d{{1,2}})(?P<sep>[./-])(?P<nm>\d{{1,2}})(?P=sep)"
            rf"(?P<ny>{_YEAR})(?!\d)",
            # 27 February 2016, 10-12 March, 27th of Feb.
            rf"(?<![\d.,:/])(?P<dd>{_DAYNUM})(?:st|nd|rd|th)?"
            rf"(?:\s*(?:-|–|to|and)\s*(?P<dd2>{_DAYNUM})(?:st|nd|rd|th)?)?"
            rf"\s+(?:of\s+)?(?P<dm>{_MON})\b\.?(?:,?\s*(?P<dy>{_YEAR})(?!\d))?",
            # February 27, 2016 ; Feb. 27 ; Aug 012016 (punctuation stripped) ; March 10-12
            rf"(?P<mm>{_MON})\b\.?\s*(?:(?P<mdg>0[1-9]|[12]\d|3[01])(?P<myg>{_YEAR})(?!\d)"
            rf"|(?P<md>{_DAYNUM})(?!\d)(?:st|nd|rd|th)?\b"
            rf"(?:\s*(?:-|–)\s*(?P<md2>{_DAYNUM})(?!\d))?(?:,?\s*(?P<my>{_YEAR})(?!\d))?)",
            # (early|late) March 2016
            rf"(?:(?P<yq>(?i:early|mid|late))[\s-]+)?(?P<ym>{_MON})\b\.?,?\s+(?P<yy>{_YEAR})(?!\d)",
            # times: 22:00 GMT, 22.00 GMT, 6:00 pm, 600 pm, 2200 GMT, noon, midnight
            rf"(?<![\d:.,])(?P<th>[01]?\d|2[0-3])(?::|\.(?=\d\d\s*(?:{_ZONE}|{_AMPM}|hrs|hours)))"
            rf"(?P<tm>[0-5]\d)(?![\d:])(?:\s*(?P<tap>{_AMPM}))?"
            rf"(?:\s*(?:hrs|hours)\b)?(?:\s*\(?\s*(?P<tz>{_ZONE})(?:\s*\))?)?",
            rf"(?<![\d:.,])(?P<th2>1[0-2]|0?[1-9])(?P<tm2>[0-5]\d)?\s*(?P<tap2>{_AMPM})"
            rf"(?:\s*\(?\s*(?P<tz2>{_ZONE})(?:\s*\))?)?",
            rf"(?<![\d:.,])(?P<th3>[01]\d|2[0-3])(?P<tm3>[0-5]\d)\s*(?:(?:hrs|hours)\b\s*)?"
            rf"\(?(?P<tz3>{_ZONE})\)?",
            r"\b(?P<tw>(?i:noon|midday|midnight))\b(?:\s*\(?\s*(?P<tz4>" + _ZONE + r")(?:\s*\))?)?",
            # weekdays: Tuesday, late on Monday, last Friday, Friday's, Monday night
            rf"(?:(?P<wmod>(?i:last|next|this|earlier|later))\s+"
            rf"|(?P<wmod2>(?i:early|late))\s+(?:(?i:on)\s+)?)?"
            rf"(?P<wd>{_WD_FULL})(?:'s|’s|s)?\b"
            rf"(?:\s+(?P<wpart>(?i:morning|afternoon|evening|night)))?",
            rf"(?P<wda>{_WD_ABBR})\b\.?(?=,?\s+(?:\d|{_MON}))",
            # relative days
            r"(?P<rday>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
            r"|yesterday|today|tomorrow|tonight))\b",
            r"(?P<rpart>(?i:this\s+(?:morning|afternoon|evening)|last\s+night|overnight"
            r"|(?:earlier|later)\s+today))\b",
            rf"(?P<rago>(?P<ran>(?i:{_NUM}))\s+(?P<rau>(?i:hours?|days?|weeks?|months?))"
            r"\s+(?i:ago|earlier)\b)",
            rf"(?P<rpast>(?i:(?:(?:over|in|during|within|for)\s+)?the\s+(?:past|last|previous)"
            rf"\s+(?:(?P<rpn>{_NUM})\s+)?(?P<rpu>hours?|days?|weeks?|months?)))\b",
            r"(?P<rper>(?:(?P<rpq>(?i:earlier|later|late|early))\s+)?"
            r"(?P<rpm>(?i:last|this|next|coming))\s+(?P<rpu2>(?i:week|month|weekend)))\b",
            # a month alone ("in March"); kept only after a cue word, checked in code
            rf"(?P<mo>{_MON})\b(?!\.?\s*\d)",
        )
    )
)

# Python's re tries every alternative at every position, which is slow on long texts. This cheap
# scan finds the word starts where some alternative could begin; the full pattern is then
# matched only there (5-10 times faster, same results).
_MONTH_PREFIXES = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_TRIGGER = re.compile(
    r"(?=\w)\b(?:\d"
    rf"|{_MONTH_PREFIXES}|{_MONTH_PREFIXES.upper()}"
    r"|Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN"
    r"|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|yesterday|today|tomorrow|tonight|noon|midday|midnight|overnight"
    r"|last|next|this|coming|early|late|earlier|later|mid"
    r"|the\s+(?:day|past|last|previous)|(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)"
    rf"|(?:{_NUM})\s+(?:hour|day|week|month)s?\s+(?:ago|earlier)))"
)


def _matches(text: str) -> list[re.Match[str]]:
    """Non-overlapping matches of the master pattern, left to right (as finditer would)."""
    out: list[re.Match[str]] = []
    pos = 0
    match = _PATTERN.match
    for hit in _TRIGGER.finditer(text):
        start = hit.start()
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


# Words that, just before an expression, change its meaning.
_PREFIX = re.compile(
    r"(?P<word>(?i:since|from|starting|beginning|as\s+of|as\s+from|effective|between))"
    r"(?:\s+(?i:on|the))?\s+$"
)
_MONTH_CUE = re.compile(
    r"(?i:\b(?:in|since|during|until|till|by|from|of|early|mid|late|last|next|this|before|after"
    r"|through|throughout|between|and))[\s-]+$"
)
_YEAR_SUFFIX = re.compile(r",?\s+(?:of\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year)\b")
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|shall|would|due\s+to|scheduled|expected\s+to|set\s+to|planned|plans?\s+to"
    r"|going\s+to|is\s+to|are\s+to|to\s+(?:begin|start|resume|take\s+effect|come\s+into|be\s+held"
    r"|hold|meet|convene|open)|starting|beginning|as\s+of|effective|next)\b)"
)
_FUTURE_WINDOW = 48  # characters looked at before a weekday for a future cue...
_FUTURE_WORDS = 5  # ...of which only the last few words count
_GAP_JOIN = re.compile(
    r"[\s,()]*(?:(?i:at|on|around|about|approximately|roughly|nearly|of|by|from|the)[\s,()]+)*$"
)
_GAP_SPAN = re.compile(r"\s*(?:-|–|(?i:to|until|till|through|and))\s*$")


# --------------------------------------------------------------------------------------------
# Tokens: what the pattern matched, before resolution


@dataclass(slots=True)
class _Tok:
    kind: str  # abs | month | wd | rday | rpart | rago | rpast | rper | time | mo
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None  # last day of "10-12 March"
    weekday: int | None = None
    mod: str = ""  # last/next/this/early/late..., or the relative word
    num: int = 0
    unit: str = ""
    year_rel: int | None = None  # -1 "last year", 0 "this year", +1 "next year"
    clock: dt.time | None = None
    zone: str | None = None
    midnight: bool = False
    future: bool = False
    prefix: str = ""  # since / from / starting ...
    abbr_weekday: bool = False
    possessive: bool = False  # "Tuesday's attack": never a start, never future
    core: int = -1  # start of the date itself, before a prefix word ("since", "starting")
    other: _Tok | None = None  # the end of a span, or the time joined to a day


def _month(name: str) -> int:
    return _MONTH_NUM[name[:3].lower()]


def _num(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMWORDS[word]


def _clock(hour: int, minute: int, ampm: str | None) -> dt.time | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return dt.time(hour, minute)


def _zone_name(zone: str | None, default_tz: str) -> str | None:
    if not zone:
        return None
    offset = re.fullmatch(r"(?:GMT|UTC)([+-])(\d{1,2})", zone)
    if offset:  # "UTC+3": IANA's Etc zones count the other way round
        hours = int(offset.group(2))
        return "UTC" if hours == 0 else f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}"
    key = zone.split()[0].lower().strip("()")
    return _ZONE_TZ.get(key, default_tz)


def _tokens(text: str, tz: str) -> list[_Tok]:
    """Scan `text` once and turn each match into a token (no anchor needed yet)."""
    toks: list[_Tok] = []
    for m in _matches(text):
        g = m.group
        kind = m.lastgroup  # name of the last closed group: identifies most alternatives
        s, e = m.span()
        if g("iy"):
            toks.append(_Tok("abs", s, e, int(g("iy")), int(g("im")), int(g("id"))))
        elif g("ny"):
            a, b = int(g("nd")), int(g("nm"))
            day, month = (b, a) if b > 12 >= a else (a, b)  # 02/27/2016 is month-first
            toks.append(_Tok("abs", s, e, int(g("ny")), month, day))
        elif g("dm"):
            day2 = int(g("dd2")) if g("dd2") else None
            year = int(g("dy")) if g("dy") else None
            toks.append(_Tok("abs", s, e, year, _month(g("dm")), int(g("dd")), day2))
        elif g("mm"):
            if g("mdg"):
                tok = _Tok("abs", s, e, int(g("myg")), _month(g("mm")), int(g("mdg")))
            else:
                year = int(g("my")) if g("my") else None
                day2 = int(g("md2")) if g("md2") else None
                tok = _Tok("abs", s, e, year, _month(g("mm")), int(g("md")), day2)
            toks.append(tok)
        elif g("ym"):
            toks.append(_Tok("month", s, e, int(g("yy")), _month(g("ym")), mod=g("yq") or ""))
        elif g("th") is not None or g("th2") is not None or g("th3") is not None:
            if g("th") is not None:
                hour, minute, ampm, zone = int(g("th")), int(g("tm")), g("tap"), g("tz")
            elif g("th2") is not None:
                hour, minute = int(g("th2")), int(g("tm2") or 0)
                ampm, zone = g("tap2"), g("tz2")
            else:
                hour, minute, ampm, zone = int(g("th3")), int(g("tm3")), None, g("tz3")
            clock = _clock(hour, minute, ampm)
            if clock is not None:
                toks.append(_Tok("time", s, e, clock=clock, zone=_zone_name(zone, tz) or tz))
        elif g("tw"):
            word = g("tw").lower()
            clock = dt.time(12) if word in ("noon", "midday") else dt.time(0)
            zone = _zone_name(g("tz4"), tz) or tz
            toks.append(_Tok("time", s, e, clock=clock, zone=zone, midnight=word == "midnight"))
        elif g("wd"):
            tok = _Tok("wd", s, e, weekday=_WD_NUM[g("wd")[:3].lower()])
            tok.mod = (g("wmod") or g("wmod2") or "").lower()
            tok.possessive = text[m.end("wd") : m.end("wd") + 1] in ("s", "'", "’")
            toks.append(tok)
        elif g("wda"):
            wd = _WD_NUM[g("wda")[:3].lower()]
            toks.append(_Tok("wd", s, e, weekday=wd, abbr_weekday=True))
        elif g("rday"):
            if g("rday") == "Today" and _NAME_BEFORE.search(text, max(0, s - 30), s):
                continue  # "Aleppo Today", "Russia Today": names of outlets
            toks.append(_Tok("rday", s, e, mod=" ".join(g("rday").lower().split())))
        elif g("rpart"):
            toks.append(_Tok("rpart", s, e, mod=" ".join(g("rpart").lower().split())))
        elif g("rago"):
            unit = g("rau").lower().rstrip("s")
            toks.append(_Tok("rago", s, e, num=_num(g("ran")), unit=unit))
        elif g("rpast"):
            unit = g("rpu").lower().rstrip("s")
            toks.append(_Tok("rpast", s, e, num=_num(g("rpn")) if g("rpn") else 1, unit=unit))
        elif g("rper"):
            mod = g("rpm").lower()
            qual = (g("rpq") or "").lower()
            toks.append(_Tok("rper", s, e, mod=f"{qual} {mod}".strip(), unit=g("rpu2").lower()))
        elif kind == "mo" and _MONTH_CUE.search(text, max(0, s - 12), s):
            toks.append(_Tok("mo", s, e, month=_month(g("mo"))))
    for tok in toks:
        if text[tok.end - 1] == "." and tok.kind in ("abs", "month"):
            word = text[max(tok.start, tok.end - 10) : tok.end - 1].rsplit(None, 1)[-1]
            if word.lower() in _FULL_MONTHS:
                tok.end -= 1  # "on 27 February." : the full stop ends the sentence
    return toks


_FULL_MONTHS = frozenset(calendar.month_name[i].lower() for i in range(1, 13))


def _is_valid(tok: _Tok) -> bool:
    """Drop impossible dates ("31 February", "13/13/2016")."""
    if tok.kind != "abs" or tok.month is None or tok.day is None:
        return True
    if not 1 <= tok.month <= 12:
        return False
    last = calendar.monthrange(tok.year or 2016, tok.month)[1]  # 2016: allow 29 February
    return 1 <= tok.day <= last and (tok.day2 is None or tok.day < tok.day2 <= last)


def _join(text: str, toks: list[_Tok]) -> list[_Tok]:
    """Join neighbours (weekday + date, day + time, X to Y), then read the words around them."""
    joined = _join_spans(text, _join_days(text, [t for t in toks if _is_valid(t)]))
    for tok in joined:
        if tok.kind != "time":
            _read_context(text, tok)
    return joined


def _join_days(text: str, toks: list[_Tok]) -> list[_Tok]:
    """Weekday + date ("Thursday March 10") and day + time ("Thursday at 22:00 GMT")."""
    out: list[_Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        if prev is None:
            out.append(tok)
            continue
        gap = text[prev.end : tok.start]
        # "Thursday March 10", "Wed 05 Apr 2017", "(Thursday) March 10"
        if (
            prev.kind == "wd"
            and tok.kind == "abs"
            and prev.other is None
            and len(gap) <= 4
            and not gap.strip(" ,()")
        ):
            tok.weekday, tok.start, tok.mod = prev.weekday, prev.start, prev.mod
            if ")" in gap and prev.start > 0 and text[prev.start - 1] == "(":
                tok.start -= 1  # "(Thursday) March 10"
            out[-1] = tok
            continue
        if len(gap) <= 24 and _GAP_JOIN.fullmatch(gap):
            # a day and its time, either order: "Thursday at 22:00 GMT", "600 pm on March 25"
            day, time = (prev, tok) if tok.kind == "time" else (tok, prev)
            if time.kind == "time" and day.kind != "time" and day.other is None:
                day.other, day.start, day.end = time, prev.start, tok.end
                out[-1] = day
                continue
            if tok.kind == "time" and prev.other is not None and prev.other.kind == "time":
                if "(" in gap:
                    # "midnight on Friday (2200 GMT)": the bracket restates the same instant,
                    # and its UTC day may differ from the stated day, so the local one is kept
                    prev.end = tok.end + (1 if text[tok.end : tok.end + 1] == ")" else 0)
                    continue
            elif prev.kind == "time" and tok.kind == "time" and "(" in gap:
                # "7 pm (1700 GMT)": one instant said twice; the UTC reading is kept
                keep = tok if tok.zone == "UTC" else prev
                keep.start = prev.start
                keep.end = tok.end + (1 if text[tok.end : tok.end + 1] == ")" else 0)
                out[-1] = keep
                continue
        out.append(tok)
    return out


_SPAN_KINDS = {"abs": "date", "month": "date", "mo": "date", "wd": "wd"}


def _join_spans(text: str, toks: list[_Tok]) -> list[_Tok]:
    """ "from 27 February to 3 March", "between Tuesday and Wednesday", "Nov. 14 - Nov. 17"."""
    out: list[_Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.other is None
            and tok.other is None
            and _SPAN_KINDS.get(prev.kind, "prev") == _SPAN_KINDS.get(tok.kind, "tok")
            and _GAP_SPAN.fullmatch(text, prev.end, tok.start)
        ):
            head = _PREFIX.search(text, max(0, prev.start - 14), prev.start)
            word = head.group("word").lower() if head else ""
            joiner = text[prev.end : tok.start].strip().lower()
            if word == "between" or joiner != "and":
                if prev.year is None and tok.year is not None and prev.kind == "abs":
                    prev.year = tok.year  # "27 February to 10 March 2016"
                prev.other, prev.end = tok, tok.end
                continue
        out.append(tok)
    return out


def _read_context(text: str, tok: _Tok) -> None:
    """Future cues, prefixes ("since", "starting") and "last year" suffixes around a token."""
    if tok.kind == "wd" and not tok.possessive:
        if tok.mod in ("next", "later"):
            tok.future = True
        elif tok.mod not in ("last", "earlier") and not tok.abbr_weekday:
            window = text[max(0, tok.start - _FUTURE_WINDOW) : tok.start]
            window = window[max(window.rfind(". "), window.rfind("\n")) + 1 :]
            last_words = " ".join(window.split()[-_FUTURE_WORDS:])
            tok.future = bool(_FUTURE_CUE.search(last_words + " "))
    head = _PREFIX.search(text, max(0, tok.start - 16), tok.start)
    if head and not tok.possessive:
        tok.prefix = " ".join(head.group("word").lower().split())
        tok.core, tok.start = tok.start, head.start()
        if tok.prefix == "since":
            tok.future = False  # "since Tuesday" always looks back
    if tok.kind == "abs" and tok.year is None:
        tail = _YEAR_SUFFIX.match(text, tok.end)
        if tail:
            tok.year_rel = {"last": -1, "this": 0, "next": 1}[tail.group("rel").lower()]
            tok.end = tail.end()


# --------------------------------------------------------------------------------------------
# Resolution against one anchor day


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, anchor: dt.date, year_rel: int | None) -> int:
    """Year of a year-less date: the anchor's, shifted when the month is far from it."""
    if year_rel is not None:
        return anchor.year + year_rel
    diff = month - anchor.month
    if diff > 3:
        return anchor.year - 1
    if diff <= -9:
        return anchor.year + 1
    return anchor.year


def _span_precision(first: dt.date, last: dt.date) -> TimePrecision:
    days = (last - first).days
    return DAY if days == 0 else WEEK if days <= 7 else MONTH


_Res = tuple[dt.date, dt.date | None, TimePrecision] | None


def _weekday_day(tok: _Tok, anchor: dt.date) -> dt.date:
    wd = tok.weekday if tok.weekday is not None else 0
    if tok.future:
        ahead = (wd - anchor.weekday()) % 7
        if tok.mod == "next" and ahead == 0:
            ahead = 7
        return anchor + dt.timedelta(days=ahead)
    back = (anchor.weekday() - wd) % 7
    if tok.mod == "last" and back == 0:
        back = 7  # "last Friday" said on a Friday is a week ago
    return anchor - dt.timedelta(days=back)


def _resolve(tok: _Tok, anchor: dt.date | None) -> _Res:
    """(first day, last day or None, precision) of a token; None when it cannot be resolved."""
    kind = tok.kind
    if kind == "abs":
        assert tok.month is not None and tok.day is not None
        year = tok.year
        if year is None:
            if anchor is None:
                return None
            year = _year_for(tok.month, anchor, tok.year_rel)
        try:
            first = dt.date(year, tok.month, tok.day)
            last = dt.date(year, tok.month, tok.day2) if tok.day2 else None
        except ValueError:  # 29 February of a non-leap year
            return None
        return first, last, DAY
    if kind in ("month", "mo"):
        assert tok.month is not None
        year = tok.year
        if year is None:
            if anchor is None:
                return None
            year = _year_for(tok.month, anchor, None)
        first, last = _month_span(year, tok.month)
        if tok.mod == "early":
            last = first + dt.timedelta(days=9)
        elif tok.mod == "mid":
            first, last = first + dt.timedelta(days=9), first + dt.timedelta(days=19)
        elif tok.mod == "late":
            first = first + dt.timedelta(days=20)
        return first, last, MONTH
    if anchor is None:
        return None
    if kind == "wd":
        day = _weekday_day(tok, anchor)
        return day, None, DAY  # "Monday night" is Monday's night, as the gold reads it
    if kind == "rday":
        offset = {
            "the day before yesterday": -2,
            "yesterday": -1,
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
            "the day after tomorrow": 2,
        }[tok.mod]
        return anchor + dt.timedelta(days=offset), None, DAY
    if kind == "rpart":
        if tok.mod in ("last night", "overnight"):
            return anchor - dt.timedelta(days=1), anchor, WEEK
        return anchor, None, DAY
    if kind == "rago":
        n = tok.num
        if tok.unit == "hour":
            first, last = anchor - dt.timedelta(days=-(-n // 24)), anchor - dt.timedelta(n // 24)
            return (first, None, DAY) if first == last else (first, last, WEEK)
        if tok.unit == "day":
            return anchor - dt.timedelta(days=n), None, DAY
        if tok.unit == "week":
            mid = anchor - dt.timedelta(days=7 * n)
            return mid - dt.timedelta(days=3), mid + dt.timedelta(days=3), WEEK
        first, last = _month_span(*_ym(_add_months(anchor, -n)))
        return first, last, MONTH
    if kind == "rpast":
        n = tok.num
        days = {"hour": -(-n // 24), "day": n, "week": 7 * n, "month": 30 * n}[tok.unit]
        first = anchor - dt.timedelta(days=max(days, 1))
        return first, anchor, _span_precision(first, anchor)
    if kind == "rper":
        return _resolve_period(tok, anchor)
    return None


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _resolve_period(tok: _Tok, anchor: dt.date) -> _Res:
    """last/this/next week, month or weekend, with early/late/earlier/later qualifiers."""
    words = tok.mod.split()
    which, qual = words[-1], (words[0] if len(words) == 2 else "")
    step = {"last": -1, "this": 0, "next": 1, "coming": 1}[which]
    if tok.unit == "month":
        first, last = _month_span(*_ym(_add_months(anchor, step)))
        precision = MONTH
    else:
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        if tok.unit == "weekend":
            first, last = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            if which == "last" and last >= anchor:
                first, last = first - dt.timedelta(weeks=1), last - dt.timedelta(weeks=1)
        else:
            first, last = monday, monday + dt.timedelta(days=6)
        precision = WEEK
    if step == 0 and qual == "earlier":
        last = min(last, anchor)
    elif step == 0 and qual == "later":
        first = max(first, anchor)
    elif qual == "early":
        last = first + dt.timedelta(days=(last - first).days // 3)
    elif qual == "late":
        first = last - dt.timedelta(days=(last - first).days // 3)
    if tok.unit == "month" and (last - first).days <= 7:
        precision = WEEK
    return first, last, precision


def _resolve_range(tok: _Tok, anchor: dt.date | None, rng: tuple[dt.date, dt.date] | None) -> _Res:
    """Resolve at one anchor, or at both ends of a range: same answer or a coarser span."""
    if anchor is not None or rng is None:
        return _resolve(tok, anchor)
    lo, hi = _resolve(tok, rng[0]), _resolve(tok, rng[1])
    if lo is None or hi is None:
        return None
    if lo == hi:
        return lo
    # Every rule is monotonic in the anchor, so the answer lies between the two ends.
    first, last = lo[0], hi[1] or hi[0]
    if (last - first).days > 31:
        return None  # a range this wide says nothing useful about the day
    return first, last, max(_span_precision(first, last), lo[2], hi[2])


# --------------------------------------------------------------------------------------------
# Public API


@lru_cache(maxsize=8)
def _zone(name: str) -> dt.tzinfo:
    return UTC if name == "UTC" else ZoneInfo(name)


def _utc(day: dt.date, time: _Tok) -> dt.datetime:
    assert time.clock is not None
    if time.midnight:
        day = day + dt.timedelta(days=1)  # "midnight on Friday": the end of Friday
    local = dt.datetime.combine(day, time.clock, tzinfo=_zone(time.zone or "UTC"))
    return local.astimezone(UTC)


def _mention(
    text: str,
    tok: _Tok,
    anchor: dt.date | None,
    rng: tuple[dt.date, dt.date] | None,
) -> DateMention:
    note = ""
    if tok.kind == "time":
        return DateMention(
            tok.start,
            tok.end,
            text[tok.start : tok.end],
            None,
            None,
            None,
            DAY,
            "time",
            clock=tok.clock,
            zone=tok.zone,
        )
    res = _resolve_range(tok, anchor, rng)
    time = tok.other if tok.other is not None and tok.other.kind == "time" else None
    end_tok = tok.other if tok.other is not None and time is None else None
    kind = {
        "abs": "absolute",
        "month": "absolute",
        "mo": "absolute",
        "wd": "weekday",
    }.get(tok.kind, "relative")
    first: dt.date | None = None
    last: dt.date | None = None
    precision = _nominal_precision(tok)
    if res is not None:
        first, last, precision = res
    if end_tok is not None:
        kind = "span"
        end_res = _resolve_range(end_tok, anchor, rng)
        last = None
        if end_res is not None and first is not None:
            last = end_res[1] or end_res[0]
            if last < first:
                last = None
            else:
                precision = max(precision, _span_precision(first, last))
        if last is None:
            first = None
    if (
        tok.kind == "abs"
        and tok.weekday is not None
        and first is not None
        and last is None
        and first.weekday() != tok.weekday
    ):
        stated = _WEEKDAYS[tok.weekday].title()
        note = f"weekday mismatch: {first:%d %B %Y} is a {first:%A}, text says {stated}"
    if end_tok is not None:
        pass  # "from X to Y" and "between X and Y" stay spans
    elif tok.prefix == "since":
        kind = "since"
        if first is not None and last is None:
            last = anchor if anchor is not None else (rng[1] if rng else None)
            if last is not None and last < first:
                last, note = None, "'since' a day after the publication date"
    elif tok.prefix and tok.prefix != "between":
        kind = "start"
    time_utc = None
    if time is not None and first is not None and (last is None or kind in ("since", "start")):
        time_utc = _utc(first, time)
    return DateMention(
        tok.start,
        tok.end,
        text[tok.start : tok.end],
        first,
        last,
        time_utc,
        precision,
        kind,
        clock=time.clock if time else None,
        zone=time.zone if time else None,
        note=note,
    )


def _nominal_precision(tok: _Tok) -> TimePrecision:
    """Precision an expression would have once resolved (used when it cannot be)."""
    if tok.kind in ("month", "mo") or (tok.kind == "rper" and tok.unit == "month"):
        return MONTH
    if tok.kind in ("rpast", "rper") or (tok.kind == "rpart" and tok.mod != "this morning"):
        return WEEK
    return DAY


def find_dates(
    text: str,
    anchor: dt.date | None,
    *,
    anchor_range: tuple[dt.date, dt.date] | None = None,
    tz: str = "Asia/Damascus",
) -> list[DateMention]:
    """Find date and time expressions in `text` and resolve them against `anchor`.

    `anchor` is the report's publication date. When it is unknown, `anchor_range` (earliest,
    latest) is used instead: a value is kept when it is the same at both ends, else the mention
    carries the span of possible days (when at most a month wide) with a coarser precision.
    Times without a zone are local to `tz`. A date at the very start of the text (a dateline)
    gets kind "dateline".
    """
    toks = _join(text, _tokens(text, tz))
    mentions = [_mention(text, tok, anchor, anchor_range) for tok in toks]
    line = _dateline_index(text, toks)
    if line is not None:
        mentions[line] = replace(mentions[line], kind="dateline")
    return mentions


_DATELINE_SPAN = 260  # datelines sit in the first few lines, sometimes after a title
_DATELINE_BLOCK = re.compile(
    r"(?i:\b(?:on|in|since|from|until|till|by|before|after|of|between|and|to|during)\s+$)"
)
_DATELINE_OK = re.compile(r"(?i:\b(?:posted|published|updated|dated)\s+on\s+$)")


def _dateline_index(text: str, toks: list[_Tok]) -> int | None:
    """Index of the token that is the text's dateline: a full date (with year) near the start."""
    for i, tok in enumerate(toks):
        if tok.start > _DATELINE_SPAN:
            return None
        if tok.kind != "abs" or tok.year is None or tok.prefix:
            continue
        if tok.other is not None and tok.other.kind != "time":
            continue
        before = text[max(0, tok.start - 20) : tok.start]
        if _DATELINE_BLOCK.search(before) and not _DATELINE_OK.search(before):
            continue  # "on March 10 2016 ..." is part of the story, not a dateline
        return i
    return None


def find_dateline(text: str) -> DateMention | None:
    """The date a text opens with ("Wed 05 Apr 2017", "Aug. 1 2016", "BEIRUT Feb 22 2016").

    Only a date with an explicit year in the first few lines counts, and not one governed by a
    preposition ("killed on March 10 2016" is a story date). Returns None when there is none.
    """
    head = text[: _DATELINE_SPAN + 60]
    toks = _join(head, _tokens(head, "Asia/Damascus"))
    i = _dateline_index(head, toks)
    if i is None:
        return None
    return replace(_mention(head, toks[i], None, None), kind="dateline")


def infer_publication_range(
    text: str, *, years: tuple[int, int] = (2011, 2018)
) -> tuple[dt.date, dt.date, str] | None:
    """A publication range for an undated text, with the reason it was inferred.

    Uses weekday + date pairs ("(Thursday) March 10" fits only the years of `years` in which
    10 March is a Thursday) and the years the text mentions (a text cannot predate the latest
    year it names). Returns None when nothing in the text supports a range.
    """
    lo_year, hi_year = years
    candidates = set(range(lo_year, hi_year + 1))
    reasons: list[str] = []
    toks = _join(text, _tokens(text, "Asia/Damascus"))
    for tok in toks:
        if tok.kind != "abs" or tok.weekday is None or tok.year is not None:
            continue
        assert tok.month is not None and tok.day is not None
        fits = {
            y
            for y in candidates
            if _valid_day(y, tok.month, tok.day)
            and dt.date(y, tok.month, tok.day).weekday() == tok.weekday
        }
        if not fits:
            continue  # an inconsistent pair says nothing; keep what we have
        candidates = fits
        span = " ".join(text[max(tok.start, tok.core) : tok.end].split())
        wd = _WEEKDAYS[tok.weekday].title()
        where = ", ".join(map(str, sorted(fits)))
        only = "only " if len(fits) == 1 else ""
        reasons.append(f"'{span}' is a {wd} {only}in {where} within {lo_year}–{hi_year}")
    named = [int(y) for y in re.findall(r"(?<!\d)(20[0-4]\d|19[89]\d)(?!\d)", text)]
    named = [y for y in named if lo_year <= y <= hi_year]
    if named:
        floor = max(named)
        kept = {y for y in candidates if y >= floor}
        if kept:
            if kept != candidates or not reasons:
                reasons.append(f"the latest year the text names is {floor}")
            candidates = kept
    if not reasons:
        return None
    return dt.date(min(candidates), 1, 1), dt.date(max(candidates), 12, 31), "; ".join(reasons)


def _valid_day(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]
