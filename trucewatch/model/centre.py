"""Records the monitoring centre keeps (SPEC §2, issue 6): parties and their accessions, meetings,
protection requests, the guarantors' hotline, humanitarian deliveries, users and their roles.

Plain typed records and the status machines as data; no I/O (``trucewatch.centre`` stores them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class PartyKind(StrEnum):
    """What sort of party can accede: the 2016 bulletins counted groups and settlements apart."""

    FACTION = "faction"  # an armed opposition group
    LOCAL_COUNCIL = "local_council"  # a settlement's administration ("settlements reconciled")
    GOVERNMENT = "government"
    FOREIGN_FORCE = "foreign_force"


class AccessionStatus(StrEnum):
    RECEIVED = "received"
    IN_NEGOTIATION = "in_negotiation"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class ProtectionStatus(StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    IN_FOLLOW_UP = "in_follow_up"
    CLOSED = "closed"
    DECLINED = "declined"


class DeliveryStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"


class Escalation(StrEnum):
    """How high a hotline thread has gone, lowest first."""

    TASK_FORCE = "task_force"  # the ISSG Ceasefire Task Force in Geneva
    CO_CHAIRS = "co_chairs"  # the US and Russian co-chairs' envoys
    MINISTERS = "ministers"  # foreign ministers


class PositionResponse(StrEnum):
    """The other side's answer to shared position data."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DISPUTED = "disputed"


class ReviewState(StrEnum):
    """Where an analyst's review of a ruling stands."""

    UNREVIEWED = "unreviewed"
    UNDER_REVIEW = "under_review"
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    LIAISON = "liaison"  # bound to one guarantor
    VIEWER = "viewer"
    REPORTER = "reporter"  # a field monitor or a party: submits reports, reads nothing


Flow = Mapping[str, frozenset[str]]


def _flow(pairs: dict[StrEnum, tuple[StrEnum, ...]]) -> Flow:
    return {str(k): frozenset(str(v) for v in vs) for k, vs in pairs.items()}


# The status machines: from each status, the statuses a change may lead to. Terminal ones map to ().
A, P, D = AccessionStatus, ProtectionStatus, DeliveryStatus
ACCESSION_FLOW: Flow = _flow(
    {
        A.RECEIVED: (A.IN_NEGOTIATION, A.ACCEPTED, A.REFUSED, A.WITHDRAWN),
        A.IN_NEGOTIATION: (A.ACCEPTED, A.REFUSED, A.WITHDRAWN),
        A.ACCEPTED: (A.WITHDRAWN,),
        A.REFUSED: (A.IN_NEGOTIATION,),  # talks can resume after a refusal
        A.WITHDRAWN: (),  # rejoining is a new request
    }
)
PROTECTION_FLOW: Flow = _flow(
    {
        P.RECEIVED: (P.ASSIGNED, P.DECLINED),
        P.ASSIGNED: (P.IN_FOLLOW_UP, P.CLOSED),
        P.IN_FOLLOW_UP: (P.CLOSED,),
        P.CLOSED: (P.IN_FOLLOW_UP,),  # reopened when the threat returns
        P.DECLINED: (),
    }
)
DELIVERY_FLOW: Flow = _flow(
    {
        D.PLANNED: (D.DONE, D.BLOCKED, D.CANCELLED),
        D.BLOCKED: (D.PLANNED, D.DONE, D.CANCELLED),  # a blocked convoy may get through later
        D.DONE: (),
        D.CANCELLED: (),
    }
)
E = Escalation
ESCALATION_FLOW: Flow = _flow(
    {E.TASK_FORCE: (E.CO_CHAIRS, E.MINISTERS), E.CO_CHAIRS: (E.MINISTERS,), E.MINISTERS: ()}
)
R = PositionResponse
POSITION_FLOW: Flow = _flow({R.PENDING: (R.ACCEPTED, R.DISPUTED), R.DISPUTED: (R.ACCEPTED,)})
V = ReviewState
REVIEW_FLOW: Flow = _flow(
    {
        V.UNREVIEWED: (V.UNDER_REVIEW, V.UPHELD, V.OVERTURNED),
        V.UNDER_REVIEW: (V.UPHELD, V.OVERTURNED),
        V.UPHELD: (V.UNDER_REVIEW,),
        V.OVERTURNED: (V.UNDER_REVIEW,),
    }
)
del A, P, D, E, R, V


