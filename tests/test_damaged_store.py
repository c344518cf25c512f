"""A damaged store gives one line naming it and what to do, exit 2 (issue 18, item 10)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trucewatch.centre.users import SYSTEM, add_user
from trucewatch.cli import app
from trucewatch.ingest.run import ingest
from trucewatch.store import open_store
from trucewatch.store.errors import DAMAGED

COMMANDS = [
    ["users", "list"],
    ["audit", "verify"],
    ["ingest", "REPORTS"],
    ["extract"],
    ["export", "incidents", "--format", "csv"],
    ["quarantine"],
]


def _good_store(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding a report and a user, and a folder with one more report to ingest."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("Shelling was reported in Harasta on Friday evening.")
    db = tmp_path / "store.db"
    store = open_store(str(db))
    ingest(store, [reports])
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "root", "admin")
    store.close()
    (reports / "b.txt").write_text("An air strike hit a market in Douma on Saturday.")
    return db, reports


def _checkpoint(db: Path) -> None:
    """Move everything from the write-ahead log into the file, as closing the last connection
    does, so damaging the file damages the whole store."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def _overwrite_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    rng = random.Random(18)
    for i in range(8192, len(data)):  # the header and the first page stay; the rest is garbage
        data[i] = rng.randrange(256)
    db.write_bytes(bytes(data))


def _not_a_database(db: Path) -> None:
    db.write_bytes(b"these are a monitor's notes, not a database\n" * 200)


@pytest.mark.parametrize("damage", [_overwrite_pages, _not_a_database])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_damaged_store_is_one_line_naming_it_and_exit_2(tmp_path, damage, command):
    db, reports = _good_store(tmp_path)
    _checkpoint(db)
    damage(db)
    args = [str(reports) if a == "REPORTS" else a for a in command]
    result = CliRunner().invoke(app, [*args, "--db", str(db)], env={"TRUCEWATCH_USER": "root"})
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an escaped error
    lines = result.output.strip().splitlines()
    assert lines == [f"store {db}: {DAMAGED}"], result.output


def test_a_store_that_cannot_be_opened_is_one_line_too(tmp_path):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    result = CliRunner().invoke(app, ["users", "list", "--db", str(folder)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"store {folder} could not be used: ")


def test_restore_sets_a_damaged_file_aside_and_brings_the_backup_back(tmp_path):
    db, _ = _good_store(tmp_path)
    backup = tmp_path / "store.bak"
    _checkpoint(db)
    runner = CliRunner()
    assert runner.invoke(app, ["backup", str(backup), "--db", str(db)]).exit_code == 0
    _not_a_database(db)
    damaged = db.read_bytes()
    refused = runner.invoke(app, ["restore", str(backup), "--db", str(db)])
    assert refused.exit_code == 1 and "--replace" in refused.output
    result = runner.invoke(app, ["restore", str(backup), "--db", str(db), "--replace"])
    assert result.exit_code == 0, result.output
    assert db.with_name("store.db.damaged").read_bytes() == damaged  # kept, not deleted
    listed = runner.invoke(app, ["users", "list", "--db", str(db), "--as", "root"])
    assert listed.exit_code == 0 and "root" in listed.output
