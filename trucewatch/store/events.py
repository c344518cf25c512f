"""Events in the store: the one row converter and the repository every path uses.

Corroboration replaces the events in one transaction (they are derived), writing only those
whose content changed, so an unchanged event keeps its ``corroborated_at``; views, exports, reports,
adjudication and alerts read them through :func:`iter_events` / :func:`get_event`.

Analysts' corrections (``store.corrections``) are laid over the computed values as the rows are
written, so the stored event *is* the corrected event and every reader sees the same values;
the extracted ones are kept beside them (``event_extracted``) for the event page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, select

from trucewatch.model.dates import DateBasis, DateWindow, TimePrecision
from trucewatch.model.event import Event, Sided
from trucewatch.model.incident import (
    Attribution,
    GeoPrecision,
    Grade,
    IncidentType,
    Place,
    Toll,
)
from trucewatch.store.corrections import apply_corrections
from trucewatch.store.corroboration_tables import event_members, events


def _sided_json(values: Iterable[Sided]) -> list[dict[str, Any]]:
    out = []
    for v in values:
        value: Any = v.value
        if isinstance(value, Toll):
            value = {"low": value.low, "best": value.best, "high": value.high}
        out.append(
            {
                "value": value,
                "reports": list(v.reports),
                "members": list(v.members),
                "status": v.status,
                "words": v.words,
            }
        )
    return out


def _sided(items: Iterable[dict[str, Any]]) -> tuple[Sided, ...]:
    out = []
    for item in items or ():
        value = item["value"]
        if isinstance(value, dict):
            value = Toll(value.get("low"), value.get("best"), value.get("high"))
        out.append(
            Sided(
                value,
                tuple(item.get("reports") or ()),
                tuple(item.get("members") or ()),
                item.get("status") or "current",
                item.get("words"),
            )
        )
    return tuple(out)


def event_row(event: Event, at: dt.datetime) -> dict[str, Any]:
    """The ``events`` row of an event (the one converter, used by every writer)."""
    place, window = event.place, event.window
    return {
        "id": event.id,
        "type": event.type.value,
        "date_earliest": window.earliest,
        "date_latest": window.latest,
        "event_date": window.event_date,
        "time_precision": int(window.precision) if window.precision else None,
        "date_basis": window.basis.value,
        "place": place.name if place else None,
        "governorate": place.governorate if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": int(place.geo_precision) if place else None,
        "perpetrator": event.perpetrator,
        "attribution": event.attribution.value if event.attribution else None,
        "perpetrator_alternatives": list(event.perpetrator_alternatives),
        "target": event.target,
        "killed_low": event.killed.low,
        "killed_best": event.killed.best,
        "killed_high": event.killed.high,
        "injured_low": event.injured.low,
        "injured_best": event.injured.best,
        "injured_high": event.injured.high,
        "perpetrators": _sided_json(event.perpetrators),
        "targets": _sided_json(event.targets),
        "killed_values": _sided_json(event.killed_values),
        "injured_values": _sided_json(event.injured_values),
        "provenance": {k: list(v) for k, v in event.provenance.items()},
        "reports": len(event.report_ids),
        "sources": event.sources,
        "computed_grade": event.computed_grade.value,
        "explanation": event.explanation,
        "grade": event.grade.value,
        "corroborated_at": at,
    }


def event_from_row(row: Row, members: Sequence[tuple[str, str]] = ()) -> Event:
    """An :class:`Event` from its row and its ``(incident_id, report_id)`` members."""
    place = None
    if row.place is not None or row.governorate is not None:
        place = Place(
            row.place or row.governorate,
            row.governorate,
            row.lat,
            row.lon,
            GeoPrecision(row.geo_precision or GeoPrecision.REGION),
        )
    window = DateWindow(
        row.date_earliest,
        row.date_latest,
        row.event_date,
        TimePrecision(row.time_precision) if row.time_precision else None,
        DateBasis(row.date_basis),
    )
    return Event(
        id=row.id,
        type=IncidentType(row.type),
        window=window,
        members=tuple(m for m, _ in members),
        report_ids=tuple(dict.fromkeys(r for _, r in members)),
        sources=row.sources,
        place=place,
        perpetrator=row.perpetrator,
        attribution=Attribution(row.attribution) if row.attribution else None,
        perpetrator_alternatives=tuple(row.perpetrator_alternatives or ()),
        target=row.target,
        killed=Toll(row.killed_low, row.killed_best, row.killed_high),
        injured=Toll(row.injured_low, row.injured_best, row.injured_high),
        perpetrators=_sided(row.perpetrators),
        targets=_sided(row.targets),
        killed_values=_sided(row.killed_values),
        injured_values=_sided(row.injured_values),
        grade=Grade(row.grade),
        computed_grade=Grade(row.computed_grade),
        explanation=row.explanation,
        provenance={k: tuple(v) for k, v in (row.provenance or {}).items()},
    )


def replace_events(
    conn: Connection,
    found: Sequence[Event],
    joined: dict[str, str] | None = None,
    at: dt.datetime | None = None,
    *,
    touched: Iterable[str] = (),
) -> list[str]:
    """Make the stored events ``found``, analysts' active corrections laid over their computed
    values (kept across every re-run); call inside a transaction. Return the ids of the events
    written (new or changed), in id order.

    Only what changed is written: an event whose row (corrections laid over, the time of writing
    aside) and members are what is stored keeps its row, and its ``corroborated_at``; events no
    longer found are deleted. ``touched`` names events to write even when equal (a member was
    extracted again: the rules read members' evidence, which the row does not hold).
    ``joined`` maps a member incident id to why it joined its event ("anchor", "same place and
    day", ...); members default to "member".
    """
    at = at or dt.datetime.now(dt.UTC)
    joined = joined or {}
    rows = apply_corrections(conn, (event_row(e, at) for e in found), at)
    members = {
        event.id: [
            (member, reports.get(member, ""), joined.get(member, "member"))
            for member in event.members
        ]
        for event in found
        for reports in (_member_reports(event),)
    }
    stored = _stored_content(conn)
    force = set(touched)
    changed = [
        row
        for row in rows
        if row["id"] in force or stored.get(row["id"]) != _content(row, members[row["id"]])
    ]
    gone = set(stored) - {row["id"] for row in rows}
    _delete(conn, sorted(gone | {row["id"] for row in changed if row["id"] in stored}))
    if changed:
        conn.execute(events.insert(), changed)
        member_rows = [
            {"incident_id": m, "event_id": row["id"], "report_id": r, "joined": why}
            for row in changed
            for m, r, why in members[row["id"]]
        ]
        if member_rows:
            conn.execute(event_members.insert(), member_rows)
    return sorted(row["id"] for row in changed)


def _content(row: dict[str, Any], members: Iterable[tuple[str, str, str]]) -> tuple:
    """What an event is, as stored: its row (the time of writing aside) and its ``(incident,
    report, joined)`` members in order. ``event_row`` builds JSON values from lists and dicts
    only, so a fresh row compares equal to the same row read back."""
    values = tuple((k, v) for k, v in sorted(row.items()) if k != "corroborated_at")
    return values, tuple(sorted(members))


def _stored_content(conn: Connection) -> dict[str, tuple]:
    """Every stored event's content (see :func:`_content`), by id."""
    members: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    query = select(
        event_members.c.event_id,
        event_members.c.incident_id,
        event_members.c.report_id,
        event_members.c.joined,
    )
    for r in conn.execute(query):
        members[r.event_id].append((r.incident_id, r.report_id, r.joined))
    return {
        row.id: _content(dict(row._mapping), members.get(row.id, ()))
        for row in conn.execute(select(events))
    }


def _delete(conn: Connection, ids: Sequence[str]) -> None:
    """Delete events and their members, in chunks (bound-parameter limits)."""
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        conn.execute(delete(event_members).where(event_members.c.event_id.in_(chunk)))
        conn.execute(delete(events).where(events.c.id.in_(chunk)))


def _member_reports(event: Event) -> dict[str, str]:
    """Member incident id -> its report id (incident ids start with their report's id)."""
    out = {}
    for member in event.members:
        for report in event.report_ids:
            if member.startswith(f"{report}-"):
                out[member] = report
                break
    return out


def iter_events(conn: Connection, ids: Sequence[str] | None = None) -> Iterator[Event]:
    """Stored events (all, or those with ``ids``), with their members, in id order."""
    member_query = select(
        event_members.c.event_id, event_members.c.incident_id, event_members.c.report_id
    ).order_by(event_members.c.event_id, event_members.c.incident_id)
    query = select(events).order_by(events.c.id)
    if ids is not None:
        if not ids:
            return
        member_query = member_query.where(event_members.c.event_id.in_(list(ids)))
        query = query.where(events.c.id.in_(list(ids)))
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in conn.execute(member_query):
        members[r.event_id].append((r.incident_id, r.report_id))
    for row in conn.execute(query):
        anchor = row.id.removeprefix("e-")  # model.ids.event_id: the earliest member first
        found = sorted(members.get(row.id, ()), key=lambda m: (m[0] != anchor, m[0]))
        yield event_from_row(row, found)


def get_event(conn: Connection, event_id: str) -> Event | None:
    """One stored event, or None."""
    return next(iter_events(conn, [event_id]), None)


def event_of_incident(conn: Connection, incident_id: str) -> str | None:
    """The id of the event a report's incident is a member of, or None."""
    return conn.execute(
        select(event_members.c.event_id).where(event_members.c.incident_id == incident_id)
    ).scalar_one_or_none()
