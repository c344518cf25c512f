"""Take the README's pictures of the web app: dashboard, an event, the map on Aleppo, a register.

    make demo
    TRUCEWATCH_AUDIT_KEY_FILE=demo-output/audit.key .venv/bin/python scripts/screenshots.py

Writes ``docs/dashboard.png``, ``docs/event.png``, ``docs/map-aleppo.png`` and
``docs/register.png`` from a copy of the demo store (``--db``, default
``demo-output/trucewatch.db``; without one the demo is built in a temporary folder). The audit key
is the store's own (``audit.key`` beside it) unless ``TRUCEWATCH_AUDIT_KEY_FILE`` says otherwise.
A throwaway admin with a random password is added to the copy. Needs Debian's Chromium at
/usr/bin/chromium and the Playwright Python package (no browser download); nothing is fetched.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEMO_DB = ROOT / "demo-output" / "trucewatch.db"
DAY = "2016-03-01"  # the analyst opens the dashboard at 1 March 2016
ALEPPO = "#map=13/36.2050/37.1500"  # zoom/lat/lon: the city and its neighbourhoods


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _store_copy(db: Path | None, tmp: Path) -> str:
    """A copy of ``db`` (or a fresh demo) in ``tmp``, with the audit key it was signed with."""
    copy = tmp / "trucewatch.db"
    if db is None:
        from trucewatch.demo import run

        os.environ.setdefault("TRUCEWATCH_AUDIT_KEY_FILE", str(tmp / "audit.key"))
        run(tmp)
    else:
        shutil.copy(db, copy)
        key = db.parent / "audit.key"
        if key.exists():
            os.environ.setdefault("TRUCEWATCH_AUDIT_KEY_FILE", str(key))
    return f"sqlite:///{copy}"


def _wait_for_map(page) -> None:
    page.wait_for_selector("#map:not([data-count=''])", state="attached")
    page.wait_for_selector("#map[data-labels]", state="attached")
    page.wait_for_timeout(700)  # clusters and names finish their animation


def take(page, base: str, docs: Path) -> list[Path]:
    """Visit the four pages as a logged-in admin and save one picture of each."""
    shots = []

    def save(name: str, **options) -> None:
        path = docs / name
        page.screenshot(path=str(path), **options)
        shots.append(path)

    page.goto(f"{base}/?day={DAY}")
    _wait_for_map(page)
    save("dashboard.png", full_page=True)

    page.goto(f"{base}/{ALEPPO}")
    _wait_for_map(page)
    page.locator(".map-wrap").screenshot(path=str(docs / "map-aleppo.png"))
    shots.append(docs / "map-aleppo.png")

    found = page.request.get(f"{base}/api/v1/map/events?ruling=violation").json()["features"]
    if found:
        page.goto(f"{base}/events/{found[0]['properties']['id']}")
        save("event.png")  # the top of the page: facts, corroboration, first rulings

    page.goto(f"{base}/rulings")
    save("register.png")
    return shots


def main() -> None:
    """Serve a copy of the demo store, log in, and write the pictures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEMO_DB if DEMO_DB.exists() else None)
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from trucewatch.centre.users import SYSTEM, add_user
    from trucewatch.store import open_store
    from trucewatch.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        url = _store_copy(args.db, Path(tmp))
        password = secrets.token_urlsafe(16)
        store = open_store(url)
        with store.transaction() as conn:
            add_user(conn, SYSTEM, "screenshot", "admin", password=password)
        store.close()
        port = _port()
        app = create_app(url, secure_cookies=False)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.goto(base + "/")
                page.fill("input[name=username]", "screenshot")
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
                page.wait_for_url(base + "/")
                args.docs.mkdir(parents=True, exist_ok=True)
                shots = take(page, base, args.docs)
                browser.close()
        finally:
            server.should_exit = True
    for shot in shots:
        print(f"wrote {shot}")


if __name__ == "__main__":
    main()
