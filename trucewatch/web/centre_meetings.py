"""The centre's meetings and the local agreements signed at or after them, as pages: each with
its history, and the forms to log a meeting, correct it, and log a signed agreement."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import meetings, parties
from trucewatch.centre.permissions import Action, allowed
from trucewatch.model.centre import Signatory
from trucewatch.web.pages import Conn, Viewer
from trucewatch.web.twins import (
    ZONES,
    Csrf,
    Long,
    Reader,
    Reason,
    Short,
    Word80,
    answer,
    back_to,
    form_time,
    names,
    now,
    required,
    text,
    writing,
)

router = APIRouter(include_in_schema=False)


def signatories(lines: str | None) -> list[Signatory]:
    """Signatories written one a line as ``signer | party``."""
    return [meetings.parse_signatory(line) for line in names(lines)]


@router.get("/centre/meetings")
@router.get("/centre/meetings.json")
def meetings_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Meetings held, oldest first, each with its history."""
    data = {
        "meetings": [
            {"meeting": m, "history": meetings.meeting_history(conn, user, m.id or 0)}
            for m in meetings.list_meetings(conn, user)
        ]
    }
    return answer(
        request,
        user,
        "registers/meetings.html",
        data,
        zones=ZONES,
        party_names=[p.name for p in parties.list_parties(conn, user)],
        can_record=allowed(user, Action.MEETING_RECORD),
    )


@router.post("/centre/meetings")
def record_meeting(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    held_at: Short = "",
    tz: Short = "",
    place: Short = "",
    participants: Long = "",
    outcome: Long = "",
    notes: Long = "",
) -> Response:
    """Log a meeting; participants one a line."""
    with writing(request, csrf_token) as conn:
        new = meetings.record_meeting(
            conn,
            user,
            held_at=form_time(held_at, tz, "held at") or now(),
            place=required(place, "place"),
            participants=names(participants),
            outcome=text(outcome),
            notes=text(notes),
        )
    return back_to("/centre/meetings", f"meeting-{new}")


@router.post("/centre/meetings/{meeting_id}")
def edit_meeting(
    request: Request,
    user: Viewer,
    meeting_id: int,
    csrf_token: Csrf = "",
    place: Short = "",
    outcome: Long = "",
    notes: Long = "",
    reason: Reason = "",
    seen: Annotated[int | None, Form()] = None,
) -> Response:
    """Correct a meeting's place, outcome or notes."""
    with writing(request, csrf_token) as conn:
        meetings.edit_meeting(
            conn,
            user,
            meeting_id,
            seen=seen,
            reason=text(reason),
            place=required(place, "place"),
            outcome=text(outcome),
            notes=text(notes),
        )
    return back_to("/centre/meetings", f"meeting-{meeting_id}")


@router.get("/centre/local-agreements")
@router.get("/centre/local-agreements.json")
def local_agreements_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Signed local agreements with who signed for whom, each with its history."""
    record: AgreementRecord = request.app.state.record
    data = {
        "local_agreements": [
            {"agreement": a, "history": meetings.local_agreement_history(conn, user, a.id or 0)}
            for a in meetings.list_local_agreements(conn, user)
        ]
    }
    return answer(
        request,
        user,
        "registers/local_agreements.html",
        data,
        zones=ZONES,
        agreements=[a.id for a in record.agreements],
        meeting_choices=meetings.list_meetings(conn, user),
        can_record=allowed(user, Action.MEETING_RECORD),
    )


@router.post("/centre/local-agreements")
def record_local_agreement(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    title: Short = "",
    signed_at: Short = "",
    tz: Short = "",
    signed_by: Long = "",
    place: Short = "",
    agreement: Word80 = "",
    meeting: Short = "",
    document: Short = "",
) -> Response:
    """Log a signed local agreement; signatories one a line as ``signer | party``."""
    meeting_id = text(meeting)
    if meeting_id is not None and not meeting_id.isdigit():
        raise ValueError(f"meeting {meeting_id!r} is not a meeting number")
    with writing(request, csrf_token) as conn:
        new = meetings.record_local_agreement(
            conn,
            user,
            title=required(title, "title"),
            signed_at=form_time(signed_at, tz, "signed at") or now(),
            signatories=signatories(signed_by),
            place=text(place),
            agreement=text(agreement),
            meeting_id=int(meeting_id) if meeting_id else None,
            document=text(document),
        )
    return back_to("/centre/local-agreements", f"local-agreement-{new}")
