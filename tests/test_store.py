"""The store: migrations create exactly the declared schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from trucewatch.store import open_store
from trucewatch.store.db import database_url
from trucewatch.store.migrate import current_revision
from trucewatch.store.schema import metadata


def test_migrations_build_the_schema_the_code_declares(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_opening_again_is_a_no_op_at_the_head_revision(store_url):
    first = open_store(store_url)
    revision = current_revision(first.engine)
    first.close()
    again = open_store(store_url)
    assert revision is not None and current_revision(again.engine) == revision
    again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    store = open_store(str(tmp_path / "plain-path.db"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_database_url_defaults_and_overrides(monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_DB", raising=False)
    assert database_url() == "sqlite:///trucewatch.db"
    monkeypatch.setenv("TRUCEWATCH_DB", "postgresql://root@127.0.0.1/test")
    assert database_url() == "postgresql+psycopg://root@127.0.0.1/test"
    assert database_url("x.db") == "sqlite:///x.db"
