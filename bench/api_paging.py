"""How big a list answer is with and without its rulings, and how long a deep page takes by
``offset`` against the cursor ``after``, in process (FastAPI's test client; no network).

    .venv/bin/python bench/api_paging.py --db sqlite:////tmp/paging.db --events 300000 \
        [--fakes-db /tmp/fk.db] [--repeat 7]

1. Fills the store at ``--db`` (kept for the next run) with generated events, one report and
   one incident each, and four current rulings per event (the demo's agreements each rule on
   every event), unless it already holds that many events.
2. Sizes: bytes of ``/api/v1/events`` and ``/api/v1/incidents`` at ``limit=500``, without and
   with ``include=rulings`` (with is the shape every list had before), on this store and on
   ``--fakes-db`` (a store built from FA-KES by ``trucewatch ingest`` and ``trucewatch run``).
3. Paging: median and fastest of ``--repeat`` requests (after one unmeasured) of page 1, a
   page 90 % of the way down by ``offset`` and the same page by ``after`` (its cursor made
   from the row before it).
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from trucewatch.centre.users import SYSTEM, add_user, get_user, issue_token
from trucewatch.model.incident import IncidentType
from trucewatch.store import Store, open_store
from trucewatch.store.bulk import insert_all
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.schema import incidents, reports, rulings, sources
from trucewatch.web import create_app
from trucewatch.web.paging import Cursor

GOVERNORATES = ("Aleppo", "Idlib", "Hama", "Homs", "Rif Dimashq", "Daraa", "Raqqa")
ACTORS = ("Syrian government forces", "Russian forces", "Syrian opposition", "ISIL", None)
AGREEMENTS = ("coh-2016-02", "calm-aleppo-2016-05-05", "arrangement-2016-09", "declaration-ru")
BATCH = 20_000


def fill(store: Store, n: int, seed: int = 16) -> None:
    """``n`` events, each with one report, one incident and a ruling under four agreements."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    start = dt.date(2016, 1, 1)
    types = [t.value for t in IncidentType]
    with store.transaction() as conn:
        conn.execute(sources.insert(), [{"id": i + 1, "name": f"outlet-{i}"} for i in range(8)])
    for first in range(0, n, BATCH):
        part = range(first, min(n, first + BATCH))
        rep, inc, ev, mem, rul = [], [], [], [], []
        for k in part:
            day = start + dt.timedelta(days=rng.randrange(700)) if k % 50 else None
            gov, who = rng.choice(GOVERNORATES), rng.choice(ACTORS)
            kind = rng.choice(types)
            rid, iid, eid = f"r{k:09d}", f"r{k:09d}-i0", f"e-r{k:09d}-i0"
            rep.append(
                {
                    "id": rid, "source_id": k % 8 + 1, "content_hash": f"{k:064x}",
                    "title": f"Report {k}", "text": "Shelling was reported.", "raw": b"",
                    "language": "en", "published_date": day, "published_basis": "metadata",
                    "origin": "generated", "row": k, "annotations": {}, "repairs": [],
                    "ingested_at": now,
                }
            )  # fmt: skip
            inc.append(
                {
                    "id": iid, "report_id": rid, "seq": 0, "type": kind, "date": day,
                    "place": f"{gov} district {k % 40}", "governorate": gov,
                    "lat": 32.5 + rng.random() * 4.5, "lon": 35.8 + rng.random() * 6.2,
                    "geo_precision": 3, "perpetrator": who, "target": "civilians",
                    "killed_best": rng.randrange(9), "main": True, "extracted_at": now,
                }
            )  # fmt: skip
            ev.append(
                {
                    "id": eid, "type": kind, "date_earliest": day, "date_latest": day,
                    "event_date": day, "date_basis": "text" if day else "unknown",
                    "place": f"{gov} district {k % 40}", "governorate": gov,
                    "lat": 32.5 + rng.random() * 4.5, "lon": 35.8 + rng.random() * 6.2,
                    "geo_precision": 3, "perpetrator": who, "attribution": "stated",
                    "perpetrator_alternatives": [], "target": "civilians",
                    "killed_best": rng.randrange(9), "perpetrators": [], "targets": [],
                    "killed_values": [], "injured_values": [], "provenance": {},
                    "reports": 1, "sources": 1, "computed_grade": "unverified",
                    "explanation": "one report", "grade": "unverified", "corroborated_at": now,
                }
            )  # fmt: skip
            mem.append({"incident_id": iid, "event_id": eid, "report_id": rid, "joined": "anchor"})
            for agreement in AGREEMENTS:
                ruling = rng.choice(("violation", "undetermined", "not_in_force", "out_of_scope"))
                reasons = [
                    {"clause": "1", "text": f"{ruling} under {agreement}: the generated facts"},
                    {"clause": "2", "text": "the place lies inside the agreement's territory"},
                ]
                rul.append(
                    {
                        "event_id": eid, "agreement": agreement, "ruling": ruling,
                        "reasons": reasons, "version": 1, "basis_hash": "0" * 64, "ruled_at": now,
                    }
                )  # fmt: skip
        with store.transaction() as conn:
            for table, rows in (
                (reports, rep),
                (incidents, inc),
                (events, ev),
                (event_members, mem),
                (rulings, rul),
            ):
                insert_all(conn, table, rows)
        print(f"  {part.stop:,} events stored", file=sys.stderr)


