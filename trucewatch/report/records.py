"""Incidents as the report and the exports see them: with their report day, rulings and sources.

Everything is read through the store's repository functions; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select

from trucewatch.model.agreement import Ruling, RulingValue
from trucewatch.model.incident import Incident, Toll
from trucewatch.report.period import Period, incident_report_day
from trucewatch.store.incidents import iter_incidents
from trucewatch.store.reports import iter_reports
from trucewatch.store.rulings import current_rulings
from trucewatch.store.schema import incidents as incidents_table

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
    """Attach rulings, sources and grades to incidents, and order them by day then id."""
    wanted = {i.id for i in found}
    rulings: dict[str, list[Ruling]] = defaultdict(list)
    for stored in current_rulings(conn):
        if stored.ruling.incident in wanted:
            rulings[stored.ruling.incident].append(stored.ruling)
    sources = _sources(conn, {i.report_id for i in found if i.report_id})
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


def _sources(conn: Connection, report_ids: set[str]) -> dict[str, SourceRef]:
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
