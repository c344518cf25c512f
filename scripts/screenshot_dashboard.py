"""Refresh ``docs/dashboard.png``: build the demo store, serve it, log in, screenshot the dashboard.

    .venv/bin/python scripts/screenshot_dashboard.py [--db demo-output/trucewatch.db]

Needs Debian's Chromium at /usr/bin/chromium and the Playwright Python package (no browser
download). A throwaway admin with a random password is added to a copy of the store.
"""

from __future__ import annotations

import argparse
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


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo store to copy (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from trucewatch.centre.users import SYSTEM, add_user
    from trucewatch.store import open_store
    from trucewatch.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "trucewatch.db"
        if args.db:
            shutil.copy(args.db, db)
        else:
            from trucewatch.demo import run

            run(Path(tmp))
        url = f"sqlite:///{db}"
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
                page = browser.new_page(viewport={"width": 1280, "height": 1100})
                page.goto(base + "/")
                page.fill("input[name=username]", "screenshot")
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
                page.wait_for_url(base + "/")
                page.wait_for_selector("#map:not([data-count=''])", state="attached")
                page.wait_for_timeout(500)  # let the base layer and zones finish drawing
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
                browser.close()
        finally:
            server.should_exit = True
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
