"""Protection requests from signatories: who asks, against what threat, where; then assignment,
follow-up and closure, each step kept in the history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Row, select

from trucewatch.centre import records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.parties import find_party
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register, stored
from trucewatch.model.centre import (
    PROTECTION_FLOW,
    ProtectionRequest,
    ProtectionStatus,
    StatusChange,
    User,
)
from trucewatch.store.centre_tables import centre_parties, protection_requests

PROTECTION = Register("protection", protection_requests, PROTECTION_FLOW)


def receive_protection_request(
    conn: Connection,
    user: User,
    *,
    requester: str,
    threat: str,
    received_at: dt.datetime,
    place: str | None = None,
    party: str | None = None,
) -> int:
    """Log a protection request as received; ``party`` links it to a registered party."""
    require(user, Action.PROTECTION_RECORD)
    party_id = None
    if party is not None:
        found = find_party(conn, party)
        if found is None:
            raise NotFound(f"no party {party!r}: add it first")
        party_id = found.id
    values = {
        "requester": requester,
        "threat": threat,
        "place": place,
        "party_id": party_id,
        "received_at": records.utc(received_at, "received_at"),
        "status": ProtectionStatus.RECEIVED.value,
    }
    return int(records.create(conn, user, PROTECTION, values, at=received_at))


def assign_protection(
    conn: Connection,
    user: User,
    request_id: int,
    to_whom: str,
    *,
    reason: str,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """Assign a request to whoever will act on it (a unit, an officer)."""
    require(user, Action.PROTECTION_CHANGE)
    return records.move(
        conn,
        user,
        PROTECTION,
        request_id,
        ProtectionStatus.ASSIGNED,
        reason=reason,
        at=at,
        seen=seen,
        also={"assigned_to": to_whom},
    )


def change_protection(
    conn: Connection,
    user: User,
    request_id: int,
    to: ProtectionStatus | str,
    *,
    reason: str,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """Move a request on: follow-up, closure, or decline."""
    require(user, Action.PROTECTION_CHANGE)
    to = ProtectionStatus(to)
    if to is ProtectionStatus.ASSIGNED:
        raise ValueError("use assign_protection to say who it is assigned to")
    return records.move(conn, user, PROTECTION, request_id, to, reason=reason, at=at, seen=seen)


def follow_up(conn: Connection, user: User, request_id: int, note: str) -> None:
    """Record a follow-up step (a call, a visit) on a request without changing its status."""
    require(user, Action.PROTECTION_CHANGE)
    records.note(conn, user, PROTECTION, request_id, note)


def _request(row: Row) -> ProtectionRequest:
    return ProtectionRequest(
        row.requester,
        row.threat,
        row.place,
        stored(row.received_at),
        row.party_name,
        ProtectionStatus(row.status),
        row.assigned_to,
        row.version,
        row.id,
    )


def list_protection_requests(
    conn: Connection, user: User, open_only: bool = False
) -> list[ProtectionRequest]:
    """Protection requests, oldest first; ``open_only`` leaves out closed and declined ones."""
    require(user, Action.CENTRE_READ)
    query = (
        select(protection_requests, centre_parties.c.name.label("party_name"))
        .outerjoin(centre_parties, centre_parties.c.id == protection_requests.c.party_id)
        .order_by(protection_requests.c.received_at, protection_requests.c.id)
    )
    if open_only:
        query = query.where(protection_requests.c.status.not_in(["closed", "declined"]))
    return [_request(r) for r in conn.execute(query)]


def protection_history(conn: Connection, user: User, request_id: int) -> list[StatusChange]:
    """Every step of one request, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, PROTECTION, request_id)
