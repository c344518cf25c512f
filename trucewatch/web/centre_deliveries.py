"""Humanitarian deliveries as a register: each convoy or airdrop with its history, and the forms
to log one, correct its details and mark it done, blocked, re-planned or cancelled.

``/deliveries`` (web/record_pages.py) stays the plain list; analysts work in this register."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import deliveries
from trucewatch.centre.permissions import Action, allowed
from trucewatch.model.centre import DELIVERY_FLOW, DeliveryStatus
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
    form_day,
    required,
    text,
    writing,
)

router = APIRouter(include_in_schema=False)
STATUSES = [s.value for s in DeliveryStatus]
Amount = Annotated[str, Form(max_length=20)]


def amount(value: str | None, what: str, kind: type[int] | type[float]) -> int | float | None:
    """A form's number (tonnes, trucks); None when left empty."""
    cleaned = text(value)
    if cleaned is None:
        return None
    try:
        return kind(cleaned)
    except ValueError:
        raise ValueError(f"{what}: {cleaned!r} is not a number") from None


@router.get("/centre/deliveries")
@router.get("/centre/deliveries.json")
def deliveries_page(
    request: Request, conn: Conn, user: Reader, status: str | None = None
) -> Response:
    """Deliveries by date (optionally in one status), each with its history."""
    chosen = status if status in STATUSES else None
    record: AgreementRecord = request.app.state.record
    data = {
        "only_status": chosen,
        "deliveries": [
            {
                "delivery": d,
                "history": deliveries.delivery_history(conn, user, int(d.id or 0)),
                "next": [s for s in STATUSES if s in DELIVERY_FLOW[d.status]],
            }
            for d in deliveries.list_deliveries(conn, user, chosen)
        ],
    }
    return answer(
        request,
        user,
        "registers/deliveries.html",
        data,
        statuses=STATUSES,
        methods=deliveries.METHODS,
        zones=ZONES,
        agreements=[a.id for a in record.agreements],
        can_record=allowed(user, Action.DELIVERY_RECORD),
        can_change=allowed(user, Action.DELIVERY_CHANGE),
    )


@router.post("/centre/deliveries")
def record_delivery(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    agency: Word120 = "",
    place: Short = "",
    governorate: Word40 = "",
    method: Word40 = "",
    status: Word40 = "planned",
    date: Word40 = "",
    tonnes: Amount = "",
    trucks: Amount = "",
    agreement: Word80 = "",
    access_clause: Word40 = "",
    notes: Long = "",
) -> Response:
    """Log a delivery (planned, or done or blocked when reported after the fact)."""
    with writing(request, csrf_token) as conn:
        new = deliveries.record_delivery(
            conn,
            user,
            agency=required(agency, "agency"),
            place=required(place, "place"),
            method=required(method, "method"),
            date=form_day(date, "date"),
            status=required(status, "status"),
            tonnes=amount(tonnes, "tonnes", float),
            trucks=amount(trucks, "trucks", int),
            governorate=text(governorate),
            agreement=text(agreement),
            access_clause=text(access_clause),
            notes=text(notes),
        )
    return back_to("/centre/deliveries", f"delivery-{new}")


@router.post("/centre/deliveries/{delivery_id}")
def edit_delivery(
    request: Request,
    user: Viewer,
    delivery_id: int,
    csrf_token: Csrf = "",
    tonnes: Amount = "",
    trucks: Amount = "",
    notes: Long = "",
    reason: Reason = "",
    seen: Annotated[int | None, Form()] = None,
) -> Response:
    """Correct a delivery's amounts or notes."""
    with writing(request, csrf_token) as conn:
        deliveries.edit_delivery(
            conn,
            user,
            delivery_id,
            seen=seen,
            reason=text(reason),
            tonnes=amount(tonnes, "tonnes", float),
            trucks=amount(trucks, "trucks", int),
            notes=text(notes),
        )
    return back_to("/centre/deliveries", f"delivery-{delivery_id}")


@router.post("/centre/deliveries/{delivery_id}/status")
def change_delivery(
    request: Request, user: Viewer, delivery_id: int, move: MoveForm, csrf_token: Csrf = ""
) -> Response:
    """Mark a delivery done, blocked (say by whom), re-planned or cancelled."""
    with writing(request, csrf_token) as conn:
        deliveries.change_delivery(conn, user, delivery_id, move.target(), **move.details())
    return back_to("/centre/deliveries", f"delivery-{delivery_id}")