def token_for(store: Store) -> str:
    """An API token for a viewer named ``bench`` (created when missing)."""
    with store.transaction() as conn:
        if get_user(conn, "bench") is None:
            add_user(conn, SYSTEM, "bench", "viewer")
        return issue_token(conn, SYSTEM, "bench")


def timed(client: TestClient, headers: dict, url: str, repeat: int) -> str:
    """Median and fastest milliseconds of ``repeat`` GETs of ``url`` (after one unmeasured):
    the machine is shared, so the fastest is the cost with the least interference."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - began) * 1000)
    return f"{statistics.median(times):.1f} / {min(times):.1f}"


def sizes(url: str, label: str) -> None:
    """Bytes of the two lists at ``limit=500`` without and with ``include=rulings``."""
    store = open_store(url)
    headers = {"Authorization": f"Bearer {token_for(store)}"}
    store.close()
    app = create_app(url, secret_key="bench", secure_cookies=False)
    with TestClient(app) as client:
        for path in ("/api/v1/events", "/api/v1/incidents"):
            lean = client.get(f"{path}?limit=500", headers=headers)
            full = client.get(f"{path}?limit=500&include=rulings", headers=headers)
            items = len(lean.json()["items"])
            print(
                f"| {label} | `{path}?limit=500` ({items} items) | {len(full.content):,} | "
                f"{len(lean.content):,} | {len(lean.content) / len(full.content):.0%} |"
            )
    app.state.store.close()


def paging(url: str, n: int, repeat: int) -> None:
    """Page 1, a page 90 % down by offset, and the same page by cursor, for both lists."""
    store = open_store(url)
    headers = {"Authorization": f"Bearer {token_for(store)}"}
    deep = n * 9 // 10
    with store.engine.connect() as conn:
        before = {}
        for kind, table, day in (
            ("events", events, events.c.event_date),
            ("incidents", incidents, incidents.c.date),
        ):
            query = (
                select(table.c.id, day)
                .order_by(day.desc().nulls_last(), table.c.id)
                .offset(deep - 1)
                .limit(1)
            )
            ident, when = conn.execute(query).one()
            before[kind] = Cursor(kind, when, ident).token()
    store.close()
    app = create_app(url, secret_key="bench", secure_cookies=False)
    with TestClient(app) as client:
        for kind in ("events", "incidents"):
            path = f"/api/v1/{kind}"
            first = timed(client, headers, f"{path}?limit=50", repeat)
            by_offset = timed(client, headers, f"{path}?limit=50&offset={deep}", repeat)
            by_cursor = timed(
                client, headers, f"{path}?limit=50&{urlencode({'after': before[kind]})}", repeat
            )
            same = (
                client.get(f"{path}?limit=50&offset={deep}", headers=headers).json()["items"]
                == client.get(
                    f"{path}?limit=50&{urlencode({'after': before[kind]})}", headers=headers
                ).json()["items"]
            )
            print(
                f"| `{path}?limit=50` | {first} | {by_offset} (offset {deep:,}) | "
                f"{by_cursor} | {'yes' if same else 'NO'} |"
            )
    app.state.store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite:////tmp/trucewatch-paging.db")
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--fakes-db", help="a store built from FA-KES, for sizes on real data")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    began = time.perf_counter()
    store = open_store(args.db)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(events)).scalar_one()
    if have < args.events:
        fill(store, args.events)
    store.close()
    print(f"store ready in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    print("| store | list | bytes with `include=rulings` (before) | bytes now | now/before |")
    print("|---|---|---|---|---|")
    if args.fakes_db:
        sizes(f"sqlite:///{args.fakes_db}", "FA-KES")
    sizes(args.db, f"generated, {args.events:,} events")
    print()
    print("| list (ms: median / fastest) | page 1 | deep page, offset | same page, cursor | same |")
    print("|---|---|---|---|---|")
    paging(args.db, args.events, args.repeat)
    print(f"\ntotal {time.perf_counter() - began:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
