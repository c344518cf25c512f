"""Delivering queued alerts: signed webhooks and e-mail, retries with back-off, dead letters.

Every delivery carries ``X-Trucewatch-Delivery`` (the outbox id: the same on a retry, so a
receiver drops a repeat), ``X-Trucewatch-Timestamp`` (Unix seconds) and
``X-Trucewatch-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`` with the
subscription's secret. E-mail carries the same headers and the same JSON body as an attachment.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import hmac
import json
import os
import smtplib
import time
from dataclasses import dataclass, field
from email.message import EmailMessage

import httpx

from trucewatch.store import Store
from trucewatch.store.alerts import (
    Queued,
    Subscription,
    due_alerts,
    list_subscriptions,
    record_attempt,
)

RETRY_DELAYS = (10, 60, 300, 1800, 7200)  # seconds before attempts 2..6; then a dead letter
WEBHOOK_TIMEOUT = 10.0
SMTP_ENV = "TRUCEWATCH_SMTP_"


class DeliveryError(Exception):
    """An attempt that did not deliver: the message goes to the delivery log."""


def body_bytes(payload: dict) -> bytes:
    """The exact bytes sent and signed (compact, keys sorted: the same payload, the same bytes)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``"<timestamp>.<body>"`` with ``secret``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """True when ``header`` is the signature of ``body`` at ``timestamp`` (for receivers)."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def signed_headers(alert: Queued, sub: Subscription, body: bytes) -> dict[str, str]:
    """The delivery, timestamp and (with a secret) signature headers of one attempt."""
    timestamp = str(int(time.time()))
    headers = {
        "X-Trucewatch-Delivery": alert.id,
        "X-Trucewatch-Timestamp": timestamp,
        "X-Trucewatch-Event": ",".join(alert.changes),
    }
    if sub.secret:
        headers["X-Trucewatch-Signature"] = signature(sub.secret, timestamp, body)
    return headers


def send_webhook(alert: Queued, sub: Subscription, timeout: float = WEBHOOK_TIMEOUT) -> str:
    """POST the alert; any 2xx is delivered. Returns what the log says."""
    body = body_bytes(alert.payload)
    headers = {"Content-Type": "application/json", **signed_headers(alert, sub, body)}
    try:
        response = httpx.post(sub.target, content=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException as exc:
        raise DeliveryError(f"timed out after {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{exc.__class__.__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"HTTP {response.status_code}")
    return f"HTTP {response.status_code}"


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where e-mail alerts go out: ``TRUCEWATCH_SMTP_HOST``, ``_PORT``, ``_USER``,
    ``_PASSWORD``, ``_FROM`` and ``_STARTTLS``."""

    host: str = "localhost"
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "trucewatch@localhost"
    starttls: bool = False

    @classmethod
    def from_environment(cls) -> SmtpSettings:
        env = os.environ
        return cls(
            host=env.get(SMTP_ENV + "HOST", "localhost"),
            port=int(env.get(SMTP_ENV + "PORT", "25")),
            user=env.get(SMTP_ENV + "USER") or None,
            password=env.get(SMTP_ENV + "PASSWORD") or None,
            sender=env.get(SMTP_ENV + "FROM", "trucewatch@localhost"),
            starttls=env.get(SMTP_ENV + "STARTTLS", "").lower() in ("1", "true", "yes"),
        )


def _summary(payload: dict) -> str:
    if payload.get("kind") == "hotline":
        m = payload["message"]
        return f"hotline message {m['id']} from {m['sender']}: acknowledgement overdue"
    event = payload.get("event", {})
    rulings = ", ".join(f"{r['agreement']}: {r['ruling']}" for r in event.get("rulings", []))
    where = event.get("place") or event.get("governorate") or "place unknown"
    return (
        f"{event.get('type', 'event')} at {where} on {event.get('event_date') or 'date unknown'}"
        f" — {', '.join(payload.get('changes', []))}" + (f" ({rulings})" if rulings else "")
    )


def send_email(alert: Queued, sub: Subscription, settings: SmtpSettings | None = None) -> str:
    """Mail the alert: a readable summary, the signed JSON body attached, the same headers."""
    settings = settings or SmtpSettings.from_environment()
    body = body_bytes(alert.payload)
    # Lines up to SMTP's 998: the 95-character signature header stays on one line, unfolded.
    message = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
    message["From"] = settings.sender
    message["To"] = sub.target
    message["Subject"] = f"[trucewatch] {_summary(alert.payload)}"[:200]
    for key, value in signed_headers(alert, sub, body).items():
        message[key] = value
    link = alert.payload.get("link", "")
    message.set_content(f"{_summary(alert.payload)}\n\n{link}\n\nThe alert as JSON is attached.\n")
    message.add_attachment(body, maintype="application", subtype="json", filename="alert.json")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=WEBHOOK_TIMEOUT) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            refused = smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"SMTP {exc.__class__.__name__}: {exc}") from exc
    if refused:
        raise DeliveryError(f"SMTP refused {', '.join(refused)}")
    return f"SMTP accepted by {settings.host}:{settings.port}"


@dataclass
class DeliverySummary:
    """What one round of deliveries did."""

    delivered: int = 0
    retrying: int = 0
    dead: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds from queued to delivered


def retry_delay(attempts: int, delays: tuple[int, ...] = RETRY_DELAYS) -> float | None:
    """Back-off before the next attempt after ``attempts`` failed ones; None when out of tries."""
    return float(delays[attempts - 1]) if attempts <= len(delays) else None


def deliver_due(
    store: Store, now: dt.datetime | None = None, delays: tuple[int, ...] = RETRY_DELAYS
) -> DeliverySummary:
    """Attempt every due alert once; log each attempt; retry later or give up as a dead letter."""
    now = now or dt.datetime.now(dt.UTC)
    summary = DeliverySummary()
    with store.engine.connect() as conn:
        alerts = due_alerts(conn, now)
        subscriptions = {s.id: s for s in list_subscriptions(conn)}
    for alert in alerts:
        sub = subscriptions[alert.subscription_id]
        started = time.monotonic()
        try:
            if not sub.active:
                raise DeliveryError("subscription removed")
            send = send_webhook if sub.channel == "webhook" else send_email
            detail, ok = send(alert, sub), True
        except DeliveryError as exc:
            detail, ok = str(exc), False
        took = int((time.monotonic() - started) * 1000)
        at = dt.datetime.now(dt.UTC)
        retry = None if ok or not sub.active else retry_delay(alert.attempts + 1, delays)
        with store.transaction() as conn:
            status = record_attempt(
                conn, alert, ok=ok, detail=detail, duration_ms=took, now=at, retry_in=retry
            )
        if status == "delivered":
            summary.delivered += 1
            summary.latencies.append((at - alert.created_at).total_seconds())
        elif status == "dead":
            summary.dead += 1
        else:
            summary.retrying += 1
    return summary
