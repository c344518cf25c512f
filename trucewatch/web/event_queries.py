"""The read queries behind the event list, map, dashboard, event page and ``/api/v1/events``.

An event is what the mission publishes: one per thing that happened, however many reports tell
it. Every view filters it by the one date rule (:mod:`trucewatch.model.dates`): a date range is
calendar days in UTC, and an event counts where its best day (``event_date``) falls; one whose
window reaches outside the range is still counted there and flagged ``window_straddles``. An
event with no known day is counted only when no date range is asked for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from trucewatch.model.dates import DateBasis, DateWindow, TimePrecision
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.grades import grade_events as stored_grade_events
from trucewatch.store.schema import incidents, reports, rulings, sources
from trucewatch.web.paging import Cursor, keyset
from trucewatch.web.queries import (
    MAP_LIMIT,
    MAX_LIMIT,
    IncidentFilter,
    attach_rulings,
    current_rulings_table,
    incident_mentions,
    ruling_versions,
    sort_order,
)

# The lists' order, newest best day first (the ``ix_events_newest`` index holds it).
NEWEST_FIRST = (events.c.event_date.desc().nulls_last(), events.c.id)

# The columns the event list may be sorted by (``?sort=killed``, ``?sort=-killed`` for the
# largest first): a whitelist, so a query string never names SQL.
SORTS: dict[str, ColumnElement] = {
    "date": events.c.event_date,
    "type": events.c.type,
    "place": func.lower(func.coalesce(events.c.place, events.c.governorate)),
    "perpetrator": func.lower(events.c.perpetrator),
    "target": func.lower(events.c.target),
    "killed": func.coalesce(events.c.killed_best, events.c.killed_high, events.c.killed_low),
    "grade": events.c.grade,
    "sources": events.c.sources,
}


def conditions(f: IncidentFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``f`` on events (the same filters as the incident list)."""
    e = events.c
    where: list[ColumnElement[bool]] = []
    if f.date_from is not None:
        where.append(e.event_date >= f.date_from)
    if f.date_to is not None:
        where.append(e.event_date <= f.date_to)
    if f.governorate:
        where.append(func.lower(e.governorate).in_(f.governorates()))
    if f.type:
        where.append(e.type.in_(f.type))
    if f.actor:
        names = f.actors()
        where.append(or_(func.lower(e.perpetrator).in_(names), func.lower(e.target).in_(names)))
    if f.ruling or f.agreement:
        current = current_rulings_table()
        match = [current.c.event_id == e.id]
        if f.ruling:
            match.append(current.c.ruling.in_(f.ruling))
        if f.agreement:
            match.append(current.c.agreement.in_(f.agreement))
        where.append(exists().where(and_(*match)))
    if f.grade:
        where.append(e.grade.in_(f.grade))
    if f.q and f.q.strip():
        words = f.q.strip()
        member = aliased(event_members)
        in_reports = (
            exists()
            .select_from(member.join(reports, reports.c.id == member.c.report_id))
            .where(
                member.c.event_id == e.id,
                or_(
                    reports.c.title.icontains(words, autoescape=True),
                    reports.c.text.icontains(words, autoescape=True),
                ),
            )
        )
        columns = (e.place, e.governorate, e.perpetrator, e.target)
        where.append(or_(*(c.icontains(words, autoescape=True) for c in columns), in_reports))
    return where


def window_of(row: dict[str, Any]) -> DateWindow:
    """An event row's date window (the one rule's :class:`DateWindow`)."""
    precision = row.get("time_precision")
    return DateWindow(
        row.get("date_earliest"),
        row.get("date_latest"),
        row.get("event_date"),
        TimePrecision(precision) if precision else None,
        DateBasis(row.get("date_basis") or DateBasis.UNKNOWN),
    )


def _finish(
    conn: Connection, rows: list[dict], f: IncidentFilter, rulings: bool = True
) -> list[dict]:
    """The gravest ruling (and, when ``rulings``, the current rulings), the window flag and the
    window in words on each event row."""
    attach_rulings(conn, rows, key="id", full=rulings)
    for row in rows:
        window = window_of(row)
        row["window_straddles"] = window.straddles(f.date_from, f.date_to)
        row["window"] = window.describe()
        row["perpetrator_alternatives"] = list(row.get("perpetrator_alternatives") or [])
    return rows


