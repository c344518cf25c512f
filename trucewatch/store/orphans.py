"""Analysts' work whose event is gone: kept, marked orphaned and listed, never re-attached.

Grades, grade overrides, ruling reviews and corrections are kept under the id of the event they
were made on. Event ids are stable while the event's earliest member remains; when a
re-extraction or a new merge removes that member, the event is gone and its id matches nothing.
What people wrote then stays in the store and is listed here (``trucewatch grade --orphans``,
``trucewatch run``) for a person to look at again, instead of being moved to whatever event
looks closest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from trucewatch.store.centre_tables import incident_grades, ruling_reviews
from trucewatch.store.corroboration_tables import events
from trucewatch.store.grades import grade_histories
from trucewatch.store.schema import incidents


@dataclass(frozen=True, slots=True)
class Orphan:
    """One piece of analysts' work whose event (or incident) no longer exists."""

    kind: str  # grade override, centre grade, ruling review, correction
    target_id: str  # the event (or incident) id it was made on
    detail: str


def list_orphans(conn: Connection) -> list[Orphan]:
    """Every grade override, centre grade, ruling review and active correction whose event is
    gone."""
    from trucewatch.store.corrections import ACTIVE, list_corrections

    live = set(conn.execute(select(events.c.id)).scalars())
    extracted = set(conn.execute(select(incidents.c.id)).scalars())
    out = []
    for event_id, history in sorted(grade_histories(conn).items()):
        people = [e for e in history if e.kind != "computed"]
        if event_id not in live and people and people[-1].kind == "override":
            last = people[-1]
            grade = last.grade.value if last.grade else "?"
            out.append(Orphan("grade override", event_id, f"{grade} by {last.by}: {last.why}"))
    for row in conn.execute(select(incident_grades).order_by(incident_grades.c.id)):
        if row.id not in live and row.id not in extracted:
            out.append(Orphan("centre grade", row.id, f"graded {row.status}"))
    for row in conn.execute(select(ruling_reviews).order_by(ruling_reviews.c.id)):
        if row.incident_id not in live:
            out.append(Orphan("ruling review", row.incident_id, f"{row.agreement}: {row.status}"))
    for c in list_corrections(conn, orphaned_only=True):
        if c.status == ACTIVE:
            detail = f"{', '.join(c.fields)} by {c.by}: {c.reason}"
            out.append(Orphan(f"correction {c.id}", c.event_id, detail))
    return out
