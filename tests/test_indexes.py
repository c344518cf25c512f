"""The API's real queries use indexes on PostgreSQL (EXPLAIN plans of the SQL they send).

The queries are captured as the web layer sends them (so a change there is checked too), then
explained with sequential scans discouraged: a query an index can serve then shows that index
with an index condition; one no index serves falls back to reading the whole table. A page of
the incident list must be read from an index in the list's order and stop at the page, not sort
every match; its capped count must stop at the cap and read only an index.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event, select

from trucewatch.store import Store, open_store
from trucewatch.store.bulk import insert_all
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.schema import incidents, mentions, reports, rulings, sources
from trucewatch.web.event_queries import MAP_LIMIT, event_page, map_events
from trucewatch.web.queries import (
    COUNT_LIMIT,
    IncidentFilter,
    count_incidents,
    incident_mentions,
    incident_page,
    ruling_versions,
)


@pytest.fixture
def store(postgres_database_url: str) -> Iterator[Store]:
    """A migrated, empty PostgreSQL store in a database of its own, so that VACUUM's visibility
    map (and so the plans) does not depend on tests running beside it."""
    opened = open_store(postgres_database_url)
    yield opened
    opened.close()


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
            # Some incidents have no date: the list puts them last.
            "date": None if n % 97 == 0 else start + dt.timedelta(days=n % 366),
            "governorate": GOVERNORATES[n % len(GOVERNORATES)],
            "lat": 32.5 + n % 45 / 10,
            "lon": 35.8 + n % 62 / 10,
            "main": n % 10 == 0,
            "extracted_at": now,
        }
        for n in range(N_INCIDENTS)
    ]
    # One event per incident here: what the event list, map and rulings read.
    event_rows = [
        {
            "id": f"e-{row['id']}",
            "type": row["type"],
            "date_earliest": row["date"],
            "date_latest": row["date"],
            "event_date": row["date"],
            "date_basis": "text" if row["date"] else "unknown",
            "governorate": row["governorate"],
            "lat": row["lat"],
            "lon": row["lon"],
            "perpetrator_alternatives": [],
            "perpetrators": [],
            "targets": [],
            "killed_values": [],
            "injured_values": [],
            "provenance": {},
            "reports": 1,
            "sources": 1,
            "computed_grade": "unverified",
            "explanation": "",
            "grade": "unverified",
            "corroborated_at": now,
        }
        for row in incident_rows
    ]
    member_rows = [
        {
            "incident_id": row["id"],
            "event_id": f"e-{row['id']}",
            "report_id": row["report_id"],
            "joined": "anchor",
        }
        for row in incident_rows
    ]
    ruling_rows = [
        {
            "event_id": f"e-{row['id']}",
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
        insert_all(conn, events, event_rows)
        insert_all(conn, event_members, member_rows)
        insert_all(conn, rulings, ruling_rows)
        insert_all(conn, mentions, mention_rows)
    with store.engine.connect() as conn:
        # VACUUM as autovacuum would: index-only scans need the visibility map it writes.
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


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


def _plan(store: Store, statement: str, parameters: Any) -> dict:
    """The statement's plan (its top node), with sequential scans discouraged."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        raw = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters).scalar_one()
    plan = raw if isinstance(raw, list) else json.loads(raw)
    return plan[0]["Plan"]


def _walk(node: dict) -> Iterator[dict]:
    """A plan node and every node under it."""
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def _plan_nodes(store: Store, statement: str, parameters: Any) -> list[dict]:
    """Every node of the statement's plan, with sequential scans discouraged."""
    return list(_walk(_plan(store, statement, parameters)))


def _index_conditions(nodes: list[dict]) -> dict[str, str]:
    """Index name → its condition, for index scans that narrow by a condition."""
    return {n["Index Name"]: n["Index Cond"] for n in nodes if "Index Cond" in n}


def _whole_table_reads(nodes: list[dict]) -> list[dict]:
    return [
        n
        for n in nodes
        if n["Node Type"] == "Seq Scan"
        and n["Relation Name"] in {"incidents", "rulings", "mentions"}
    ]


FILTERS = [
    (IncidentFilter(), "ix_incidents_newest", None),
    (
        IncidentFilter(date_from=dt.date(2016, 2, 27), date_to=dt.date(2016, 3, 5)),
        "ix_incidents_newest",
        "date",
    ),
    (IncidentFilter(governorate="daraa"), "ix_incidents_governorate_lower_newest", "governorate"),
    (IncidentFilter(type="airstrike"), "ix_incidents_type_newest", "type"),
]
FILTER_IDS = ["unfiltered", "date-range", "governorate", "type"]


def _compact(nodes: list[dict]) -> list[str]:
    """A plan's nodes in a line each, for failure messages."""
    return [
        f"{n['Node Type']} {n.get('Index Name') or n.get('Relation Name') or ''} "
        f"rows={n['Plan Rows']}"
        for n in nodes
    ]