def _rows(conn: Connection, query) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(query)]


def event_page(
    conn: Connection,
    f: IncidentFilter,
    limit: int = 50,
    offset: int = 0,
    *,
    after: Cursor | None = None,
    rulings: bool = True,
    sort: str | None = None,
) -> list[dict]:
    """One page of events matching ``f``, newest best day first (or in the order ``sort``
    names, see ``SORTS``), with their gravest current ruling and (``rulings``) every current
    ruling: ``limit`` rows from ``offset``, or those following the cursor ``after`` (see
    :mod:`trucewatch.web.paging`; a cursor follows the newest-first order only)."""
    limit = min(max(limit, 0), MAX_LIMIT + 1)  # one more than a page: is there a next one?
    if after is None:
        query = (
            select(events)
            .where(*conditions(f))
            .order_by(*(sort_order(sort, SORTS, events.c.id) or NEWEST_FIRST))
            .limit(limit)
            .offset(max(offset, 0))
        )
        return _finish(conn, _rows(conn, query), f, rulings)
    narrow = select(events.c.id, events.c.event_date).where(*conditions(f))
    ids = list(
        conn.execute(keyset(narrow, events.c.event_date, events.c.id, after, limit)).scalars()
    )
    by_id = {r["id"]: r for r in _rows(conn, select(events).where(events.c.id.in_(ids)))}
    return _finish(conn, [by_id[i] for i in ids if i in by_id], f, rulings)


def next_event(rows: list[dict]) -> Cursor:
    """The cursor after the last of ``rows`` (a page of events)."""
    return Cursor("events", rows[-1]["event_date"], rows[-1]["id"])


def count_events(conn: Connection, f: IncidentFilter) -> int:
    """How many events match ``f``."""
    query = select(func.count()).select_from(events).where(*conditions(f))
    return conn.execute(query).scalar_one()


def search_events(
    conn: Connection,
    f: IncidentFilter,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
) -> tuple[int, list[dict]]:
    """One page of events matching ``f`` (in the order ``sort`` names) and how many match."""
    return count_events(conn, f), event_page(conn, f, limit, offset, sort=sort)


def outlets_of(conn: Connection, event_ids: list[str]) -> dict[str, list[str]]:
    """Each event's outlets (the sources of its member reports), earliest report first, each
    named once."""
    found: dict[str, list[str]] = defaultdict(list)
    query = (
        select(event_members.c.event_id, sources.c.name)
        .join(reports, reports.c.id == event_members.c.report_id)
        .join(sources, sources.c.id == reports.c.source_id)
        .order_by(event_members.c.event_id, reports.c.published_date.nulls_last(), reports.c.id)
    )
    for start in range(0, len(event_ids), 1000):  # within every database's parameter limit
        chunk = event_ids[start : start + 1000]
        for event_id, name in conn.execute(query.where(event_members.c.event_id.in_(chunk))):
            if name not in found[event_id]:
                found[event_id].append(name)
    return dict(found)


def map_events(conn: Connection, f: IncidentFilter) -> tuple[list[dict], int]:
    """Events matching ``f`` that have coordinates (gravest ruling and outlets on each), and
    how many matching events have none (the map says so rather than dropping them silently)."""
    placed = and_(events.c.lat.is_not(None), events.c.lon.is_not(None))
    query = select(events).where(*conditions(f), placed).order_by(*NEWEST_FIRST).limit(MAP_LIMIT)
    rows = _finish(conn, _rows(conn, query), f, rulings=False)
    outlets = outlets_of(conn, [r["id"] for r in rows])
    for row in rows:
        row["outlets"] = outlets.get(row["id"], [])
    unplaced = conn.execute(
        select(func.count()).select_from(events).where(*conditions(f), ~placed)
    ).scalar_one()
    return rows, unplaced


