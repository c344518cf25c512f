"""The audit log: every change to any record, in a keyed hash chain that shows tampering.

Each entry holds the hash of the one before it, a hash of its own content and of the record as
the change left it (``state``), and, once an audit key exists (``audit_key``), an HMAC of that
hash made with a key kept outside the database. ``verify`` walks the chain and names the first
entry that does not fit, checks every audited row against the state the log recorded for it
(``audit_state``), and with a signed checkpoint kept elsewhere proves that nothing before it was
removed or rewritten. Appends lock the single ``audit_head`` row, so two writers at once cannot
both extend the same entry (the chain never forks).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Row, func, insert, select, update

from trucewatch.centre.audit_key import AuditKeyError, key_path, load_key, sign, signed
from trucewatch.centre.audit_state import check_states, record_state
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
    """The result of checking the log: intact, or what is wrong with it.

    ``broken_at``/``problem`` name the first broken entry of the chain; ``changed`` lists records
    whose rows no longer match the log; ``notes`` say what the check could not vouch for.
    """

    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str | None = None
    changed: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


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
    state: str | None = None,
) -> str:
    """The hash of an entry's content, the record's state after it and its link to the previous
    entry (entries from before states were kept hash as they always did)."""
    stamp = _utc(at).isoformat(timespec="microseconds")
    fields: list = [seq, stamp, actor, action, register, record_id, detail, prev_hash]
    if state is not None:
        fields.append(state)
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _head_key(conn: Connection, seq: int, head_hash: str) -> bytes | None:
    """The key to sign the next entry with; refuses to extend a signed log without its key."""
    key = load_key()
    mac = conn.execute(select(audit_log.c.mac).where(audit_log.c.seq == seq)).scalar()
    if mac is not None and key is None:
        raise AuditKeyError(
            f"this store's audit log is signed, but there is no audit key at {key_path()}: "
            "set TRUCEWATCH_AUDIT_KEY_FILE to the key file the log was signed with"
        )
    if mac is not None and key is not None and not signed(key, head_hash, mac):
        raise AuditKeyError(
            f"the audit key at {key_path()} is not the key this store's log was signed with"
        )
    return key


def append(
    conn: Connection,
    actor: str,
    action: str,
    register: str,
    record_id: str | int,
    detail: Mapping | None = None,
) -> AuditEntry:
    """Add an entry at the end of the chain, inside the caller's transaction (after the change
    it records has been written, so the entry can hold the record's new state)."""
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
    key = _head_key(conn, head.seq - 1, head.hash)
    at = dt.datetime.now(dt.UTC)
    text = canonical(detail or {})
    rid = str(record_id)
    state = record_state(conn, register, rid)
    digest = entry_hash(head.seq, at, actor, action, register, rid, text, head.hash, state)
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
            state=state,
            mac=sign(key, digest) if key else None,
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


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The head of the log at one moment, signed, to keep somewhere the database is not."""

    head_hash: str
    count: int
    at: str
    hmac: str

    def payload(self) -> str:
        return json.dumps([self.head_hash, self.count, self.at])

    def to_json(self) -> str:
        return json.dumps(
            {"head_hash": self.head_hash, "count": self.count, "at": self.at, "hmac": self.hmac},
            indent=2,
        )


def read_checkpoint(path: Path) -> Checkpoint:
    """A checkpoint file written by :func:`checkpoint`; ``ValueError`` naming what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        point = Checkpoint(
            str(data["head_hash"]), int(data["count"]), str(data["at"]), str(data["hmac"])
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not an audit checkpoint ({exc})") from None
    return point


def _key_or_fail() -> bytes:
    key = load_key()
    if key is None:
        raise AuditKeyError(
            f"no audit key at {key_path()}: create one with `trucewatch audit init-key`"
        )
    return key


def checkpoint(conn: Connection) -> Checkpoint:
    """Sign the log's head as it stands (the log must verify first: a broken log is not vouched
    for). Keep the result away from the database: ``verify`` with it proves nothing before it
    was removed or rewritten, even by someone who rewrote the whole table."""
    key = _key_or_fail()
    verdict = verify(conn)
    if not verdict.ok:
        raise ValueError(
            f"the audit log does not verify, so it is not checkpointed: {_why(verdict)}"
        )
    head = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    count, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(head_hash, count, at, "")
    return Checkpoint(head_hash, count, at, sign(key, unsigned.payload()))


def _why(verdict: ChainVerdict) -> str:
    return verdict.problem or "; ".join(verdict.changed) or "unknown"


def sign_unsigned(conn: Connection) -> int:
    """Sign the entries written before the key existed; return how many. Only an intact chain is
    signed: signing adopts the entries as they stand, so run it once, when the key is made."""
    key = _key_or_fail()
    broken = _walk(conn, None, [], signatures=False)
    if broken is not None:
        raise ValueError(f"the audit log is broken, so it is not signed: {broken.problem}")
    rows = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).where(audit_log.c.mac.is_(None))
    ).all()
    for seq, digest in rows:
        conn.execute(update(audit_log).where(audit_log.c.seq == seq).values(mac=sign(key, digest)))
    return len(rows)


