"""The registers' writes (and the reads the API lacked) under ``/api/v1``: the same services the
pages' forms and the CLI call, so the permission matrix and the audit chain apply alike.

Reads need ``centre.read``; each write is refused by its service unless the caller's role may do
it (403, nothing written). Session callers send ``X-CSRF-Token`` on writes (``web/auth.py``).
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Request
from sqlalchemy import Connection

from trucewatch.centre import (
    deliveries,
    hotline,
    meetings,
    parties,
    protection,
    records,
    verification,
)
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, require
from trucewatch.model.centre import Signatory, User
from trucewatch.web.api import Caller, Conn, Reader
from trucewatch.web.archive import archive_folder, generate, past_reports
from trucewatch.web.register_schemas import (
    AccessionIn,
    AssignIn,
    DeliveryEdit,
    DeliveryIn,
    LocalAgreementIn,
    MeetingEdit,
    MeetingIn,
    MessageIn,
    NoteIn,
    PartyEdit,
    PartyIn,
    ProtectionIn,
    ReportFiles,
    ReportIn,
    ReviewIn,
    StatusIn,
    ThreadIn,
    ThreadWritten,
    Written,
)

router = APIRouter(prefix="/api/v1", tags=["registers"])
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
REGISTERS = {
    r.name: r
    for r in (
        parties.PARTIES,
        parties.ACCESSIONS,
        meetings.MEETINGS,
        meetings.LOCAL_AGREEMENTS,
        protection.PROTECTION,
        deliveries.DELIVERIES,
        hotline.THREADS,
        hotline.MESSAGES,
        verification.GRADES,
        verification.REVIEWS,
    )
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write(request: Request) -> AbstractContextManager[Connection]:
    """One write transaction: rolled back, nothing written, when a service refuses."""
    return request.app.state.store.transaction()


def _version(conn: Connection, register: records.Register, record_id: int) -> int:
    return int(records.read(conn, register, record_id).version)


@router.get("/parties")
def list_parties(conn: Conn, user: Reader) -> list[dict]:
    """Parties that can accede, by name."""
    return [_fields(p) for p in parties.list_parties(conn, user)]


def _fields(record: object) -> dict:
    """A centre record's fields (the records are slotted dataclasses)."""
    return asdict(record)  # type: ignore[call-overload]


@router.post("/parties", status_code=201, response_model=Written)
def add_party(request: Request, user: Caller, body: PartyIn) -> Written:
    """Register a party."""
    with _write(request) as conn:
        new = parties.add_party(
            conn, user, body.name, body.kind, actor=body.actor, governorate=body.governorate
        )
    return Written(id=new)


@router.patch("/parties/{party_id}", response_model=Written)
def edit_party(request: Request, user: Caller, party_id: RowId, body: PartyEdit) -> Written:
    """Correct a party's kind, actor or governorate (fields left out stay as they are)."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason", "seen"})
    with _write(request) as conn:
        version = parties.edit_party(
            conn, user, party_id, seen=body.seen, reason=body.reason, **changes
        )
    return Written(id=party_id, version=version)


@router.get("/accession-requests")
def list_accession_requests(conn: Conn, user: Reader, status: str | None = None) -> list[dict]:
    """The centre's accession requests, oldest first, with where each stands."""
    return [_fields(a) for a in parties.list_accessions(conn, user, status)]


@router.post("/accession-requests", status_code=201, response_model=Written)
def receive_accession(request: Request, user: Caller, body: AccessionIn) -> Written:
    """Log an accession request as received (a liaison's through its own guarantor)."""
    with _write(request) as conn:
        new = parties.receive_accession(
            conn,
            user,
            agreement=body.agreement,
            party=body.party,
            channel=body.channel,
            sender=body.sender,
            received_at=body.received_at or _now(),
            through=body.through or user.guarantor,
            notes=body.notes,
        )
    return Written(id=new)


@router.post("/accession-requests/{accession_id}/status", response_model=Written)
def change_accession(
    request: Request, user: Caller, accession_id: RowId, body: StatusIn
) -> Written:
    """Move an accession request on; an illegal move is refused (409) with the allowed ones."""
    with _write(request) as conn:
        version = parties.change_accession(
            conn, user, accession_id, body.to, reason=body.reason, at=body.at, seen=body.seen
        )
    return Written(id=accession_id, version=version)


@router.get("/meetings")
def list_meetings(conn: Conn, user: Reader) -> list[dict]:
    """Meetings held, oldest first, with their participants."""
    return [_fields(m) for m in meetings.list_meetings(conn, user)]