@pytest.mark.parametrize(("incident_filter", "index", "column"), FILTERS, ids=FILTER_IDS)
@pytest.mark.parametrize(
    ("listing", "page_size"),
    [(lambda conn, f: incident_page(conn, f, limit=50), 50)],
    ids=["page"],
)
def test_a_page_is_read_in_list_order_from_an_index(
    filled: Store,
    listing: Callable,
    page_size: int,
    incident_filter: IncidentFilter,
    index: str,
    column: str | None,
) -> None:
    sent = _captured(filled, lambda conn: listing(conn, incident_filter))
    page = [(s, p) for s, p in sent if "FROM incidents" in s and "LIMIT" in s]
    assert len(page) == 1, "expected one query choosing the page's incidents"
    nodes = _plan_nodes(filled, *page[0])
    scans = [n for n in nodes if n.get("Index Name") == index]
    assert scans, f"{index} unused: {_compact(nodes)}"
    if column:
        assert any(column in n.get("Index Cond", "") for n in scans), _compact(nodes)
    # A sort may order at most a page (more matches than a page must be read in order and the
    # scan stopped): a Sort node's rows are all it reads before the first row comes out.
    sorted_rows = [n["Plan Rows"] for n in nodes if "Sort" in n["Node Type"]]
    assert max(sorted_rows, default=0) <= page_size, _compact(nodes)
    assert not _whole_table_reads(nodes), _compact(nodes)


@pytest.mark.parametrize(
    ("listing", "page_size"),
    [(lambda conn, f: event_page(conn, f, limit=50), 50), (map_events, MAP_LIMIT)],
    ids=["event-page", "event-map"],
)
def test_events_are_read_in_list_order_from_an_index(
    filled: Store, listing: Callable, page_size: int
) -> None:
    sent = _captured(filled, lambda conn: listing(conn, IncidentFilter()))
    page = [(s, p) for s, p in sent if "FROM events" in s and "LIMIT" in s]
    assert len(page) == 1, "expected one query choosing the events"
    nodes = _plan_nodes(filled, *page[0])
    assert any(n.get("Index Name") == "ix_events_newest" for n in nodes), _compact(nodes)
    sorted_rows = [n["Plan Rows"] for n in nodes if "Sort" in n["Node Type"]]
    assert max(sorted_rows, default=0) <= page_size, _compact(nodes)


def test_the_pages_rows_are_read_by_primary_key(filled: Store) -> None:
    sent = _captured(filled, lambda conn: incident_page(conn, IncidentFilter(type="ied")))
    rows = [(s, p) for s, p in sent if "FROM incidents JOIN reports" in s]
    assert len(rows) == 1, "expected one query for the page's rows"
    nodes = _plan_nodes(filled, *rows[0])
    assert "id" in _index_conditions(nodes).get("pk_incidents", ""), _compact(nodes)
    assert not _whole_table_reads(nodes), _compact(nodes)


@pytest.mark.parametrize(("incident_filter", "index", "column"), FILTERS[1:], ids=FILTER_IDS[1:])
def test_a_capped_count_stops_at_the_cap_and_reads_only_an_index(
    filled: Store, incident_filter: IncidentFilter, index: str, column: str
) -> None:
    sent = _captured(filled, lambda conn: count_incidents(conn, incident_filter, up_to=COUNT_LIMIT))
    assert len(sent) == 1
    nodes = _plan_nodes(filled, *sent[0])
    limits = [n for n in nodes if n["Node Type"] == "Limit"]
    assert limits, f"the count does not stop: {_compact(nodes)}"
    only = [n for n in nodes if n["Node Type"] == "Index Only Scan"]
    assert [n["Index Name"] for n in only] == [index], _compact(nodes)
    assert column in only[0]["Index Cond"]


def test_pages_follow_the_list_order_with_undated_incidents_last(filled: Store) -> None:
    with filled.engine.connect() as conn:
        rows = conn.execute(select(incidents.c.id, incidents.c.date)).all()
        seen = []
        for offset in range(0, N_INCIDENTS, 500):
            seen += [r["id"] for r in incident_page(conn, IncidentFilter(), 500, offset)]
    dated = sorted((r for r in rows if r.date), key=lambda r: r.id)
    dated.sort(key=lambda r: r.date, reverse=True)  # stable: ids stay ascending within a day
    undated = sorted(r.id for r in rows if r.date is None)
    assert undated, "the fill has undated incidents"
    assert seen == [r.id for r in dated] + undated


def test_rulings_of_listed_incidents_use_an_index(filled: Store) -> None:
    sent = _captured(filled, lambda conn: incident_page(conn, IncidentFilter(type="ied")))
    on_rulings = [(s, p) for s, p in sent if "FROM rulings" in s and "incidents" not in s]
    assert on_rulings, "expected the query that attaches rulings to the page"
    for statement, parameters in on_rulings:
        conditions = _index_conditions(_plan_nodes(filled, statement, parameters))
        assert any("event_id" in cond for cond in conditions.values()), conditions


@pytest.mark.parametrize(
    ("query", "table", "ident", "column"),
    [
        (ruling_versions, "rulings", "e-rep00042-i3", "event_id"),
        (incident_mentions, "mentions", "rep00042-i3", "incident_id"),
    ],
    ids=["rulings-by-event", "mentions-by-incident"],
)
def test_one_incidents_rows_use_an_index(
    filled: Store, query: Callable, table: str, ident: str, column: str
) -> None:
    sent = _captured(filled, lambda conn: query(conn, ident))
    assert len(sent) == 1
    nodes = _plan_nodes(filled, *sent[0])
    conditions = _index_conditions(nodes)
    assert any(column in cond for cond in conditions.values()), conditions
    assert not [
        n for n in nodes if n.get("Relation Name") == table and n["Node Type"] == "Seq Scan"
    ]
