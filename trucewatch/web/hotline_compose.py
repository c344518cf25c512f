"""Writing on the hotline from the browser: open a thread with its first message, and reply on a
thread. A liaison writes only as its own guarantor; the services enforce it (``hotline.send``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import hotline
from trucewatch.centre.permissions import Action, require
from trucewatch.web.pages import Conn, Viewer, render
from trucewatch.web.twins import (
    Csrf,
    Long,
    Short,
    Word120,
    back_to,
    names,
    now,
    required,
    text,
    writing,
)

router = APIRouter(include_in_schema=False)
Hours = Annotated[float | None, Form(ge=0, le=24 * 30)]
MAX_THREAD_ID = 2**31 - 1


def guarantors(record: AgreementRecord) -> list[str]:
    """Every guarantor the agreement files name: the sides a thread is usually between."""
    return sorted({g for a in record.agreements for g in a.guarantors})


@router.get("/hotline/compose")
def compose_form(request: Request, user: Viewer) -> Response:
    """The form to open a thread and send its first message."""
    require(user, Action.HOTLINE_SEND)
    return render(
        request,
        "registers/compose.html",
        user,
        guarantors=guarantors(request.app.state.record),
    )


@router.post("/hotline/compose")
def compose(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    subject: Short = "",
    participants: Long = "",
    shared: Annotated[bool, Form()] = False,
    sender: Word120 = "",
    recipients: Long = "",
    body: Long = "",
    ack_hours: Hours = None,
    incidents: Long = "",
) -> Response:
    """Open a thread and send its first message; recipients default to the other participants."""
    sent = now()
    with writing(request, csrf_token) as conn:
        require(user, Action.HOTLINE_SEND)
        side = hotline.sending_side(user, text(sender))
        between = names(participants)
        if side not in between:
            between.insert(0, side)
        thread_id = hotline.open_thread(
            conn,
            user,
            subject=required(subject, "subject"),
            participants=between,
            shared=shared,
            opened_at=sent,
        )
        to = names(recipients) or [p for p in between if p != side]
        message_id = hotline.send_message(
            conn,
            user,
            thread_id,
            sender=side,
            recipients=to,
            body=required(body, "message"),
            sent_at=sent,
            ack_due=hotline.ack_deadline(sent, ack_hours),
            subject_incidents=names(incidents),
        )
    return back_to("/hotline", f"message-{message_id}")


@router.get("/hotline/{thread_id}/reply")
def reply_form(request: Request, conn: Conn, user: Viewer, thread_id: int) -> Response:
    """A thread's messages, and the form to write on it."""
    require(user, Action.HOTLINE_SEND)  # before the lookup: a 404 would tell which ids exist
    if not 1 <= thread_id <= MAX_THREAD_ID:
        raise ValueError(f"no hotline thread {thread_id}")
    messages = hotline.thread_messages(conn, user, thread_id)
    thread = next(t for t in hotline.visible_threads(conn, user) if t.id == thread_id)
    return render(
        request,
        "registers/reply.html",
        user,
        thread=thread,
        messages=messages,
        now=now(),
        others=[p for p in thread.participants if p != user.guarantor],
    )


@router.post("/hotline/{thread_id}/reply")
def reply(
    request: Request,
    user: Viewer,
    thread_id: int,
    csrf_token: Csrf = "",
    sender: Word120 = "",
    recipients: Long = "",
    body: Long = "",
    ack_hours: Hours = None,
) -> Response:
    """Send a message on a thread, to the other participants unless recipients are named."""
    sent = now()
    with writing(request, csrf_token) as conn:
        require(user, Action.HOTLINE_SEND)
        side = hotline.sending_side(user, text(sender))
        if not 1 <= thread_id <= MAX_THREAD_ID:
            raise ValueError(f"no hotline thread {thread_id}")
        thread = next((t for t in hotline.visible_threads(conn, user) if t.id == thread_id), None)
        others = [p for p in thread.participants if p != side] if thread else []
        message_id = hotline.send_message(
            conn,
            user,
            thread_id,
            sender=side,
            recipients=names(recipients) or others,
            body=required(body, "message"),
            sent_at=sent,
            ack_due=hotline.ack_deadline(sent, ack_hours),
        )
    return back_to("/hotline", f"message-{message_id}")
