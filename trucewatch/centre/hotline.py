"""The guarantors' hotline: threads, messages with acknowledgement deadlines, escalation, and
position data shared by one side with the other side's response.

A liaison sees and writes only the threads its guarantor takes part in, and shared ones.
Overdue means: an acknowledgement was due before ``now`` and none has come. All times are stored
in UTC, so the test holds whatever zone the deadline or ``now`` were given in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, Row, select

from trucewatch.centre import records
from trucewatch.centre.errors import IllegalTransition, PermissionDenied
from trucewatch.centre.permissions import Action, Scope, require
from trucewatch.centre.records import Register, stored
from trucewatch.model.centre import (
    ESCALATION_FLOW,
    POSITION_FLOW,
    Escalation,
    HotlineMessage,
    HotlineThread,
    PositionData,
    PositionResponse,
    User,
)
from trucewatch.store.centre_tables import hotline_messages, hotline_positions, hotline_threads

THREADS = Register("hotline_thread", hotline_threads, ESCALATION_FLOW)
MESSAGES = Register("hotline_message", hotline_messages)
POSITIONS = Register("hotline_position", hotline_positions, POSITION_FLOW)


def _thread(row: Row) -> HotlineThread:
    return HotlineThread(
        row.subject,
        tuple(row.participants),
        stored(row.opened_at),
        row.shared,
        Escalation(row.status),
        row.version,
        row.id,
    )


def _message(row: Row) -> HotlineMessage:
    return HotlineMessage(
        sender=row.sender,
        recipients=tuple(row.recipients),
        body=row.body,
        sent_at=stored(row.sent_at),
        ack_due=stored(row.ack_due),
        acked_at=stored(row.acked_at),
        reply=row.reply,
        subject_incidents=tuple(row.subject_incidents),
        id=row.id,
        thread_id=row.thread_id,
        subject_areas=tuple(row.subject_areas),
        acked_by=row.acked_by,
        version=row.version,
    )


def _thread_for(conn: Connection, user: User, action: Action, thread_id: int) -> Row:
    row = records.read(conn, THREADS, thread_id)
    require(user, action, row.participants, shared=row.shared)
    return row


def sending_side(user: User, chosen: str | None) -> str:
    """The side a message goes out as: a liaison's own guarantor, else the side the user names."""
    if user.guarantor:
        return user.guarantor
    if not chosen or not chosen.strip():
        raise ValueError("say which side sends the message")
    return chosen.strip()


def ack_deadline(sent: dt.datetime, hours: float | None) -> dt.datetime | None:
    """When an acknowledgement is due: ``hours`` after sending (none when none is asked)."""
    return sent + dt.timedelta(hours=hours) if hours else None


def open_thread(
    conn: Connection,
    user: User,
    *,
    subject: str,
    participants: Sequence[str],
    shared: bool = False,
    opened_at: dt.datetime | None = None,
) -> int:
    """Open a thread between guarantors (or with a party); a liaison must take part in it."""
    require(user, Action.HOTLINE_SEND, participants, shared=False)
    if len(participants) < 2:
        raise ValueError("a hotline thread has at least two participants")
    values = {
        "subject": subject,
        "participants": list(participants),
        "shared": shared,
        "status": Escalation.TASK_FORCE.value,
        "opened_at": records.utc(opened_at, "opened_at") if opened_at else records.now(),
    }
    return int(records.create(conn, user, THREADS, values, at=opened_at))


def send_message(
    conn: Connection,
    user: User,
    thread_id: int,
    *,
    sender: str,
    recipients: Sequence[str],
    body: str,
    sent_at: dt.datetime,
    ack_due: dt.datetime | None = None,
    subject_incidents: Sequence[str] = (),
    subject_areas: Sequence[str] = (),
) -> int:
    """Log a message on a thread; a liaison sends only as its own guarantor."""
    thread = _thread_for(conn, user, Action.HOTLINE_SEND, thread_id)
    require(user, Action.HOTLINE_SEND, [sender])
    outsiders = [p for p in (sender, *recipients) if p not in thread.participants]
    if outsiders:
        raise ValueError(f"{', '.join(outsiders)} not in thread {thread_id} ({thread.subject})")
    sent = records.utc(sent_at, "sent_at")
    due = records.utc(ack_due, "ack_due") if ack_due else None
    if due is not None and due < sent:
        raise ValueError(f"acknowledgement due {due} is before the message was sent ({sent})")
    values = {
        "thread_id": thread_id,
        "sender": sender,
        "recipients": list(recipients),
        "body": body,
        "sent_at": sent,
        "ack_due": due,
        "subject_incidents": list(subject_incidents),
        "subject_areas": list(subject_areas),
    }
    return int(records.create(conn, user, MESSAGES, values, at=sent))


