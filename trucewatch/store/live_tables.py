"""Live monitoring's tables (issue 17), on the store's one ``metadata``.

Feeds and the items already taken from them, alert subscriptions, what was last alerted about
each subject, the outbox of alerts still to deliver, the log of every delivery attempt, and the
dead letters given up on. The outbox row and the snapshot of what it reports are written in one
transaction, so a killed ``watch`` neither loses an alert nor queues it twice.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from trucewatch.store.schema import metadata


def _stamp(name: str, nullable: bool = True) -> Column:
    return Column(name, DateTime(timezone=True), nullable=nullable)  # always UTC


live_feeds = Table(
    "live_feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("kind", String(10), nullable=False),  # rss (RSS or Atom) or folder
    Column("url", Text, nullable=False),  # the feed's URL, or the folder's absolute path
    Column("every", Integer, nullable=False),  # seconds between polls when healthy; 0: watch's
    Column("etag", Text),  # conditional GET: what the server last answered
    Column("last_modified", Text),
    Column("health", String(12), nullable=False),  # new, ok, unhealthy
    Column("failures", Integer, nullable=False),  # in a row; drives the back-off
    Column("last_error", Text),
    _stamp("last_poll"),
    _stamp("last_new_item"),
    _stamp("next_due", nullable=False),
    Column("items_seen", Integer, nullable=False),
    _stamp("created_at", nullable=False),
)

live_items_seen = Table(
    "live_items_seen",
    metadata,
    Column("feed_id", Integer, ForeignKey("live_feeds.id"), primary_key=True),
    Column("item_key", String(64), primary_key=True),  # hash of the item's guid/link, or file
    Column("report_id", String(32)),  # None when the item went to quarantine
    _stamp("seen_at", nullable=False),
)

alert_subscriptions = Table(
    "alert_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(10), nullable=False),  # webhook or email
    Column("target", Text, nullable=False),  # the URL or the address
    Column("secret", Text),  # signs each delivery (HMAC-SHA256)
    Column("filters", JSON, nullable=False),  # {"ruling": ["violation"], "governorate": [...]}
    Column("active", Boolean, nullable=False),
    _stamp("created_at", nullable=False),
)

alert_state = Table(
    "alert_state",
    metadata,
    # "event:<id>" or "hotline:<message id>": what the last alert about it said
    Column("subject", String(80), primary_key=True),
    Column("snapshot", JSON, nullable=False),
    _stamp("updated_at", nullable=False),
)

alert_outbox = Table(
    "alert_outbox",
    metadata,
    Column("id", String(36), primary_key=True),  # the delivery id a receiver dedupes on
    Column("subscription_id", Integer, ForeignKey("alert_subscriptions.id"), nullable=False),
    Column("subject", String(80), nullable=False),
    Column("changes", JSON, nullable=False),  # ["new_event"], ["ruling_changed", ...]
    Column("payload", JSON, nullable=False),  # the body sent, before signing
    Column("status", String(10), nullable=False),  # pending, delivered, dead
    Column("attempts", Integer, nullable=False),
    _stamp("next_attempt", nullable=False),
    _stamp("created_at", nullable=False),
    _stamp("delivered_at"),
)
Index("ix_alert_outbox_status_next", alert_outbox.c.status, alert_outbox.c.next_attempt)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("outbox_id", String(36), ForeignKey("alert_outbox.id"), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("detail", Text, nullable=False),  # "HTTP 204", "timed out", "SMTP 250 ..."
    Column("duration_ms", Integer, nullable=False),
    _stamp("at", nullable=False),
)
Index("ix_alert_deliveries_outbox_id", alert_deliveries.c.outbox_id)

alert_dead_letters = Table(
    "alert_dead_letters",
    metadata,
    Column("outbox_id", String(36), ForeignKey("alert_outbox.id"), primary_key=True),
    Column("subscription_id", Integer, nullable=False),
    Column("subject", String(80), nullable=False),
    Column("reason", Text, nullable=False),  # the last attempt's error
    _stamp("at", nullable=False),
)
