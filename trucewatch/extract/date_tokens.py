"""Date and time expressions as raw tokens: the vocabulary, one compiled pattern scanned over
the text, and the rules that join neighbouring pieces ("Thursday" + "March 10", "Thursday" +
"at 22:00 GMT", "from X to Y") and read the words around them ("since", "starting", a future cue).

Nothing here needs the publication date: :mod:`trucewatch.extract.dates` resolves the tokens
against it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from trucewatch.extract.numbers import UNITS

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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD_FULL = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Abbreviated weekdays ("Sat", "Sun", "Wed") are ordinary words; accepted only before a date.
_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN)"
_WD_NUM = {name[:3]: i for i, name in enumerate(WEEKDAYS)}

_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
# Counts of days, weeks or hours ("two days ago", "the past few days"): the number words up to
# twelve, and the loose ones news uses for a handful.
NUMBER_WORDS = {"a": 1, "an": 1, "couple of": 2, "few": 3, "several": 5} | {
    word: n for word, n in UNITS.items() if n <= 12
}
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"

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
            r"(?P<rpart>(?i:(?:(?:earlier|later)\s+)?this\s+(?:morning|afternoon|evening)"
            r"|last\s+night|overnight"
            r"|(?:earlier|later)\s+today))\b",
            rf"(?P<rago>(?P<ran>(?i:{_NUM}))\s+(?P<rau>(?i:hours?|days?|weeks?|months?|years?))"
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
    r"|the\s+(?:day|past|last|previous)"
    r"|(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)"
    rf"|(?:{_NUM})\s+(?:hour|day|week|month|year)s?\s+(?:ago|earlier)))"
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
    r"|going\s+to|is\s+to|are\s+to|ahead\s+of"
    r"|to\s+(?:begin|start|resume|take\s+effect|come\s+into|be\s+held"
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
class DateToken:
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
    other: DateToken | None = None  # the end of a span, or the time joined to a day


def _month(name: str) -> int:
    return _MONTH_NUM[name[:3].lower()]


def _num(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


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


def scan_tokens(text: str, tz: str) -> list[DateToken]:
    """Scan `text` once and turn each match into a token (no anchor needed yet)."""
    toks: list[DateToken] = []
    for m in _matches(text):
        g = m.group
        kind = m.lastgroup  # name of the last closed group: identifies most alternatives
        s, e = m.span()
        if g("iy"):
            toks.append(DateToken("abs", s, e, int(g("iy")), int(g("im")), int(g("id"))))
        elif g("ny"):
            a, b = int(g("nd")), int(g("nm"))
            day, month = (b, a) if b > 12 >= a else (a, b)  # 02/27/2016 is month-first
            toks.append(DateToken("abs", s, e, int(g("ny")), month, day))
        elif g("dm"):
            day2 = int(g("dd2")) if g("dd2") else None
            year = int(g("dy")) if g("dy") else None
            toks.append(DateToken("abs", s, e, year, _month(g("dm")), int(g("dd")), day2))
        elif g("mm"):
            if g("mdg"):
                tok = DateToken("abs", s, e, int(g("myg")), _month(g("mm")), int(g("mdg")))
            else:
                year = int(g("my")) if g("my") else None
                day2 = int(g("md2")) if g("md2") else None
                tok = DateToken("abs", s, e, year, _month(g("mm")), int(g("md")), day2)
            toks.append(tok)
        elif g("ym"):
            toks.append(DateToken("month", s, e, int(g("yy")), _month(g("ym")), mod=g("yq") or ""))
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
                toks.append(DateToken("time", s, e, clock=clock, zone=_zone_name(zone, tz) or tz))
        elif g("tw"):
            word = g("tw").lower()
            clock = dt.time(12) if word in ("noon", "midday") else dt.time(0)
            zone = _zone_name(g("tz4"), tz) or tz
            toks.append(
                DateToken("time", s, e, clock=clock, zone=zone, midnight=word == "midnight")
            )
        elif g("wd"):
            tok = DateToken("wd", s, e, weekday=_WD_NUM[g("wd")[:3].lower()])
            tok.mod = (g("wmod") or g("wmod2") or "").lower()
            tok.possessive = text[m.end("wd") : m.end("wd") + 1] in ("s", "'", "’")
            toks.append(tok)
        elif g("wda"):
            wd = _WD_NUM[g("wda")[:3].lower()]
            toks.append(DateToken("wd", s, e, weekday=wd, abbr_weekday=True))
        elif g("rday"):
            if g("rday") == "Today" and _NAME_BEFORE.search(text, max(0, s - 30), s):
                continue  # "Aleppo Today", "Russia Today": names of outlets
            toks.append(DateToken("rday", s, e, mod=" ".join(g("rday").lower().split())))
        elif g("rpart"):
            toks.append(DateToken("rpart", s, e, mod=" ".join(g("rpart").lower().split())))
        elif g("rago"):
            unit = g("rau").lower().rstrip("s")
            toks.append(DateToken("rago", s, e, num=_num(g("ran")), unit=unit))
        elif g("rpast"):
            unit = g("rpu").lower().rstrip("s")
            toks.append(DateToken("rpast", s, e, num=_num(g("rpn")) if g("rpn") else 1, unit=unit))
        elif g("rper"):
            mod = g("rpm").lower()
            qual = (g("rpq") or "").lower()
            toks.append(
                DateToken("rper", s, e, mod=f"{qual} {mod}".strip(), unit=g("rpu2").lower())
            )
        elif kind == "mo" and (cue := _MONTH_CUE.search(text, max(0, s - 12), s)):
            # "last March", "next June": which March the cue word says (dates.py resolves it)
            which = cue.group(0).split()[0].lower()
            mod = which if which in ("last", "next", "this") else ""
            toks.append(DateToken("mo", s, e, month=_month(g("mo")), mod=mod))
    for tok in toks:
        if text[tok.end - 1] == "." and tok.kind in ("abs", "month"):
            word = text[max(tok.start, tok.end - 10) : tok.end - 1].rsplit(None, 1)[-1]
            if word.lower() in _FULL_MONTHS:
                tok.end -= 1  # "on 27 February." : the full stop ends the sentence
    return toks


_FULL_MONTHS = frozenset(calendar.month_name[i].lower() for i in range(1, 13))


def _is_valid(tok: DateToken) -> bool:
    """Drop impossible dates ("31 February", "13/13/2016")."""
    if tok.kind != "abs" or tok.month is None or tok.day is None:
        return True
    if not 1 <= tok.month <= 12:
        return False
    last = calendar.monthrange(tok.year or 2016, tok.month)[1]  # 2016: allow 29 February
    return 1 <= tok.day <= last and (tok.day2 is None or tok.day < tok.day2 <= last)


def join_tokens(text: str, toks: list[DateToken]) -> list[DateToken]:
    """Join neighbours (weekday + date, day + time, X to Y), then read the words around them."""
    joined = _join_spans(text, _join_days(text, [t for t in toks if _is_valid(t)]))
    for tok in joined:
        if tok.kind != "time":
            _read_context(text, tok)
    return joined


def _join_days(text: str, toks: list[DateToken]) -> list[DateToken]:
    """Weekday + date ("Thursday March 10") and day + time ("Thursday at 22:00 GMT")."""
    out: list[DateToken] = []
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


def _join_spans(text: str, toks: list[DateToken]) -> list[DateToken]:
    """ "from 27 February to 3 March", "between Tuesday and Wednesday", "Nov. 14 - Nov. 17"."""
    out: list[DateToken] = []
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


def _read_context(text: str, tok: DateToken) -> None:
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
