"""Events as the situation report sees them: each with its report day, time of day, rulings and
the outlets behind it. Read through the store's repository functions; nothing here writes.

A report day ends at the mission's cut-off (``Period``). An event whose members give a time of
day lands on the report day that local time falls in; one known only by its day lands on its
best day (the one date rule, :mod:`trucewatch.model.dates`); an event with no known day is in no
dated report and is counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from trucewatch.model.event import Event
from trucewatch.report.period import Period, report_day_of
from trucewatch.report.records import (
    UNKNOWN,
    EventRuling,
    SourceRef,
    current_event_rulings,
    report_refs,
)
from trucewatch.report.words import RULING_ORDER, gravest
from trucewatch.store.corroboration_tables import events as events_table
from trucewatch.store.events import iter_events
from trucewatch.store.schema import incidents


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event with what the report needs beside it."""

    event: Event
    day: dt.date | None  # report day (by the cut-off), None when its day is unknown
    time: dt.datetime | None  # a time of day a member gave (UTC), else None
    rulings: tuple[EventRuling, ...]
    sources: tuple[SourceRef, ...]  # member reports, each once
    straddles: bool = False  # its window reaches outside the period's days

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def violation(self) -> bool:
        """Some agreement or regime in force rules the event a violation."""
        return any(r.ruling == "violation" for r in self.rulings)

    @property
    def alleged(self) -> bool:
        """Ruled an alleged violation and a violation under none (counted apart)."""
        return not self.violation and any(r.ruling == "alleged_violation" for r in self.rulings)

    @property
    def ruling(self) -> str:
        """The gravest current ruling ("none" when not ruled)."""
        return gravest(r.ruling for r in self.rulings)

    @property
    def governorate(self) -> str:
        place = self.event.place
        return (place.governorate if place else None) or UNKNOWN

    @property
    def party(self) -> str:
        return self.event.perpetrator or UNKNOWN

    @property
    def outlets(self) -> list[str]:
        """The outlets behind the event, each once, in name order."""
        return sorted({s.source for s in self.sources})

    def ordered_rulings(self) -> list[EventRuling]:
        """Gravest first, then by agreement."""
        rank = {value: i for i, value in enumerate(RULING_ORDER)}
        return sorted(self.rulings, key=lambda r: (rank.get(r.ruling, 99), r.agreement))


def _member_times(conn: Connection, found: Iterable[Event]) -> dict[str, dt.datetime]:
    """The time of day each event's members give: the anchor's, else the earliest given."""
    members = {m: e.id for e in found for m in e.members}
    if not members:
        return {}
    query = select(incidents.c.id, incidents.c.time).where(
        incidents.c.id.in_(list(members)), incidents.c.time.is_not(None)
    )
    times: dict[str, dict[str, dt.datetime]] = defaultdict(dict)
    for row in conn.execute(query):
        moment = row.time if row.time.tzinfo else row.time.replace(tzinfo=dt.UTC)
        times[members[row.id]][row.id] = moment
    out = {}
    for event in found:
        given = times.get(event.id)
        if given:
            anchor = given.get(event.members[0]) if event.members else None
            out[event.id] = anchor or min(given.values())
    return out


def load_events(conn: Connection, period: Period | None = None) -> list[EventRecord]:
    """Stored events (those whose report day lies in ``period``, or all), in a stable order."""
    ids = None
    if period is not None:
        # A day either side: a time of day read in any zone lands within it.
        first = period.first_day - dt.timedelta(days=1)
        last = period.last_day + dt.timedelta(days=1)
        e = events_table.c
        query = select(e.id).where(e.event_date >= first, e.event_date <= last)
        ids = list(conn.execute(query.order_by(e.id)).scalars())
        if not ids:
            return []
    found = list(iter_events(conn, ids))
    times = _member_times(conn, found)
    rulings_of = current_event_rulings(conn, [e.id for e in found])
    refs = report_refs(conn, {r for e in found for r in e.report_ids})
    records = []
    for event in found:
        time = times.get(event.id)
        if period is not None and time is not None:
            day = report_day_of(time, period.cutoff, period.tz)
        else:
            day = event.window.event_date
        if period is not None and not period.contains_day(day):
            continue
        straddles = event.window.straddles(period.first_day, period.last_day) if period else False
        records.append(
            EventRecord(
                event=event,
                day=day,
                time=time,
                rulings=rulings_of.get(event.id, ()),
                sources=tuple(refs[r] for r in event.report_ids if r in refs),
                straddles=straddles,
            )
        )
    return sort_events(records)


def undated_events(conn: Connection) -> int:
    """How many stored events have no known day (they are in no dated report)."""
    query = select(func.count()).select_from(events_table)
    return conn.execute(query.where(events_table.c.event_date.is_(None))).scalar_one()


def sort_events(records: Iterable[EventRecord]) -> list[EventRecord]:
    """Chronological (time of day where known), undated last, ties broken by id."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(records, key=lambda r: (r.day or dt.date.max, r.time or far, r.id))
