"""An ingest killed with SIGKILL at any moment, then re-run, stores every report exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from trucewatch.store import open_store
from trucewatch.store.schema import reports

N_REPORTS = 12_000
PLACES = ["Douma", "Harasta", "Jobar", "Darayya", "Azaz", "Kafr Nabl", "Tal Rifaat", "Manbij"]
KINDS = ["Shelling hit", "An air strike struck", "Clashes broke out in", "A convoy reached"]


def _write_feed(path) -> None:
    rng = random.Random(27)
    with path.open("w") as f:
        for i in range(N_REPORTS):
            text = (
                f"{rng.choice(KINDS)} {rng.choice(PLACES)} on day {i}, "
                f"a monitor said in bulletin {i} of the series."
            )
            f.write(json.dumps({"id": f"r{i}", "source": f"outlet-{i % 7}", "text": text}) + "\n")


def _ingest_cmd(feed, url):
    return [sys.executable, "-m", "trucewatch.cli", "ingest", str(feed), "--db", url]


def _count(url) -> int:
    store = open_store(url, migrate=False)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(reports)).scalar_one()
    except Exception:  # the schema may not exist yet if the kill came before migration
        return 0
    finally:
        store.close()


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(store_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_midway = 0
    rng = random.Random(9)
    for _round in range(3):
        proc = subprocess.Popen(
            _ingest_cmd(feed, store_url), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        # wait until some reports are stored, then kill at a random moment after that
        deadline = time.monotonic() + 60
        while proc.poll() is None and _count(store_url) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if 0 < _count(store_url) < N_REPORTS:
                killed_midway += 1
        else:
            assert proc.returncode == 0, proc.stderr.read().decode()
    assert killed_midway >= 1, "no round was killed mid-ingest; raise N_REPORTS"

    done = subprocess.run(_ingest_cmd(feed, store_url), capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert _count(store_url) == N_REPORTS
    store = open_store(store_url)
    with store.engine.connect() as conn:
        ids = conn.execute(select(reports.c.external_id)).scalars().all()
    store.close()
    assert sorted(ids) == sorted(f"r{i}" for i in range(N_REPORTS))
