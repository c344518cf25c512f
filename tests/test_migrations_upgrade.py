"""Migrations: a store built by any earlier release, with data in every table, upgrades to the
newest schema with every row and value kept, ends with exactly the schema a fresh store has, and
takes new work afterwards."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, MetaData, func, insert, select
from sqlalchemy.exc import SAWarning

from trucewatch.centre import parties
from trucewatch.centre.users import SYSTEM
from trucewatch.ingest.run import ingest
from trucewatch.store import open_store
from trucewatch.store.backup import snapshot
from trucewatch.store.db import create_store_engine
from trucewatch.store.migrate import alembic_config, current_revision
from trucewatch.store.schema import metadata, reports


def _earlier_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    head = script.get_current_head()
    chain = [r.revision for r in script.walk_revisions()]  # head first
    return [r for r in reversed(chain) if r != head]


EARLIER = _earlier_revisions()


def _changes_after(revision: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """What the migrations after ``revision`` declare they drop (derived tables a stage
    rebuilds) and rename (columns whose values move to a new name): ``DROPPED_DERIVED`` and
    ``RENAMED_COLUMNS``."""
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    dropped: dict[str, str] = {}
    renamed: dict[str, dict[str, str]] = {}
    for rev in script.walk_revisions():  # head first, down to just after ``revision``
        if rev.revision == revision:
            break
        dropped.update(getattr(rev.module, "DROPPED_DERIVED", {}))
        for table, columns in getattr(rev.module, "RENAMED_COLUMNS", {}).items():
            renamed.setdefault(table, {}).update(columns)
    return dropped, renamed


def _value(table: str, column: Column, n: int) -> object:
    """A value of the column's type, distinct per table, column and row."""
    kind = column.type.python_type
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return 1000 + n
    if kind is float:
        return 0.5 + n
    if kind is dt.datetime:
        return dt.datetime(2016, 2, 27, 10, n, tzinfo=dt.UTC)
    if kind is dt.date:
        return dt.date(2016, 3, 1 + n)
    if kind is bytes:
        return f"raw bytes {table} {n}\xff".encode("latin-1")
    if kind in (dict, list):
        return {"table": table, "row": n, "nested": [1, "two", None]}
    length = getattr(column.type, "length", None) or 200
    return f"{table[:12]}-{column.name[:12]}-{n}-ü"[:length]


def _fill_every_table(conn: Connection, rows_per_table: int = 2) -> dict[str, int]:
    """Insert rows into every table the schema has at this revision; return rows per table."""
    schema = MetaData()
    with warnings.catch_warnings():  # expression indexes are not reflected; rows are all we need
        warnings.simplefilter("ignore", SAWarning)
        schema.reflect(conn)
    made: dict[tuple[str, str], list[object]] = {}
    for table in schema.sorted_tables:  # referenced tables first
        if table.name == "alembic_version":
            continue
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            continue  # seeded by its migration (the audit chain's genesis row)
        for n in range(rows_per_table):
            row = {}
            for column in table.columns:
                fk = next(iter(column.foreign_keys), None)
                if fk is not None:
                    target = fk.column
                    row[column.name] = made[(target.table.name, target.name)][n]
                else:
                    row[column.name] = _value(table.name, column, n)
                made.setdefault((table.name, column.name), []).append(row[column.name])
            conn.execute(insert(table).values(row))
    return {
        t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
        for t in schema.sorted_tables
        if t.name != "alembic_version"
    }


# The quick lane upgrades from the last release only; the full lane from every one.
@pytest.mark.parametrize(
    "revision",
    [pytest.param(r, marks=() if r == EARLIER[-1] else pytest.mark.slow) for r in EARLIER],
)
def test_a_store_from_an_earlier_release_upgrades_with_its_data(store_url, revision, tmp_path):
    engine = create_store_engine(store_url)
    config = alembic_config(engine)
    command.upgrade(config, revision)
    assert current_revision(engine) == revision
    with engine.begin() as conn:
        counts = _fill_every_table(conn)
    assert counts and all(n >= 1 for n in counts.values())
    with engine.connect() as conn:
        before = snapshot(conn)

    command.upgrade(config, "head")

    with engine.connect() as conn:
        after = snapshot(conn)
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"upgraded schema differs from a fresh one: {diff}"
    dropped, renamed = _changes_after(revision)
    for table, rows in before.items():
        if table in dropped:  # derived: rebuilt by its stage, and the migration says so
            assert table not in after, f"{table} is declared dropped but is still there"
            continue
        assert table in after, f"table {table} was lost in the upgrade"
        names = renamed.get(table, {})
        # Renamed columns keep their values under the new name; everything else exactly.
        expected = [{names.get(k, k): v for k, v in row.items()} for row in rows]
        kept = [{k: row[k] for k in expected[0]} for row in after[table]] if rows else []
        assert kept == expected, f"rows of {table} changed in the upgrade from {revision}"
    engine.dispose()

    # The upgraded store takes new work: an ingest and an audited change on top of old data.
    store = open_store(store_url)
    feed = tmp_path / "after-upgrade.jsonl"
    feed.write_text(json.dumps({"source": "Outlet C", "text": "A new report after upgrade."}))
    assert ingest(store, [feed]).new == 1
    with store.transaction() as conn:
        parties.add_party(conn, SYSTEM, "Party added after the upgrade", "faction")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == (
            counts["reports"] + 1
        )
    store.close()


def test_every_earlier_revision_is_covered():
    # A new migration must leave the chain this test walks; losing revisions would hide one.
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    versions = Path(script.dir) / "versions"
    files = sorted(p for p in versions.glob("*.py") if not p.name.startswith("_"))
    assert len(EARLIER) == len(files) - 1 >= 2
