"""What each audited record looked like after its last logged change, to catch edits behind the log.

Every audit entry about a record carries a digest of the record's row as it stood once the change
was written (``state``). ``verify`` recomputes the digest of every current row and compares: an
``UPDATE users SET role = 'admin'`` or a rewritten hotline message made straight in the database
leaves a row whose digest is not the one the log recorded, and a row inserted behind the log has
no entry at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, Table, select

from trucewatch.store.centre_tables import api_tokens, audit_log

# Columns that change without being a change to the record (a token's last use), left out.
VOLATILE_PREFIXES = ("last_used",)


@cache
def audited() -> dict[str, Table]:
    """Register name -> table, for every register the centre writes through ``records``."""
    # Late imports: the register modules import ``records``, which imports ``audit``.
    from trucewatch.centre import (
        corrections,
        deliveries,
        hotline,
        meetings,
        parties,
        protection,
        users,
    )
    from trucewatch.centre import verification as ver

    registers = (
        users.USERS,
        parties.PARTIES,
        parties.ACCESSIONS,
        meetings.MEETINGS,
        meetings.LOCAL_AGREEMENTS,
        protection.PROTECTION,
        hotline.THREADS,
        hotline.MESSAGES,
        hotline.POSITIONS,
        deliveries.DELIVERIES,
        ver.GRADES,
        ver.REVIEWS,
        corrections.CORRECTIONS,  # analysts' corrections of events (their values, not the events')
    )
    return {r.name: r.table for r in registers}


def _plain(row: Row) -> dict[str, Any]:
    from trucewatch.centre.records import plain, stored

    return {
        k: plain(stored(v)) for k, v in row._mapping.items() if not k.startswith(VOLATILE_PREFIXES)
    }


def _digest(content: Any) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _content(conn: Connection, register: str, row: Row) -> dict[str, Any]:
    content = {"row": _plain(row)}
    if register == "user":  # a user's API tokens are logged against the user
        tokens = conn.execute(
            select(api_tokens).where(api_tokens.c.user_id == row.id).order_by(api_tokens.c.id)
        )
        content["tokens"] = [_plain(t) for t in tokens]
    return content


def record_state(conn: Connection, register: str, record_id: str) -> str | None:
    """The digest of a record as it stands now; None for what is not an audited register's row."""
    table = audited().get(register)
    if table is None:
        return None
    key: Any = record_id
    if table.c.id.type.python_type is int:
        try:
            key = int(record_id)
        except ValueError:
            return None
    row = conn.execute(select(table).where(table.c.id == key)).first()
    return None if row is None else _digest(_content(conn, register, row))


@dataclass
class StateCheck:
    """Records whose rows no longer match the log, and those the log cannot vouch for."""

    changed: list[str] = field(default_factory=list)
    unchecked: int = 0  # last changed before entries carried states (stores from before 0007)


def _logged(conn: Connection) -> dict[tuple[str, str], str | None]:
    """(register, record id) -> the state its newest entry recorded (None: an old entry)."""
    out: dict[tuple[str, str], str | None] = {}
    query = select(audit_log.c.register, audit_log.c.record_id, audit_log.c.state).order_by(
        audit_log.c.seq
    )
    for register, record_id, state in conn.execute(query):
        out[(register, record_id)] = state
    return out


def _rows(conn: Connection, table: Table) -> Iterator[Row]:
    yield from conn.execute(select(table).order_by(table.c.id))


def check_states(conn: Connection) -> StateCheck:
    """Compare every audited table's rows with what the log says they became."""
    logged = _logged(conn)
    check = StateCheck()
    for register, table in audited().items():
        present: set[str] = set()
        for row in _rows(conn, table):
            rid = str(row.id)
            present.add(rid)
            if (register, rid) not in logged:
                check.changed.append(f"{register} {rid} is not in the log: written behind it")
                continue
            expected = logged[(register, rid)]
            if expected is None:
                check.unchecked += 1
            elif _digest(_content(conn, register, row)) != expected:
                check.changed.append(
                    f"{register} {rid} differs from what the log says it became: "
                    "changed behind the log"
                )
        for (reg, rid), state in logged.items():
            if reg == register and rid not in present and state is not None:
                check.changed.append(f"{register} {rid} is in the log but its row is gone")
    return check
