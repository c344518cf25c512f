"""The machinery every register shares: create, edit and status changes with optimistic locking,
a history row for every change, and an audit entry in the same transaction.

A register is a table with ``id``, ``version`` and (when it has a status machine) ``status`` and
``status_at`` columns. Writes check ``version``: an UPDATE that finds the row changed since it was
read matches no row, and the change is re-read and retried (or refused with ``StaleRecord`` when
it clashes with what someone else changed since the user's ``seen`` version).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Row, Table, insert, select, update

from trucewatch.centre import audit
from trucewatch.centre.errors import IllegalTransition, NotFound, StaleRecord
from trucewatch.model.centre import Flow, StatusChange, User
from trucewatch.store.centre_tables import centre_history

RETRIES = 5  # re-reads before giving up when other writers keep changing the row


@dataclass(frozen=True, slots=True)
class Register:
    """A kind of record the centre keeps: its name, table and status machine (if any)."""

    name: str
    table: Table
    flow: Flow | None = None
    secret: frozenset[str] = frozenset()  # fields logged only as "(set)", e.g. password hashes

    def shown(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """``changes`` as history and audit may record them: secrets masked."""
        return {k: ("(set)" if k in self.secret and v else v) for k, v in changes.items()}


def utc(value: dt.datetime, what: str = "time") -> dt.datetime:
    """``value`` in UTC; a time without a zone is refused rather than guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} {value.isoformat()} has no time zone; give one (e.g. +02:00)")
    return value.astimezone(dt.UTC)


