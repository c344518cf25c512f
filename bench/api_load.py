"""API latency and throughput under a steady load, against PostgreSQL holding 1M incidents.

    .venv/bin/python bench/api_load.py --db-base postgresql://postgres@127.0.0.1:5432/test \
        --incidents 1000000 --rate 200 --duration 30

1. Fills a PostgreSQL schema (``--schema``, kept for the next run) with generated reports,
   incidents (one report in ten has ten), one ruling and one mention per incident, by bulk COPY.
   A schema already holding enough incidents is reused as it is. Then ``VACUUM ANALYZE``, as
   autovacuum would do to a store at rest (a schema filled before it needs one by hand).
2. Starts the web app on 127.0.0.1 as ``trucewatch serve`` does (``trucewatch.web.app.serve``,
   ``--server-workers`` uvicorn processes); its log goes to a file in the temporary directory.
3. Sends requests at a fixed rate (open loop, at most ``--concurrency`` in flight) from this
   process: incident lists filtered by a week, a governorate or a type, and single incidents.
   Latency is counted from when a request was due, so a slow server cannot hide queueing.
   ``--warmup`` seconds of the same load come first and are not counted.
Prints a Markdown table of p50, p99, max and achieved throughput per request kind.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, func, select, text

from trucewatch.model.incident import IncidentType
from trucewatch.store import Store, open_store
from trucewatch.store.bulk import insert_all
from trucewatch.store.db import database_url
from trucewatch.store.schema import incidents, mentions, reports, rulings, sources

GOVERNORATES = (
    "Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Daraa", "Quneitra",
    "Raqqa", "Deir ez-Zor", "Hasakah", "Latakia", "Tartus", "Suwayda",
)  # fmt: skip
TYPES = tuple(t.value for t in IncidentType)
ACTORS = ("Syrian Arab Army", "Russian Aerospace Forces", "ISIL", "Jabhat al-Nusra", "YPG", None)
BATCH = 50_000
# The server as ``trucewatch serve`` runs it, access log included.
SERVE = (
    "import sys; from trucewatch.web.app import serve; "
    "serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), workers=int(sys.argv[3]))"
)


def schema_url(base: str, schema: str) -> str:
    """A URL whose connections work in ``schema``."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def _batches(n: int) -> Iterator[range]:
    for start in range(0, n, BATCH):
        yield range(start, min(n, start + BATCH))


def fill(store: Store, n_incidents: int, seed: int = 9) -> None:
    """Generate and COPY ``n_incidents`` incidents with their reports, rulings and mentions."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    start = dt.date(2016, 1, 1)
    with store.transaction() as conn:
        conn.execute(sources.insert(), [{"id": i + 1, "name": f"outlet-{i}"} for i in range(8)])
    n_reports = (n_incidents + 9) // 10
    for part in _batches(n_reports):
        rows = [
            {
                "id": f"r{n:09d}",
                "source_id": n % 8 + 1,
                "content_hash": f"{n:064x}",
                "title": f"Report {n}",
                "text": "Shelling and air strikes were reported in the province.",
                "raw": b"",
                "language": "en",
                "published_date": start + dt.timedelta(days=n % 366),
                "published_basis": "metadata",
                "origin": "generated",
                "row": n,
                "annotations": {},
                "repairs": [],
                "ingested_at": now,
            }
            for n in part
        ]
        with store.transaction() as conn:
            insert_all(conn, reports, rows)
    for part in _batches(n_incidents):
        incident_rows, ruling_rows, mention_rows = [], [], []
        for n in part:
            rid, iid = f"r{n // 10:09d}", f"r{n // 10:09d}-i{n % 10}"
            gov = rng.choice(GOVERNORATES)
            incident_rows.append(
                {
                    "id": iid,
                    "report_id": rid,
                    "seq": n % 10,
                    "type": rng.choice(TYPES),
                    "date": start + dt.timedelta(days=rng.randrange(366)),
                    "time_precision": 2,
                    "place": f"{gov} district {n % 50}",
                    "governorate": gov,
                    "lat": 32.5 + rng.random() * 4.5,
                    "lon": 35.8 + rng.random() * 6.2,
                    "geo_precision": 3,
                    "perpetrator": rng.choice(ACTORS),
                    "target": rng.choice(ACTORS),
                    "killed_best": rng.randrange(12),
                    "main": n % 10 == 0,
                    "extracted_at": now,
                }
            )
            ruling_rows.append(
                {
                    "incident_id": iid,
                    "agreement": "coh-2016-02",
                    "ruling": rng.choice(("violation", "undetermined", "not_in_force")),
                    "reasons": [{"clause": "1", "text": "generated"}],
                    "version": 1,
                    "basis_hash": "0" * 64,
                    "ruled_at": now,
                }
            )
            mention_rows.append(
                {
                    "report_id": rid,
                    "incident_id": iid,
                    "field": "type",
                    "start": 0,
                    "end": 8,
                    "text": "Shelling",
                }
            )
        with store.transaction() as conn:
            insert_all(conn, incidents, incident_rows)
            insert_all(conn, rulings, ruling_rows)
            insert_all(conn, mentions, mention_rows)
        print(f"  {part.stop:,} incidents stored", file=sys.stderr)
    with store.engine.connect() as conn:
        # What autovacuum does to a store at rest (the test server runs without it): statistics,
        # and the visibility map that lets capped counts read only an index.
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def prepare(base: str, schema: str, n_incidents: int) -> tuple[str, str, float]:
    """The store's URL, an API token for a viewer, and seconds spent filling (0 if reused)."""
    from trucewatch.centre.users import SYSTEM, add_user, get_user, issue_token

    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    admin.dispose()
    url = schema_url(base, schema)
    store = open_store(url)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(incidents)).scalar_one()
    seconds = 0.0
    if have < n_incidents:
        if have:
            raise SystemExit(f"schema {schema} holds {have:,} incidents; drop it or pick another")
        t0 = time.perf_counter()
        fill(store, n_incidents)
        seconds = time.perf_counter() - t0
    with store.transaction() as conn:
        if get_user(conn, "bench") is None:
            add_user(conn, SYSTEM, "bench", "viewer")
        token = issue_token(conn, SYSTEM, "bench")
    store.close()
    return url, token, seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_plan(rng: random.Random, n_incidents: int) -> tuple[str, str]:
    """One request of the mix: (kind, path)."""
    roll = rng.random()
    if roll < 0.4:
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(359))
        week = f"date_from={day}&date_to={day + dt.timedelta(days=6)}"
        return "list by week", f"/api/v1/incidents?{week}&limit=50"
    if roll < 0.6:
        return "list by governorate", (
            f"/api/v1/incidents?governorate={rng.choice(GOVERNORATES)}&limit=50"
        )
    if roll < 0.8:
        return "list by type", f"/api/v1/incidents?type={rng.choice(TYPES)}&limit=50"
    n = rng.randrange(n_incidents)
    return "one incident", f"/api/v1/incidents/r{n // 10:09d}-i{n % 10}"


