"""Alert subscriptions, what was last alerted, the outbox, the delivery log and dead letters.

Alerts carry events as ``export events`` writes them (``report.exports.stored_event_rows``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from trucewatch.store.live import utc
from trucewatch.store.live_tables import (
    alert_dead_letters,
    alert_deliveries,
    alert_outbox,
    alert_state,
    alert_subscriptions,
)
from trucewatch.store.schema import extractions, reports

FILTER_KEYS = ("kind", "ruling", "governorate", "agreement", "grade", "type")


@dataclass(frozen=True, slots=True)
class Subscription:
    """Who gets alerts, how, and which ones (filters: key -> any of these values)."""

    id: int
    channel: str  # webhook or email
    target: str
    secret: str | None
    filters: dict[str, list[str]]
    active: bool

    def describe(self) -> str:
        """One line for ``alerts list``."""
        shown = " ".join(f"{k}={'|'.join(v)}" for k, v in sorted(self.filters.items()))
        return f"#{self.id} {self.channel} {self.target} {shown or '(everything)'}".strip()


@dataclass(frozen=True, slots=True)
class Queued:
    """One alert in the outbox, for one subscription."""

    id: str
    subscription_id: int
    subject: str
    changes: list[str]
    payload: dict
    status: str
    attempts: int
    next_attempt: dt.datetime
    created_at: dt.datetime
    delivered_at: dt.datetime | None


def _subscription(row: Row) -> Subscription:
    return Subscription(
        row.id, row.channel, row.target, row.secret, dict(row.filters), bool(row.active)
    )


def parse_filters(pairs: Iterable[str]) -> dict[str, list[str]]:
    """``["ruling=violation", "governorate=Idlib"]`` as a filter; unknown keys are refused."""
    out: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise ValueError(f"filter {pair!r} is not key=value")
        if key not in FILTER_KEYS:
            raise ValueError(f"unknown filter key {key!r}; use one of {', '.join(FILTER_KEYS)}")
        if value not in out[key]:
            out[key].append(value)
    return dict(out)


def add_subscription(
    conn: Connection,
    channel: str,
    target: str,
    secret: str | None,
    filters: Mapping[str, list[str]],
) -> Subscription:
    """Subscribe ``target`` to the alerts that pass ``filters``, from now on."""
    if channel not in ("webhook", "email"):
        raise ValueError(f"channel must be webhook or email, not {channel!r}")
    new_id = conn.execute(
        insert(alert_subscriptions).values(
            channel=channel,
            target=target,
            secret=secret,
            filters=dict(filters),
            active=True,
            created_at=dt.datetime.now(dt.UTC),
        )
    ).inserted_primary_key[0]
    row = conn.execute(select(alert_subscriptions).where(alert_subscriptions.c.id == new_id)).one()
    return _subscription(row)


def list_subscriptions(conn: Connection, *, active_only: bool = False) -> list[Subscription]:
    """Every subscription (the active ones only when asked), oldest first."""
    query = select(alert_subscriptions).order_by(alert_subscriptions.c.id)
    if active_only:
        query = query.where(alert_subscriptions.c.active.is_(True))
    return [_subscription(r) for r in conn.execute(query)]


def remove_subscription(conn: Connection, sub_id: int) -> bool:
    """Stop a subscription (its log is kept); False when there is no such one."""
    done = conn.execute(
        update(alert_subscriptions)
        .where(alert_subscriptions.c.id == sub_id, alert_subscriptions.c.active.is_(True))
        .values(active=False)
    )
    return done.rowcount > 0


# --- events, as alerts describe them -------------------------------------------------------------


def snapshots(conn: Connection, prefix: str) -> dict[str, dict]:
    """What the last alert said about each subject starting with ``prefix`` (e.g. "event:")."""
    query = select(alert_state).where(alert_state.c.subject.startswith(prefix))
    return {r.subject: dict(r.snapshot) for r in conn.execute(query)}


def queue_alert(
    conn: Connection,
    subject: str,
    snapshot: dict,
    changes: Sequence[str],
    payload: dict,
    subscriptions: Sequence[Subscription],
    now: dt.datetime,
) -> list[str]:
    """Queue one alert per subscription and record ``snapshot`` as what was said, together.

    Call inside one transaction: a kill before it commits leaves the change to be found again,
    a kill after leaves the alerts queued; neither sends one twice.
    """
    values = {"snapshot": snapshot, "updated_at": now}
    done = conn.execute(update(alert_state).where(alert_state.c.subject == subject).values(values))
    if done.rowcount == 0:
        conn.execute(insert(alert_state).values(subject=subject, **values))
    ids = []
    for sub in subscriptions:
        delivery = str(uuid.uuid4())
        conn.execute(
            insert(alert_outbox).values(
                id=delivery,
                subscription_id=sub.id,
                subject=subject,
                changes=list(changes),
                payload={**payload, "delivery": delivery},
                status="pending",
                attempts=0,
                next_attempt=now,
                created_at=now,
            )
        )
        ids.append(delivery)
    return ids


def _queued(row: Row) -> Queued:
    return Queued(
        row.id,
        row.subscription_id,
        row.subject,
        list(row.changes),
        dict(row.payload),
        row.status,
        row.attempts,
        utc(row.next_attempt) or dt.datetime.now(dt.UTC),
        utc(row.created_at) or dt.datetime.now(dt.UTC),
        utc(row.delivered_at),
    )


def due_alerts(conn: Connection, now: dt.datetime, limit: int = 100) -> list[Queued]:
    """Pending alerts whose next attempt is due, oldest first."""
    query = (
        select(alert_outbox)
        .where(alert_outbox.c.status == "pending", alert_outbox.c.next_attempt <= now)
        .order_by(alert_outbox.c.created_at, alert_outbox.c.id)
        .limit(limit)
    )
    return [_queued(r) for r in conn.execute(query)]


def pending_count(conn: Connection) -> int:
    """Alerts waiting in the outbox (due now or later)."""
    query = select(func.count()).where(alert_outbox.c.status == "pending")
    return conn.execute(query.select_from(alert_outbox)).scalar_one()


def record_attempt(
    conn: Connection,
    alert: Queued,
    *,
    ok: bool,
    detail: str,
    duration_ms: int,
    now: dt.datetime,
    retry_in: float | None,
) -> str:
    """Log one delivery attempt and move the alert on: delivered, retried later, or dead.

    ``retry_in`` is the back-off before the next attempt; None means this was the last one.
    Returns the alert's new status.
    """
    attempt = alert.attempts + 1
    conn.execute(
        insert(alert_deliveries).values(
            outbox_id=alert.id,
            attempt=attempt,
            ok=ok,
            detail=detail[:2000],
            duration_ms=duration_ms,
            at=now,
        )
    )
    if ok:
        status, values = "delivered", {"delivered_at": now}
    elif retry_in is not None:
        status, values = "pending", {"next_attempt": now + dt.timedelta(seconds=retry_in)}
    else:
        status, values = "dead", {}
        conn.execute(
            insert(alert_dead_letters).values(
                outbox_id=alert.id,
                subscription_id=alert.subscription_id,
                subject=alert.subject,
                reason=detail[:2000],
                at=now,
            )
        )
    conn.execute(
        update(alert_outbox)
        .where(alert_outbox.c.id == alert.id)
        .values(status=status, attempts=attempt, **values)
    )
    return status


def delivery_log(conn: Connection, limit: int = 50) -> list[dict]:
    """The newest delivery attempts with their alert and subscription, newest first."""
    query = (
        select(
            alert_deliveries.c.at,
            alert_deliveries.c.attempt,
            alert_deliveries.c.ok,
            alert_deliveries.c.detail,
            alert_deliveries.c.duration_ms,
            alert_outbox.c.id.label("delivery"),
            alert_outbox.c.subject,
            alert_outbox.c.changes,
            alert_outbox.c.status,
            alert_subscriptions.c.channel,
            alert_subscriptions.c.target,
        )
        .join(alert_outbox, alert_outbox.c.id == alert_deliveries.c.outbox_id)
        .join(alert_subscriptions, alert_subscriptions.c.id == alert_outbox.c.subscription_id)
        .order_by(alert_deliveries.c.id.desc())
        .limit(limit)
    )
    return [dict(r._mapping) | {"at": utc(r.at)} for r in conn.execute(query)]


def dead_letters(conn: Connection) -> list[dict]:
    """Alerts given up on after the last retry, newest first."""
    query = (
        select(alert_dead_letters, alert_outbox.c.payload, alert_outbox.c.attempts)
        .join(alert_outbox, alert_outbox.c.id == alert_dead_letters.c.outbox_id)
        .order_by(alert_dead_letters.c.at.desc())
    )
    return [dict(r._mapping) | {"at": utc(r.at)} for r in conn.execute(query)]


def requeue_dead(conn: Connection, delivery: str, now: dt.datetime) -> bool:
    """Give a dead letter another round of attempts (same delivery id); False if none."""
    gone = conn.execute(
        delete(alert_dead_letters).where(alert_dead_letters.c.outbox_id == delivery)
    )
    if gone.rowcount == 0:
        return False
    conn.execute(
        update(alert_outbox)
        .where(alert_outbox.c.id == delivery)
        .values(status="pending", attempts=0, next_attempt=now)
    )
    return True


def reports_awaiting_pipeline(conn: Connection) -> int:
    """Reports stored but not yet extracted: the front of the pipeline's queue."""
    done = select(extractions.c.report_id)
    query = select(func.count()).where(reports.c.id.not_in(done))
    return conn.execute(query.select_from(reports)).scalar_one()
