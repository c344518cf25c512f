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
from trucewatch.model.dates import NEWS_DAYS, DateBasis, DateWindow, TimePrecision, incident_window
from trucewatch.model.incident import Incident


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


def incident_span(
    incident: Incident,
    tz: str,
    reported: dt.date | None = None,
    window: DateWindow | None = None,
) -> Span | None:
    """When ``incident`` (or an event) happened, read with the agreement's local zone ``tz``;
    None if its window is unknown.

    The days come from the one window rule (:mod:`trucewatch.model.dates`): ``window`` when given
    (an event's), else the incident's own, else the one its stated date and ``reported`` (its
    report's publication date) give; a stated time is an instant."""
    if incident.time is not None:
        t = incident.time.astimezone(dt.UTC)
        return Span(t, t, f"at {_utc(t)} (time given)")
    if window is None:
        window = incident.window or incident_window(
            incident.date, precision=incident.time_precision, published=reported
        )
    if not window.known or window.earliest is None or window.latest is None:
        return None
    start, _ = day_bounds(window.earliest, tz)
    _, end = day_bounds(window.latest, tz)
    between = f"between {_utc(start)} and {_utc(end)}"
    day = window.event_date
    assert day is not None
    if window.basis == DateBasis.DATELINE_WEEK:
        what = (
            f"not dated by the text; its report was published on {window.latest.isoformat()}, "
            f"so it is taken as news of the {NEWS_DAYS} days before"
        )
    elif window.basis == DateBasis.INFERRED_RANGE:
        what = "not dated by the text nor its report; within the report's inferred range"
    elif window.earliest == window.latest:
        what = f"on {day.isoformat()} (day precision, UTC or {tz})"
    elif window.precision == TimePrecision.MONTH:
        what = f"in {day:%B %Y} (month precision)"
    elif window.precision == TimePrecision.WEEK and window.days == 7:
        what = f"within three days of {day.isoformat()} (week precision)"
    else:
        what = f"from {window.earliest.isoformat()} to {window.latest.isoformat()}"
    return Span(start, end, f"{what}: {between}")


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
