"""Incidents as the report and the exports see them: with their report day, rulings and sources.

Everything is read through the store's repository functions; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.orm import aliased

from trucewatch.model.agreement import Ruling, RulingValue
from trucewatch.model.incident import Incident, Toll
from trucewatch.report.period import Period, incident_report_day
from trucewatch.store.corroboration_tables import event_members
from trucewatch.store.incidents import iter_incidents
from trucewatch.store.reports import iter_reports
from trucewatch.store.schema import incidents as incidents_table
from trucewatch.store.schema import rulings as rulings_table

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The report an incident was read from: outlet, title, address, publication date."""

    report_id: str
    source: str
    title: str | None
    url: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """One incident with what the report needs beside it."""

    incident: Incident
    day: dt.date | None  # report day (by the cut-off), None when undated
    rulings: tuple[Ruling, ...]
    sources: tuple[SourceRef, ...]
    grade: str | None = None

    @property
    def id(self) -> str:
        return self.incident.id or ""

    @property
    def violation(self) -> bool:
        """True when any agreement or regime in force rules the incident a violation."""
        return any(r.ruling == RulingValue.VIOLATION for r in self.rulings)

    @property
    def governorate(self) -> str:
        place = self.incident.place
        return (place.governorate if place else None) or UNKNOWN

    @property
    def party(self) -> str:
        return self.incident.perpetrator or UNKNOWN

    def ordered_rulings(self) -> list[Ruling]:
        """Violations first, then by agreement id."""
        return sorted(self.rulings, key=lambda r: (r.ruling != RulingValue.VIOLATION, r.agreement))

    def ruling_summary(self) -> str:
        """``violation (coh-2016-02); out_of_scope (calm-aleppo-2016-05-05)``, violations first."""
        return "; ".join(f"{r.ruling.value} ({r.agreement})" for r in self.ordered_rulings())


def toll_range(toll: Toll) -> tuple[int, int] | None:
    """A figure as (low, high), filling a missing end from the others; None when unknown."""
    known = [v for v in (toll.low, toll.best, toll.high) if v is not None]
    if not known:
        return None
    low = toll.low if toll.low is not None else min(known)
    high = toll.high if toll.high is not None else max(known)
    return low, max(low, high)


def candidate_ids(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[str]:
    """Ids of incidents that may fall between ``start`` and ``end``; the caller filters exactly.

    The widening by a day each side covers dates read in any time zone.
    """
    first, last = start.date() - dt.timedelta(days=1), end.date() + dt.timedelta(days=1)
    t = incidents_table.c
    query = select(t.id).where(
        or_(
            and_(t.time.is_(None), t.date >= first, t.date <= last),
            and_(t.time.is_not(None), t.time >= start - dt.timedelta(days=1)),
        )
    )
    query = query.where(or_(t.time.is_(None), t.time <= end + dt.timedelta(days=1)))
    return list(conn.execute(query.order_by(t.id)).scalars())


def load_records(
    conn: Connection,
    period: Period | None = None,
    *,
    grades: Mapping[str, str] | None = None,
) -> list[IncidentRecord]:
    """Stored incidents (those whose report day lies in ``period``, or all), in a stable order."""
    ids = None if period is None else candidate_ids(conn, period.start, period.end)
    if ids == []:
        return []
    found = list(iter_incidents(conn, ids))
    cutoff = period.cutoff if period else None
    tz = period.tz if period else None
    if period is not None:
        assert cutoff is not None and tz is not None
        days = {i.id: incident_report_day(i, cutoff, tz) for i in found}
        found = [i for i in found if period.contains_day(days[i.id])]
    return build_records(conn, found, period, grades or {})


def build_records(
    conn: Connection,
    found: Sequence[Incident],
    period: Period | None,
    grades: Mapping[str, str],
) -> list[IncidentRecord]:
    """Attach rulings (those of each incident's event), sources and grades to incidents, and
    order them by day then id."""
    wanted = [i.id for i in found if i.id]
    event_of: dict[str, str] = {}
    if wanted:
        query = select(event_members.c.incident_id, event_members.c.event_id).where(
            event_members.c.incident_id.in_(wanted)
        )
        event_of = {r.incident_id: r.event_id for r in conn.execute(query)}
    by_event = current_event_rulings(conn, sorted(set(event_of.values())))
    rulings: dict[str, list[Ruling]] = defaultdict(list)
    for incident_id, event_id in event_of.items():
        for r in by_event.get(event_id, ()):
            rulings[incident_id].append(Ruling(incident_id, r.agreement, RulingValue(r.ruling)))
    sources = report_refs(conn, {i.report_id for i in found if i.report_id})
    records = []
    for incident in found:
        day = incident_report_day(incident, period.cutoff, period.tz) if period else incident.date
        refs = (sources[incident.report_id],) if incident.report_id in sources else ()
        records.append(
            IncidentRecord(
                incident=incident,
                day=day,
                rulings=tuple(sorted(rulings[incident.id or ""], key=lambda r: r.agreement)),
                sources=refs,
                grade=grades.get(incident.id or ""),
            )
        )
    return sort_records(records)


def sort_records(records: Iterable[IncidentRecord]) -> list[IncidentRecord]:
    """Chronological, undated last, ties broken by id so output never depends on read order."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def key(r: IncidentRecord) -> tuple:
        moment = r.incident.time or far
        return (r.day or dt.date.max, moment, r.id)

    return sorted(records, key=key)


def report_refs(conn: Connection, report_ids: set[str]) -> dict[str, SourceRef]:
    """The outlet, title, address and publication date of each report, by id."""
    if not report_ids:
        return {}
    refs = {}
    for report in iter_reports(conn, sorted(report_ids)):
        refs[report.id] = SourceRef(
            report_id=report.id,
            source=report.source.name,
            title=report.title,
            url=report.url,
            published=report.published.date,
        )
    return refs


@dataclass(frozen=True, slots=True)
class EventRuling:
    """The current ruling on an event under one agreement."""

    agreement: str
    ruling: str  # a ruling value (report.words says it in words)


def current_event_rulings(
    conn: Connection, ids: Sequence[str]
) -> dict[str, tuple[EventRuling, ...]]:
    """The newest ruling of each event (of ``ids``) under each agreement."""
    if not ids:
        return {}
    r = rulings_table
    newest = (
        select(r.c.event_id, r.c.agreement, func.max(r.c.version).label("v"))
        .where(r.c.event_id.in_(list(ids)))
        .group_by(r.c.event_id, r.c.agreement)
        .subquery()
    )
    row_of = aliased(r)
    query = (
        select(row_of.c.event_id, row_of.c.agreement, row_of.c.ruling)
        .join(
            newest,
            (row_of.c.event_id == newest.c.event_id)
            & (row_of.c.agreement == newest.c.agreement)
            & (row_of.c.version == newest.c.v),
        )
        .order_by(row_of.c.event_id, row_of.c.agreement)
    )
    found: dict[str, list[EventRuling]] = defaultdict(list)
    for row in conn.execute(query):
        found[row.event_id].append(EventRuling(row.agreement, row.ruling))
    return {k: tuple(v) for k, v in found.items()}
