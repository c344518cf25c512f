"""Log-in timing: does a failed log-in take as long for a name that does not exist as for one
that does? (Issue 18, item 5; the regression test checks the hasher runs, this measures it.)

    .venv/bin/python bench/login_timing.py --n 30

Builds a throwaway SQLite store with one user, posts wrong passwords through the real login form
(CSRF token included) alternately for that user and for names that do not exist, and prints the
median, spread and overlap of the two. The throttle is set high enough not to interfere.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from trucewatch.centre.audit_key import key_file
from trucewatch.centre.users import SYSTEM, add_user
from trucewatch.store import open_store
from trucewatch.web import create_app


def _post(client: TestClient, name: str) -> float:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    start = time.perf_counter()
    answer = client.post(
        "/login",
        data={"username": name, "password": "not the password", "csrf_token": token},
        follow_redirects=False,
    )
    took = time.perf_counter() - start
    assert answer.status_code == 401, answer.status_code
    return took * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="attempts of each kind")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp, key_file(Path(tmp) / "audit.key"):
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        with store.transaction() as conn:
            add_user(conn, SYSTEM, "analyst-one", "analyst", password="a long pass phrase here")
        store.close()
        app = create_app(url, secret_key="bench", secure_cookies=False, login_limit=10 * n)
        existing: list[float] = []
        missing: list[float] = []
        with TestClient(app) as client:
            _post(client, "warm-up")
            for i in range(n):
                existing.append(_post(client, "analyst-one"))
                missing.append(_post(client, f"nobody-{i}"))
        app.state.store.close()
    print("| name | n | median ms | min ms | max ms |")
    print("|---|---|---|---|---|")
    for label, times in (("exists", existing), ("does not exist", missing)):
        row = f"{statistics.median(times):.0f} | {min(times):.0f} | {max(times):.0f}"
        print(f"| {label} | {len(times)} | {row} |")
    overlap = min(max(existing), max(missing)) - max(min(existing), min(missing))
    print(f"\nranges overlap by {overlap:.0f} ms" if overlap > 0 else "\nranges do not overlap")


if __name__ == "__main__":
    main()