_NO_KEY = object()


def verify(
    conn: Connection, *, key: bytes | object | None = _NO_KEY, against: Checkpoint | None = None
) -> ChainVerdict:
    """Check the whole log: the chain, its signatures, the rows it vouches for, and (``against``)
    a checkpoint taken earlier. ``key`` defaults to the configured audit key."""
    if key is _NO_KEY:
        key = load_key()
    assert key is None or isinstance(key, bytes)
    notes: list[str] = []
    broken = _walk(conn, key, notes)
    if broken is None and against is not None:
        broken = _against(conn, key, against, notes)
    checked = broken.checked if broken else _count(conn)
    states = check_states(conn)
    if states.unchecked:
        notes.append(
            f"{states.unchecked} records were last changed before the log kept their state: "
            "their rows are not compared"
        )
    ok = broken is None and not states.changed
    return ChainVerdict(
        ok,
        checked,
        broken.broken_at if broken else None,
        broken.problem if broken else None,
        tuple(states.changed),
        tuple(notes),
    )


def _count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(audit_log)).scalar_one()


def _walk(
    conn: Connection, key: bytes | None, notes: list[str], *, signatures: bool = True
) -> ChainVerdict | None:
    """The first broken entry of the chain, or None when every link and signature holds
    (``signatures=False``: the links only)."""
    prev, expected, checked = GENESIS, 1, 0
    unsigned: list[int] = []
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
            row.state,
        )
        if recomputed != row.hash:
            return ChainVerdict(
                False,
                checked,
                row.seq,
                f"entry {row.seq} ({row.action} {row.register} {row.record_id}) was altered: "
                "its content no longer matches its hash",
            )
        if not signatures:
            pass
        elif row.mac is None:
            unsigned.append(row.seq)
        elif key is None:
            return ChainVerdict(
                False,
                checked,
                row.seq,
                f"the log is signed but there is no audit key at {key_path()} to check it: "
                "set TRUCEWATCH_AUDIT_KEY_FILE",
            )
        elif not signed(key, row.hash, row.mac):
            return ChainVerdict(
                False,
                checked,
                row.seq,
                f"entry {row.seq} ({row.action} {row.register} {row.record_id}) does not carry "
                "the audit key's signature: it was rewritten (or signed with another key)",
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
    if key is not None and unsigned:
        return ChainVerdict(
            False,
            checked,
            unsigned[0],
            f"{len(unsigned)} entries carry no signature (first: entry {unsigned[0]}) although "
            "an audit key is set: their signatures were stripped, or they were written before "
            "the key (then sign them once with `trucewatch audit init-key --db ...`)",
        )
    if key is None and signatures:
        notes.append(
            f"the log is not signed (no audit key at {key_path()}): anyone who can write to "
            "the database could rewrite it; create a key with `trucewatch audit init-key`"
        )
    return None


def _against(
    conn: Connection, key: bytes | None, point: Checkpoint, notes: list[str]
) -> ChainVerdict | None:
    """What a signed checkpoint shows: the entry it names still there, with the same hash."""
    count = _count(conn)
    if key is None:
        return ChainVerdict(False, count, None, "a checkpoint can only be checked with the key")
    if not signed(key, point.payload(), point.hmac):
        return ChainVerdict(
            False, count, None, "the checkpoint's signature does not match: it is not one we made"
        )
    if point.count > count:
        return ChainVerdict(
            False,
            count,
            count + 1,
            f"the checkpoint of {point.at} vouches for {point.count} entries but the log holds "
            f"{count}: entries {count + 1}-{point.count} were removed",
        )
    if point.count:
        then = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == point.count)).scalar()
        if then != point.head_hash:
            return ChainVerdict(
                False,
                count,
                point.count,
                f"entry {point.count} is not the one the checkpoint of {point.at} signed: "
                "the log up to it was rewritten",
            )
    notes.append(f"matches the checkpoint of {point.at} ({point.count} entries)")
    return None
