"""Feeds and the items taken from them: adding, listing, health after each poll, items seen.

A feed item (or a dropped file) is stored as a report and marked seen in one transaction, so a
``watch`` killed at any moment neither loses an item nor takes it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from trucewatch.ingest.records import Rejected
from trucewatch.model.report import Report
from trucewatch.store.live_tables import live_feeds, live_items_seen
from trucewatch.store.reports import save_rejections, save_reports

DEFAULT_EVERY = 300  # seconds between polls of a healthy feed
MAX_BACKOFF = 6 * 3600  # a failing feed is still tried four times a day


@dataclass(frozen=True, slots=True)
class Feed:
    """A source ``watch`` polls: an RSS/Atom URL or a drop folder, with its health."""

    id: int
    name: str
    kind: str  # rss or folder
    url: str
    every: int
    etag: str | None
    last_modified: str | None
    health: str  # new, ok, unhealthy
    failures: int
    last_error: str | None
    last_poll: dt.datetime | None
    last_new_item: dt.datetime | None
    next_due: dt.datetime
    items_seen: int

    def as_dict(self) -> dict[str, object]:
        """The feed as ``feeds list --json`` and ``/api/v1/status`` show it."""
        return {
            "name": self.name,
            "kind": self.kind,
            "url": self.url,
            "every": self.every,
            "health": self.health,
            "failures": self.failures,
            "last_poll": _iso(self.last_poll),
            "last_new_item": _iso(self.last_new_item),
            "last_error": self.last_error,
            "next_due": _iso(self.next_due),
            "items_seen": self.items_seen,
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as aware UTC (SQLite hands back naive datetimes)."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _feed(row: Row) -> Feed:
    return Feed(
        row.id,
        row.name,
        row.kind,
        row.url,
        row.every,
        row.etag,
        row.last_modified,
        row.health,
        row.failures,
        row.last_error,
        utc(row.last_poll),
        utc(row.last_new_item),
        utc(row.next_due) or dt.datetime.now(dt.UTC),
        row.items_seen,
    )


def add_feed(conn: Connection, name: str, kind: str, url: str, every: int = 0) -> Feed:
    """Record a new feed, due at once; a name already used is refused with ``ValueError``.

    ``every`` 0 means the interval ``watch`` is given (default 300 s).
    """
    if kind not in ("rss", "folder"):
        raise ValueError(f"feed kind must be rss or folder, not {kind!r}")
    if every < 0:
        raise ValueError("the poll interval cannot be negative")
    if conn.execute(select(live_feeds.c.id).where(live_feeds.c.name == name)).first():
        raise ValueError(f"a feed named {name!r} exists already")
    now = dt.datetime.now(dt.UTC)
    conn.execute(
        insert(live_feeds).values(
            name=name,
            kind=kind,
            url=url,
            every=every,
            health="new",
            failures=0,
            next_due=now,
            items_seen=0,
            created_at=now,
        )
    )
    feed = get_feed(conn, name)
    assert feed is not None
    return feed


def get_feed(conn: Connection, name: str) -> Feed | None:
    """The feed called ``name``, or None."""
    row = conn.execute(select(live_feeds).where(live_feeds.c.name == name)).first()
    return _feed(row) if row else None


def list_feeds(conn: Connection) -> list[Feed]:
    """Every feed, by name."""
    return [_feed(r) for r in conn.execute(select(live_feeds).order_by(live_feeds.c.name))]


def due_feeds(conn: Connection, now: dt.datetime) -> list[Feed]:
    """The feeds whose next poll is due at ``now``, most overdue first."""
    query = select(live_feeds).where(live_feeds.c.next_due <= now).order_by(live_feeds.c.next_due)
    return [_feed(r) for r in conn.execute(query)]


def remove_feed(conn: Connection, name: str) -> bool:
    """Forget a feed and the items seen from it (its reports stay); False when there was none."""
    feed = get_feed(conn, name)
    if feed is None:
        return False
    conn.execute(delete(live_items_seen).where(live_items_seen.c.feed_id == feed.id))
    conn.execute(delete(live_feeds).where(live_feeds.c.id == feed.id))
    return True


def backoff(every: int, failures: int) -> int:
    """Seconds to wait after ``failures`` failed polls in a row: doubling, capped."""
    if failures <= 0:
        return every
    return min(every * 2**failures, max(MAX_BACKOFF, every))


def record_poll(
    conn: Connection,
    feed: Feed,
    now: dt.datetime,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    new_items: int = 0,
    every: int = DEFAULT_EVERY,
) -> None:
    """Write down how a poll went: health, back-off and the validators for the next one.

    ``every`` is the interval for a feed added without its own (``feed.every`` is 0).
    """
    failures = feed.failures + 1 if error else 0
    values: dict[str, object] = {
        "last_poll": now,
        "health": "unhealthy" if error else "ok",
        "failures": failures,
        "next_due": now + dt.timedelta(seconds=backoff(feed.every or every, failures)),
    }
    if error:
        values["last_error"] = error
    else:
        values["etag"] = etag
        values["last_modified"] = last_modified
    if new_items:
        values["last_new_item"] = now
        values["items_seen"] = live_feeds.c.items_seen + new_items
    conn.execute(update(live_feeds).where(live_feeds.c.id == feed.id).values(**values))


def seen_keys(conn: Connection, feed_id: int, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` were already taken from the feed."""
    keys = list(keys)
    if not keys:
        return set()
    query = select(live_items_seen.c.item_key).where(
        live_items_seen.c.feed_id == feed_id, live_items_seen.c.item_key.in_(keys)
    )
    return set(conn.execute(query).scalars())


