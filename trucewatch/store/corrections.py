"""Corrections in the store: which events' values analysts corrected, and laying them over.

The events table holds the corrected values, so every reader (lists, map, API, exports, reports,
adjudication, alerts) sees them without knowing corrections exist. Two writers put them there:
:func:`apply_corrections`, called by ``store.events.replace_events`` whenever corroboration
rebuilds the events, and :func:`refresh_event`, called when a correction is made or withdrawn.
Both keep the values extraction gave in ``event_extracted``, so the event page can show them
beside the correction and a withdrawal can restore them.

Permissions, validation and the audit entry are the centre's (``centre.corrections``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from trucewatch.store.correction_tables import corrections, event_extracted
from trucewatch.store.corroboration_tables import events

# What an analyst may correct, and the ``events`` columns each field sets.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "date": ("date_earliest", "date_latest", "event_date", "time_precision", "date_basis"),
    "place": ("place", "governorate", "lat", "lon", "geo_precision"),
    "perpetrator": ("perpetrator",),
    "target": ("target",),
    "attribution": ("attribution",),
    "killed": ("killed_low", "killed_best", "killed_high"),
    "injured": ("injured_low", "injured_best", "injured_high"),
}
FIELDS = tuple(CORRECTABLE)
_DATE_COLUMNS = frozenset({"date_earliest", "date_latest", "event_date"})
ACTIVE, WITHDRAWN = "active", "withdrawn"


@dataclass(frozen=True, slots=True)
class StoredCorrection:
    """One correction as kept: what it set, what extraction said then, who, when and why."""

    id: int
    event_id: str
    fields: dict[str, Any]
    original: dict[str, Any]
    reason: str
    by: str
    at: dt.datetime
    status: str
    status_at: dt.datetime
    version: int
    orphaned: bool  # its event is gone (kept, listed, never moved to another event)


def corrected_columns(field: str, value: Any) -> dict[str, Any]:
    """The ``events`` columns a field's corrected value sets (values as stored by the centre:
    a date as ISO text, a place or a toll as a mapping)."""
    if field == "date":
        day = dt.date.fromisoformat(value)
        # A corrected day is a stated day: precision 1, resting on a text (the analyst's).
        return dict.fromkeys(("date_earliest", "date_latest", "event_date"), day) | {
            "time_precision": 1,
            "date_basis": "text",
        }
    if field in ("killed", "injured"):
        return {f"{field}_{k}": value.get(k) for k in ("low", "best", "high")}
    if field == "place":
        return {c: value.get("name" if c == "place" else c) for c in CORRECTABLE["place"]}
    return {CORRECTABLE[field][0]: value}


def field_value(field: str, columns: Mapping[str, Any]) -> Any:
    """A field's value read back from ``events`` columns, in the form corrections store."""
    if field == "date":
        day = columns.get("event_date")
        return day.isoformat() if isinstance(day, dt.date) else day
    if field in ("killed", "injured"):
        return {k: columns.get(f"{field}_{k}") for k in ("low", "best", "high")}
    if field == "place":
        return {c if c != "place" else "name": columns.get(c) for c in CORRECTABLE["place"]}
    return columns.get(CORRECTABLE[field][0])


def _snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    """The correctable columns of an events row, JSON-ready."""
    out = {}
    for columns in CORRECTABLE.values():
        for c in columns:
            v = row[c]
            out[c] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def _restored(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    return {
        c: dt.date.fromisoformat(v) if c in _DATE_COLUMNS and isinstance(v, str) else v
        for c, v in snapshot.items()
    }


def active_fields(conn: Connection, event_ids: Sequence[str] | None = None) -> dict[str, dict]:
    """Event id -> its corrected fields: every active correction, later ones winning per field."""
    query = select(corrections.c.event_id, corrections.c.fields).where(
        corrections.c.status == ACTIVE
    )
    if event_ids is not None:
        query = query.where(corrections.c.event_id.in_(list(event_ids)))
    out: dict[str, dict] = {}
    for event_id, fields in conn.execute(query.order_by(corrections.c.id)):
        out.setdefault(event_id, {}).update(fields or {})
    return out


def overlay(row: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with the corrected fields' columns set."""
    out = dict(row)
    for field, value in fields.items():
        out.update(corrected_columns(field, value))
    return out


def apply_corrections(
    conn: Connection, rows: Iterable[dict[str, Any]], at: dt.datetime
) -> list[dict[str, Any]]:
    """Lay the active corrections over freshly computed events rows (``replace_events`` calls
    this before writing them), keeping each corrected event's extracted values; call inside a
    transaction."""
    conn.execute(delete(event_extracted))
    rows = list(rows)
    fields = active_fields(conn)
    if not fields:
        return rows
    out, kept = [], []
    for row in rows:
        found = fields.get(row["id"])
        if found:
            kept.append({"event_id": row["id"], "columns": _snapshot(row), "at": at})
            row = overlay(row, found)
        out.append(row)
    if kept:
        conn.execute(insert(event_extracted), kept)
    return out


def refresh_event(conn: Connection, event_id: str) -> bool:
    """Set an event's stored values to its extracted ones with its active corrections laid over
    (after a correction is made or withdrawn); False when the event is gone."""
    row = conn.execute(select(events).where(events.c.id == event_id)).first()
    if row is None:
        return False
    kept = extracted_columns(conn, event_id)
    fields = active_fields(conn, [event_id]).get(event_id)
    if kept is None:
        kept = _snapshot(row._mapping)
        if fields:
            conn.execute(
                insert(event_extracted).values(
                    event_id=event_id, columns=kept, at=dt.datetime.now(dt.UTC)
                )
            )
    elif not fields:
        conn.execute(delete(event_extracted).where(event_extracted.c.event_id == event_id))
    values = overlay(_restored(kept), fields or {})
    conn.execute(update(events).where(events.c.id == event_id).values(**values))
    return True


def extracted_columns(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The values extraction gave a corrected event (JSON-ready), or None when uncorrected."""
    return conn.execute(
        select(event_extracted.c.columns).where(event_extracted.c.event_id == event_id)
    ).scalar_one_or_none()


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def list_corrections(
    conn: Connection, event_id: str | None = None, *, orphaned_only: bool = False
) -> list[StoredCorrection]:
    """Corrections, oldest first (those on ``event_id`` only, or the orphaned only)."""
    query = select(corrections).order_by(corrections.c.id)
    if event_id is not None:
        query = query.where(corrections.c.event_id == event_id)
    rows = conn.execute(query).all()
    wanted = list({r.event_id for r in rows})
    live = (
        set(conn.execute(select(events.c.id).where(events.c.id.in_(wanted))).scalars())
        if wanted
        else set()
    )
    out = [
        StoredCorrection(
            r.id,
            r.event_id,
            dict(r.fields or {}),
            dict(r.original or {}),
            r.reason,
            r.by,
            _aware(r.at),
            r.status,
            _aware(r.status_at),
            r.version,
            r.event_id not in live,
        )
        for r in rows
    ]
    return [c for c in out if c.orphaned] if orphaned_only else out
