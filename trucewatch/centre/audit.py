"""The audit log: every change to any record, in a hash chain that shows tampering.

Each entry holds the hash of the one before it and a hash of its own content; ``verify`` walks the
chain and names the first entry that does not fit. Appends lock the single ``audit_head`` row, so
two writers at once cannot both extend the same entry (the chain never forks).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Row, insert, select, update

from trucewatch.store.centre_tables import audit_head, audit_log

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: who did what to which record, when, and the chain hashes."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    register: str
    record_id: str
    detail: dict
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    """The result of checking the chain: intact, or the first broken entry and what is wrong."""

    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str | None = None


def canonical(detail: Mapping) -> str:
    """The detail as stored and hashed: sorted keys, no spaces, dates as ISO text."""
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(
    seq: int,
    at: dt.datetime,
    actor: str,
    action: str,
    register: str,
    record_id: str,
    detail: str,
    prev_hash: str,
) -> str:
    """The hash of an entry's content and its link to the previous entry."""
    stamp = _utc(at).isoformat(timespec="microseconds")
    payload = json.dumps([seq, stamp, actor, action, register, record_id, detail, prev_hash])
    return hashlib.sha256(payload.encode()).hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def append(
    conn: Connection,
    actor: str,
    action: str,
    register: str,
    record_id: str | int,
    detail: Mapping | None = None,
) -> AuditEntry:
    """Add an entry at the end of the chain, inside the caller's transaction."""
    # Bumping the head first takes its row lock (PostgreSQL) or the writer lock (SQLite) before
    # the head is read, so a concurrent append waits and then builds on our entry.
    bumped = conn.execute(
        update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq + 1)
    )
    if bumped.rowcount == 0:  # a store created without the migration's genesis row
        conn.execute(insert(audit_head).values(id=1, seq=1, hash=GENESIS))
    head = conn.execute(
        select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1).with_for_update()
    ).one()
    at = dt.datetime.now(dt.UTC)
    text = canonical(detail or {})
    rid = str(record_id)
    digest = entry_hash(head.seq, at, actor, action, register, rid, text, head.hash)
    conn.execute(
        insert(audit_log).values(
            seq=head.seq,
            at=at,
            actor=actor,
            action=action,
            register=register,
            record_id=rid,
            detail=text,
            prev_hash=head.hash,
            hash=digest,
        )
    )
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(hash=digest))
    return AuditEntry(
        head.seq, at, actor, action, register, rid, json.loads(text), head.hash, digest
    )


def _entry(row: Row) -> AuditEntry:
    return AuditEntry(
        row.seq,
        _utc(row.at),
        row.actor,
        row.action,
        row.register,
        row.record_id,
        json.loads(row.detail),
        row.prev_hash,
        row.hash,
    )


def entries(
    conn: Connection, register: str | None = None, record_id: str | int | None = None
) -> list[AuditEntry]:
    """Entries in chain order, optionally only those about one register or one record."""
    query = select(audit_log).order_by(audit_log.c.seq)
    if register is not None:
        query = query.where(audit_log.c.register == register)
    if record_id is not None:
        query = query.where(audit_log.c.record_id == str(record_id))
    return [_entry(row) for row in conn.execute(query)]


def verify(conn: Connection) -> ChainVerdict:
    """Walk the whole chain; report the first entry that is missing, altered or out of link."""
    prev, expected, checked = GENESIS, 1, 0
    for row in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
        if row.seq != expected:
            return ChainVerdict(False, checked, expected, f"entry {expected} is missing")
        if row.prev_hash != prev:
            return ChainVerdict(
                False,
                checked,
                row.seq,
                f"entry {row.seq} does not link to entry {row.seq - 1} (one of them was altered)",
            )
        recomputed = entry_hash(
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.register,
            row.record_id,
            row.detail,
            row.prev_hash,
        )
        if recomputed != row.hash:
            return ChainVerdict(
                False,
                checked,
                row.seq,
                f"entry {row.seq} ({row.action} {row.register} {row.record_id}) was altered: "
                "its content no longer matches its hash",
            )
        prev, expected, checked = row.hash, expected + 1, checked + 1
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
    if head is not None and (head.seq, head.hash) != (checked, prev):
        return ChainVerdict(
            False,
            checked,
            checked + 1,
            f"the log ends at entry {checked} but its head records entry {head.seq}: "
            "entries were removed from the end",
        )
    return ChainVerdict(True, checked)
