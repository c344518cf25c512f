"""Rules for new accounts, and API tokens that expire and can be listed and revoked from the CLI
(issue 18, items 7 and 9)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from trucewatch.centre import accounts
from trucewatch.centre.accounts import AccountRuleError, check_password
from trucewatch.centre.errors import NotFound
from trucewatch.centre.user_commands import expiry
from trucewatch.centre.users import (
    SYSTEM,
    add_user,
    authenticate,
    disable_user,
    get_user,
    list_tokens,
    new_token,
    revoke_token,
    set_password,
    user_for_token,
)
from trucewatch.cli import app
from trucewatch.demo import DEMO_LOGIN
from trucewatch.store.centre_tables import api_tokens, users
from trucewatch.web import create_app

GOOD = "truce holds at dawn"
SCRIPT = "build_common_passwords.py"
ROOT = Path(__file__).resolve().parents[1]

# --- item 7: names and passwords -------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("x", "at least 12"),
        ("eleven char", "at least 12"),
        ("password1234", "common"),
        ("Qwertyuiop12", "common"),
        ("!!iloveyou2016", "common"),
        ("123456789012", "common"),
        ("abababababab", "different characters"),
    ],
)
def test_short_common_and_repetitive_passwords_are_refused(password, why):
    with pytest.raises(AccountRuleError, match=why):
        check_password(password)


def test_a_password_holding_the_user_name_is_refused():
    with pytest.raises(AccountRuleError, match="user name"):
        check_password("hmeimim-analyst-2016", "hmeimim-analyst")


def test_the_passwords_the_project_itself_uses_are_accepted():
    # The demo's and the tests': a rule that refused them would break the README and the suite.
    for password in (DEMO_LOGIN[1], "correct horse", "a long password", "a long enough password"):
        check_password(password)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "empty"),
        ("a\nb", "line break"),
        ("demo-admin ", "space"),
        ("demo-admin\u200b", "ZERO WIDTH SPACE"),
        ("admin;drop", "SEMICOLON"),
        ("x" * 121, "at most 120"),
    ],
)
def test_names_outside_the_allowed_characters_are_refused_saying_why(store, name, why):
    with store.transaction() as conn, pytest.raises(ValueError, match=why):
        add_user(conn, SYSTEM, name, "viewer")


def test_names_are_nfkc_normalised_and_unique_after_it(store):
    with store.transaction() as conn:
        assert add_user(conn, SYSTEM, "ﬁeld.officer", "viewer").name == "field.officer"
        add_user(conn, SYSTEM, "demo-admin", "admin")
    for twin in ("ｄｅｍｏ-ａｄｍｉｎ", "Demo-Admin", "FIELD.officer"):
        with store.transaction() as conn, pytest.raises(ValueError, match="already exists"):
            add_user(conn, SYSTEM, twin, "viewer")
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(users.c.name)).scalars()) == [
            "demo-admin",
            "field.officer",
        ]


def test_add_and_set_password_apply_the_password_rules(store):
    with store.transaction() as conn, pytest.raises(ValueError, match="at least 12"):
        add_user(conn, SYSTEM, "root", "admin", password="x")
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "root", "admin", password=GOOD)
    with store.transaction() as conn, pytest.raises(ValueError, match="common"):
        set_password(conn, SYSTEM, "root", "password1234")
    with store.transaction() as conn:
        set_password(conn, SYSTEM, "root", "another truce at noon")
        assert authenticate(conn, "root", "another truce at noon") is not None


def test_cli_refuses_a_bad_name_before_asking_for_a_password(tmp_path):
    db = ["--db", str(tmp_path / "cli.db")]
    result = CliRunner().invoke(app, ["users", "add", "demo-admin ", "--role", "admin", *db])
    assert result.exit_code == 2
    assert "space" in result.output and "password" not in result.output.lower()


def test_cli_asks_again_when_a_password_breaks_a_rule(tmp_path):
    db = ["--db", str(tmp_path / "cli.db")]
    answers = f"x\nx\npassword1234\npassword1234\n{GOOD}\n{GOOD}\n"
    result = CliRunner().invoke(
        app, ["users", "add", "root", "--role", "admin", *db], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "at least 12" in result.output and "common" in result.output
    assert "user root added" in result.output


def test_the_shipped_common_password_list_is_the_one_the_script_builds():
    pytest.importorskip("zxcvbn")  # a dev dependency: installed with .[dev]
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / SCRIPT)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    words, notice = build.build()
    data = ROOT / "trucewatch" / "centre" / "data"
    assert (data / build.LIST_NAME).read_text(encoding="utf-8") == words
    assert (data / build.LICENSE_NAME).read_text(encoding="utf-8") == notice
    assert len(accounts.common_passwords()) > 25_000


# --- item 9: tokens ---------------------------------------------------------------------------

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", NOW + dt.timedelta(minutes=90)),
        ("12h", NOW + dt.timedelta(hours=12)),
        ("30d", NOW + dt.timedelta(days=30)),
        ("2w", NOW + dt.timedelta(weeks=2)),
        ("2027-01-01", dt.datetime(2027, 1, 1, tzinfo=dt.UTC)),
        ("2027-01-01T18:00+02:00", dt.datetime(2027, 1, 1, 16, tzinfo=dt.UTC)),
    ],
)
def test_expires_takes_a_duration_a_date_or_a_zoned_time(text, expected):
    assert expiry(text, NOW) == expected


@pytest.mark.parametrize("text", ["soon", "0d", "2027-01-01T18:00", "30 days"])
def test_an_unreadable_expiry_is_refused(text):
    with pytest.raises(typer.BadParameter):
        expiry(text, NOW)


def _analyst(store) -> None:
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "root", "admin")
        add_user(conn, SYSTEM, "analyst", "analyst")


def _expire(conn, token_id: int, at: dt.datetime) -> None:
    """Set a token's expiry to ``at`` in the store (the API refuses a past one on creation)."""
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(expires_at=at))


