"""Rulings in the store: versioned, never overwritten; the newest version of each is current."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Row, Select, func, select

from trucewatch.model.agreement import Reason, Ruling, RulingValue
from trucewatch.store.schema import rulings


@dataclass(frozen=True, slots=True)
class StoredRuling:
    """A ruling as stored: which version it is, and when it was made."""

    ruling: Ruling
    version: int
    ruled_at: dt.datetime


def _reasons_json(ruling: Ruling) -> list[dict]:
    return [{"rule": r.rule, "fact": r.fact, "evidence": list(r.evidence)} for r in ruling.reasons]


def basis_hash(ruling: Ruling) -> str:
    """Fingerprint of a verdict and its reasons; a new version is stored only when it changes."""
    payload = json.dumps([ruling.ruling.value, _reasons_json(ruling)], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def save_rulings(conn: Connection, new: Iterable[Ruling]) -> int:
    """Store each ruling as a new version when it differs from the current one; return how many."""
    latest = {
        (row.event_id, row.agreement): (row.version, row.basis_hash)
        for row in conn.execute(_latest_query())
    }
    now = dt.datetime.now(dt.UTC)
    rows = []
    for ruling in new:
        key = (ruling.incident, ruling.agreement)
        version, digest = latest.get(key, (0, None))
        fingerprint = basis_hash(ruling)
        if fingerprint == digest:
            continue
        rows.append(
            {
                "event_id": ruling.incident,
                "agreement": ruling.agreement,
                "ruling": ruling.ruling.value,
                "reasons": _reasons_json(ruling),
                "version": version + 1,
                "basis_hash": fingerprint,
                "ruled_at": now,
            }
        )
        latest[key] = (version + 1, fingerprint)
    if rows:
        conn.execute(rulings.insert(), rows)
    return len(rows)


def _latest_query() -> Select:
    newest = (
        select(rulings.c.event_id, rulings.c.agreement, func.max(rulings.c.version).label("v"))
        .group_by(rulings.c.event_id, rulings.c.agreement)
        .subquery()
    )
    return select(rulings).join(
        newest,
        (rulings.c.event_id == newest.c.event_id)
        & (rulings.c.agreement == newest.c.agreement)
        & (rulings.c.version == newest.c.v),
    )


def current_rulings(conn: Connection) -> Iterator[StoredRuling]:
    """The newest version of every ruling, by incident then agreement."""
    query = _latest_query().order_by(rulings.c.event_id, rulings.c.agreement)
    for row in conn.execute(query):
        yield _stored(row)


def ruling_history(conn: Connection, incident_id: str) -> list[StoredRuling]:
    """Every version of every ruling on one incident, oldest first."""
    query = (
        select(rulings)
        .where(rulings.c.event_id == incident_id)
        .order_by(rulings.c.agreement, rulings.c.version)
    )
    return [_stored(row) for row in conn.execute(query)]


def _stored(row: Row) -> StoredRuling:
    reasons = tuple(Reason(r["rule"], r["fact"], tuple(r.get("evidence", ()))) for r in row.reasons)
    ruled_at = row.ruled_at if row.ruled_at.tzinfo else row.ruled_at.replace(tzinfo=dt.UTC)
    return StoredRuling(
        Ruling(row.event_id, row.agreement, RulingValue(row.ruling), reasons),
        row.version,
        ruled_at,
    )
