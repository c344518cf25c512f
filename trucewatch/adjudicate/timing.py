"""When an incident happened, and whether an agreement was in force then.

An incident with a ``time`` is an instant. One with only a ``date`` is a span: a report's
"26 February" may be a calendar day in UTC or in the local zone (reports rarely say which), so
the day runs from the earlier of the two midnights to the later of the next two. Week and month
precision widen the span. A span that crosses an agreement's start or end is neither before nor
after it: the ruling is ``undetermined`` on time, never a violation by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from trucewatch.model.agreement import Agreement
from trucewatch.model.incident import Incident, TimePrecision


@dataclass(frozen=True, slots=True)
class Span:
    """When an incident happened: [start, end) in UTC; an instant has start == end."""

    start: dt.datetime
    end: dt.datetime
    description: str

    @property
    def instant(self) -> bool:
        return self.start == self.end

    @property
    def day(self) -> dt.date:
        """The day used for day-valid facts (designations, control areas): the span's start."""
        return self.start.date() if self.instant else self.midday().date()

    def midday(self) -> dt.datetime:
        return self.start + (self.end - self.start) / 2


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def day_bounds(day: dt.date, tz: str) -> tuple[dt.datetime, dt.datetime]:
    """The widest reading of a calendar day: from its first midnight to its last, UTC or ``tz``."""
    zones = [dt.UTC, ZoneInfo(tz)]
    starts = [dt.datetime.combine(day, dt.time(), z) for z in zones]
    ends = [dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), z) for z in zones]
    return min(starts).astimezone(dt.UTC), max(ends).astimezone(dt.UTC)


# An incident a dated report tells without a date is news: taken to have happened in the week
# up to the report's publication, as ACLED codes such events (time precision 2), and said so.
NEWS_DAYS = 7


def incident_span(incident: Incident, tz: str, reported: dt.date | None = None) -> Span | None:
    """When ``incident`` happened, read with the agreement's local zone ``tz``; None if undated.

    ``reported`` is the publication date of the incident's report: an incident the text does not
    date is read as the week up to it, a span that says where it came from."""
    if incident.time is not None:
        t = incident.time.astimezone(dt.UTC)
        return Span(t, t, f"at {_utc(t)} (time given)")
    if incident.date is None:
        if reported is None:
            return None
        start, _ = day_bounds(reported - dt.timedelta(days=NEWS_DAYS - 1), tz)
        _, end = day_bounds(reported, tz)
        return Span(
            start,
            end,
            f"not dated by the text; its report was published on {reported.isoformat()}, so it "
            f"is taken as news of the {NEWS_DAYS} days before: between {_utc(start)} and "
            f"{_utc(end)}",
        )
    day = incident.date
    precision = incident.time_precision or TimePrecision.DAY
    if precision == TimePrecision.MONTH:
        first = day.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        start, _ = day_bounds(first, tz)
        _, end = day_bounds(nxt - dt.timedelta(days=1), tz)
        what = f"in {day:%B %Y} (month precision)"
    elif precision == TimePrecision.WEEK:
        start, _ = day_bounds(day - dt.timedelta(days=3), tz)
        _, end = day_bounds(day + dt.timedelta(days=3), tz)
        what = f"within three days of {day.isoformat()} (week precision)"
    else:
        start, end = day_bounds(day, tz)
        what = f"on {day.isoformat()} (day precision, UTC or {tz})"
    return Span(start, end, f"{what}: between {_utc(start)} and {_utc(end)}")


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of time an agreement is in force: [start, end), end None when open."""

    start: dt.datetime
    end: dt.datetime | None
    start_reason: str
    end_reason: str | None


def in_force_windows(agreement: Agreement, agreements: list[Agreement]) -> list[Window]:
    """The windows in which ``agreement`` applies, after supersession and suspension by others.

    A later text that supersedes this one ends it at the later text's start; one that suspends
    it removes the later text's own window (the earlier text resumes when the suspension ends).
    """
    end, end_reason = agreement.effective_to, "its stated end" if agreement.effective_to else None
    for other in agreements:
        if agreement.id in other.supersedes and (end is None or other.effective_from < end):
            end, end_reason = other.effective_from, f"superseded by {other.id}"
    windows = [Window(agreement.effective_from, end, "its stated start", end_reason)]
    for other in agreements:
        if agreement.id not in other.suspends:
            continue
        cut: list[Window] = []
        s0, s1 = other.effective_from, other.effective_to
        for w in windows:
            if w.start < s0:
                cut_end = s0 if w.end is None or s0 < w.end else w.end
                reason = f"suspended by {other.id}" if cut_end == s0 else w.end_reason
                cut.append(Window(w.start, cut_end, w.start_reason, reason))
            if s1 is not None and (w.end is None or s1 < w.end):
                cut.append(
                    Window(
                        max(s1, w.start), w.end, f"end of suspension by {other.id}", w.end_reason
                    )
                )
        windows = cut
    return windows


class TimeStatus(StrEnum):
    IN_FORCE = "in_force"
    BEFORE = "before"
    AFTER = "after"
    STRADDLES = "straddles"


@dataclass(frozen=True, slots=True)
class TimeVerdict:
    status: TimeStatus
    fact: str


def judge_time(span: Span, windows: list[Window]) -> TimeVerdict:
    """Whether ``span`` lies inside, outside or across the agreement's windows."""
    for w in windows:
        inside_start = span.start >= w.start
        inside_end = w.end is None or (span.end < w.end if span.instant else span.end <= w.end)
        if inside_start and inside_end:
            until = f"until {_utc(w.end)}" if w.end else "with no end"
            return TimeVerdict(TimeStatus.IN_FORCE, f"in force from {_utc(w.start)} {until}")
    for w in windows:
        overlaps = span.end > w.start and (w.end is None or span.start < w.end)
        if overlaps and not span.instant:
            edge = w.start if span.start < w.start else w.end
            assert edge is not None
            return TimeVerdict(
                TimeStatus.STRADDLES,
                f"the incident's time crosses {_utc(edge)}, when the agreement "
                + ("came into force" if edge == w.start else f"stopped ({w.end_reason})"),
            )
    ended = [w for w in windows if w.end is not None and w.end <= span.start]
    if ended:
        last = max(ended, key=lambda w: w.end or w.start)
        assert last.end is not None
        return TimeVerdict(
            TimeStatus.AFTER, f"no longer in force: it stopped {_utc(last.end)} ({last.end_reason})"
        )
    return TimeVerdict(TimeStatus.BEFORE, f"not yet in force: it began {_utc(windows[0].start)}")
