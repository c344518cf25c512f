"""The centre's protection requests as a page: each with its steps (assignment, follow-up,
closure), and the forms to log a request, assign it, note a follow-up and move it on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from trucewatch.centre import parties, protection
from trucewatch.centre.permissions import Action, allowed
from trucewatch.model.centre import PROTECTION_FLOW, ProtectionStatus
from trucewatch.web.pages import Conn, Viewer
from trucewatch.web.twins import (
    ZONES,
    Csrf,
    Long,
    MoveForm,
    Reader,
    Reason,
    Short,
    Word120,
    answer,
    back_to,
    form_time,
    now,
    required,
    text,
    writing,
)

router = APIRouter(include_in_schema=False)


@router.get("/centre/protection")
@router.get("/centre/protection.json")
def protection_page(
    request: Request, conn: Conn, user: Reader, open_only: bool = False
) -> Response:
    """Protection requests, oldest first (``open_only``: not closed or declined), with steps."""
    rows = protection.list_protection_requests(conn, user, open_only)
    data = {
        "open_only": open_only,
        "requests": [
            {
                "request": r,
                "history": protection.protection_history(conn, user, r.id or 0),
                # Assignment has its own form: it says to whom.
                "next": [
                    s.value
                    for s in ProtectionStatus
                    if s.value in PROTECTION_FLOW[r.status.value] and s != ProtectionStatus.ASSIGNED
                ],
                "assignable": ProtectionStatus.ASSIGNED.value in PROTECTION_FLOW[r.status.value],
            }
            for r in rows
        ],
    }
    return answer(
        request,
        user,
        "registers/protection.html",
        data,
        zones=ZONES,
        party_names=[p.name for p in parties.list_parties(conn, user)],
        can_record=allowed(user, Action.PROTECTION_RECORD),
        can_change=allowed(user, Action.PROTECTION_CHANGE),
    )


@router.post("/centre/protection")
def receive_request(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    requester: Short = "",
    threat: Long = "",
    place: Short = "",
    party: Short = "",
    received_at: Short = "",
    tz: Short = "",
) -> Response:
    """Log a protection request as received."""
    with writing(request, csrf_token) as conn:
        new = protection.receive_protection_request(
            conn,
            user,
            requester=required(requester, "requester"),
            threat=required(threat, "threat"),
            received_at=form_time(received_at, tz, "received at") or now(),
            place=text(place),
            party=text(party),
        )
    return back_to("/centre/protection", f"protection-{new}")


Seen = Annotated[int | None, Form()]


@router.post("/centre/protection/{request_id}/assign")
def assign(
    request: Request,
    user: Viewer,
    request_id: int,
    csrf_token: Csrf = "",
    to_whom: Word120 = "",
    reason: Reason = "",
    seen: Seen = None,
) -> Response:
    """Assign a request to the unit or officer who will act on it."""
    with writing(request, csrf_token) as conn:
        protection.assign_protection(
            conn,
            user,
            request_id,
            required(to_whom, "assigned to"),
            reason=required(reason, "reason"),
            seen=seen,
        )
    return back_to("/centre/protection", f"protection-{request_id}")


@router.post("/centre/protection/{request_id}/status")
def change_status(
    request: Request, user: Viewer, request_id: int, move: MoveForm, csrf_token: Csrf = ""
) -> Response:
    """Move a request on: follow-up, closure, or decline."""
    with writing(request, csrf_token) as conn:
        protection.change_protection(conn, user, request_id, move.target(), **move.details())
    return back_to("/centre/protection", f"protection-{request_id}")


@router.post("/centre/protection/{request_id}/notes")
def note(
    request: Request, user: Viewer, request_id: int, csrf_token: Csrf = "", note: Long = ""
) -> Response:
    """Note a follow-up step (a call, a visit) without changing the request's status."""
    with writing(request, csrf_token) as conn:
        protection.follow_up(conn, user, request_id, required(note, "note"))
    return back_to("/centre/protection", f"protection-{request_id}")
