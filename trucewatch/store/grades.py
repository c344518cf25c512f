"""The grade history in the store: computed grades, people's overrides and clearings, kept under
the event's id. The one converter between :class:`GradeEvent` and ``grade_history`` rows; every
reader and writer (corroboration, the ``grade`` command, the web pages) goes through here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, select

from trucewatch.model.event import GradeEvent
from trucewatch.model.incident import Grade
from trucewatch.store.corroboration_tables import grade_history


def grade_event_from_row(row: Row) -> GradeEvent:
    """A :class:`GradeEvent` from its ``grade_history`` row."""
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return GradeEvent(row.kind, Grade(row.grade) if row.grade else None, row.why, row.by, at)


def grade_event_row(event_id: str, event: GradeEvent) -> dict[str, Any]:
    """The ``grade_history`` row of one entry."""
    return {
        "event_id": event_id,
        "kind": event.kind,
        "grade": event.grade.value if event.grade else None,
        "why": event.why,
        "by": event.by,
        "at": event.at,
    }


def grade_events(conn: Connection, event_id: str) -> list[GradeEvent]:
    """Every computed grade, override and clearing of one event, oldest first."""
    query = select(grade_history).where(grade_history.c.event_id == event_id)
    return [grade_event_from_row(r) for r in conn.execute(query.order_by(grade_history.c.id))]


def grade_histories(conn: Connection) -> dict[str, list[GradeEvent]]:
    """Every event's grade history, oldest first."""
    out: dict[str, list[GradeEvent]] = defaultdict(list)
    for r in conn.execute(select(grade_history).order_by(grade_history.c.id)):
        out[r.event_id].append(grade_event_from_row(r))
    return out


def append_grade_events(conn: Connection, entries: Iterable[tuple[str, GradeEvent]]) -> int:
    """Append ``(event id, entry)`` pairs to the history (never rewritten); return how many."""
    rows = [grade_event_row(event_id, event) for event_id, event in entries]
    if rows:
        conn.execute(grade_history.insert(), rows)
    return len(rows)
