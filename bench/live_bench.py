"""Live monitoring: latency from a feed item's publication to its alert, and items per minute.

Usage::

    .venv/bin/python bench/live_bench.py --latency-items 20 --gap 4 --burst 60

Starts, on 127.0.0.1, a feed server and a webhook receiver, and one real ``trucewatch watch``
process (``--every 1``: the feed is polled each second) over a fresh SQLite store, ruling under
the demo agreements. Items are air strikes we write, each on its own town and day, so each is a
new event and one alert.

1. Latency: ``--latency-items`` items published one at a time, ``--gap`` seconds apart; for
   each, the seconds from its appearing in the feed to its alert reaching the receiver.
   Prints the median and the 95th percentile.
   Each item has only a one-line summary: its article is fetched from its link (trafilatura).
   ``--preload FILE...`` first fills the store (ingested, extracted, corroborated and ruled), to
   see what a store's size costs each cycle.
2. Throughput: ``--burst`` items published at once; items per minute from their publication to
   the last of their alerts (one ``watch`` process, sustained over the burst).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live_servers import FeedServer, Route, WebhookReceiver, rss, wait_for  # noqa: E402

AGREEMENTS = ROOT / "examples" / "syria-2016" / "agreements"
TOWNS = [
    ("Maarat al-Numan", "Idlib"),
    ("Saraqeb", "Idlib"),
    ("Kafr Nabl", "Idlib"),
    ("Jisr al-Shughur", "Idlib"),
    ("Khan Shaykhun", "Idlib"),
    ("Atareb", "Aleppo"),
    ("Douma", "Rif Dimashq"),
    ("Talbiseh", "Homs"),
    ("Rastan", "Homs"),
    ("Daraya", "Rif Dimashq"),
]
SECRET = "bench"


def article(n: int) -> bytes:
    """The n-th strike's page: the feed item carries only a one-line summary of it."""
    town, governorate = TOWNS[n % len(TOWNS)]
    day = dt.date(2016, 3, 1) + dt.timedelta(days=n // len(TOWNS))
    return (
        f"<html><head><title>Strike on {town}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Strike on {town}</h1><p>Syrian government warplanes carried out an air "
        f"strike on the town of {town} in {governorate} province on {day:%-d %B %Y}, killing "
        f"{n % 9 + 2} civilians, a local monitoring group said.</p><p>Rescue workers searched "
        "the rubble until the evening, residents said.</p></article></body></html>"
    ).encode()


def item(n: int, base: str) -> dict[str, str]:
    """The n-th strike: a town and a day of its own (March 2016 onwards)."""
    town, governorate = TOWNS[n % len(TOWNS)]
    day = dt.date(2016, 3, 1) + dt.timedelta(days=n // len(TOWNS))
    return {
        "title": f"Strike on {town}",
        "link": f"{base}/news/{n}",
        "guid": f"bench-{n}",
        "description": f"Warplanes hit {town} in {governorate}.",
        # the story's own time (the demo agreements are of 2016); latency counts from the
        # moment the item appears in the feed
        "pubDate": email.utils.format_datetime(
            dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC), usegmt=True
        ),
    }


class Feed:
    """The feed's items, with the moment each was published (added)."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        self.items: list[dict[str, str]] = []
        self.published: dict[str, float] = {}
        self.lock = threading.Lock()
        self._serve()

    def _serve(self) -> None:
        self.server.routes["/feed.xml"] = Route(rss(self.items[-200:]), etag=f'"{len(self.items)}"')

    def publish(self, numbers: list[int]) -> None:
        with self.lock:
            now = time.time()
            for n in numbers:
                self.server.routes[f"/news/{n}"] = Route(article(n), content_type="text/html")
                entry = item(n, self.server.base)
                self.items.append(entry)
                self.published[entry["guid"]] = now
            self._serve()


class Timed(list):
    """The receiver's list of deliveries, noting when each one landed."""

    def __init__(self) -> None:
        super().__init__()
        self.at: list[float] = []

    def append(self, got) -> None:  # called on the receiver's thread
        self.at.append(time.time())
        super().append(got)


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server, WebhookReceiver() as hook:
        db = f"sqlite:///{Path(tmp) / 'live.db'}"
        cli = [sys.executable, "-m", "trucewatch.cli"]
        feed = Feed(server)
        hook.received = Timed()
        arrivals = hook.received.at
        steps = [["feeds", "add", f"{server.base}/feed.xml", "--name", "bench", "--every", "1"]]
        if args.preload:  # a store that already holds these reports, extracted and ruled
            steps.append(["ingest", *args.preload])
            steps.append(["watch", "--once", "--agreements", str(AGREEMENTS)])
        steps.append(["alerts", "add", "--webhook", hook.url, "--secret", SECRET])
        for step in steps:
            subprocess.run([*cli, *step, "--db", db], check=True, capture_output=True)
        watch = subprocess.Popen(
            [*cli, "watch", "--every", "1", "--agreements", str(AGREEMENTS), "--db", db],
            stderr=subprocess.DEVNULL,
        )
        try:
            # warm-up: the first cycle loads the language model; not counted
            feed.publish([999])
            wait_for(lambda: len(arrivals) >= 1, 300)
            latencies = []
            for n in range(args.latency_items):
                before = len(arrivals)
                feed.publish([n])
                start = feed.published[f"bench-{n}"]
                if not wait_for(lambda b=before: len(arrivals) > b, 120):
                    raise SystemExit(f"no alert for item {n} within 120 s")
                latencies.append(arrivals[before] - start)
                time.sleep(args.gap)
            before = len(arrivals)
            burst = list(range(args.latency_items, args.latency_items + args.burst))
            feed.publish(burst)
            start = time.time()
            if not wait_for(lambda: len(arrivals) >= before + len(burst), 900):
                raise SystemExit(f"only {len(arrivals) - before} of {len(burst)} burst alerts")
            took = arrivals[-1] - start
        finally:
            watch.terminate()
            watch.wait(timeout=60)
        bodies = [json.loads(r.body) for r in hook.received]
        assert all(b["changes"] == ["new_event"] for b in bodies)
        latencies.sort()
        return {
            "latency_items": len(latencies),
            "latency_median_s": round(statistics.median(latencies), 2),
            "latency_p95_s": round(latencies[max(0, int(0.95 * len(latencies)) - 1)], 2),
            "latency_max_s": round(latencies[-1], 2),
            "burst_items": len(burst),
            "burst_seconds": round(took, 1),
            "items_per_minute": round(60 * len(burst) / took, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency-items", type=int, default=20)
    parser.add_argument("--gap", type=float, default=4.0, help="seconds between latency items")
    parser.add_argument("--burst", type=int, default=60)
    parser.add_argument(
        "--preload", nargs="*", default=[], help="files to ingest (and rule) before watching"
    )
    result = run(parser.parse_args())
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
