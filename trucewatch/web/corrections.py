"""Corrections on the web: the event page's form, withdrawing one, and the API's
``PATCH /api/v1/events/{id}`` and ``/api/v1/corrections``. All call ``centre.corrections`` (the
permission matrix, the audit chain and the re-ruling apply alike); the PATCH answer carries the
event's new rulings.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Path, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from trucewatch.centre import corrections as service
from trucewatch.centre.permissions import Action, require
from trucewatch.model.centre import User
from trucewatch.store.corrections import list_corrections
from trucewatch.web.api import Caller, Conn, Reader
from trucewatch.web.pages import Viewer
from trucewatch.web.twins import Csrf, Reason, Short, back_to, writing

api = APIRouter(prefix="/api/v1", tags=["corrections"])
pages = APIRouter(include_in_schema=False)
EventId = Annotated[str, Path(max_length=130, pattern=r"^[^\x00]+$")]
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LABELS = {
    "date": "Date",
    "place": "Place",
    "perpetrator": "Perpetrator",
    "target": "Target",
    "attribution": "Attribution",
    "killed": "Killed",
    "injured": "Injured",
}


class CorrectionIn(BaseModel):
    """The fields to correct (leave out what stays) and why."""

    date: str | None = Field(None, max_length=10, description="the day, YYYY-MM-DD")
    place: str | None = Field(None, max_length=200, description="a place the gazetteer knows")
    governorate: str | None = Field(None, max_length=60, description="which place is meant")
    perpetrator: str | None = Field(None, max_length=120)
    target: str | None = Field(None, max_length=120)
    attribution: str | None = Field(None, max_length=12, description="stated, alleged, ...")
    killed: str | int | None = Field(None, description="N or LOW-HIGH")
    injured: str | int | None = Field(None, description="N or LOW-HIGH")
    reason: str = Field(..., min_length=1, max_length=2000)


class WithdrawIn(BaseModel):
    reason: str = Field(..., min_length=1, max_length=2000)


def correction_out(c: Any) -> dict[str, Any]:
    """A stored correction as the API and the event page show it: each field's corrected value
    beside what extraction said when it was made, in words and as data."""
    return {
        "id": c.id,
        "event_id": c.event_id,
        "status": c.status,
        "by": c.by,
        "at": c.at,
        "status_at": c.status_at,
        "reason": c.reason,
        "orphaned": c.orphaned,
        "fields": [
            {
                "field": f,
                "label": LABELS[f],
                "value": v,
                "words": service.value_words(f, v),
                "extracted": c.original.get(f),
                "extracted_words": service.value_words(f, c.original.get(f)),
            }
            for f, v in c.fields.items()
        ],
    }


def event_corrections(conn: Connection, event_id: str) -> dict[str, Any]:
    """An event's corrections (newest first) and, per corrected field, the active correction
    that set it (for the event page's facts)."""
    from trucewatch.centre.audit import entries

    found = [correction_out(c) for c in list_corrections(conn, event_id)]
    for c in found:  # where each change sits in the tamper-evident log
        c["audit"] = [
            {"seq": a.seq, "action": a.action, "actor": a.actor, "at": a.at, "hash": a.hash}
            for a in entries(conn, "correction", c["id"])
        ]
    active: dict[str, dict] = {}
    for c in found:  # oldest first: later active corrections win per field, as in the store
        if c["status"] == "active":
            for f in c["fields"]:
                active[f["field"]] = {**f, "by": c["by"], "at": c["at"], "reason": c["reason"]}
    return {"list": list(reversed(found)), "active": active}


def _done(conn: Connection, done: service.Corrected) -> dict[str, Any]:
    from trucewatch.web import event_queries

    return {
        "correction": next(
            correction_out(c)
            for c in list_corrections(conn, done.event_id)
            if c.id == done.correction_id
        ),
        "ruled": done.ruled,
        "rulings": [{"agreement": r.agreement, "ruling": r.ruling.value} for r in done.rulings],
        "event": jsonable_encoder(event_queries.get_event(conn, done.event_id)),
    }


@api.patch("/events/{event_id}")
def correct_event(request: Request, user: Caller, event_id: EventId, body: CorrectionIn) -> dict:
    """Correct an event's date, place, actors, attribution or tolls with a reason (role with
    ``event.correct``); answers the correction, the event as it now stands and its new rulings."""
    values = body.model_dump(exclude={"reason"})
    fields = service.parse_fields(**values)
    with request.app.state.store.transaction() as conn:
        done = service.correct(conn, user, event_id, fields, reason=body.reason)
        return _done(conn, done)


@api.get("/corrections")
def corrections_list(
    conn: Conn, user: Reader, event_id: str | None = None, orphaned: bool = False
) -> list[dict]:
    """Every correction (or those of one event, or those whose event is gone), oldest first."""
    found = list_corrections(conn, event_id, orphaned_only=orphaned)
    return [jsonable_encoder(correction_out(c)) for c in found]


@api.post("/corrections/{correction_id}/withdraw")
def withdraw_correction(
    request: Request, user: Caller, correction_id: RowId, body: WithdrawIn
) -> dict:
    """Withdraw a correction with a reason: the event goes back to what extraction says."""
    with request.app.state.store.transaction() as conn:
        done = service.withdraw(conn, user, correction_id, reason=body.reason)
        return _done(conn, done)


def _form_user(user: User) -> User:
    require(user, Action.CORRECT)  # refused before anything is read from the form
    return user


@pages.post("/events/{event_id}/corrections")
def correct_form(
    request: Request,
    user: Viewer,
    event_id: EventId,
    reason: Reason,
    csrf_token: Csrf = "",
    date: Annotated[str, Form(max_length=10)] = "",
    place: Short = "",
    governorate: Annotated[str, Form(max_length=60)] = "",
    perpetrator: Annotated[str, Form(max_length=120)] = "",
    target: Annotated[str, Form(max_length=120)] = "",
    attribution: Annotated[str, Form(max_length=12)] = "",
    killed: Annotated[str, Form(max_length=20)] = "",
    injured: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The event page's correction form: back to the event, its corrections and new ruling."""
    with writing(request, csrf_token) as conn:
        _form_user(user)
        fields = service.parse_fields(
            date=date,
            place=place,
            governorate=governorate,
            perpetrator=perpetrator,
            target=target,
            attribution=attribution,
            killed=killed,
            injured=injured,
        )
        done = service.correct(conn, user, event_id, fields, reason=reason)
    return back_to(f"/events/{done.event_id}", f"correction-{done.correction_id}")


@pages.post("/corrections/{correction_id}/withdraw")
def withdraw_form(
    request: Request, user: Viewer, correction_id: RowId, reason: Reason, csrf_token: Csrf = ""
) -> Response:
    """Withdraw a correction from the event page."""
    with writing(request, csrf_token) as conn:
        _form_user(user)
        done = service.withdraw(conn, user, correction_id, reason=reason)
    if done.ruled == "its event is gone":
        raise HTTPException(404, "the correction was withdrawn; its event is gone")
    return back_to(f"/events/{done.event_id}", f"correction-{correction_id}")
