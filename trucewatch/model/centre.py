"""Records the monitoring centre keeps: hotline messages and humanitarian deliveries (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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

    def overdue(self, now: dt.datetime) -> bool:
        """True when the acknowledgement deadline passed without an acknowledgement."""
        return self.ack_due is not None and self.acked_at is None and now > self.ack_due


@dataclass(slots=True)
class Delivery:
    """Humanitarian aid to a place: who, what, how much, how, and whether it got through."""

    agency: str
    place: str
    method: str  # convoy | airdrop
    status: str  # planned | done | blocked
    date: dt.date | None = None
    tonnes: float | None = None
    trucks: int | None = None
    notes: str | None = None
    evidence: list = field(default_factory=list)
    id: str | None = None