@dataclass(frozen=True, slots=True)
class User:
    """Someone who works in trucewatch; a liaison speaks for one guarantor."""

    name: str
    role: Role
    guarantor: str | None = None
    active: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A faction, local council, government or foreign force that can accede to an agreement."""

    name: str
    kind: PartyKind
    actor: str | None = None  # canonical actor name, when the party is a known actor
    governorate: str | None = None
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class AccessionRequest:
    """A party's request to join an agreement, received through a guarantor, and where it stands."""

    agreement: str
    party: str
    channel: str  # message, meeting, statement, hotline
    sender: str
    received_at: dt.datetime  # UTC
    status: AccessionStatus = AccessionStatus.RECEIVED
    status_at: dt.datetime | None = None  # UTC, when the current status took effect
    through: str | None = None
    notes: str | None = None
    version: int = 1
    id: int | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One row of a register's history: a status change or an edit, by whom, when, and why."""

    register: str
    record_id: str
    version: int
    kind: str  # create | status | edit
    by: str
    effective_at: dt.datetime
    recorded_at: dt.datetime
    from_state: str | None = None
    to_state: str | None = None
    changes: dict = field(default_factory=dict)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting the centre held, with who took part, where, and what came of it."""

    held_at: dt.datetime
    place: str
    participants: tuple[str, ...]
    outcome: str | None = None
    notes: str | None = None
    version: int = 1
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signed a local agreement, and for which party."""

    signer: str
    for_party: str


@dataclass(frozen=True, slots=True)
class LocalAgreement:
    """A local agreement signed by faction leaders or heads of local administrations."""

    title: str
    signed_at: dt.datetime
    signatories: tuple[Signatory, ...]
    place: str | None = None
    agreement: str | None = None  # the ceasefire instrument it implements
    meeting_id: int | None = None
    document: str | None = None  # a file, URL or report id
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ProtectionRequest:
    """A signatory's request for protection: who asks, against what threat, where."""

    requester: str
    threat: str
    place: str | None
    received_at: dt.datetime
    party: str | None = None
    status: ProtectionStatus = ProtectionStatus.RECEIVED
    assigned_to: str | None = None
    version: int = 1
    id: int | None = None


@dataclass(frozen=True, slots=True)
class HotlineThread:
    """A conversation on the hotline; ``shared`` threads are open to every guarantor's liaison."""

    subject: str
    participants: tuple[str, ...]  # guarantors or parties taking part
    opened_at: dt.datetime
    shared: bool = False
    escalation: Escalation = Escalation.TASK_FORCE
    version: int = 1
    id: int | None = None


@dataclass(slots=True)
class HotlineMessage:
    """A message between guarantors or to a party, with its acknowledgement deadline."""

    sender: str
    recipients: tuple[str, ...]
    body: str
    sent_at: dt.datetime  # UTC
    ack_due: dt.datetime | None = None  # UTC
    acked_at: dt.datetime | None = None
    reply: str | None = None
    subject_incidents: tuple[str, ...] = ()
    escalation: str = "task_force"
    id: str | None = None
    thread_id: int | None = None
    subject_areas: tuple[str, ...] = ()  # control area ids
    acked_by: str | None = None
    version: int = 1

    def overdue(self, now: dt.datetime) -> bool:
        """True when the acknowledgement deadline passed without an acknowledgement.

        Aware datetimes compare as instants, so ``now`` may be given in any time zone.
        """
        return self.ack_due is not None and self.acked_at is None and now > self.ack_due


@dataclass(frozen=True, slots=True)
class PositionData:
    """Positions shared on the hotline (e.g. where an excluded group is), tied to a control area,
    with the other side's response."""

    message_id: int
    control_area: str
    description: str
    shared_by: str
    geometry: dict | None = None
    response: PositionResponse = PositionResponse.PENDING
    response_text: str | None = None
    responded_by: str | None = None
    responded_at: dt.datetime | None = None
    version: int = 1
    id: int | None = None


@dataclass(slots=True)
class Delivery:
    """Humanitarian aid to a place: who, what, how much, how, and whether it got through."""

    agency: str
    place: str
    method: str  # convoy | airdrop
    status: str  # planned | done | blocked | cancelled
    date: dt.date | None = None
    tonnes: float | None = None
    trucks: int | None = None
    notes: str | None = None
    evidence: list = field(default_factory=list)
    id: str | None = None
    governorate: str | None = None
    agreement: str | None = None  # the agreement whose access clause applies
    access_clause: str | None = None  # clause number, so a blocked delivery can be ruled on
    version: int = 1
