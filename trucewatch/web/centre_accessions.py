"""The centre's parties and their accession requests as pages: each record with its history,
and the forms the user's role allows (register a party, log a request, move it on)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import parties
from trucewatch.centre.permissions import Action, allowed
from trucewatch.model.centre import ACCESSION_FLOW, AccessionStatus, PartyKind
from trucewatch.web.pages import Conn, Viewer
from trucewatch.web.twins import (
    ZONES,
    Csrf,
    Long,
    MoveForm,
    Reader,
    Reason,
    Short,
    Word40,
    Word80,
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
KINDS = [k.value for k in PartyKind]
STATUSES = [s.value for s in AccessionStatus]
CHANNELS = ("message", "meeting", "statement", "hotline")


@router.get("/centre/parties")
@router.get("/centre/parties.json")
def parties_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Parties that can accede, each with its history."""
    rows = parties.list_parties(conn, user)
    data = {
        "parties": [
            {"party": p, "history": parties.party_history(conn, user, p.id or 0)} for p in rows
        ]
    }
    return answer(
        request,
        user,
        "registers/parties.html",
        data,
        kinds=KINDS,
        can_record=allowed(user, Action.PARTY_RECORD),
    )


@router.post("/centre/parties")
def add_party(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    name: Short = "",
    kind: Short = "",
    actor: Word120 = "",
    governorate: Word40 = "",
) -> Response:
    """Register a party."""
    with writing(request, csrf_token) as conn:
        new = parties.add_party(
            conn,
            user,
            required(name, "name"),
            required(kind, "kind"),
            actor=text(actor),
            governorate=text(governorate),
        )
    return back_to("/centre/parties", f"party-{new}")


@router.post("/centre/parties/{party_id}")
def edit_party(
    request: Request,
    user: Viewer,
    party_id: int,
    csrf_token: Csrf = "",
    kind: Short = "",
    actor: Word120 = "",
    governorate: Word40 = "",
    reason: Reason = "",
    seen: Annotated[int | None, Form()] = None,
) -> Response:
    """Correct a party's kind, actor or governorate."""
    with writing(request, csrf_token) as conn:
        parties.edit_party(
            conn,
            user,
            party_id,
            seen=seen,
            reason=text(reason),
            kind=required(kind, "kind"),
            actor=text(actor),
            governorate=text(governorate),
        )
    return back_to("/centre/parties", f"party-{party_id}")


@router.get("/centre/accessions")
@router.get("/centre/accessions.json")
def accessions_page(
    request: Request, conn: Conn, user: Reader, status: str | None = None
) -> Response:
    """Accession requests (optionally in one status) with their histories, and the accessions
    the agreement files record."""
    chosen = status if status in STATUSES else None
    record: AgreementRecord = request.app.state.record
    rows = parties.list_accessions(conn, user, chosen)
    data = {
        "only_status": chosen,
        "requests": [
            {
                "request": a,
                "history": parties.accession_history(conn, user, a.id or 0),
                "next": [s for s in STATUSES if s in ACCESSION_FLOW[a.status.value]],
            }
            for a in rows
        ],
        "from_agreement_files": [
            {"agreement": a.agreement, "party": a.party, "status": a.status, "through": a.through}
            for a in record.accessions
        ],
    }
    return answer(
        request,
        user,
        "registers/accessions.html",
        data,
        statuses=STATUSES,
        channels=CHANNELS,
        zones=ZONES,
        agreements=[a.id for a in record.agreements],
        party_names=[p.name for p in parties.list_parties(conn, user)],
        can_record=allowed(user, Action.ACCESSION_RECORD),
        can_change=allowed(user, Action.ACCESSION_CHANGE),
    )


@router.post("/centre/accessions")
def receive_accession(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    agreement: Word80 = "",
    party: Short = "",
    channel: Word40 = "",
    sender: Short = "",
    received_at: Short = "",
    tz: Short = "",
    through: Word80 = "",
    notes: Long = "",
) -> Response:
    """Log an accession request as received (a liaison's come through its own guarantor)."""
    with writing(request, csrf_token) as conn:
        new = parties.receive_accession(
            conn,
            user,
            agreement=required(agreement, "agreement"),
            party=required(party, "party"),
            channel=required(channel, "channel"),
            sender=required(sender, "sender"),
            received_at=form_time(received_at, tz, "received at") or now(),
            through=text(through) or user.guarantor,
            notes=text(notes),
        )
    return back_to("/centre/accessions", f"accession-{new}")


@router.post("/centre/accessions/{accession_id}/status")
def change_accession(
    request: Request, user: Viewer, accession_id: int, move: MoveForm, csrf_token: Csrf = ""
) -> Response:
    """Move a request on (in negotiation, accepted, refused, withdrawn) at the time it happened."""
    with writing(request, csrf_token) as conn:
        parties.change_accession(conn, user, accession_id, move.target(), **move.details())
    return back_to("/centre/accessions", f"accession-{accession_id}")