def daily_counts(conn: Connection, f: IncidentFilter | None = None) -> list[dict]:
    """Per best day: events, events with a current violation ruling, and those with an alleged
    violation and no violation (counted apart, never added to violations)."""
    f = f or IncidentFilter()
    current = current_rulings_table()

    def ruled(value: str) -> ColumnElement[bool]:
        return exists().where(current.c.event_id == events.c.id, current.c.ruling == value)

    violation, alleged = ruled("violation"), ruled("alleged_violation")
    query = (
        select(
            events.c.event_date,
            func.count().label("events"),
            func.sum(case((violation, 1), else_=0)).label("violations"),
            func.sum(case((and_(alleged, ~violation), 1), else_=0)).label("alleged"),
        )
        .where(*conditions(f), events.c.event_date.is_not(None))
        .group_by(events.c.event_date)
        .order_by(events.c.event_date)
    )
    return [
        {
            "date": r.event_date,
            "events": r.events,
            "violations": int(r.violations or 0),
            "alleged_violations": int(r.alleged or 0),
        }
        for r in conn.execute(query)
    ]


def undated_count(conn: Connection, f: IncidentFilter | None = None) -> int:
    """Events matching ``f`` with no known day (counted only when no date range is asked)."""
    f = f or IncidentFilter()
    query = select(func.count()).select_from(events).where(*conditions(f))
    return conn.execute(query.where(events.c.event_date.is_(None))).scalar_one()


def distinct_values(conn: Connection) -> dict[str, list[str]]:
    """Governorates, types, actors and agreements present in events, for the filter menus."""
    e = events.c

    def values(column) -> list[str]:
        query = select(column).where(column.is_not(None)).distinct().order_by(column)
        return [v for v in conn.execute(query).scalars() if v]

    return {
        "governorates": values(e.governorate),
        "types": values(e.type),
        "actors": sorted(set(values(e.perpetrator)) | set(values(e.target))),
        "agreements": values(rulings.c.agreement),
    }


def event_members_of(conn: Connection, event_id: str) -> list[dict]:
    """An event's member incidents (what each report said), with report, outlet and evidence."""
    query = (
        select(
            event_members.c.incident_id,
            event_members.c.report_id,
            event_members.c.joined,
            reports.c.title,
            reports.c.url,
            reports.c.published_date,
            sources.c.name.label("source"),
            incidents.c.type,
            incidents.c.date,
            incidents.c.time,
            incidents.c.place,
            incidents.c.perpetrator,
            incidents.c.target,
            incidents.c.killed_low,
            incidents.c.killed_best,
            incidents.c.killed_high,
            incidents.c.injured_low,
            incidents.c.injured_best,
            incidents.c.injured_high,
        )
        .select_from(event_members)
        .join(reports, reports.c.id == event_members.c.report_id)
        .join(sources, sources.c.id == reports.c.source_id)
        .outerjoin(incidents, incidents.c.id == event_members.c.incident_id)
        .where(event_members.c.event_id == event_id)
        .order_by(reports.c.published_date.nulls_last(), event_members.c.incident_id)
    )
    members = _rows(conn, query)
    for m in members:
        m["evidence"] = incident_mentions(conn, m["incident_id"])
    return members


def grade_events(conn: Connection, event_id: str) -> list[dict]:
    """An event's grade history (computed grades and people's overrides), oldest first, as the
    API writes it (read through ``store.grades``)."""
    return [
        {
            "kind": g.kind,
            "grade": g.grade.value if g.grade else None,
            "why": g.why,
            "by": g.by,
            "at": g.at,
        }
        for g in stored_grade_events(conn, event_id)
    ]


def get_event(conn: Connection, event_id: str) -> dict | None:
    """One event with its combined values, members (with evidence), rulings and grade history."""
    found = _rows(conn, select(events).where(events.c.id == event_id))
    if not found:
        return None
    row = _finish(conn, found, IncidentFilter())[0]
    row["members"] = event_members_of(conn, event_id)
    row["ruling_history"] = ruling_versions(conn, event_id)
    row["grade_history"] = grade_events(conn, event_id)
    row["provenance"] = dict(row.get("provenance") or {})
    return row


def provenance_words(row: dict) -> dict[str, list[str]]:
    """For each combined value, the outlets of the members it came from (for the event page)."""
    outlet = {m["incident_id"]: m["source"] for m in row.get("members", ())}
    out: dict[str, list[str]] = defaultdict(list)
    for field, members in (row.get("provenance") or {}).items():
        for member in members:
            name = outlet.get(member, member)
            if name not in out[field]:
                out[field].append(name)
    return dict(out)
