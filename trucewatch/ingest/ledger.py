"""What one ingest run has met so far: report ids and the rows each external id appeared on.

A backfill of millions of reports must not hold a set of every id in memory, so the ledger
keeps them in a private SQLite scratch file (deleted when the ledger closes); its page cache
is the only memory it takes, whatever the input's size.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType


@dataclass
class RepeatedId:
    """An external id that occurs on several rows of one input, and what became of each row."""

    origin: str
    external_id: str
    rows: list[int]
    distinct_texts: int


class RunLedger:
    """Report ids seen in this run, and external ids with their rows, kept on disk."""

    def __init__(self) -> None:
        # "" opens a private temporary database on disk, removed when the connection closes
        self._db = sqlite3.connect("")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self._db.execute(
            "CREATE TABLE rows (origin TEXT, external_id TEXT, row INTEGER, content_hash TEXT)"
        )

    def first_time(self, report_id: str) -> bool:
        """Whether this run meets ``report_id`` for the first time (and remember it)."""
        cursor = self._db.execute("INSERT OR IGNORE INTO seen (id) VALUES (?)", (report_id,))
        return cursor.rowcount == 1

    def note_row(self, origin: str, external_id: str, row: int, content_hash: str) -> None:
        """Remember that ``external_id`` stood on ``row`` of ``origin`` with this text."""
        self._db.execute(
            "INSERT INTO rows VALUES (?, ?, ?, ?)", (origin, external_id, row, content_hash)
        )

    def repeated_ids(self) -> Iterator[RepeatedId]:
        """External ids given to more than one row of the same input, in id order."""
        self._db.execute("CREATE INDEX IF NOT EXISTS rows_by_id ON rows (origin, external_id)")
        repeated = self._db.execute(
            "SELECT origin, external_id FROM rows GROUP BY origin, external_id "
            "HAVING count(*) > 1 ORDER BY origin, external_id"
        ).fetchall()
        for origin, external_id in repeated:
            found = self._db.execute(
                "SELECT row, content_hash FROM rows WHERE origin = ? AND external_id = ? "
                "ORDER BY row",
                (origin, external_id),
            ).fetchall()
            yield RepeatedId(origin, external_id, [r for r, _ in found], len({h for _, h in found}))

    def close(self) -> None:
        """Drop the scratch file."""
        self._db.close()

    def __enter__(self) -> RunLedger:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
