"""Backups: a store copied with ``backup`` and brought back with ``restore`` holds the same rows,
its audit chain still verifies, and every refusal (occupied target, wrong kind of file, missing
pg_dump) is a clear error instead of a half-done restore."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, text, update
from typer.testing import CliRunner

from trucewatch.centre import audit, deliveries, parties
from trucewatch.centre.users import SYSTEM
from trucewatch.ingest.run import ingest
from trucewatch.store import open_store
from trucewatch.store.backup import BackupError, backup, restore, snapshot
from trucewatch.store.centre_tables import audit_log
from trucewatch.store.commands import backup_command, restore_command
from trucewatch.store.migrate import current_revision

# Short reports we wrote ourselves; the content does not matter, only that rows exist.
FEED = [
    {"id": "b1", "source": "Outlet A", "text": "Shelling hit a market in Douma on Monday."},
    {"id": "b2", "source": "Outlet B", "text": "An aid convoy reached Moadamiyeh on Tuesday."},
    {"id": "b3", "source": "Outlet A", "text": "Clashes were reported near Azaz overnight."},
]


def _fill(store, tmp_path: Path) -> None:
    """Reports, a quarantined line, and centre changes that extend the audit chain."""
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps(r) for r in FEED] + ["{not json"]
    feed.write_text("\n".join(lines) + "\n")
    ingest(store, [feed])
    with store.transaction() as conn:
        rid = deliveries.record_delivery(
            conn, SYSTEM, agency="WFP", place="Deir ez-Zor", method="airdrop", tonnes=21.0
        )
        deliveries.change_delivery(
            conn, SYSTEM, rid, "done", reason="dropped", at=dt.datetime(2016, 4, 10, tzinfo=dt.UTC)
        )
        parties.add_party(conn, SYSTEM, "Local council of Example", "local_council")


def _state(url: str) -> tuple[dict, audit.ChainVerdict]:
    store = open_store(url, migrate=False)
    try:
        with store.engine.connect() as conn:
            return snapshot(conn), audit.verify(conn)
    finally:
        store.close()


@pytest.fixture
def second_url(store_url: str, tmp_path: Path):
    """An empty store of the same kind as ``store_url``, as a restore target.

    For PostgreSQL it is a fresh database with the source's schema name, as on a new server.
    """
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    base, _, query = store_url.partition("?")
    server, _, _db = base.rpartition("/")
    name = f"tw_restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server}/{name}?{query}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_backup_then_restore_gives_the_same_rows_and_an_intact_audit_chain(
    store, store_url, second_url, tmp_path
):
    _fill(store, tmp_path)
    before, chain = _state(store_url)
    assert chain.ok and chain.checked >= 3
    assert len(before["reports"]) == len(FEED) and len(before["quarantine"]) == 1

    made = backup(store_url, tmp_path / "store.backup")
    assert made.path.is_file() and made.size > 0
    assert made.revision == current_revision(store.engine)

    restored = restore(tmp_path / "store.backup", second_url)
    after, chain_after = _state(second_url)
    assert after == before
    assert chain_after.ok and chain_after.checked == chain.checked
    assert restored.revision == made.revision


def test_a_restored_chain_still_shows_tampering(store, store_url, second_url, tmp_path):
    # The restore must carry the hashes themselves, not recompute them: an entry altered after
    # the restore is caught, exactly as in the original.
    _fill(store, tmp_path)
    backup(store_url, tmp_path / "store.backup")
    restore(tmp_path / "store.backup", second_url)
    target = open_store(second_url, migrate=False)
    with target.transaction() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 1).values(actor="someone else"))
    with target.engine.connect() as conn:
        verdict = audit.verify(conn)
    target.close()
    assert not verdict.ok and verdict.broken_at == 1


def test_restore_refuses_a_store_that_holds_data_unless_told_to_replace(store, store_url, tmp_path):
    _fill(store, tmp_path)
    backup(store_url, tmp_path / "store.backup")
    with store.transaction() as conn:
        parties.add_party(conn, SYSTEM, "Added after the backup", "faction")
    with pytest.raises(BackupError, match="already holds"):
        restore(tmp_path / "store.backup", store_url)
    names = {row["name"] for row in _state(store_url)[0]["centre_parties"]}
    assert "Added after the backup" in names  # the refusal changed nothing

    restore(tmp_path / "store.backup", store_url, replace=True)
    state, chain = _state(store_url)
    assert "Added after the backup" not in {row["name"] for row in state["centre_parties"]}
    assert chain.ok


def test_backup_never_overwrites_an_existing_file(store, store_url, tmp_path):
    dest = tmp_path / "store.backup"
    dest.write_bytes(b"an older backup")
    with pytest.raises(BackupError, match="already exists"):
        backup(store_url, dest)
    assert dest.read_bytes() == b"an older backup"


def test_sqlite_backup_is_a_consistent_snapshot_while_a_writer_is_mid_transaction(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = open_store(url)
    _fill(store, tmp_path)
    writer = sqlite3.connect(tmp_path / "live.db")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM quarantine")  # uncommitted when the backup runs
    backup(url, tmp_path / "live.backup")
    writer.rollback()
    writer.close()
    copy = sqlite3.connect(tmp_path / "live.backup")
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    assert copy.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM reports").fetchone()[0] == len(FEED)
    copy.close()
    store.close()
    assert not (tmp_path / "live.backup.partial").exists()


def test_a_file_that_is_not_a_backup_is_refused_clearly(tmp_path):
    junk = tmp_path / "notes.backup"
    junk.write_bytes(b"meeting notes, not a database\n")
    with pytest.raises(BackupError, match="neither a SQLite backup nor a pg_dump"):
        restore(junk, f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(BackupError, match="no such backup file"):
        restore(tmp_path / "missing.backup", f"sqlite:///{tmp_path / 'x.db'}")


def test_a_sqlite_backup_cannot_be_restored_into_postgresql(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    open_store(url).close()
    backup(url, tmp_path / "a.backup")
    with pytest.raises(BackupError, match="sqlite backup and cannot be restored into a postgres"):
        restore(tmp_path / "a.backup", "postgresql://nobody@127.0.0.1:1/none")


def test_missing_pg_dump_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no PostgreSQL client tools on this PATH
    with pytest.raises(BackupError, match="pg_dump is not on PATH"):
        backup("postgresql://nobody@127.0.0.1:1/none", tmp_path / "pg.backup")
    assert not (tmp_path / "pg.backup").exists()


def test_cli_backup_and_restore(tmp_path):
    app = typer.Typer()
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    runner = CliRunner()
    source, target = tmp_path / "cli.db", tmp_path / "cli-restored.db"
    store = open_store(str(source))
    _fill(store, tmp_path)
    store.close()

    done = runner.invoke(app, ["backup", str(tmp_path / "cli.backup"), "--db", str(source)])
    assert done.exit_code == 0, done.output
    assert "written to" in done.output
    done = runner.invoke(app, ["restore", str(tmp_path / "cli.backup"), "--db", str(target)])
    assert done.exit_code == 0, done.output
    assert _state(f"sqlite:///{target}")[0] == _state(f"sqlite:///{source}")[0]

    again = runner.invoke(app, ["restore", str(tmp_path / "cli.backup"), "--db", str(target)])
    assert again.exit_code == 1
    assert "already holds" in again.output
