"""The feeds and alerts commands: what they accept, what they refuse, and what they show."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from trucewatch.cli import app

runner = CliRunner()


def cli(*args: str, db: str):
    return runner.invoke(app, [*args, "--db", db])


def test_feeds_are_added_listed_and_removed(tmp_path: Path):
    db = str(tmp_path / "s.db")
    assert cli("feeds", "add", "http://127.0.0.1:9/a.xml", "--name", "a", db=db).exit_code == 0
    drop = tmp_path / "drop"
    drop.mkdir()
    assert cli("feeds", "add", "--folder", str(drop), db=db).exit_code == 0
    again = cli("feeds", "add", "http://127.0.0.1:9/b.xml", "--name", "a", db=db)
    assert again.exit_code == 2 and "exists already" in again.output
    assert cli("feeds", "add", "ftp://x/y", db=db).exit_code == 2
    assert cli("feeds", "add", db=db).exit_code == 2  # neither URL nor folder
    listed = [
        json.loads(line) for line in cli("feeds", "list", "--json", db=db).stdout.splitlines()
    ]
    assert {(f["name"], f["kind"], f["health"]) for f in listed} == {
        ("a", "rss", "new"),
        (str(drop.resolve()), "folder", "new"),
    }
    assert cli("feeds", "remove", "a", db=db).exit_code == 0
    assert cli("feeds", "remove", "a", db=db).exit_code == 1


def test_alerts_need_a_target_a_secret_for_webhooks_and_known_filter_keys(tmp_path: Path):
    db = str(tmp_path / "s.db")
    no_secret = cli("alerts", "add", "--webhook", "http://127.0.0.1:9/h", db=db)
    assert no_secret.exit_code == 2 and "--secret" in no_secret.output
    bad_key = cli(
        "alerts",
        "add",
        "--webhook",
        "http://127.0.0.1:9/h",
        "--secret",
        "s",
        "--filter",
        "x=y",
        db=db,
    )
    assert bad_key.exit_code == 2 and "unknown filter key" in bad_key.output
    ok = cli(
        "alerts",
        "add",
        "--webhook",
        "http://127.0.0.1:9/h",
        "--secret",
        "s",
        "--filter",
        "ruling=violation",
        "--filter",
        "governorate=Idlib",
        "--filter",
        "governorate=Aleppo",
        db=db,
    )
    assert ok.exit_code == 0, ok.output
    assert "governorate=Idlib|Aleppo ruling=violation" in ok.stdout
    assert cli("alerts", "add", "--email", "duty@example.org", db=db).exit_code == 0
    shown = cli("alerts", "list", db=db).stdout
    assert "#1 webhook" in shown and "#2 email duty@example.org (everything)" in shown
    assert cli("alerts", "remove", "1", db=db).exit_code == 0
    assert "(removed)" in cli("alerts", "list", db=db).stdout
    assert "no deliveries yet" in cli("alerts", "log", db=db).stdout
    assert "no dead letters" in cli("alerts", "dead", db=db).stdout
