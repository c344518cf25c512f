"""``trucewatch watch`` as a process: killed between ingest and alert, and on the demo's reports.

These spawn the real command (slow lane). Servers run here, on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import EXAMPLES
from tests.live_servers import FeedServer, Route, WebhookReceiver
from tests.test_live_watch import ARTICLE, SECRET, strike_feed
from trucewatch.store import open_store
from trucewatch.store.corroboration_tables import events as events_table
from trucewatch.store.rulings import current_rulings
from trucewatch.store.schema import reports

pytestmark = pytest.mark.slow
AGREEMENTS = EXAMPLES / "agreements"


def trucewatch(*args: str, db: str) -> list[str]:
    return [sys.executable, "-m", "trucewatch.cli", *args, "--db", db]


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    done = subprocess.run(trucewatch(*args, db=db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def test_watch_killed_between_ingest_and_alert_alerts_exactly_once_after_restart(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'live.db'}"
    with FeedServer() as feeds, WebhookReceiver() as hook:
        feeds.routes["/feed.xml"] = Route(strike_feed(feeds))
        feeds.routes["/news/maarat"] = Route(ARTICLE.encode(), content_type="text/html")
        run("feeds", "add", f"{feeds.base}/feed.xml", "--name", "wire", "--every", "1", db=db)
        run("alerts", "add", "--webhook", hook.url, "--secret", SECRET, db=db)
        watch = subprocess.Popen(
            trucewatch("watch", "--agreements", str(AGREEMENTS), db=db),
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            for line in watch.stderr:  # one JSON line per step
                entry = json.loads(line)
                if entry["event"] == "poll" and entry["reports"] == 1:
                    watch.send_signal(signal.SIGKILL)  # stored, not yet ruled nor alerted
                    break
        finally:
            watch.kill()
            watch.wait(timeout=30)
        assert hook.received == []
        with open_store(db).engine.connect() as conn:
            assert len(conn.execute(select(reports.c.id)).all()) == 1
        run("watch", "--once", "--agreements", str(AGREEMENTS), db=db)
        run("watch", "--once", "--agreements", str(AGREEMENTS), db=db)
        (got,) = hook.verified(SECRET)
        assert json.loads(got.body)["changes"] == ["new_event"]
        log = run("alerts", "log", db=db).stdout
        assert "ok HTTP 204" in log


def _built(db: str) -> tuple[set[str], set[str], set[tuple[str, str, str]]]:
    store = open_store(db)
    with store.engine.connect() as conn:
        hashes = set(conn.execute(select(reports.c.content_hash)).scalars())
        events = set(conn.execute(select(events_table.c.id)).scalars())
        rulings = {
            (s.ruling.incident, s.ruling.agreement, s.ruling.ruling.value)
            for s in current_rulings(conn)
        }
    store.close()
    return hashes, events, rulings


def test_watch_once_on_a_drop_folder_stores_what_the_demo_stores(tmp_path: Path):
    from trucewatch.corroborate.stage import corroborate_stored
    from trucewatch.ingest.run import ingest
    from trucewatch.pipeline import adjudicate_stored, extract_stored

    demo = f"sqlite:///{tmp_path / 'demo.db'}"
    store = open_store(demo)  # the stages `make demo` runs, in its order
    ingest(store, [EXAMPLES / "reports"])
    extract_stored(store)
    corroborate_stored(store)
    adjudicate_stored(store, AGREEMENTS)
    store.close()

    drop = tmp_path / "drop"
    shutil.copytree(EXAMPLES / "reports", drop)
    live = f"sqlite:///{tmp_path / 'live.db'}"
    run("feeds", "add", "--folder", str(drop), "--name", "drop", db=live)
    run("watch", "--once", "--agreements", str(AGREEMENTS), db=live)
    expected = _built(demo)
    assert expected[0] and expected[1] and expected[2]
    assert _built(live) == expected

    # A file dropped later is read on the next cycle; the ones already read are not read again.
    (drop / "late.txt").write_text(
        "Shelling hit the village of Kafr Nabl in Idlib on 9 March 2016, killing two people, "
        "a local council said.\n",
        encoding="utf-8",
    )
    env = {**os.environ}
    done = subprocess.run(
        trucewatch("feeds", "list", "--json", db=live), capture_output=True, text=True, env=env
    )
    assert json.loads(done.stdout)["health"] == "ok"
    # the folder is due again only after its interval: make it due now
    with open_store(live).transaction() as conn:
        from trucewatch.store.live_tables import live_feeds

        conn.execute(live_feeds.update().values(next_due=live_feeds.c.created_at))
    run("watch", "--once", db=live)
    assert len(_built(live)[0]) == len(expected[0]) + 1