def acknowledge(
    conn: Connection,
    user: User,
    message_id: int,
    *,
    at: dt.datetime,
    reply: str | None = None,
) -> int:
    """Record a recipient's acknowledgement (and reply); a message is acknowledged once."""
    row = records.read(conn, MESSAGES, message_id)
    # The acknowledging side must be a recipient, whatever the thread's sharing.
    require(user, Action.HOTLINE_ACK, row.recipients)
    if row.acked_at is not None:
        raise IllegalTransition(MESSAGES.name, str(message_id), "acknowledged", "acknowledged", ())
    when = records.utc(at, "at")
    if when < stored(row.sent_at):
        raise ValueError(f"acknowledged at {when}, before the message was sent ({row.sent_at})")
    changes = {"acked_at": when, "acked_by": user.name, "reply": reply}
    # seen=row.version: two acknowledgements racing clash on acked_at; the second is refused.
    return records.edit(
        conn, user, MESSAGES, message_id, changes, seen=row.version, reason="acknowledged"
    )


def escalate(
    conn: Connection,
    user: User,
    thread_id: int,
    to: Escalation | str,
    *,
    reason: str,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """Take a thread up a level (task force → co-chairs → ministers)."""
    _thread_for(conn, user, Action.HOTLINE_ESCALATE, thread_id)
    return records.move(
        conn, user, THREADS, thread_id, Escalation(to), reason=reason, at=at, seen=seen
    )


def share_positions(
    conn: Connection,
    user: User,
    message_id: int,
    *,
    control_area: str,
    description: str,
    geometry: dict | None = None,
) -> int:
    """Attach position data to a message, tied to a control area id; the sender shares it."""
    row = records.read(conn, MESSAGES, message_id)
    require(user, Action.HOTLINE_SEND, [row.sender])
    values = {
        "message_id": message_id,
        "control_area": control_area,
        "description": description,
        "shared_by": row.sender,
        "geometry": geometry,
        "status": PositionResponse.PENDING.value,
    }
    return int(records.create(conn, user, POSITIONS, values))


def respond_to_positions(
    conn: Connection,
    user: User,
    position_id: int,
    response: PositionResponse | str,
    *,
    text: str,
    side: str | None = None,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """The other side's answer (accepted or disputed) to shared position data.

    A liaison answers for its guarantor; anyone else names the ``side`` they record it for.
    """
    position = records.read(conn, POSITIONS, position_id)
    message = records.read(conn, MESSAGES, position.message_id)
    side = user.guarantor if user.guarantor else side
    if side is None:
        raise ValueError("name the side that responds")
    require(user, Action.POSITION_RESPOND, [side])
    if side == position.shared_by:
        raise PermissionDenied(f"{side} shared these positions; only the other side responds")
    if side not in message.recipients:
        raise PermissionDenied(f"{side} did not receive message {message.id}")
    also = {"response_text": text, "responded_by": side}
    return records.move(
        conn,
        user,
        POSITIONS,
        position_id,
        PositionResponse(response),
        reason=text,
        at=at,
        seen=seen,
        also=also,
    )


def _visible(user: User, row: Row) -> bool:
    scope = require(user, Action.HOTLINE_READ)
    return scope is Scope.ALL or row.shared or user.guarantor in row.participants


def visible_threads(conn: Connection, user: User) -> list[HotlineThread]:
    """The threads ``user`` may read, oldest first."""
    require(user, Action.HOTLINE_READ)
    rows = conn.execute(select(hotline_threads).order_by(hotline_threads.c.opened_at))
    return [_thread(r) for r in rows if _visible(user, r)]


def thread_messages(conn: Connection, user: User, thread_id: int) -> list[HotlineMessage]:
    """A thread's messages in the order sent."""
    _thread_for(conn, user, Action.HOTLINE_READ, thread_id)
    query = (
        select(hotline_messages)
        .where(hotline_messages.c.thread_id == thread_id)
        .order_by(hotline_messages.c.sent_at, hotline_messages.c.id)
    )
    return [_message(r) for r in conn.execute(query)]


def positions(conn: Connection, user: User, message_id: int) -> list[PositionData]:
    """Position data attached to a message, with the responses."""
    message = records.read(conn, MESSAGES, message_id)
    _thread_for(conn, user, Action.HOTLINE_READ, message.thread_id)
    query = select(hotline_positions).where(hotline_positions.c.message_id == message_id)
    return [
        PositionData(
            r.message_id,
            r.control_area,
            r.description,
            r.shared_by,
            r.geometry,
            PositionResponse(r.status),
            r.response_text,
            r.responded_by,
            stored(r.status_at) if r.status != "pending" else None,
            r.version,
            r.id,
        )
        for r in conn.execute(query.order_by(hotline_positions.c.id))
    ]


def overdue(conn: Connection, user: User, now: dt.datetime) -> list[HotlineMessage]:
    """Messages whose acknowledgement was due before ``now`` and has not come, on threads the
    user may read; earliest deadline first."""
    require(user, Action.HOTLINE_READ)
    cutoff = records.utc(now, "now")
    threads = {r.id: r for r in conn.execute(select(hotline_threads))}
    query = (
        select(hotline_messages)
        .where(hotline_messages.c.acked_at.is_(None), hotline_messages.c.ack_due < cutoff)
        .order_by(hotline_messages.c.ack_due, hotline_messages.c.id)
    )
    return [_message(r) for r in conn.execute(query) if _visible(user, threads[r.thread_id])]
