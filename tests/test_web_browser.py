"""The app in Debian's Chromium, driven by Playwright: log in, filter the map, read an incident's
highlighted evidence, acknowledge a hotline message, and never leave the origin.

Without /usr/bin/chromium these skip on a developer's machine but fail under CI.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.test_web_api import PASSWORD, Seeded, seed
from trucewatch.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing under CI: apt-get install chromium")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on a free port of 127.0.0.1, in a thread, until the block ends; yields its URL."""
    import uvicorn

    port = _free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded]]:
    """The app on a real port, in a thread, over a seeded SQLite store."""
    _need_browser()
    from trucewatch.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    store = open_store(url)
    seeded = seed(store, login=("admin", "analyst", "ru", "viewer"))
    seeded.db_url = url  # type: ignore[attr-defined]  # for tests that change the store live
    store.close()
    app = create_app(url, secret_key="browser-test", secure_cookies=False)
    with serving(app) as base:
        yield base, seeded


@pytest.fixture
def page(server):
    """A fresh browser page that records every request it makes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context()
        tab = context.new_page()
        tab.requested = []  # type: ignore[attr-defined]
        tab.console_errors = []  # type: ignore[attr-defined]
        tab.on("request", lambda r: tab.requested.append(r.url))
        tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
        tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
        yield tab
        context.close()
        browser.close()


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def assert_same_origin(page, base: str) -> None:
    origin = urlsplit(base).netloc
    outside = [
        u for u in page.requested if not u.startswith("data:") and urlsplit(u).netloc != origin
    ]
    assert page.requested and not outside, outside


def test_dashboard_map_shows_and_filters_events(server, page) -> None:
    base, _ = server
    log_in(page, base, "admin")
    # Waits by selector: the CSP forbids the eval that wait_for_function would need.
    page.wait_for_selector("#map[data-count='3']", state="attached")
    assert page.locator("path.event").count() == 3
    assert page.locator("path.ruling-violation").count() == 1
    page.locator("path.leaflet-interactive").nth(3).wait_for(state="attached")  # zones drawn
    page.select_option("#map-filters select[name=ruling]", "violation")
    page.wait_for_selector("#map[data-count='1']", state="attached")
    assert page.locator("path.event").count() == 1
    assert "ruling=violation" in page.url
    assert not page.console_errors, page.console_errors  # CSP let everything we need run
    assert_same_origin(page, base)


def test_incident_evidence_is_highlighted_and_inert(server, page) -> None:
    base, seeded = server
    log_in(page, base, "analyst")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/incidents/{seeded.shelling}")
    marks = page.locator(".report-text mark")
    assert marks.count() == 3
    assert marks.nth(0).inner_text() == "Shells hit Douma"
    assert marks.nth(1).inner_text() == "<script>alert(2)</script>"  # shown as text
    assert page.locator(".report-text script, .report-text img").count() == 0
    page.goto(f"{base}/incidents")
    page.click(f"a[href='/incidents/{seeded.strike}']")
    assert page.locator(".report-text mark[data-field=killed]").inner_text() == "killing 4 people"
    assert not dialogs
    assert_same_origin(page, base)


def test_liaison_acknowledges_a_hotline_message(server, page) -> None:
    base, seeded = server
    log_in(page, base, "ru")
    page.goto(base + "/hotline")
    message = page.locator(f"#message-{seeded.message_to_ru}")
    assert "overdue" in (message.get_attribute("class") or "")
    message.locator("input[name=reply]").fill("Checking with the air force")
    message.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/hotline#message-{seeded.message_to_ru}")
    acked = page.locator(f"#message-{seeded.message_to_ru} .acked")
    assert "Checking with the air force" in acked.inner_text()
    assert_same_origin(page, base)
