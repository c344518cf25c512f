"""Parties and their accession requests: received, negotiated, accepted, refused or withdrawn.

Accepted accessions feed adjudication (who was a party when), and the daily counts mirror the
2016 reconciliation-centre bulletins (groups joined, settlements reconciled, talks in progress).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row, select

from trucewatch.centre import records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register, stored
from trucewatch.model.agreement import Accession
from trucewatch.model.centre import (
    ACCESSION_FLOW,
    AccessionRequest,
    AccessionStatus,
    Party,
    PartyKind,
    StatusChange,
    User,
)
from trucewatch.store.centre_tables import accession_requests, centre_history, centre_parties

PARTIES = Register("party", centre_parties)
PARTY_EDITABLE = frozenset({"kind", "actor", "governorate"})  # the name is how others find it
ACCESSIONS = Register("accession", accession_requests, ACCESSION_FLOW)


def _party(row: Row) -> Party:
    return Party(row.name, PartyKind(row.kind), row.actor, row.governorate, row.id, row.version)


def add_party(
    conn: Connection,
    user: User,
    name: str,
    kind: PartyKind | str,
    *,
    actor: str | None = None,
    governorate: str | None = None,
) -> int:
    """Register a party that can accede; return its id."""
    require(user, Action.PARTY_RECORD)
    if find_party(conn, name) is not None:
        raise ValueError(f"a party named {name!r} is already registered")
    values = {
        "name": name,
        "kind": PartyKind(kind).value,
        "actor": actor,
        "governorate": governorate,
        "created_at": records.now(),
    }
    return int(records.create(conn, user, PARTIES, values))


def edit_party(
    conn: Connection,
    user: User,
    party_id: int,
    *,
    seen: int | None = None,
    reason: str | None = None,
    **changes: object,
) -> int:
    """Change a party's kind, actor or governorate; return the new version."""
    require(user, Action.PARTY_RECORD)
    unknown = set(changes) - PARTY_EDITABLE
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))} of a party")
    if "kind" in changes:
        changes["kind"] = PartyKind(str(changes["kind"])).value
    return records.edit(conn, user, PARTIES, party_id, changes, seen=seen, reason=reason)


def party_history(conn: Connection, user: User, party_id: int) -> list[StatusChange]:
    """Every change to one party, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, PARTIES, party_id)


def find_party(conn: Connection, name: str) -> Party | None:
    """The party of that exact name, if registered."""
    row = conn.execute(select(centre_parties).where(centre_parties.c.name == name)).first()
    return _party(row) if row else None


def list_parties(conn: Connection, user: User) -> list[Party]:
    """All registered parties, by name."""
    require(user, Action.CENTRE_READ)
    return [_party(r) for r in conn.execute(select(centre_parties).order_by(centre_parties.c.name))]


def receive_accession(
    conn: Connection,
    user: User,
    *,
    agreement: str,
    party: str,
    channel: str,
    sender: str,
    received_at: dt.datetime,
    through: str | None = None,
    notes: str | None = None,
) -> int:
    """Log an accession request as received; a liaison may log only those through its guarantor."""
    require(user, Action.ACCESSION_RECORD, [through] if through else [])
    found = find_party(conn, party)
    if found is None:
        raise NotFound(f"no party {party!r}: add it first")
    values = {
        "agreement": agreement,
        "party_id": found.id,
        "channel": channel,
        "sender": sender,
        "through": through,
        "received_at": records.utc(received_at, "received_at"),
        "status": AccessionStatus.RECEIVED.value,
        "notes": notes,
    }
    return int(records.create(conn, user, ACCESSIONS, values, at=received_at))


def change_accession(
    conn: Connection,
    user: User,
    accession_id: int,
    to: AccessionStatus | str,
    *,
    reason: str,
    at: dt.datetime | None = None,
    seen: int | None = None,
) -> int:
    """Move an accession request on (e.g. to ``accepted`` at the time the party accepted)."""
    require(user, Action.ACCESSION_CHANGE)
    return records.move(
        conn, user, ACCESSIONS, accession_id, AccessionStatus(to), reason=reason, at=at, seen=seen
    )


_SELECT = select(
    accession_requests,
    centre_parties.c.name.label("party_name"),
    centre_parties.c.actor.label("party_actor"),
).join(centre_parties, centre_parties.c.id == accession_requests.c.party_id)


def _accession(row: Row) -> AccessionRequest:
    return AccessionRequest(
        agreement=row.agreement,
        party=row.party_name,
        channel=row.channel,
        sender=row.sender,
        received_at=stored(row.received_at),
        status=AccessionStatus(row.status),
        status_at=stored(row.status_at),
        through=row.through,
        notes=row.notes,
        version=row.version,
        id=row.id,
    )


def get_accession(conn: Connection, user: User, accession_id: int) -> AccessionRequest:
    """One accession request as it stands now."""
    require(user, Action.CENTRE_READ)
    row = conn.execute(_SELECT.where(accession_requests.c.id == accession_id)).first()
    if row is None:
        raise NotFound(f"no accession {accession_id}")
    return _accession(row)


def list_accessions(
    conn: Connection, user: User, status: AccessionStatus | str | None = None
) -> list[AccessionRequest]:
    """Accession requests, oldest received first, optionally only those in one status."""
    require(user, Action.CENTRE_READ)
    query = _SELECT.order_by(accession_requests.c.received_at, accession_requests.c.id)
    if status is not None:
        query = query.where(accession_requests.c.status == AccessionStatus(status).value)
    return [_accession(r) for r in conn.execute(query)]


def accession_history(conn: Connection, user: User, accession_id: int) -> list[StatusChange]:
    """Every change to one accession request, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, ACCESSIONS, accession_id)