def test_an_expired_token_is_refused(store):
    _analyst(store)
    with store.transaction() as conn:
        tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        soon = new_token(conn, SYSTEM, "analyst", "soon", expires_at=tomorrow)
        assert user_for_token(conn, soon.token) is not None
        # An expiry that has passed (moved back in the store, as time would):
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        _expire(conn, soon.id, past)
        assert user_for_token(conn, soon.token) is None
        with pytest.raises(ValueError, match="already passed"):
            new_token(conn, SYSTEM, "analyst", expires_at=past)


def test_a_revoked_token_is_refused_and_listed_with_its_last_use(store):
    _analyst(store)
    with store.transaction() as conn:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
        a = new_token(conn, SYSTEM, "analyst", "scraper", expires_at=later)
        b = new_token(conn, SYSTEM, "analyst", "notebook")
        assert user_for_token(conn, a.token).name == "analyst"
        listed = {t.id: t for t in list_tokens(conn, SYSTEM, "analyst")}
        assert listed[a.id].last_used_at is not None and listed[b.id].last_used_at is None
        assert abs(listed[a.id].expires_at - later) < dt.timedelta(milliseconds=1)
        assert revoke_token(conn, SYSTEM, a.id).status() == "revoked"
        assert user_for_token(conn, a.token) is None
        assert user_for_token(conn, b.token).name == "analyst"  # only that one
        with pytest.raises(ValueError, match="already revoked"):
            revoke_token(conn, SYSTEM, a.id)
        with pytest.raises(NotFound):
            revoke_token(conn, SYSTEM, 999)


def test_a_user_may_not_revoke_another_users_token(store):
    _analyst(store)
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "viewer", "viewer")
        theirs = new_token(conn, SYSTEM, "analyst")
        with pytest.raises(NotFound):
            revoke_token(conn, get_user(conn, "viewer"), theirs.id)


def test_the_api_refuses_expired_and_revoked_tokens(store, store_url):
    _analyst(store)
    with store.transaction() as conn:
        live = new_token(conn, SYSTEM, "analyst")
        revoked = new_token(conn, SYSTEM, "analyst")
        tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        expired = new_token(conn, SYSTEM, "analyst", expires_at=tomorrow)
        revoke_token(conn, SYSTEM, revoked.id)
        _expire(conn, expired.id, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    web = create_app(store_url, secret_key="test-secret", secure_cookies=False)
    with TestClient(web) as client:

        def me(token: str) -> int:
            headers = {"Authorization": f"Bearer {token}"}
            return client.get("/api/v1/me", headers=headers).status_code

        assert me(live.token) == 200
        assert me(revoked.token) == 401
        assert me(expired.token) == 401
    web.state.store.close()
    with store.engine.connect() as conn:
        used = {t.id: t.last_used_at for t in list_tokens(conn, SYSTEM, "analyst")}
    assert used[live.id] is not None and used[revoked.id] is None


def test_cli_issues_lists_revokes_and_reenables(tmp_path):
    db = ["--db", str(tmp_path / "cli.db")]
    runner = CliRunner()
    root = ["--as", "root"]
    first = ["users", "add", "root", "--role", "admin", "--no-password", *db]
    assert runner.invoke(app, first).exit_code == 0
    add = ["users", "add", "analyst", "--role", "analyst", "--no-password", *db, *root]
    assert runner.invoke(app, add).exit_code == 0
    issued = runner.invoke(app, ["users", "token", "analyst", "--expires", "30d", *db, *root])
    assert issued.exit_code == 0, issued.output
    token = next(line for line in issued.output.splitlines() if line.startswith("tw_"))
    token_id = int(re.search(r"token (\d+) for analyst: expires ", issued.output)[1])
    listed = runner.invoke(app, ["users", "tokens", "analyst", *db, *root])
    assert listed.exit_code == 0
    for heading in ("id", "created", "expires", "last used", "live"):
        assert heading in listed.output
    assert token not in listed.output  # the secret is never shown again
    revoked = runner.invoke(app, ["users", "revoke", str(token_id), *db, *root])
    assert revoked.exit_code == 0 and f"token {token_id} of analyst revoked" in revoked.output
    assert "revoked" in runner.invoke(app, ["users", "tokens", "analyst", *db, *root]).output
    assert runner.invoke(app, ["users", "disable", "analyst", *db, *root]).exit_code == 0
    enabled = runner.invoke(app, ["users", "enable", "analyst", *db, *root])
    assert enabled.exit_code == 0 and "enabled" in enabled.output
    again = runner.invoke(app, ["users", "enable", "analyst", *db, *root])
    assert again.exit_code == 2 and "already active" in again.output
    pw = runner.invoke(app, ["users", "password", "analyst", *db, *root], input=f"{GOOD}\n{GOOD}\n")
    assert pw.exit_code == 0, pw.output


def test_enable_restores_log_in_but_not_revoked_tokens(store):
    _analyst(store)
    with store.transaction() as conn:
        set_password(conn, SYSTEM, "analyst", GOOD)
        disable_user(conn, SYSTEM, "analyst")
        assert authenticate(conn, "analyst", GOOD) is None
        from trucewatch.centre.users import enable_user

        assert enable_user(conn, SYSTEM, "analyst").active
        assert authenticate(conn, "analyst", GOOD) is not None
