"""``trucewatch centre`` commands that create and update records: the same actions as the web
registers' forms and the API (parties, accession requests, meetings, local agreements,
protection requests, hotline threads and messages), through the same services.

Mounted on ``centre_app`` by ``centre/commands.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.table import Table

from trucewatch.centre import deliveries, hotline, meetings, parties, protection, verification
from trucewatch.centre.commands import AsOption, DbOption, Reason, When, _run, _time, centre_app
from trucewatch.centre.permissions import Action, require
from trucewatch.console import console
from trucewatch.model.centre import Signatory, User

Many = Annotated[list[str], typer.Option()]


@centre_app.command("parties")
def parties_command(db: DbOption = None, who: AsOption = None) -> None:
    """Parties that can accede."""
    rows = _run(db, who, parties.list_parties)
    table = Table("id", "name", "kind", "actor", "governorate", "v")
    for p in rows:
        table.add_row(str(p.id), p.name, p.kind, p.actor or "", p.governorate or "", str(p.version))
    console.print(table if rows else "no parties")


@centre_app.command("party-add")
def party_add_command(
    name: str,
    kind: Annotated[str, typer.Option(help="faction, local_council, government, foreign_force")],
    actor: Annotated[str | None, typer.Option(help="Canonical actor name.")] = None,
    governorate: str | None = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Register a party that can accede."""
    new = _run(
        db,
        who,
        lambda c, u: parties.add_party(c, u, name, kind, actor=actor, governorate=governorate),
    )
    console.print(f"party {new} registered: {name}")


