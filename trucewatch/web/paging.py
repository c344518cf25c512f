"""Cursor paging for the event and incident lists: ``?after=<cursor>`` continues a list after
the last row a client saw, instead of counting ``offset`` rows from the top.

A cursor is the last row's place in the list order (best day, newest first, undated rows last;
then id ascending) written as an opaque token. The next page is read from the list-order index
starting at that place, so a deep page costs what the first does, and a row stored meanwhile
neither repeats a row nor skips one: it lands before the cursor or after it by its own day.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, select, union_all

# A cursor names the list it belongs to: an incident cursor given to the event list is refused.
KINDS = ("events", "incidents")


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the last row's best day (None: undated) and id, in list ``kind``."""

    kind: str
    day: dt.date | None
    id: str

    def token(self) -> str:
        """The opaque token a client sends back as ``after``."""
        day = self.day.isoformat() if self.day else None
        raw = json.dumps([self.kind, day, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(kind: str, token: str) -> Cursor:
    """The cursor a token names; ValueError, saying why, for a token this list never gave."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        found_kind, day, ident = json.loads(raw)
        cursor = Cursor(found_kind, dt.date.fromisoformat(day) if day else None, ident)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ValueError("after: not a cursor this API gave (use a page's `next`)") from None
    # A NUL in the id would reach PostgreSQL, which refuses it with an error, not a miss.
    if not isinstance(cursor.id, str) or not cursor.id or "\x00" in cursor.id:
        raise ValueError("after: not a cursor this API gave (use a page's `next`)")
    if cursor.kind != kind:
        raise ValueError(f"after: not a cursor of the {kind} list (use its page's `next`)")
    return cursor


def keyset(
    narrow: Select, day: ColumnElement, ident: ColumnElement, after: Cursor, limit: int
) -> Select:
    """The ``(id, day)`` pairs of the ``limit`` rows of ``narrow`` (which selects ``ident`` and
    ``day`` with its filters) that follow ``after`` in list order.

    The rows after a cursor are the rest of its day (a higher id), then the earlier days, then
    the undated rows. Each of those is its own range read from the list-order index, stopped at
    ``limit``; one condition OR-ing them would read the index from the top, as ``offset`` does.
    """
    if after.day is None:
        arms = [narrow.where(day.is_(None), ident > after.id).order_by(ident).limit(limit)]
    else:
        arms = [
            narrow.where(day == after.day, ident > after.id).order_by(ident).limit(limit),
            narrow.where(day < after.day).order_by(day.desc().nulls_last(), ident).limit(limit),
            narrow.where(day.is_(None)).order_by(ident).limit(limit),
        ]
    rest = union_all(*(select(*arm.subquery().c) for arm in arms)).subquery("after_cursor")
    found_id, found_day = rest.c[0], rest.c[1]
    return (
        select(found_id, found_day).order_by(found_day.desc().nulls_last(), found_id).limit(limit)
    )
