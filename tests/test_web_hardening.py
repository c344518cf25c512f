"""Issue 18, items 5, 6 and 11-14: log-in timing, throttling behind proxies, server errors, slow
clients, logout across workers and the session cookie's Secure flag."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import argon2
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from trucewatch.centre.users import SYSTEM, add_user
from trucewatch.cli import app as cli
from trucewatch.store import open_store
from trucewatch.web import app as web_app
from trucewatch.web import create_app
from trucewatch.web.auth import SESSION_COOKIE, LoginThrottle

PASSWORD = "a long enough pass phrase"


@pytest.fixture
def site_url(store_url: str) -> str:
    """A store (each backend) with one admin who can log in."""
    store = open_store(store_url)
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "admin", "admin", password=PASSWORD)
    store.close()
    return store_url


@pytest.fixture
def sqlite_site(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = open_store(url)
    with store.transaction() as conn:
        add_user(conn, SYSTEM, "admin", "admin", password=PASSWORD)
    store.close()
    return url


def _app(url: str, **options) -> FastAPI:
    options.setdefault("secret_key", "hardening")
    options.setdefault("secure_cookies", False)
    return create_app(url, **options)


def log_in(client: TestClient, name: str = "admin", password: str = PASSWORD, **headers):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": "/"},
        headers=headers,
        follow_redirects=False,
    )


# --- item 5: timing --------------------------------------------------------------------------


def test_a_log_in_with_an_unknown_name_runs_the_password_hash(sqlite_site, monkeypatch) -> None:
    calls: list[str] = []
    real = argon2.PasswordHasher.verify

    def counted(self, hash, password):
        calls.append(password)
        return real(self, hash, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", counted)
    app = _app(sqlite_site)
    with TestClient(app) as client:
        assert log_in(client, "nobody-by-this-name", "some guess").status_code == 401
        assert calls == ["some guess"]  # the same work as for a real name
        assert log_in(client, "admin", "wrong guess").status_code == 401
        assert calls[-1] == "wrong guess"
    app.state.store.close()


# --- item 6: throttling ----------------------------------------------------------------------


def test_a_guesser_cannot_lock_the_owner_out(sqlite_site) -> None:
    app = _app(sqlite_site, login_limit=3)
    with (
        TestClient(app, client=("203.0.113.9", 40000)) as attacker,
        TestClient(app, client=("198.51.100.7", 40000)) as owner,
    ):
        statuses = [log_in(attacker, "admin", "guess").status_code for _ in range(5)]
        assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429]
        assert log_in(owner, "admin", PASSWORD).status_code == 303  # the owner still gets in
    app.state.store.close()


def test_behind_a_named_proxy_each_client_is_throttled_apart(sqlite_site) -> None:
    app = _app(sqlite_site, login_limit=3, trusted_proxies="127.0.0.1")
    with TestClient(app, client=("127.0.0.1", 40000)) as client:  # a proxy on this machine
        attacker = {"X-Forwarded-For": "203.0.113.9"}
        for _ in range(3):
            assert log_in(client, "admin", "guess", **attacker).status_code == 401
        assert log_in(client, "admin", "guess", **attacker).status_code == 429
        owner = log_in(client, "admin", PASSWORD, **{"X-Forwarded-For": "198.51.100.7"})
        assert owner.status_code == 303  # everyone behind the proxy is not one address
    app.state.store.close()


def test_forwarded_addresses_from_anyone_else_are_ignored(sqlite_site) -> None:
    app = _app(sqlite_site, login_limit=3)  # no proxy named: the header is the client's word
    with TestClient(app, client=("127.0.0.1", 40000)) as client:
        for n in range(3):
            spoofed = {"X-Forwarded-For": f"198.51.100.{n}"}
            assert log_in(client, "admin", "guess", **spoofed).status_code == 401
        assert log_in(client, "admin", "guess", **{"X-Forwarded-For": "1.1.1.1"}).status_code == 429
    app.state.store.close()


def test_the_client_address_is_the_first_hop_not_a_trusted_proxy() -> None:
    from trucewatch.web.auth import client_address, parse_proxies

    proxies = parse_proxies("10.0.0.0/8, 127.0.0.1")

    def scope(peer: str, forwarded: str) -> dict:
        return {"client": (peer, 1), "headers": [(b"x-forwarded-for", forwarded.encode())]}

    assert client_address(scope("10.0.0.2", "6.6.6.6, 1.2.3.4, 10.0.0.5"), proxies) == "1.2.3.4"
    assert client_address(scope("192.0.2.1", "1.2.3.4"), proxies) == "192.0.2.1"
    assert client_address(scope("127.0.0.1", "10.1.1.1"), proxies) == "127.0.0.1"
    with pytest.raises(ValueError, match=r"'proxy\.example' is not an IP address"):
        parse_proxies("proxy.example")


def test_the_throttle_forgets_old_attempts_instead_of_growing() -> None:
    throttle = LoginThrottle(limit=5, window=300)
    for n in range(5000):  # one attempt a second, each for another name
        throttle.retry_after("192.0.2.1", f"user{n}", now=float(n))
        throttle.failed("192.0.2.1", f"user{n}", now=float(n))
    # Only the last window's pairs (plus the address) can still matter.
    assert throttle.tracked() <= 300 + 30 + 1


def test_the_throttle_never_holds_more_than_its_cap() -> None:
    throttle = LoginThrottle(limit=5, window=300, max_keys=100)
    for n in range(1000):
        throttle.failed(f"192.0.2.{n % 250}", f"user{n}", now=0.0)
    assert throttle.tracked() == 100


# --- item 11: errors -------------------------------------------------------------------------


def test_a_day_out_of_range_is_a_clear_400(sqlite_site) -> None:
    app = _app(sqlite_site)
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        for day in ("0001-01-01", "9999-12-31"):
            page = client.get(f"/?day={day}")
            assert page.status_code == 400, day
            assert "day must be from 1900-01-01 to 2199-12-31" in page.text
            assert page.headers["content-security-policy"]
        assert client.get("/?day=2016-02-27").status_code == 200
    app.state.store.close()


def test_a_server_error_carries_the_security_headers(sqlite_site) -> None:
    app = _app(sqlite_site)

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/v1/boom", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        api, page = client.get("/api/v1/boom"), client.get("/boom")
    app.state.store.close()
    assert api.status_code == page.status_code == 500
    assert api.json() == {"detail": "internal server error: the error has been logged"}
    assert page.headers["content-type"].startswith("text/html")
    for response in (api, page):
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        assert "a bug" not in response.text


# --- item 12: slow clients -------------------------------------------------------------------


async def _hello(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"hello"})


@pytest.fixture
def served(monkeypatch) -> Iterator[tuple[int, dict]]:
    """What ``serve`` hands uvicorn, run in a thread with short read timeouts."""
    from trucewatch.web.server import Limits

    captured: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: captured.update(options))
    monkeypatch.setattr(web_app, "create_app", lambda *a, **k: None)
    for env in (
        "TRUCEWATCH_HEADER_TIMEOUT",
        "TRUCEWATCH_BODY_TIMEOUT",
        "TRUCEWATCH_SECURE_COOKIES",
    ):
        monkeypatch.delenv(env, raising=False)  # serve sets them for its workers
    web_app.serve(None, limits=Limits(limit_concurrency=50, header_timeout=0.5, body_timeout=0.5))
    assert captured["limit_concurrency"] == 50 and captured["timeout_keep_alive"] == 5
    options = {k: v for k, v in captured.items() if k not in ("host", "port")}
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(_hello, log_level="warning", **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield listening.getsockname()[1], captured
    server.should_exit = True
    thread.join(5)


def _closed_within(port: int, sent: bytes, seconds: float) -> bool:
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(sent)
        conn.settimeout(seconds)
        try:
            return conn.recv(1024) == b""
        except TimeoutError:
            return False


def test_serve_closes_requests_that_are_never_finished(served) -> None:
    port, _ = served
    assert _closed_within(port, b"GET / HTTP/1.1\r\nHost: x\r\n", 3)  # headers never end
    assert _closed_within(port, b"", 3)  # nothing sent at all
    body = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"
    assert _closed_within(port, body, 3)  # body never ends
    with socket.create_connection(("127.0.0.1", port)) as conn:  # a whole request is served
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        conn.settimeout(3)
        assert conn.recv(1024).startswith(b"HTTP/1.1 200")


def test_serve_takes_the_limits_from_its_options(monkeypatch) -> None:
    from trucewatch.web.server import Limits

    seen: dict = {}
    monkeypatch.setattr(web_app, "serve", lambda *a, **k: seen.update(k))
    args = ["serve", "--limit-concurrency", "64", "--header-timeout", "4", "--body-timeout", "9"]
    args += ["--timeout-keep-alive", "3", "--trusted-proxy", "10.0.0.1", "--secure-cookies"]
    result = CliRunner().invoke(cli, [*args, "always"])
    assert result.exit_code == 0, result.output
    assert seen["limits"] == Limits(64, 3, 4.0, 9.0)
    assert seen["trusted_proxies"] == "10.0.0.1" and seen["secure_cookies"] == "always"
    bad = CliRunner().invoke(cli, ["serve", "--trusted-proxy", "proxy.example"])
    assert bad.exit_code == 2 and "proxy.example" in bad.output


# --- item 13: logout across workers ----------------------------------------------------------


def test_logout_reaches_every_worker(site_url) -> None:
    first, second = _app(site_url), _app(site_url)  # two worker processes' apps, one store
    with TestClient(first) as one, TestClient(second) as two:
        assert log_in(one).status_code == 303
        cookie = one.cookies.get(SESSION_COOKIE)
        two.cookies.set(SESSION_COOKIE, cookie)
        assert two.get("/api/v1/me").status_code == 200  # the session works on both
        token = re.search(r'name="csrf_token" value="([^"]+)"', one.get("/").text).group(1)
        assert one.post("/logout", data={"csrf_token": token}).status_code == 200
        assert two.get("/api/v1/me").status_code == 401  # and the logout reached the other
        assert two.get("/", follow_redirects=False).status_code == 303
    first.state.store.close()
    second.state.store.close()


def test_a_session_revoked_twice_is_one_revocation(store) -> None:
    from trucewatch.web.auth import Session, revoke_session, session_revoked

    session, other = Session("admin"), Session("admin")
    with store.transaction() as conn:
        revoke_session(conn, session)
        revoke_session(conn, session)  # two logouts of one session (two tabs) are no error
        assert session_revoked(conn, session) and not session_revoked(conn, other)


# --- item 14: the Secure flag ----------------------------------------------------------------


def _secure(app: FastAPI, base_url: str, **headers) -> bool:
    with TestClient(app, base_url=base_url) as client:
        cookie = client.get("/login", headers=headers).headers["set-cookie"].lower()
    return "secure" in [part.strip() for part in cookie.split(";")]


def test_behind_a_tls_proxy_on_localhost_the_cookie_stays_secure(sqlite_site, monkeypatch):
    made: list[FastAPI] = []
    real = web_app.create_app
    monkeypatch.setattr(web_app, "create_app", lambda *a, **k: made.append(real(*a, **k)))
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    for env in ("TRUCEWATCH_SECURE_COOKIES", "TRUCEWATCH_INSECURE_COOKIES"):
        monkeypatch.delenv(env, raising=False)
    web_app.serve(sqlite_site, host="127.0.0.1")  # the default: --secure-cookies auto
    app = made[0]
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    assert _secure(app, "http://127.0.0.1:8000", **proxied)
    assert _secure(app, "http://127.0.0.1:8000", host="monitor.example")
    assert not _secure(app, "http://127.0.0.1:8000")  # someone on their own machine
    assert not _secure(app, "http://localhost:8000")
    app.state.store.close()


@pytest.mark.parametrize(("mode", "secure"), [("always", True), ("never", False)])
def test_the_cookie_mode_can_be_forced(sqlite_site, mode, secure) -> None:
    app = _app(sqlite_site, secure_cookies=mode)
    assert _secure(app, "http://127.0.0.1:8000") is secure
    assert _secure(app, "https://monitor.example") is secure
    app.state.store.close()
