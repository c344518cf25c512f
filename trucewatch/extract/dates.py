"""Date and time expressions in report text, resolved against the report's publication date.

One compiled pattern scans the raw text (so character offsets stay exact), small rules then join
neighbouring pieces ("Thursday" + "March 10", "Thursday" + "at 22:00 GMT", "from X to Y",
"since X") and resolve each piece against an *anchor*: the publication date when it is known, or
an inferred range (earliest, latest). With a range, a value is kept only when it is the same at
both ends; otherwise the mention carries the range with a coarser precision. dateparser is not
used: it is slow and gets weekday and year-less dates wrong for news text.

Conventions (from the dev-gold notes, GOLD-DEV.md):
- a weekday means the latest such day on or before the anchor (the anchor's own weekday is the
  anchor day; "last Monday" read on a Tuesday names no single day: yesterday or a week
  before); after a future cue ("will begin on Thursday", "starting Tuesday") it means the
  next such day on or after the anchor;
- a date without a year takes the anchor's year, unless its month lies more than three months
  after the anchor's month (then the previous year) or nine or more months before it (then the
  next year), so "December 29" read in January is last December;
- "overnight" and "last night" are ambiguous about the calendar day: the span anchor-1..anchor
  (precision 2); "Monday night" is Monday;
- "since X" gives X as `date` and the anchor as `end_date`; "starting X", "from X", "as of X"
  give kind "start"; "from X to Y" and "between X and Y" give kind "span";
- a full date followed by a photo credit ("... Syria June 6 2015 (Reuters)") or signing an
  embedded post ("(@handle) October 13 2016") is a caption: kind "caption", never a dateline nor
  an incident's day; a wire dateline ("BEIRUT, April 16 (Agency) —") is kind "dateline";
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

from trucewatch.extract.date_marks import is_caption, is_stamp
from trucewatch.extract.date_tokens import WEEKDAYS, DateToken, join_tokens, scan_tokens
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
    kind: str  # absolute | weekday | relative | span | time | since | start | dateline | caption
    clock: dt.time | None = None
    zone: str | None = None  # "UTC" or an IANA zone name
    note: str = ""


# --------------------------------------------------------------------------------------------
# Resolution against one anchor day


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, anchor: dt.date, year_rel: int | None, which: str = "") -> int:
    """Year of a year-less date: the anchor's, shifted when the month is far from it; "last
    March" is the latest March before the anchor's month, "next June" the first after it."""
    if year_rel is not None:
        return anchor.year + year_rel
    if which == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if which == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
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


def _weekday_day(tok: DateToken, anchor: dt.date) -> dt.date:
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


def _resolve(tok: DateToken, anchor: dt.date | None) -> _Res:
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
            year = _year_for(tok.month, anchor, None, tok.mod)
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
        if tok.mod == "last" and not tok.future and (anchor - day).days == 1:
            # "last Monday" written on a Tuesday: yesterday would be "on Monday" or
            # "yesterday"; news English often means the Monday of the week before, so the
            # text names no single day (the two Mondays and the days between)
            return day - dt.timedelta(days=7), day, WEEK
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
        if tok.mod in LOOSE_PARTS:
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
        # "two months ago"; "ten years ago" in an anniversary piece: that month, years back
        months = 12 * n if tok.unit == "year" else n
        first, last = _month_span(*_ym(_add_months(anchor, -months)))
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


def _resolve_period(tok: DateToken, anchor: dt.date) -> _Res:
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


def _resolve_range(
    tok: DateToken, anchor: dt.date | None, rng: tuple[dt.date, dt.date] | None
) -> _Res:
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


def _utc(day: dt.date, time: DateToken) -> dt.datetime:
    assert time.clock is not None
    if time.midnight:
        day = day + dt.timedelta(days=1)  # "midnight on Friday": the end of Friday
    local = dt.datetime.combine(day, time.clock, tzinfo=_zone(time.zone or "UTC"))
    return local.astimezone(UTC)


def _mention(
    text: str,
    tok: DateToken,
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
        stated = WEEKDAYS[tok.weekday].title()
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


# Parts of a day that straddle two calendar days.
LOOSE_PARTS = ("last night", "overnight")


def _nominal_precision(tok: DateToken) -> TimePrecision:
    """Precision an expression would have once resolved (used when it cannot be)."""
    if tok.kind in ("month", "mo") or (tok.kind == "rper" and tok.unit == "month"):
        return MONTH
    if tok.kind in ("rpast", "rper") or (tok.kind == "rpart" and tok.mod in LOOSE_PARTS):
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
    toks = join_tokens(text, scan_tokens(text, tz))
    mentions = [_mention(text, tok, anchor, anchor_range) for tok in toks]
    for i, tok in enumerate(toks):
        if is_caption(text, tok):
            mentions[i] = replace(mentions[i], kind="caption")
    line = _dateline_index(text, toks)
    if line is None:
        line = _wire_dateline_index(text, toks)
    if line is not None:
        mentions[line] = replace(mentions[line], kind="dateline")
    for i, tok in enumerate(toks):
        if tok.start <= _DATELINE_SPAN and (is_stamp(text, tok) or _wire_dateline_at(text, tok)):
            mentions[i] = replace(mentions[i], kind="dateline")
    return mentions


# A wire dateline: "BEIRUT, April 16 (Reuters) —" (a city in capitals, a day without its year,
# the agency, a dash). It dates the report, not the story it opens.
_WIRE_CITY = re.compile(r"\A\s*[A-Z][A-Z .'-]{2,30},?\s*\Z")
_WIRE_AFTER = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*[-–—]")


def _wire_dateline_index(text: str, toks: list[DateToken]) -> int | None:
    """Index of a wire dateline's date opening the text, if any."""
    if not toks or toks[0].kind != "abs":
        return None
    first = toks[0]
    if not _WIRE_CITY.match(text[: first.start]) or not _WIRE_AFTER.match(text, first.end):
        return None
    return 0


# ... and one a syndicated text repeats after its own lead or title ("... Al-Mayadin reported.
# MOSCOW October 1 (RIA Novosti) - A double attack ..."): the city in capitals opens a sentence
_WIRE_CITY_LATER = re.compile(r"[.!?]\s+[A-Z][A-Z .'-]{2,30},?\s*\Z")


def _wire_dateline_at(text: str, tok: DateToken) -> bool:
    """True when a date is a wire dateline opening a sentence after the text's start."""
    return (
        tok.kind == "abs"
        and bool(_WIRE_CITY_LATER.search(text[max(0, tok.start - 40) : tok.start]))
        and bool(_WIRE_AFTER.match(text, tok.end))
    )


_DATELINE_SPAN = 260  # datelines sit in the first few lines, sometimes after a title
_DATELINE_BLOCK = re.compile(
    r"(?i:\b(?:on|in|since|from|until|till|by|before|after|of|between|and|to|during)\s+$)"
)
_DATELINE_OK = re.compile(r"(?i:\b(?:posted|published|updated|dated)\s+on\s+$)")


def _dateline_index(text: str, toks: list[DateToken]) -> int | None:
    """Index of the token that is the text's dateline: a full date (with year) near the start."""
    for i, tok in enumerate(toks):
        if tok.start > _DATELINE_SPAN:
            return None
        if tok.kind != "abs" or tok.year is None or tok.prefix or is_caption(text, tok):
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
    toks = join_tokens(head, scan_tokens(head, "Asia/Damascus"))
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
    toks = join_tokens(text, scan_tokens(text, "Asia/Damascus"))
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
        wd = WEEKDAYS[tok.weekday].title()
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
