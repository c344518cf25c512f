"""First run: on a store with no user, the server and the login page say how to create one."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from trucewatch.centre.users import SYSTEM, add_user
from trucewatch.web import create_app
from trucewatch.web.app import first_run_hint


def test_a_fresh_store_tells_how_to_create_the_first_user(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    hint = first_run_hint(url)
    assert hint is not None and f"trucewatch users add NAME --role admin --db {url}" in hint
    app = create_app(url, secret_key="first-run", secure_cookies=False)
    with TestClient(app) as client:
        page = client.get("/login").text
        assert 'id="first-run"' in page and "users add NAME --role admin" in page

        with app.state.store.transaction() as conn:
            add_user(conn, SYSTEM, "first-admin", "admin", password="a long first password 1")
        assert 'id="first-run"' not in client.get("/login").text
    app.state.store.close()
    assert first_run_hint(url) is None
