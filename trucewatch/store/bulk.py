"""Bulk writes for backfills: many rows per statement, existing keys skipped.

PostgreSQL gets its fastest path: the rows are streamed with ``COPY`` into a temporary table and
moved with one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``, so a re-run (after a crash, or of
the same archive) adds nothing twice. SQLite gets one ``executemany`` of ``INSERT OR IGNORE``.
Both run inside the caller's transaction: a batch is stored whole or not at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, delete, select, text
from sqlalchemy.dialects import sqlite

_temp_names = itertools.count()


def insert_ignoring_conflicts(
    conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Insert ``rows`` (dicts with the same keys) into ``table``; return how many were new.

    Rows whose primary or unique key is already stored, or repeated earlier in ``rows``, are
    skipped. Rows keep their order, so autoincrement ids follow it.
    """
    if not rows:
        return 0
    columns = list(rows[0])
    if conn.dialect.name == "postgresql":
        return _copy_insert(conn, table, columns, rows, ignore_conflicts=True)
    before = conn.execute(text("SELECT total_changes()")).scalar_one()
    conn.execute(sqlite.insert(table).on_conflict_do_nothing(), list(rows))
    # total_changes counts only rows really inserted, unlike an executemany's rowcount.
    return conn.execute(text("SELECT total_changes()")).scalar_one() - before


def insert_all(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` that cannot conflict (e.g. autoincrement ids); return how many."""
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        return _copy_insert(conn, table, list(rows[0]), rows, ignore_conflicts=False)
    conn.execute(table.insert(), list(rows))
    return len(rows)


def delete_where_in(
    conn: Connection, table: Table, column: str, values: Iterable[Any], chunk: int = 1000
) -> None:
    """Delete the rows whose ``column`` is one of ``values`` (in chunks: SQLite caps parameters)."""
    values = list(values)
    for start in range(0, len(values), chunk):
        conn.execute(delete(table).where(table.c[column].in_(values[start : start + chunk])))


def existing_keys(
    conn: Connection, table: Table, column: str, values: Iterable[Any], chunk: int = 1000
) -> set[Any]:
    """Which of ``values`` are already stored in ``column``."""
    values = list(values)
    found: set[Any] = set()
    for start in range(0, len(values), chunk):
        part = values[start : start + chunk]
        found.update(
            conn.execute(select(table.c[column]).where(table.c[column].in_(part))).scalars()
        )
    return found


def _copy_insert(
    conn: Connection,
    table: Table,
    columns: list[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    ignore_conflicts: bool,
) -> int:
    from psycopg.types.json import Json

    temp = f"_tw_bulk_{table.name}_{next(_temp_names)}"
    quoted = ", ".join(f'"{c}"' for c in columns)
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    # The temporary table takes the target's column types, so COPY casts exactly as INSERT would;
    # ``_ord`` keeps the input order for the final INSERT (autoincrement ids follow it).
    conn.exec_driver_sql(
        f'CREATE TEMPORARY TABLE "{temp}" ON COMMIT DROP AS '
        f'SELECT {quoted} FROM "{table.name}" WITH NO DATA'
    )
    conn.exec_driver_sql(f'ALTER TABLE "{temp}" ADD COLUMN _ord bigint')
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f'COPY "{temp}" ({quoted}, _ord) FROM STDIN') as copy:
            for ordinal, row in enumerate(rows):
                copy.write_row(
                    [
                        Json(row[c]) if c in json_columns and row[c] is not None else row[c]
                        for c in columns
                    ]
                    + [ordinal]
                )
    finally:
        cursor.close()
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    result = conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({quoted}) SELECT {quoted} FROM "{temp}" ORDER BY _ord'
        f"{conflict}"
    )
    conn.exec_driver_sql(f'DROP TABLE "{temp}"')
    return result.rowcount
