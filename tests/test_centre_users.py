"""Users: argon2 passwords, API tokens stored only as hashes, disabling; and the CLI showing the
demo's centre records (issue 6's "visible from the CLI")."""

from __future__ import annotations

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from trucewatch.centre import PermissionDenied, users
from trucewatch.centre.commands import audit_app, centre_app
from trucewatch.centre.user_commands import users_app
from trucewatch.console import console
from trucewatch.model.centre import Role
from trucewatch.store.centre_tables import api_tokens
from trucewatch.store.centre_tables import users as users_table


def test_passwords_are_argon2_hashes_and_check(store):
    with store.transaction() as conn:
        admin = users.add_user(conn, users.SYSTEM, "root", "admin", password="correct horse")
        users.add_user(conn, admin, "us-cell", "liaison", guarantor="United States")
        stored = conn.execute(
            select(users_table.c.password_hash).where(users_table.c.name == "root")
        ).scalar_one()
        assert stored.startswith("$argon2id$") and "correct horse" not in stored
        assert users.authenticate(conn, "root", "correct horse") == admin
        assert users.authenticate(conn, "root", "wrong") is None
        assert users.authenticate(conn, "us-cell", "") is None  # no password: no log-in
        with pytest.raises(ValueError, match="guarantor"):
            users.add_user(conn, admin, "x", "liaison")
        with pytest.raises(ValueError, match="only a liaison"):
            users.add_user(conn, admin, "y", "viewer", guarantor="Russia")
        log = [e.detail for e in users.audit.entries(conn, "user")]
    assert all("correct horse" not in str(d) and "$argon2" not in str(d) for d in log)


def test_tokens_are_stored_hashed_and_die_with_revocation_or_disabling(store):
    with store.transaction() as conn:
        admin = users.add_user(conn, users.SYSTEM, "root", "admin")
        users.add_user(conn, admin, "analyst", "analyst")
        token = users.issue_token(conn, admin, "analyst", "web")
        second = users.issue_token(conn, admin, "analyst", "script")
        hashes = set(conn.execute(select(api_tokens.c.token_hash)).scalars())
        assert token not in hashes and token != second
        assert users.user_for_token(conn, token).name == "analyst"
        assert users.user_for_token(conn, token + "x") is None
        users.revoke_tokens(conn, admin, "analyst")
        assert users.user_for_token(conn, token) is None
        third = users.issue_token(conn, admin, "analyst")
        disabled = users.disable_user(conn, admin, "analyst", "left the mission")
        assert users.user_for_token(conn, third) is None
        with pytest.raises(PermissionDenied, match="disabled"):
            users.list_users(conn, disabled)
        with pytest.raises(ValueError, match="last active admin"):
            users.disable_user(conn, admin, "root")
        listed = [(u.name, u.role, u.active) for u in users.list_users(conn, admin)]
    assert listed == [("analyst", Role.ANALYST, False), ("root", Role.ADMIN, True)]


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(centre_app, name="centre")
    app.add_typer(users_app, name="users")
    app.add_typer(audit_app, name="audit")
    return app


def test_the_demo_is_visible_from_the_cli(tmp_path, monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_USER", raising=False)
    monkeypatch.setattr(console, "width", 250)  # whole cells, not wrapped to 80 columns
    db = ["--db", str(tmp_path / "demo.db")]
    run = CliRunner().invoke
    app = _cli()
    assert run(app, ["centre", "demo", *db]).exit_code == 0
    assert "already" in run(app, ["centre", "demo", *db]).output
    shown = {
        what: run(app, ["centre", what, "--as", who, *db])
        for what, who in (
            ("accessions", "researcher"),
            ("meetings", "researcher"),
            ("protection", "researcher"),
            ("deliveries", "researcher"),
            ("hotline", "us-liaison"),
        )
    }
    assert all(r.exit_code == 0 for r in shown.values()), {k: r.output for k, r in shown.items()}
    assert "Syrian government" in shown["accessions"].output
    assert "United States" in shown["accessions"].output
    assert "Hmeimim" in shown["meetings"].output
    assert "21 t" in shown["deliveries"].output and "Deir ez-Zor" in shown["deliveries"].output
    overdue = run(
        app,
        ["centre", "overdue", "--as", "ru-liaison", "--now", "2016-03-01T12:00+02:00", *db],
        terminal_width=250,
    )
    assert overdue.exit_code == 0 and overdue.output.count("United States") == 1
    refused = run(app, ["centre", "hotline", "--as", "researcher", *db])
    assert refused.exit_code == 1 and "may not hotline.read" in refused.output
    assert run(app, ["centre", "accessions", *db]).exit_code != 0  # users exist: say who acts
    verified = run(app, ["audit", "verify", "--as", "demo-admin", *db])
    assert verified.exit_code == 0 and "intact" in verified.output


def test_users_add_list_disable_from_the_cli(tmp_path, monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_USER", raising=False)
    monkeypatch.setattr(console, "width", 250)
    db = ["--db", str(tmp_path / "u.db")]
    run, app = CliRunner().invoke, _cli()
    first = run(
        app,
        ["users", "add", "root", "--role", "admin", *db],
        input="a long password\na long password\n",
    )
    assert first.exit_code == 0, first.output
    added = run(
        app,
        [
            "users",
            "add",
            "ru-cell",
            "--role",
            "liaison",
            "--guarantor",
            "Russia",
            "--no-password",
            "--as",
            "root",
            *db,
        ],
    )
    assert added.exit_code == 0, added.output
    refused = run(
        app, ["users", "add", "x", "--role", "viewer", "--no-password", "--as", "ru-cell", *db]
    )
    assert refused.exit_code == 1 and "may not user.manage" in refused.output
    assert run(app, ["users", "disable", "ru-cell", "--as", "root", *db]).exit_code == 0
    listed = run(app, ["users", "list", "--as", "root", *db]).output
    assert "disabled" in listed and "Russia" in listed
