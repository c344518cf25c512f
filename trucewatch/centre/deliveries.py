"""Humanitarian deliveries: convoys and airdrops, planned, done or blocked.

A delivery names the agreement and the access clause it falls under, so a blocked one can be
ruled on like any other incident.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Row, select

from trucewatch.centre import records
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register
from trucewatch.model.centre import DELIVERY_FLOW, Delivery, DeliveryStatus, StatusChange, User
from trucewatch.store.centre_tables import deliveries

DELIVERIES = Register("delivery", deliveries, DELIVERY_FLOW)
METHODS = ("convoy", "airdrop")
EDITABLE = frozenset(
    {"place", "governorate", "date", "tonnes", "trucks", "agreement", "access_clause", "notes"}
)


def record_delivery(
    conn: Connection,
    user: User,
    *,
    agency: str,
    place: str,
    method: str,
    date: dt.date | None = None,
    status: DeliveryStatus | str = DeliveryStatus.PLANNED,
    tonnes: float | None = None,
    trucks: int | None = None,
    governorate: str | None = None,
    agreement: str | None = None,
    access_clause: str | None = None,
    notes: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Log a delivery (planned, or already done or blocked when reported after the fact)."""
    require(user, Action.DELIVERY_RECORD)
    if method not in METHODS:
        raise ValueError(f"method {method!r} is not one of {', '.join(METHODS)}")
    for name, amount in (("tonnes", tonnes), ("trucks", trucks)):
        if amount is not None and amount <= 0:
            raise ValueError(f"{name} must be positive, not {amount}")
    if access_clause and not agreement:
        raise ValueError("an access clause belongs to an agreement: name the agreement too")
    values = {
        "agency": agency,
        "place": place,
        "method": method,
        "date": date,
        "status": DeliveryStatus(status).value,
        "tonnes": tonnes,
        "trucks": trucks,
        "governorate": governorate,
        "agreement": agreement,
        "access_clause": access_clause,
        "notes": notes,
    }
    return int(records.create(conn, user, DELIVERIES, values, at=at))


def change_delivery(
    conn: Connection,
    user: User,
    delivery_id: int,
    to: DeliveryStatus | str,
    *,
    reason: str,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """Mark a delivery done, blocked (say by whom in ``reason``), re-planned or cancelled."""
    require(user, Action.DELIVERY_CHANGE)
    return records.move(
        conn, user, DELIVERIES, delivery_id, DeliveryStatus(to), reason=reason, at=at, seen=seen
    )


def edit_delivery(
    conn: Connection,
    user: User,
    delivery_id: int,
    *,
    seen: int | None = None,
    reason: str | None = None,
    **changes: object,
) -> int:
    """Correct a delivery's details (amounts, date, clause...); return the new version."""
    require(user, Action.DELIVERY_CHANGE)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))} of a delivery")
    return records.edit(conn, user, DELIVERIES, delivery_id, changes, seen=seen, reason=reason)


def _delivery(row: Row) -> Delivery:
    return Delivery(
        agency=row.agency,
        place=row.place,
        method=row.method,
        status=row.status,
        date=row.date,
        tonnes=row.tonnes,
        trucks=row.trucks,
        notes=row.notes,
        id=str(row.id),
        governorate=row.governorate,
        agreement=row.agreement,
        access_clause=row.access_clause,
        version=row.version,
    )


def list_deliveries(
    conn: Connection, user: User, status: DeliveryStatus | str | None = None
) -> list[Delivery]:
    """Deliveries by date, optionally in one status."""
    require(user, Action.CENTRE_READ)
    query = select(deliveries).order_by(deliveries.c.date, deliveries.c.id)
    if status is not None:
        query = query.where(deliveries.c.status == DeliveryStatus(status).value)
    return [_delivery(r) for r in conn.execute(query)]


def blocked_deliveries(conn: Connection) -> list[Delivery]:
    """Blocked deliveries that name an access clause: the ones adjudication can rule on."""
    query = (
        select(deliveries)
        .where(deliveries.c.status == "blocked", deliveries.c.access_clause.is_not(None))
        .order_by(deliveries.c.date, deliveries.c.id)
    )
    return [_delivery(r) for r in conn.execute(query)]


def delivery_history(conn: Connection, user: User, delivery_id: int) -> list[StatusChange]:
    """Every change to one delivery, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, DELIVERIES, delivery_id)
