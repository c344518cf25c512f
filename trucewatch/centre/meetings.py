"""Meetings the centre held, and the local agreements signed at or after them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from trucewatch.centre import records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.parties import find_party
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register, stored
from trucewatch.model.centre import LocalAgreement, Meeting, Signatory, StatusChange, User
from trucewatch.store.centre_tables import (
    centre_parties,
    local_agreement_signatories,
    local_agreements,
    meeting_participants,
    meetings,
)

MEETINGS = Register("meeting", meetings)
LOCAL_AGREEMENTS = Register("local_agreement", local_agreements)
EDITABLE = frozenset({"place", "outcome", "notes", "held_at"})


def record_meeting(
    conn: Connection,
    user: User,
    *,
    held_at: dt.datetime,
    place: str,
    participants: Sequence[str],
    outcome: str | None = None,
    notes: str | None = None,
) -> int:
    """Log a meeting; participants that are registered parties are linked to them."""
    require(user, Action.MEETING_RECORD)
    if not participants:
        raise ValueError("a meeting needs at least one participant")
    values = {
        "held_at": records.utc(held_at, "held_at"),
        "place": place,
        "outcome": outcome,
        "notes": notes,
    }
    meeting_id = int(
        records.create(conn, user, MEETINGS, values, extra={"participants": list(participants)})
    )
    rows = []
    for name in participants:
        party = find_party(conn, name)
        rows.append({"meeting_id": meeting_id, "name": name, "party_id": party and party.id})
    conn.execute(insert(meeting_participants), rows)
    return meeting_id


def edit_meeting(
    conn: Connection,
    user: User,
    meeting_id: int,
    *,
    seen: int | None = None,
    reason: str | None = None,
    **changes: object,
) -> int:
    """Change a meeting's place, time, outcome or notes; return the new version."""
    require(user, Action.MEETING_RECORD)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))} of a meeting")
    return records.edit(conn, user, MEETINGS, meeting_id, changes, seen=seen, reason=reason)


def get_meeting(conn: Connection, user: User, meeting_id: int) -> Meeting:
    """One meeting with its participants."""
    require(user, Action.CENTRE_READ)
    row = records.read(conn, MEETINGS, meeting_id)
    names = conn.execute(
        select(meeting_participants.c.name)
        .where(meeting_participants.c.meeting_id == row.id)
        .order_by(meeting_participants.c.id)
    ).scalars()
    return Meeting(
        stored(row.held_at), row.place, tuple(names), row.outcome, row.notes, row.version, row.id
    )


def list_meetings(conn: Connection, user: User) -> list[Meeting]:
    """All meetings, oldest first."""
    require(user, Action.CENTRE_READ)
    ids = conn.execute(select(meetings.c.id).order_by(meetings.c.held_at, meetings.c.id)).scalars()
    return [get_meeting(conn, user, i) for i in list(ids)]


def parse_signatory(text: str) -> Signatory:
    """A signatory written ``signer | party`` (forms and the command line write them so)."""
    signer, bar, party = text.partition("|")
    if not bar or not signer.strip() or not party.strip():
        raise ValueError(f"signatory {text.strip()!r}: write it as 'signer | party'")
    return Signatory(signer.strip(), party.strip())


def record_local_agreement(
    conn: Connection,
    user: User,
    *,
    title: str,
    signed_at: dt.datetime,
    signatories: Sequence[Signatory],
    place: str | None = None,
    agreement: str | None = None,
    meeting_id: int | None = None,
    document: str | None = None,
) -> int:
    """Log a signed local agreement; each signatory signs for a registered party."""
    require(user, Action.MEETING_RECORD)
    if not signatories:
        raise ValueError("a signed agreement needs at least one signatory")
    parties = {}
    for s in signatories:
        party = find_party(conn, s.for_party)
        if party is None:
            raise NotFound(f"no party {s.for_party!r} (signed for by {s.signer}): add it first")
        parties[s.for_party] = party.id
    if meeting_id is not None:
        records.read(conn, MEETINGS, meeting_id)
    values = {
        "title": title,
        "signed_at": records.utc(signed_at, "signed_at"),
        "place": place,
        "agreement": agreement,
        "meeting_id": meeting_id,
        "document": document,
    }
    signed = [{"signer": s.signer, "for": s.for_party} for s in signatories]
    agreement_id = int(
        records.create(conn, user, LOCAL_AGREEMENTS, values, extra={"signatories": signed})
    )
    conn.execute(
        insert(local_agreement_signatories),
        [
            {
                "local_agreement_id": agreement_id,
                "signer": s.signer,
                "party_id": parties[s.for_party],
            }
            for s in signatories
        ],
    )
    return agreement_id


def list_local_agreements(conn: Connection, user: User) -> list[LocalAgreement]:
    """Signed local agreements with who signed for whom, oldest first."""
    require(user, Action.CENTRE_READ)
    signed: dict[int, list[Signatory]] = {}
    query = (
        select(local_agreement_signatories, centre_parties.c.name)
        .join(centre_parties, centre_parties.c.id == local_agreement_signatories.c.party_id)
        .order_by(local_agreement_signatories.c.id)
    )
    for r in conn.execute(query):
        signed.setdefault(r.local_agreement_id, []).append(Signatory(r.signer, r.name))
    rows = conn.execute(select(local_agreements).order_by(local_agreements.c.signed_at))
    return [
        LocalAgreement(
            r.title,
            stored(r.signed_at),
            tuple(signed.get(r.id, ())),
            r.place,
            r.agreement,
            r.meeting_id,
            r.document,
            r.id,
        )
        for r in rows
    ]


def meeting_history(conn: Connection, user: User, meeting_id: int) -> list[StatusChange]:
    """Every change to one meeting, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, MEETINGS, meeting_id)


def local_agreement_history(conn: Connection, user: User, agreement_id: int) -> list[StatusChange]:
    """Every change to one signed local agreement, oldest first."""
    require(user, Action.CENTRE_READ)
    return records.history(conn, LOCAL_AGREEMENTS, agreement_id)
