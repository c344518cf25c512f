"""Report days: the 24 hours to a fixed local cut-off, and which day an incident lands on.

A mission's daily report counts what happened "as of 19:30" local time: the report for 1 March
covers the moments after 19:30 on 28 February up to and including 19:30 on 1 March. An incident
with a time of day is placed by that time read in the local zone; one with only a date counts
on that date (we cannot tell which side of the cut-off it fell, and the date is what the source
gave).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from trucewatch.model.incident import Incident

DEFAULT_CUTOFF = dt.time(19, 30)
DEFAULT_TZ = "Asia/Damascus"


def parse_cutoff(text: str) -> dt.time:
    """``"19:30"`` → ``time(19, 30)``; raises ValueError on anything else."""
    hours, _, minutes = text.strip().partition(":")
    return dt.time(int(hours), int(minutes or 0))


@dataclass(frozen=True, slots=True)
class Period:
    """Report days ``first_day`` … ``last_day`` inclusive, each ending at ``cutoff`` in ``tz``."""

    first_day: dt.date
    last_day: dt.date
    cutoff: dt.time = DEFAULT_CUTOFF
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"period ends ({self.last_day}) before it starts ({self.first_day})")
        ZoneInfo(self.tz)  # an unknown zone fails here, not halfway through a report

    @classmethod
    def day(cls, day: dt.date, cutoff: dt.time = DEFAULT_CUTOFF, tz: str = DEFAULT_TZ) -> Period:
        """The single report day ``day``."""
        return cls(day, day, cutoff, tz)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def start(self) -> dt.datetime:
        """The cut-off before the first day (exclusive), in UTC."""
        local = dt.datetime.combine(self.first_day - dt.timedelta(days=1), self.cutoff, self.zone)
        return local.astimezone(dt.UTC)

    @property
    def end(self) -> dt.datetime:
        """The cut-off of the last day (inclusive), in UTC."""
        return dt.datetime.combine(self.last_day, self.cutoff, self.zone).astimezone(dt.UTC)

    @property
    def length(self) -> int:
        """How many report days the period holds."""
        return (self.last_day - self.first_day).days + 1

    def days(self) -> list[dt.date]:
        """Every report day of the period, in order."""
        return [self.first_day + dt.timedelta(days=i) for i in range(self.length)]

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        shift = dt.timedelta(days=self.length)
        return Period(self.first_day - shift, self.last_day - shift, self.cutoff, self.tz)

    def contains_day(self, day: dt.date | None) -> bool:
        """True when report day ``day`` is one of the period's days."""
        return day is not None and self.first_day <= day <= self.last_day

    def label(self) -> str:
        """``2016-03-01`` for one day, ``2016-03-01 – 2016-03-07`` for a range."""
        if self.length == 1:
            return self.first_day.isoformat()
        return f"{self.first_day.isoformat()} – {self.last_day.isoformat()}"

    def window(self) -> str:
        """The covered interval in local time, as a reader needs it spelt out."""
        start = self.start.astimezone(self.zone)
        end = self.end.astimezone(self.zone)
        return f"after {start:%Y-%m-%d %H:%M} until {end:%Y-%m-%d %H:%M} ({self.tz})"


def report_day_of(moment: dt.datetime, cutoff: dt.time, tz: str) -> dt.date:
    """The report day an instant lands on: its local date, or the next one after the cut-off."""
    if moment.tzinfo is None:  # stored times are UTC; a naive one is read as such
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(ZoneInfo(tz))
    # Compare wall-clock times without seconds' fractions: 19:30:00 belongs to the day it ends.
    if local.time().replace(tzinfo=None) <= cutoff:
        return local.date()
    return local.date() + dt.timedelta(days=1)


def incident_report_day(incident: Incident, cutoff: dt.time, tz: str) -> dt.date | None:
    """The report day of an incident: by its time when known, else its date; None if undated."""
    if incident.time is not None:
        return report_day_of(incident.time, cutoff, tz)
    return incident.date


def incident_local_date(incident: Incident, tz: str) -> dt.date | None:
    """The calendar date of an incident in ``tz`` (its time read locally, else its date)."""
    if incident.time is not None:
        moment = incident.time if incident.time.tzinfo else incident.time.replace(tzinfo=dt.UTC)
        return moment.astimezone(ZoneInfo(tz)).date()
    return incident.date
