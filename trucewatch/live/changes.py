"""What changed since the last alert, and queuing one alert per change for each subscriber.

An event's alert is about one of: ``new_event``, ``new_ruling``, ``ruling_changed``,
``grade_changed``. The comparison is with what the last alert about it said (``alert_state``),
never with "what this cycle wrote", so a cycle killed half-way is caught up by the next one. A
hotline message whose acknowledgement deadline passed is an alert too (``ack_overdue``), once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from trucewatch.report.exports import stored_event_rows
from trucewatch.store.alerts import (
    Subscription,
    list_subscriptions,
    queue_alert,
    snapshots,
)

BASE_URL_ENV = "TRUCEWATCH_BASE_URL"  # where alert links point: the public address of `serve`
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True, slots=True)
class Change:
    """One subject's change since its last alert, with what an alert about it carries."""

    subject: str  # "event:<id>" or "hotline:<message id>"
    changes: tuple[str, ...]
    snapshot: dict  # what the alert says; compared with the next time round
    payload: dict  # the body subscribers get (before the delivery id is added)
    fields: Mapping[str, Sequence[str]]  # what filters match against


def _event_snapshot(event: dict) -> dict:
    return {
        "grade": event["grade"],
        "rulings": {r["agreement"]: r["ruling"] for r in event["rulings"]},
    }


def event_changes(before: dict | None, now: dict) -> list[str]:
    """How an event's snapshot moved: new event, new ruling, ruling changed, grade changed."""
    if before is None:
        return ["new_event"]
    out = []
    old, new = before.get("rulings", {}), now["rulings"]
    if any(a not in old for a in new):
        out.append("new_ruling")
    if any(a in old and old[a] != r for a, r in new.items()):
        out.append("ruling_changed")
    if before.get("grade") != now["grade"]:
        out.append("grade_changed")
    return out


def _link(path: str) -> str:
    return os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL).rstrip("/") + path


def what_changed(conn: Connection, now: dt.datetime) -> list[Change]:
    """Every event and overdue hotline message that changed since its last alert.

    An event is carried as ``export events`` writes it (its current ruling under each agreement).
    """
    out = []
    said = snapshots(conn, "event:")
    for row in stored_event_rows(conn):
        event = json.loads(json.dumps(row, default=str))  # dates as ISO text, as stored JSON
        event_id = event["event_id"]
        subject = f"event:{event_id}"
        snap = _event_snapshot(event)
        before = said.get(subject)
        if before == snap:
            continue
        changes = event_changes(before, snap)
        if not changes:
            continue
        payload = {
            "kind": "event",
            "changes": changes,
            "event": event,
            "previous": before,
            "link": _link(f"/events/{event_id}"),
        }
        fields = {
            "kind": ["event"],
            "ruling": sorted(set(snap["rulings"].values())),
            "agreement": sorted(snap["rulings"]),
            "governorate": [event["governorate"]] if event["governorate"] else [],
            "grade": [event["grade"]],
            "type": [event["type"]],
        }
        out.append(Change(subject, tuple(changes), snap, payload, fields))
    out += _hotline_changes(conn, now)
    return out


def _hotline_changes(conn: Connection, now: dt.datetime) -> list[Change]:
    from trucewatch.centre import hotline
    from trucewatch.centre.users import SYSTEM

    said = snapshots(conn, "hotline:")
    out = []
    for message in hotline.overdue(conn, SYSTEM, now):
        subject = f"hotline:{message.id}"
        if subject in said:
            continue
        due = message.ack_due.isoformat() if message.ack_due else None
        snap = {"ack_due": due}
        payload = {
            "kind": "hotline",
            "changes": ["ack_overdue"],
            "message": {
                "id": message.id,
                "thread_id": message.thread_id,
                "sender": message.sender,
                "recipients": list(message.recipients),
                "sent_at": message.sent_at.isoformat(),
                "ack_due": due,
                "escalation": message.escalation,
            },
            "link": _link("/hotline"),
        }
        fields = {"kind": ["hotline"], "guarantor": list(message.recipients)}
        out.append(Change(subject, ("ack_overdue",), snap, payload, fields))
    return out


def matches(filters: Mapping[str, Sequence[str]], fields: Mapping[str, Sequence[str]]) -> bool:
    """Every filter key must match (any of its values); a key the alert lacks does not match."""
    for key, wanted in filters.items():
        have = {v.lower() for v in fields.get(key, ())}
        if not any(w.lower() in have for w in wanted):
            return False
    return True


def queue_changes(conn: Connection, now: dt.datetime) -> tuple[int, int]:
    """Find what changed and queue its alerts; return (changes, alerts queued).

    Each change's snapshot and its outbox rows are written together in the caller's
    transaction, so a kill either leaves the change to be found again or the alerts queued.
    """
    subscriptions = list_subscriptions(conn, active_only=True)
    changes = what_changed(conn, now)
    queued = 0
    for change in changes:
        chosen: list[Subscription] = [s for s in subscriptions if matches(s.filters, change.fields)]
        queued += len(
            queue_alert(
                conn, change.subject, change.snapshot, change.changes, change.payload, chosen, now
            )
        )
    return len(changes), queued


def baseline(conn: Connection, now: dt.datetime) -> int:
    """Record what every event and overdue message is now, alerting nobody; return how many.

    The first subscription on a store calls this, so it hears of changes from then on rather
    than of every event the store ever held.
    """
    changes = what_changed(conn, now)
    for change in changes:
        queue_alert(conn, change.subject, change.snapshot, change.changes, change.payload, [], now)
    return len(changes)
