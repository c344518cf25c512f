"""The API's real queries use indexes on PostgreSQL (EXPLAIN plans of the SQL they send).

The queries are captured as the web layer sends them (so a change there is checked too), then
explained with sequential scans discouraged: a query an index can serve then shows that index
with an index condition; one no index serves falls back to reading the whole table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event

from trucewatch.store import Store
from trucewatch.store.bulk import insert_all
from trucewatch.store.schema import incidents, mentions, reports, rulings, sources
from trucewatch.web.queries import (
    IncidentFilter,
    incident_mentions,
    ruling_versions,
    search_incidents,
)

pytestmark = pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)

GOVERNORATES = ("Aleppo", "Idlib", "Hama", "Homs", "Damascus", "Rif Dimashq", "Daraa", "Raqqa")
TYPES = ("airstrike", "shelling", "ground_clash", "ied", "aid_blocked", "arrest")
N_INCIDENTS = 6000


def _fill(store: Store) -> None:
    """Enough rows, spread over dates, places and types, for the planner to take stats from."""
    now = dt.datetime(2016, 12, 31, tzinfo=dt.UTC)
    start = dt.date(2016, 1, 1)
    report_rows = [
        {
            "id": f"rep{n:05d}",
            "source_id": 1,
            "content_hash": f"{n:064d}",
            "text": "Shelling reported.",
            "raw": b"Shelling reported.",
            "language": "en",
            "published_basis": "unknown",
            "annotations": {},
            "repairs": [],
            "ingested_at": now,
        }
        for n in range(N_INCIDENTS // 10)
    ]
    incident_rows = [
        {
            "id": f"rep{n // 10:05d}-i{n % 10}",
            "report_id": f"rep{n // 10:05d}",
            "seq": n % 10,
            "type": TYPES[n % len(TYPES)],
            "date": start + dt.timedelta(days=n % 366),
            "governorate": GOVERNORATES[n % len(GOVERNORATES)],
            "main": n % 10 == 0,
            "extracted_at": now,
        }
        for n in range(N_INCIDENTS)
    ]
    ruling_rows = [
        {
            "incident_id": row["id"],
            "agreement": agreement,
            "ruling": "violation",
            "reasons": [],
            "version": 1,
            "basis_hash": "0" * 64,
            "ruled_at": now,
        }
        for row in incident_rows
        for agreement in ("coh-2016-02", "coh-2016-09")
    ]
    mention_rows = [
        {
            "report_id": row["report_id"],
            "incident_id": row["id"],
            "field": "place",
            "start": 0,
            "end": 8,
            "text": "Shelling",
        }
        for row in incident_rows
    ]
    with store.transaction() as conn:
        conn.execute(sources.insert().values(id=1, name="wire-a"))
        insert_all(conn, reports, report_rows)
        insert_all(conn, incidents, incident_rows)
        insert_all(conn, rulings, ruling_rows)
        insert_all(conn, mentions, mention_rows)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


@pytest.fixture
def filled(store: Store) -> Store:
    _fill(store)
    return store


def _captured(store: Store, call: Callable[[Connection], Any]) -> list[tuple[str, Any]]:
    """The statements (and parameters) ``call`` sends to the database."""
    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.engine.connect() as conn:
            call(conn)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return sent


def _plan_nodes(store: Store, statement: str, parameters: Any) -> list[dict]:
    """Every node of the statement's plan, with sequential scans discouraged."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        raw = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters).scalar_one()
    plan = raw if isinstance(raw, list) else json.loads(raw)

    def walk(node: dict) -> Iterator[dict]:
        yield node
        for child in node.get("Plans", []):
            yield from walk(child)

    return list(walk(plan[0]["Plan"]))


def _index_conditions(nodes: list[dict]) -> dict[str, str]:
    """Index name → its condition, for index scans that narrow by a condition."""
    return {n["Index Name"]: n["Index Cond"] for n in nodes if "Index Cond" in n}


def _incident_queries(store: Store, f: IncidentFilter) -> list[tuple[str, Any]]:
    sent = _captured(store, lambda conn: search_incidents(conn, f, limit=50))
    on_incidents = [(s, p) for s, p in sent if "FROM incidents" in s]
    assert len(on_incidents) >= 2, "expected the count and the page query"
    return on_incidents


@pytest.mark.parametrize(
    ("incident_filter", "index", "column"),
    [
        (
            IncidentFilter(date_from=dt.date(2016, 2, 27), date_to=dt.date(2016, 3, 5)),
            "ix_incidents_date",
            "date",
        ),
        (IncidentFilter(governorate="daraa"), "ix_incidents_governorate_lower", "governorate"),
        (IncidentFilter(type="airstrike"), "ix_incidents_type", "type"),
    ],
    ids=["date-range", "governorate", "type"],
)
def test_incident_filters_use_an_index(
    filled: Store, incident_filter: IncidentFilter, index: str, column: str
) -> None:
    for statement, parameters in _incident_queries(filled, incident_filter):
        nodes = _plan_nodes(filled, statement, parameters)
        conditions = _index_conditions(nodes)
        assert index in conditions, f"{index} unused; plan nodes: {conditions}"
        assert column in conditions[index]
        seq = [
            n
            for n in nodes
            if n["Node Type"] == "Seq Scan"
            and n["Relation Name"] in {"incidents", "rulings", "mentions"}
        ]
        assert not seq, f"whole-table read: {seq}"


def test_rulings_of_listed_incidents_use_an_index(filled: Store) -> None:
    sent = _captured(filled, lambda conn: search_incidents(conn, IncidentFilter(type="ied")))
    on_rulings = [(s, p) for s, p in sent if "FROM rulings" in s and "incidents" not in s]
    assert on_rulings, "expected the query that attaches rulings to the page"
    for statement, parameters in on_rulings:
        conditions = _index_conditions(_plan_nodes(filled, statement, parameters))
        assert any("incident_id" in cond for cond in conditions.values()), conditions


@pytest.mark.parametrize(
    ("query", "table"),
    [(ruling_versions, "rulings"), (incident_mentions, "mentions")],
    ids=["rulings-by-incident", "mentions-by-incident"],
)
def test_one_incidents_rows_use_an_index(filled: Store, query: Callable, table: str) -> None:
    sent = _captured(filled, lambda conn: query(conn, "rep00042-i3"))
    assert len(sent) == 1
    nodes = _plan_nodes(filled, *sent[0])
    conditions = _index_conditions(nodes)
    assert any("incident_id" in cond for cond in conditions.values()), conditions
    assert not [
        n for n in nodes if n.get("Relation Name") == table and n["Node Type"] == "Seq Scan"
    ]