def stored(value: Any) -> Any:
    """A value read from the store, with datetimes as aware UTC (SQLite returns them naive)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return value


def _storable(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values ready to write: datetimes in UTC (SQLite keeps no zone), enums as their text."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, dt.datetime):
            v = utc(v, k)
        elif isinstance(v, Enum):
            v = v.value
        out[k] = v
    return out


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def plain(value: Any) -> Any:
    """A JSON-ready form of a value, for history rows and audit details."""
    if isinstance(value, dt.datetime):
        return stored(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def read(conn: Connection, register: Register, record_id: str | int) -> Row:
    """The current row of a record, or ``NotFound``."""
    table = register.table
    row = conn.execute(select(table).where(table.c.id == _key(table, record_id))).first()
    if row is None:
        raise NotFound(f"no {register.name} {record_id}")
    return row


def _key(table: Table, record_id: str | int) -> str | int:
    try:
        return int(record_id) if table.c.id.type.python_type is int else str(record_id)
    except ValueError:
        raise NotFound(f"{record_id!r} is not a {table.name} id") from None


def _history(
    conn: Connection,
    register: Register,
    record_id: str | int,
    version: int,
    kind: str,
    by: User,
    *,
    changes: Mapping | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    written = now()
    conn.execute(
        insert(centre_history).values(
            register=register.name,
            record_id=str(record_id),
            version=version,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            changes=plain(changes or {}),
            reason=reason,
            effective_at=at or written,
            recorded_at=written,
            by=by.name,
        )
    )


def create(
    conn: Connection,
    user: User,
    register: Register,
    values: Mapping[str, Any],
    *,
    at: dt.datetime | None = None,
    reason: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str | int:
    """Insert a record at version 1 with its history and audit entries; return its id.

    ``at`` is when its status took effect (e.g. when a request was received), default now;
    ``extra`` adds what was written beside the row (e.g. a meeting's participants) to the log.
    """
    row = dict(values)
    row["version"] = 1
    effective = utc(at) if at else now()
    if register.flow is not None:
        state = str(row["status"])
        if state not in register.flow:
            raise ValueError(
                f"{register.name}: {state!r} is not a status ({', '.join(register.flow)})"
            )
        row["status"], row["status_at"] = state, effective
    result = conn.execute(insert(register.table).values(**_storable(row)))
    record_id = row.get("id") or result.inserted_primary_key[0]
    written = {k: v for k, v in row.items() if k not in ("version", "status_at") and v is not None}
    changes = {k: [None, v] for k, v in register.shown({**written, **(extra or {})}).items()}
    _history(
        conn,
        register,
        record_id,
        1,
        "create",
        user,
        changes=changes,
        to_state=row.get("status"),
        reason=reason,
        at=effective,
    )
    audit.append(
        conn,
        user.name,
        f"{register.name}.create",
        register.name,
        record_id,
        {"version": 1, "values": plain(changes)},
    )
    return record_id


def _changed_since(
    conn: Connection, register: Register, record_id: str | int, seen: int
) -> list[StatusChange]:
    return [c for c in history(conn, register, record_id) if c.version > seen]


def edit(
    conn: Connection,
    user: User,
    register: Register,
    record_id: str | int,
    changes: Mapping[str, Any],
    *,
    seen: int | None = None,
    reason: str | None = None,
) -> int:
    """Change some fields of a record; return its new version (unchanged when nothing differs).

    With ``seen`` (the version the user edited from), a field someone else changed since then is
    a clash: ``StaleRecord`` names it and who changed it. Changes to other fields are merged.
    """
    if register.flow is not None and ("status" in changes or "status_at" in changes):
        raise ValueError(f"{register.name}: change the status with a status change, not an edit")
    required = [
        k
        for k, v in changes.items()
        if v is None and k in register.table.c and not register.table.c[k].nullable
    ]
    if required:  # refused here, with words, instead of by the database's NOT NULL
        raise ValueError(
            f"{register.name}: {', '.join(required)} cannot be emptied; give a new value or "
            "leave it out"
        )
    for _ in range(RETRIES):
        row = read(conn, register, record_id)
        if seen is not None and row.version != seen:
            for change in _changed_since(conn, register, record_id, seen):
                clash = sorted(set(change.changes) & set(changes))
                if clash:
                    raise StaleRecord(
                        register.name,
                        str(record_id),
                        seen,
                        row.version,
                        f"{', '.join(clash)} changed by {change.by} at version {change.version}",
                    )
        diff = {
            k: [plain(stored(row._mapping[k])), plain(v)]
            for k, v in changes.items()
            if plain(stored(row._mapping[k])) != plain(v)
        }
        if not diff:
            return row.version
        logged = {k: (["(old)", "(new)"] if k in register.secret else d) for k, d in diff.items()}
        if _bump(conn, register, row, dict(changes)):
            version = row.version + 1
            _history(
                conn, register, record_id, version, "edit", user, changes=logged, reason=reason
            )
            audit.append(
                conn,
                user.name,
                f"{register.name}.edit",
                register.name,
                record_id,
                {"version": version, "changes": logged, "reason": reason},
            )
            return version
    raise StaleRecord(register.name, str(record_id), seen, row.version, "it kept changing; retry")


def _bump(conn: Connection, register: Register, row: Row, values: dict[str, Any]) -> bool:
    """UPDATE the row only if still at the version read; False when someone got there first."""
    table = register.table
    result = conn.execute(
        update(table)
        .where(table.c.id == row.id, table.c.version == row.version)
        .values(**_storable(values), version=row.version + 1)
    )
    return result.rowcount == 1


def move(
    conn: Connection,
    user: User,
    register: Register,
    record_id: str | int,
    to: str,
    *,
    reason: str | None,
    at: dt.datetime | None = None,
    seen: int | None = None,
    also: Mapping[str, Any] | None = None,
) -> int:
    """Change a record's status along its status machine; return the new version.

    ``at`` is when the change happened (default now); ``also`` sets fields that go with it (e.g.
    who a protection request is assigned to). With ``seen``, a status changed by someone else
    since then makes the request stale: it was decided on a status that no longer holds.
    """
    assert register.flow is not None, f"{register.name} has no status machine"
    to = str(to)
    effective = utc(at) if at else now()
    for _ in range(RETRIES):
        row = read(conn, register, record_id)
        if seen is not None and row.version != seen:
            for change in _changed_since(conn, register, record_id, seen):
                if change.kind == "status":
                    raise StaleRecord(
                        register.name,
                        str(record_id),
                        seen,
                        row.version,
                        f"status changed from {change.from_state} to {change.to_state} by "
                        f"{change.by} at version {change.version}",
                    )
        allowed = register.flow.get(row.status, frozenset())
        if to not in allowed:
            raise IllegalTransition(register.name, str(record_id), row.status, to, allowed)
        extra = dict(also or {})
        if _bump(conn, register, row, {**extra, "status": to, "status_at": effective}):
            version = row.version + 1
            changes = {k: [plain(stored(row._mapping[k])), plain(v)] for k, v in extra.items()}
            _history(
                conn,
                register,
                record_id,
                version,
                "status",
                user,
                changes=changes,
                from_state=row.status,
                to_state=to,
                reason=reason,
                at=effective,
            )
            audit.append(
                conn,
                user.name,
                f"{register.name}.status",
                register.name,
                record_id,
                {
                    "version": version,
                    "from": row.status,
                    "to": to,
                    "reason": reason,
                    "at": plain(effective),
                    "changes": changes,
                },
            )
            return version
    raise StaleRecord(register.name, str(record_id), seen, row.version, "it kept changing; retry")


def history(conn: Connection, register: Register, record_id: str | int) -> list[StatusChange]:
    """Every change to a record, oldest first: nothing is overwritten."""
    query = (
        select(centre_history)
        .where(
            centre_history.c.register == register.name,
            centre_history.c.record_id == str(record_id),
        )
        .order_by(centre_history.c.version, centre_history.c.id)
    )
    return [
        StatusChange(
            register=r.register,
            record_id=r.record_id,
            version=r.version,
            kind=r.kind,
            by=r.by,
            effective_at=stored(r.effective_at),
            recorded_at=stored(r.recorded_at),
            from_state=r.from_state,
            to_state=r.to_state,
            changes=dict(r.changes or {}),
            reason=r.reason,
        )
        for r in conn.execute(query)
    ]


def states_at(conn: Connection, register: Register, when: dt.datetime) -> dict[str, str]:
    """Each record's status as it stood at ``when`` (by when changes took effect)."""
    query = (
        select(centre_history.c.record_id, centre_history.c.to_state)
        .where(
            centre_history.c.register == register.name,
            centre_history.c.to_state.is_not(None),
            centre_history.c.effective_at <= utc(when),
        )
        .order_by(centre_history.c.effective_at, centre_history.c.version)
    )
    out: dict[str, str] = {}
    for record_id, state in conn.execute(query):
        out[record_id] = state  # later rows overwrite earlier ones
    return out


def note(conn: Connection, user: User, register: Register, record_id: str | int, text: str) -> None:
    """Add a note to a record's history (e.g. a follow-up call) without changing the record."""
    row = read(conn, register, record_id)
    _history(conn, register, record_id, row.version, "note", user, reason=text)
    audit.append(
        conn,
        user.name,
        f"{register.name}.note",
        register.name,
        record_id,
        {"version": row.version, "note": text},
    )