class Connections:
    """Keep-alive HTTP/1.1 connections to the server, at most ``size`` open.

    A minimal client (GET, ``Content-Length`` bodies) rather than httpx: the load generator
    shares the machine's 2 cores with the server and PostgreSQL, and httpx spent ~2 ms of CPU
    per request, CPU the server then did not have.
    """

    def __init__(self, port: int, token: str, size: int) -> None:
        self.port = port
        self.head = f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n\r\n"
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.gate = asyncio.Semaphore(size)

    async def get(self, path: str) -> int:
        """GET ``path``; the response's status (its body is read and dropped)."""
        async with self.gate:
            reader = writer = None
            while self.idle:
                reader, writer, used = self.idle.pop()
                # uvicorn closes a connection idle for 5 s: sending on it would fail.
                if not reader.at_eof() and time.perf_counter() - used < 4:
                    break
                writer.close()
                reader = writer = None
            if reader is None or writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                target = quote(path, safe="/?=&")  # "Rif Dimashq" has a space
                writer.write(f"GET {target} HTTP/1.1\r\n{self.head}".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
            except BaseException:
                writer.close()
                raise
            self.idle.append((reader, writer, time.perf_counter()))
            return status

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()


async def load(
    port: int, token: str, rate: float, duration: float, concurrency: int, n_incidents: int
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Open-loop load; latencies (s) per kind, errors, and the wall time of the run."""
    rng = random.Random(2016)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    connections = Connections(port, token, concurrency)

    async def one(kind: str, path: str, due: float) -> None:
        try:
            status = await asyncio.wait_for(connections.get(path), timeout=30)
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
            errors[f"{kind}: {type(exc).__name__}"] += 1
            return
        if status == 200:
            latencies[kind].append(time.perf_counter() - due)
        else:
            errors[f"{kind}: HTTP {status}"] += 1

    tasks = []
    t0 = time.perf_counter()
    total = int(rate * duration)
    for i in range(total):
        due = t0 + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(*request_plan(rng, n_incidents), due)))
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    connections.close()
    return latencies, errors, wall


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000


def main() -> None:
    """Command line: fill (or reuse), serve, load, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-base", required=True, help="PostgreSQL URL")
    parser.add_argument("--schema", default="bench_api_load")
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=200, help="requests per second")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument("--concurrency", type=int, default=64, help="most requests in flight")
    parser.add_argument("--server-workers", type=int, default=1, help="uvicorn processes")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load before")
    args = parser.parse_args()

    base = database_url(args.db_base)
    url, token, fill_seconds = prepare(base, args.schema, args.incidents)
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"api_load-{port}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, url, str(port), str(args.server_workers)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        import httpx

        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/me", timeout=1).status_code:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        # Warm-up, as a server that has run a while: pools filled, statements prepared on each
        # pooled connection (PostgreSQL then reuses their plans), caches warm.
        warm_rate = min(args.rate, 100)
        asyncio.run(load(port, token, warm_rate, args.warmup, args.concurrency, args.incidents))
        load_before = os.getloadavg()[0]
        latencies, errors, wall = asyncio.run(
            load(port, token, args.rate, args.duration, args.concurrency, args.incidents)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.unlink()  # kept only when the run failed, for its traceback

    done = sum(len(v) for v in latencies.values())
    filled = f"filled in {fill_seconds:.0f} s by COPY" if fill_seconds else "reused"
    print(
        f"{args.incidents:,} incidents in PostgreSQL ({filled}); {args.rate:.0f} req/s offered "
        f"for {args.duration:.0f} s, at most {args.concurrency} in flight, "
        f"{args.server_workers} server process(es); load average {load_before:.1f} before the "
        f"run, {os.getloadavg()[0]:.1f} after."
    )
    print()
    print("| requests | count | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|")
    everything = [x for v in latencies.values() for x in v]
    for kind, values in [*sorted(latencies.items()), ("all", everything)]:
        print(
            f"| {kind} | {len(values)} | {pct(values, 0.5):.1f} | {pct(values, 0.99):.1f} "
            f"| {max(values) * 1000:.1f} |"
        )
    print(f"\nAchieved {done / wall:.0f} successful req/s; errors: {dict(errors) or 'none'}.")


if __name__ == "__main__":
    main()
