"""The verification workflow: analysts change an incident's grade, and a ruling's review state,
always with a reason; every change stays in the history."""

from __future__ import annotations

from sqlalchemy import Connection, select

from trucewatch.centre import records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register
from trucewatch.model.centre import REVIEW_FLOW, Flow, ReviewState, StatusChange, User
from trucewatch.model.incident import Grade
from trucewatch.store.centre_tables import incident_grades, ruling_reviews
from trucewatch.store.corroboration_tables import events
from trucewatch.store.schema import incidents, rulings

# Any grade may become any other as evidence comes in; the reason says why.
GRADE_FLOW: Flow = {g.value: frozenset(o.value for o in Grade if o != g) for g in Grade}
GRADES = Register("incident_grade", incident_grades, GRADE_FLOW)
REVIEWS = Register("ruling_review", ruling_reviews, REVIEW_FLOW)


def _reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise ValueError("say why: a grade or review change needs a reason")
    return reason.strip()


def set_grade(
    conn: Connection,
    user: User,
    incident_id: str,
    grade: Grade | str,
    *,
    reason: str,
    seen: int | None = None,
) -> int:
    """Give an event (or one report's incident) a grade the first time, or change it; return the
    record's version. The grade is kept under that id: it follows the event while the event's
    earliest member remains, and is listed as orphaned (``trucewatch grade orphans``) when not."""
    require(user, Action.GRADE_CHANGE)
    reason, grade = _reason(reason), Grade(grade)
    exists = conn.execute(select(incidents.c.id).where(incidents.c.id == incident_id)).first()
    if exists is None:
        exists = conn.execute(select(events.c.id).where(events.c.id == incident_id)).first()
    if exists is None:
        raise NotFound(f"no event or incident {incident_id}")
    if conn.execute(
        select(incident_grades.c.id).where(incident_grades.c.id == incident_id)
    ).first():
        return records.move(conn, user, GRADES, incident_id, grade, reason=reason, seen=seen)
    records.create(conn, user, GRADES, {"id": incident_id, "status": grade.value}, reason=reason)
    return 1


def grade_of(conn: Connection, incident_id: str) -> Grade | None:
    """The incident's current grade as set by an analyst, or None when never graded."""
    value = conn.execute(
        select(incident_grades.c.status).where(incident_grades.c.id == incident_id)
    ).scalar()
    return Grade(value) if value else None


def review_ruling(
    conn: Connection,
    user: User,
    incident_id: str,
    agreement: str,
    state: ReviewState | str,
    *,
    reason: str,
    seen: int | None = None,
) -> int:
    """Set the review state of the ruling on an event under an agreement."""
    require(user, Action.REVIEW_CHANGE)
    reason, state = _reason(reason), ReviewState(state)
    ruled = conn.execute(
        select(rulings.c.id).where(
            rulings.c.event_id == incident_id, rulings.c.agreement == agreement
        )
    ).first()
    if ruled is None:
        raise NotFound(f"no ruling on {incident_id} under {agreement}")
    key = f"{incident_id}|{agreement}"
    if conn.execute(select(ruling_reviews.c.id).where(ruling_reviews.c.id == key)).first() is None:
        values = {
            "id": key,
            "incident_id": incident_id,
            "agreement": agreement,
            "status": ReviewState.UNREVIEWED.value,
        }
        records.create(conn, user, REVIEWS, values, reason="first review")
    return records.move(conn, user, REVIEWS, key, state, reason=reason, seen=seen)


def review_state(conn: Connection, incident_id: str, agreement: str) -> ReviewState:
    """Where the review of a ruling stands (``unreviewed`` until someone starts one)."""
    value = conn.execute(
        select(ruling_reviews.c.status).where(ruling_reviews.c.id == f"{incident_id}|{agreement}")
    ).scalar()
    return ReviewState(value) if value else ReviewState.UNREVIEWED


def grade_history(conn: Connection, user: User, incident_id: str) -> list[StatusChange]:
    """Every grade an incident was given, by whom and why, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, GRADES, incident_id)


def review_history(
    conn: Connection, user: User, incident_id: str, agreement: str
) -> list[StatusChange]:
    """Every review step of a ruling, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, REVIEWS, f"{incident_id}|{agreement}")