@centre_app.command("party-edit")
def party_edit_command(
    party_id: int,
    kind: str | None = None,
    actor: str | None = None,
    governorate: str | None = None,
    reason: Annotated[str | None, typer.Option(help="Why (kept in the history).")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Correct a party's kind, actor or governorate."""
    given = {"kind": kind, "actor": actor, "governorate": governorate}
    changes = {k: v for k, v in given.items() if v is not None}
    version = _run(
        db, who, lambda c, u: parties.edit_party(c, u, party_id, reason=reason, **changes)
    )
    console.print(f"party {party_id} is at version {version}")


@centre_app.command("accession-add")
def accession_add_command(
    agreement: Annotated[str, typer.Option(help="The agreement acceded to.")],
    party: Annotated[str, typer.Option(help="A registered party's name.")],
    channel: Annotated[str, typer.Option(help="message, meeting, statement or hotline")],
    sender: Annotated[str, typer.Option(help="Who sent the request.")],
    through: Annotated[str | None, typer.Option(help="The guarantor it came through.")] = None,
    at: When = None,
    notes: str | None = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Log an accession request as received (a liaison's come through its own guarantor)."""

    def work(conn, user: User) -> int:
        return parties.receive_accession(
            conn,
            user,
            agreement=agreement,
            party=party,
            channel=channel,
            sender=sender,
            received_at=_time(at) or dt.datetime.now(dt.UTC),
            through=through or user.guarantor,
            notes=notes,
        )

    console.print(f"accession request {_run(db, who, work)} received")


@centre_app.command("meeting-add")
def meeting_add_command(
    place: Annotated[str, typer.Option(help="Where it was held.")],
    participant: Annotated[list[str], typer.Option(help="Who took part (repeat).")],
    at: When = None,
    outcome: str | None = None,
    notes: str | None = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Log a meeting; participants that are registered parties are linked to them."""
    new = _run(
        db,
        who,
        lambda c, u: meetings.record_meeting(
            c,
            u,
            held_at=_time(at) or dt.datetime.now(dt.UTC),
            place=place,
            participants=participant,
            outcome=outcome,
            notes=notes,
        ),
    )
    console.print(f"meeting {new} recorded")


@centre_app.command("meeting-edit")
def meeting_edit_command(
    meeting_id: int,
    place: str | None = None,
    outcome: str | None = None,
    notes: str | None = None,
    reason: Annotated[str | None, typer.Option(help="Why (kept in the history).")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Correct a meeting's place, outcome or notes."""
    given = {"place": place, "outcome": outcome, "notes": notes}
    changes = {k: v for k, v in given.items() if v is not None}
    version = _run(
        db, who, lambda c, u: meetings.edit_meeting(c, u, meeting_id, reason=reason, **changes)
    )
    console.print(f"meeting {meeting_id} is at version {version}")


def _signatory(text: str) -> Signatory:
    try:
        return meetings.parse_signatory(text)
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="--signatory") from None


@centre_app.command("local-agreement-add")
def local_agreement_add_command(
    title: str,
    signatory: Annotated[list[str], typer.Option(help="'signer|party' (repeat).")],
    at: When = None,
    place: str | None = None,
    agreement: Annotated[str | None, typer.Option(help="The instrument it implements.")] = None,
    meeting: Annotated[int | None, typer.Option(help="The meeting it was signed at.")] = None,
    document: str | None = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Log a signed local agreement; each signatory signs for a registered party."""
    signed = [_signatory(s) for s in signatory]
    new = _run(
        db,
        who,
        lambda c, u: meetings.record_local_agreement(
            c,
            u,
            title=title,
            signed_at=_time(at) or dt.datetime.now(dt.UTC),
            signatories=signed,
            place=place,
            agreement=agreement,
            meeting_id=meeting,
            document=document,
        ),
    )
    console.print(f"local agreement {new} recorded")


@centre_app.command("protection-add")
def protection_add_command(
    requester: Annotated[str, typer.Option(help="Who asks for protection.")],
    threat: Annotated[str, typer.Option(help="Against what.")],
    place: str | None = None,
    party: Annotated[str | None, typer.Option(help="A registered party it is for.")] = None,
    at: When = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Log a protection request as received."""
    new = _run(
        db,
        who,
        lambda c, u: protection.receive_protection_request(
            c,
            u,
            requester=requester,
            threat=threat,
            received_at=_time(at) or dt.datetime.now(dt.UTC),
            place=place,
            party=party,
        ),
    )
    console.print(f"protection request {new} received")


@centre_app.command("protection-assign")
def protection_assign_command(
    request_id: int, to_whom: str, reason: Reason, db: DbOption = None, who: AsOption = None
) -> None:
    """Assign a protection request to the unit or officer who will act on it."""
    version = _run(
        db,
        who,
        lambda c, u: protection.assign_protection(c, u, request_id, to_whom, reason=reason),
    )
    console.print(f"protection request {request_id} assigned to {to_whom} (version {version})")


@centre_app.command("protection-note")
def protection_note_command(
    request_id: int, note: str, db: DbOption = None, who: AsOption = None
) -> None:
    """Note a follow-up step (a call, a visit) on a protection request."""
    _run(db, who, lambda c, u: protection.follow_up(c, u, request_id, note))
    console.print(f"note added to protection request {request_id}")


@centre_app.command("hotline-open")
def hotline_open_command(
    subject: str,
    with_: Annotated[list[str], typer.Option("--with", help="Another participant (repeat).")],
    body: Annotated[str, typer.Option(help="The first message.")],
    sender: Annotated[
        str | None, typer.Option(help="The side sending (not for a liaison).")
    ] = None,
    ack_hours: Annotated[float | None, typer.Option(help="Acknowledge within hours.")] = None,
    shared: Annotated[bool, typer.Option(help="Open to every guarantor's liaison.")] = False,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Open a hotline thread and send its first message to the other participants."""

    def work(conn, user: User) -> tuple[int, int]:
        require(user, Action.HOTLINE_SEND)
        side = hotline.sending_side(user, sender)
        between = [side, *(p for p in with_ if p != side)]
        now = dt.datetime.now(dt.UTC)
        thread = hotline.open_thread(
            conn, user, subject=subject, participants=between, shared=shared, opened_at=now
        )
        message = hotline.send_message(
            conn,
            user,
            thread,
            sender=side,
            recipients=between[1:],
            body=body,
            sent_at=now,
            ack_due=hotline.ack_deadline(now, ack_hours),
        )
        return thread, message

    thread, message = _run(db, who, work)
    console.print(f"thread {thread} opened; message {message} sent")


@centre_app.command("hotline-send")
def hotline_send_command(
    thread: int,
    body: Annotated[str, typer.Option(help="The message.")],
    to: Annotated[
        list[str] | None, typer.Option(help="A recipient (repeat; default: all).")
    ] = None,
    sender: Annotated[
        str | None, typer.Option(help="The side sending (not for a liaison).")
    ] = None,
    ack_hours: Annotated[float | None, typer.Option(help="Acknowledge within hours.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Send a message (a reply) on a hotline thread."""

    def work(conn, user: User) -> int:
        from trucewatch.centre import records

        require(user, Action.HOTLINE_SEND)
        side = hotline.sending_side(user, sender)
        participants = records.read(conn, hotline.THREADS, thread).participants
        now = dt.datetime.now(dt.UTC)
        return hotline.send_message(
            conn,
            user,
            thread,
            sender=side,
            recipients=to or [p for p in participants if p != side],
            body=body,
            sent_at=now,
            ack_due=hotline.ack_deadline(now, ack_hours),
        )

    console.print(f"message {_run(db, who, work)} sent on thread {thread}")


@centre_app.command("delivery-edit")
def delivery_edit_command(
    delivery_id: int,
    tonnes: float | None = None,
    trucks: int | None = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    clause: Annotated[str | None, typer.Option(help="Access clause number.")] = None,
    notes: str | None = None,
    reason: Annotated[str | None, typer.Option(help="Why (kept in the history).")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Correct a delivery's amounts, date, access clause or notes."""
    try:
        day = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise typer.BadParameter(
            f"{date!r} is not a date like 2016-03-01", param_hint="--date"
        ) from None
    given = {
        "tonnes": tonnes,
        "trucks": trucks,
        "date": day,
        "access_clause": clause,
        "notes": notes,
    }
    changes = {k: v for k, v in given.items() if v is not None}
    version = _run(
        db,
        who,
        lambda c, u: deliveries.edit_delivery(c, u, delivery_id, reason=reason, **changes),
    )
    console.print(f"delivery {delivery_id} is at version {version}")


@centre_app.command("ruling-review")
def ruling_review_command(
    event_id: str,
    agreement: str,
    state: Annotated[str, typer.Argument(help="under_review, upheld or overturned.")],
    reason: Reason,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Move the review of an event's ruling under an agreement, with a reason."""
    version = _run(
        db,
        who,
        lambda c, u: verification.review_ruling(c, u, event_id, agreement, state, reason=reason),
    )
    console.print(f"review of {event_id} under {agreement}: {state} (version {version})")