@router.post("/meetings", status_code=201, response_model=Written)
def record_meeting(request: Request, user: Caller, body: MeetingIn) -> Written:
    """Log a meeting."""
    with _write(request) as conn:
        new = meetings.record_meeting(
            conn,
            user,
            held_at=body.held_at or _now(),
            place=body.place,
            participants=body.participants,
            outcome=body.outcome,
            notes=body.notes,
        )
    return Written(id=new)


@router.patch("/meetings/{meeting_id}", response_model=Written)
def edit_meeting(request: Request, user: Caller, meeting_id: RowId, body: MeetingEdit) -> Written:
    """Correct a meeting's place, time, outcome or notes (fields left out stay as they are)."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason", "seen"})
    with _write(request) as conn:
        version = meetings.edit_meeting(
            conn, user, meeting_id, seen=body.seen, reason=body.reason, **changes
        )
    return Written(id=meeting_id, version=version)


@router.get("/local-agreements")
def list_local_agreements(conn: Conn, user: Reader) -> list[dict]:
    """Signed local agreements with who signed for whom, oldest first."""
    return [_fields(a) for a in meetings.list_local_agreements(conn, user)]


@router.post("/local-agreements", status_code=201, response_model=Written)
def record_local_agreement(request: Request, user: Caller, body: LocalAgreementIn) -> Written:
    """Log a signed local agreement; each signatory signs for a registered party."""
    with _write(request) as conn:
        new = meetings.record_local_agreement(
            conn,
            user,
            title=body.title,
            signed_at=body.signed_at or _now(),
            signatories=[Signatory(s.signer, s.for_party) for s in body.signatories],
            place=body.place,
            agreement=body.agreement,
            meeting_id=body.meeting_id,
            document=body.document,
        )
    return Written(id=new)


@router.get("/protection-requests")
def list_protection_requests(conn: Conn, user: Reader, open_only: bool = False) -> list[dict]:
    """Protection requests, oldest first."""
    return [_fields(r) for r in protection.list_protection_requests(conn, user, open_only)]


@router.post("/protection-requests", status_code=201, response_model=Written)
def receive_protection(request: Request, user: Caller, body: ProtectionIn) -> Written:
    """Log a protection request as received."""
    with _write(request) as conn:
        new = protection.receive_protection_request(
            conn,
            user,
            requester=body.requester,
            threat=body.threat,
            received_at=body.received_at or _now(),
            place=body.place,
            party=body.party,
        )
    return Written(id=new)


@router.post("/protection-requests/{request_id}/assign", response_model=Written)
def assign_protection(request: Request, user: Caller, request_id: RowId, body: AssignIn) -> Written:
    """Assign a request to whoever will act on it."""
    with _write(request) as conn:
        version = protection.assign_protection(
            conn, user, request_id, body.to_whom, reason=body.reason, seen=body.seen
        )
    return Written(id=request_id, version=version)


@router.post("/protection-requests/{request_id}/status", response_model=Written)
def change_protection(request: Request, user: Caller, request_id: RowId, body: StatusIn) -> Written:
    """Move a request on: follow-up, closure, or decline."""
    with _write(request) as conn:
        version = protection.change_protection(
            conn, user, request_id, body.to, reason=body.reason, at=body.at, seen=body.seen
        )
    return Written(id=request_id, version=version)


@router.post("/protection-requests/{request_id}/notes", response_model=Written)
def note_protection(request: Request, user: Caller, request_id: RowId, body: NoteIn) -> Written:
    """Note a follow-up step without changing the request's status."""
    with _write(request) as conn:
        protection.follow_up(conn, user, request_id, body.note)
        version = _version(conn, protection.PROTECTION, request_id)
    return Written(id=request_id, version=version)


@router.post("/deliveries", status_code=201, response_model=Written)
def record_delivery(request: Request, user: Caller, body: DeliveryIn) -> Written:
    """Log a convoy or airdrop (planned, or done or blocked when reported after the fact)."""
    with _write(request) as conn:
        new = deliveries.record_delivery(conn, user, **body.model_dump())
    return Written(id=new)