def accessions_in_force(conn: Connection) -> list[Accession]:
    """Accessions for adjudication: every acceptance, and the withdrawal of any that withdrew.

    Each carries the time the status took effect, the guarantor it came through and the record
    it came from, so ``adjudicate`` can tell whether a perpetrator was a party at the time.
    """
    rows = {r.id: r for r in conn.execute(_SELECT)}
    query = (
        select(centre_history)
        .where(
            centre_history.c.register == ACCESSIONS.name,
            centre_history.c.kind == "status",
            centre_history.c.to_state.in_(["accepted", "withdrawn"]),
        )
        .order_by(centre_history.c.effective_at, centre_history.c.id)
    )
    out: list[Accession] = []
    accepted: set[str] = set()
    for change in conn.execute(query):
        row = rows[int(change.record_id)]
        if change.to_state == "withdrawn" and change.record_id not in accepted:
            continue  # a request withdrawn before acceptance never bound anyone
        accepted.add(change.record_id)
        out.append(
            Accession(
                agreement=row.agreement,
                party=row.party_actor or row.party_name,  # the actor's canonical name when known
                at=stored(change.effective_at),
                through=row.through,
                status=change.to_state,
                source=f"accession request {row.id} from {row.sender} by {row.channel}",
                where=f"centre:accession/{row.id}",
            )
        )
    return out


def daily_counts(conn: Connection, day: dt.date, tz: str = "UTC") -> dict:
    """Counts for one day as the 2016 bulletins gave them, the day taken in time zone ``tz``.

    ``groups_joined`` and ``settlements_reconciled`` count acceptances that took effect that day
    (armed factions and local councils); the ``_total`` figures count all accepted at its end;
    ``negotiations_in_progress`` the requests in negotiation at its end.
    """
    zone = ZoneInfo(tz)
    start = dt.datetime.combine(day, dt.time(), zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
    kinds = {
        str(r.id): r.kind
        for r in conn.execute(
            select(accession_requests.c.id, centre_parties.c.kind).join(
                centre_parties, centre_parties.c.id == accession_requests.c.party_id
            )
        )
    }
    # End of day is exclusive: a change at midnight belongs to the next day.
    before = records.states_at(conn, ACCESSIONS, start - dt.timedelta(microseconds=1))
    after = records.states_at(conn, ACCESSIONS, end - dt.timedelta(microseconds=1))

    def accepted(states: dict[str, str], kind: PartyKind) -> set[str]:
        return {i for i, s in states.items() if s == "accepted" and kinds.get(i) == kind}

    groups = accepted(after, PartyKind.FACTION)
    settlements = accepted(after, PartyKind.LOCAL_COUNCIL)
    return {
        "day": day.isoformat(),
        "tz": tz,
        "groups_joined": len(groups - accepted(before, PartyKind.FACTION)),
        "groups_total": len(groups),
        "settlements_reconciled": len(settlements - accepted(before, PartyKind.LOCAL_COUNCIL)),
        "settlements_total": len(settlements),
        "negotiations_in_progress": sum(1 for s in after.values() if s == "in_negotiation"),
    }
