"""Analysts' work whose event is gone: kept, marked orphaned and listed, never re-attached.

Grades, grade overrides and ruling reviews are kept under the id of the event they were made
on. Event ids are stable while the event's earliest member remains; when a re-extraction or a
new merge removes that member, the event is gone and its id matches nothing. What people wrote
then stays in the store and is listed here (``trucewatch grade --orphans``, ``trucewatch run``)
for a person to look at again, instead of being moved to whatever event looks closest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from trucewatch.store.centre_tables import incident_grades, ruling_reviews
from trucewatch.store.corroboration_tables import events, grade_history
from trucewatch.store.schema import incidents


@dataclass(frozen=True, slots=True)
class Orphan:
    """One piece of analysts' work whose event (or incident) no longer exists."""

    kind: str  # grade override, centre grade, ruling review
    target_id: str  # the event (or incident) id it was made on
    detail: str


def list_orphans(conn: Connection) -> list[Orphan]:
    """Every grade override, centre grade and ruling review whose event is gone."""
    live = set(conn.execute(select(events.c.id)).scalars())
    extracted = set(conn.execute(select(incidents.c.id)).scalars())
    out = []
    overrides = select(grade_history).where(grade_history.c.kind != "computed")
    latest: dict[str, object] = {}
    for row in conn.execute(overrides.order_by(grade_history.c.id)):
        latest[row.event_id] = row
    for event_id, row in sorted(latest.items()):
        if event_id not in live and row.kind == "override":  # type: ignore[attr-defined]
            out.append(
                Orphan(
                    "grade override",
                    event_id,
                    f"{row.grade} by {row.by}: {row.why}",  # type: ignore[attr-defined]
                )
            )
    for row in conn.execute(select(incident_grades).order_by(incident_grades.c.id)):
        if row.id not in live and row.id not in extracted:
            out.append(Orphan("centre grade", row.id, f"graded {row.status}"))
    for row in conn.execute(select(ruling_reviews).order_by(ruling_reviews.c.id)):
        if row.incident_id not in live:
            out.append(Orphan("ruling review", row.incident_id, f"{row.agreement}: {row.status}"))
    return out