@router.patch("/deliveries/{delivery_id}", response_model=Written)
def edit_delivery(
    request: Request, user: Caller, delivery_id: RowId, body: DeliveryEdit
) -> Written:
    """Correct a delivery's details (fields left out stay as they are)."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason", "seen"})
    with _write(request) as conn:
        version = deliveries.edit_delivery(
            conn, user, delivery_id, seen=body.seen, reason=body.reason, **changes
        )
    return Written(id=delivery_id, version=version)


@router.post("/deliveries/{delivery_id}/status", response_model=Written)
def change_delivery(request: Request, user: Caller, delivery_id: RowId, body: StatusIn) -> Written:
    """Mark a delivery done, blocked (say by whom in the reason), re-planned or cancelled."""
    with _write(request) as conn:
        version = deliveries.change_delivery(
            conn, user, delivery_id, body.to, reason=body.reason, at=body.at, seen=body.seen
        )
    return Written(id=delivery_id, version=version)


@router.post("/rulings/{event_id}/{agreement_id}/review", response_model=Written)
def review_ruling(
    request: Request,
    user: Caller,
    event_id: Annotated[str, Path(max_length=48, pattern=r"^[^\x00]*$")],
    agreement_id: Annotated[str, Path(max_length=80, pattern=r"^[^\x00]*$")],
    body: ReviewIn,
) -> Written:
    """Move the review of an event's ruling under an agreement; ``id`` is 0 (reviews are keyed
    by event and agreement), ``version`` the review's."""
    with _write(request) as conn:
        version = verification.review_ruling(
            conn, user, event_id, agreement_id, body.state, reason=body.reason, seen=body.seen
        )
    return Written(id=0, version=version)


@router.get("/centre/{register}/{record_id}/history")
def record_history(
    conn: Conn,
    user: Reader,
    register: Annotated[str, Path(max_length=40)],
    record_id: Annotated[str, Path(max_length=130, pattern=r"^[^\x00]*$")],
) -> list[dict]:
    """Every change to one record of a centre register, oldest first (``accession``,
    ``protection``, ``meeting``, ``party``, ``delivery``...)."""
    found = REGISTERS.get(register)
    if found is None:
        raise NotFound(f"no register {register!r}: one of {', '.join(REGISTERS)}")
    return [_fields(c) for c in records.history(conn, found, record_id)]


def _send(conn: Connection, user: User, thread_id: int, body: MessageIn, at: dt.datetime) -> int:
    """Send ``body`` on a thread, to the other participants unless recipients are named."""
    require(user, Action.HOTLINE_SEND)
    side = hotline.sending_side(user, body.sender)
    thread = records.read(conn, hotline.THREADS, thread_id)
    to = body.recipients or [p for p in thread.participants if p != side]
    return hotline.send_message(
        conn,
        user,
        thread_id,
        sender=side,
        recipients=to,
        body=body.body,
        sent_at=at,
        ack_due=hotline.ack_deadline(at, body.ack_hours),
        subject_incidents=body.subject_incidents,
    )


@router.post("/hotline/threads", status_code=201, response_model=ThreadWritten)
def open_thread(request: Request, user: Caller, body: ThreadIn) -> ThreadWritten:
    """Open a thread with its first message (the sender takes part in it)."""
    at = _now()
    with _write(request) as conn:
        require(user, Action.HOTLINE_SEND)
        side = hotline.sending_side(user, body.first.sender)
        between = list(body.participants)
        if side not in between:
            between.insert(0, side)
        thread_id = hotline.open_thread(
            conn, user, subject=body.subject, participants=between, shared=body.shared, opened_at=at
        )
        message_id = _send(conn, user, thread_id, body.first, at)
    return ThreadWritten(thread_id=thread_id, message_id=message_id)


@router.post("/hotline/threads/{thread_id}/messages", status_code=201, response_model=Written)
def send_message(request: Request, user: Caller, thread_id: RowId, body: MessageIn) -> Written:
    """Send a message (a reply) on a thread."""
    with _write(request) as conn:
        new = _send(conn, user, thread_id, body, _now())
    return Written(id=new)


@router.get("/archive")
def list_archive(user: Reader) -> list[dict]:
    """Generated situation reports, newest period first, with their files."""
    return past_reports(archive_folder())


@router.post("/archive", status_code=201, response_model=ReportFiles)
def generate_report(request: Request, user: Caller, body: ReportIn) -> ReportFiles:
    """Generate a daily (or period) report into the archive; download it from
    ``/archive/<file>``."""
    files = generate(
        request.app.state.store,
        user,
        request.app.state.record,
        archive_folder(),
        body.first_day,
        body.last_day or body.first_day,
        cutoff=body.cutoff,
        tz=body.tz,
        pdf=body.pdf,
    )
    return ReportFiles(files=[f.name for f in files])