def save_items(
    conn: Connection,
    feed_id: int,
    items: Sequence[tuple[str, Sequence[Report | Rejected]]],
    now: dt.datetime,
) -> list[str]:
    """Store each item's reports (or quarantine it) and mark it seen; return the new report ids.

    Call inside the one transaction: the report and the mark go in together or not at all.
    """
    reports = [r for _, got in items for r in got if isinstance(r, Report)]
    rejected = [r for _, got in items for r in got if isinstance(r, Rejected)]
    new = save_reports(conn, reports)
    save_rejections(conn, rejected)
    rows = []
    for key, got in items:
        first = next((r.id for r in got if isinstance(r, Report)), None)
        rows.append({"feed_id": feed_id, "item_key": key, "report_id": first, "seen_at": now})
    if rows:
        conn.execute(insert(live_items_seen), rows)
    return new


def items_seen_count(conn: Connection) -> int:
    """How many items every feed has given so far."""
    return conn.execute(select(func.count()).select_from(live_items_seen)).scalar_one()


_PIPELINE = "stage:pipeline"  # alert_state row: when the pipeline last ran to the end


def pipeline_pending(conn: Connection) -> bool:
    """True when stored reports wait for the pipeline: not extracted yet, or extracted after the
    last cycle that ran every stage and queued its alerts (so a kill mid-way is redone)."""
    from trucewatch.store.live_tables import alert_state
    from trucewatch.store.schema import extractions, reports

    waiting = select(reports.c.id).where(reports.c.id.not_in(select(extractions.c.report_id)))
    if conn.execute(waiting.limit(1)).first() is not None:
        return True
    latest = utc(conn.execute(select(func.max(extractions.c.extracted_at))).scalar())
    if latest is None:
        return False
    row = conn.execute(select(alert_state.c.snapshot).where(alert_state.c.subject == _PIPELINE))
    done = row.scalar()
    return done is None or latest > dt.datetime.fromisoformat(done["done_at"])


def mark_pipeline_done(conn: Connection, now: dt.datetime) -> None:
    """Record that every stage ran and its alerts are queued (in the same transaction)."""
    from trucewatch.store.live_tables import alert_state

    values = {"snapshot": {"done_at": now.isoformat()}, "updated_at": now}
    done = conn.execute(
        update(alert_state).where(alert_state.c.subject == _PIPELINE).values(values)
    )
    if done.rowcount == 0:
        conn.execute(insert(alert_state).values(subject=_PIPELINE, **values))
