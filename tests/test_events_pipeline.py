"""Issue 14's done-when checks: every stage is safe to run again, on SQLite and PostgreSQL; an
analyst's grade follows its event or is listed as orphaned; and, on the demo, one event has one
verdict per agreement, the al-Quds toll is updated rather than contradicted, and the Idlib raids
of 1 March are an alleged violation.

The stores are built from the example reports in ``examples/syria-2016`` (our own texts).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.corroborate.grades import override_grade
from trucewatch.ingest.run import ingest
from trucewatch.model.agreement import Ruling, RulingValue
from trucewatch.model.centre import Role, User
from trucewatch.model.event import Event
from trucewatch.model.incident import Attribution, Grade, IncidentType
from trucewatch.pipeline import EXTRACTOR, adjudicate_stored, corroborate_stage, run_stages
from trucewatch.store import Store, open_store
from trucewatch.store.corroboration_tables import event_members, events, grade_history
from trucewatch.store.events import get_event, iter_events
from trucewatch.store.incidents import iter_incidents, save_extraction
from trucewatch.store.orphans import list_orphans
from trucewatch.store.reports import origins_of
from trucewatch.store.rulings import current_rulings
from trucewatch.store.schema import reports

from .conftest import EXAMPLES

AGREEMENTS = EXAMPLES / "agreements"
ANALYST = User("analyst", Role.ANALYST)
# A few example reports: the two al-Quds reports, the Idlib raids, and two others.
SOME = ("nsm-2016-03-01-b", "aid-2016-05-03-a", "levant-2016-03-02-a", "gulfwire-2016-05-05-a")


def _some_reports(tmp_path: Path) -> list[Path]:
    lines = (EXAMPLES / "reports" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if json.loads(line)["id"] in SOME]
    assert len(chosen) == len(SOME)
    feed = tmp_path / "some.jsonl"
    feed.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return [feed, EXAMPLES / "reports" / "html" / "aleppo-quds-hospital.html"]


def snapshot(store: Store) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Events (without the time they were written), members, and current rulings on them."""
    with store.engine.connect() as conn:
        rows = [
            tuple(v for k, v in r._mapping.items() if k != "corroborated_at")
            for r in conn.execute(select(events).order_by(events.c.id))
        ]
        members = [
            tuple(r)
            for r in conn.execute(select(event_members).order_by(event_members.c.incident_id))
        ]
        live = {r[0] for r in rows}
        rulings = sorted(
            (s.ruling.incident, s.ruling.agreement, s.ruling.ruling.value, s.ruling.reasons)
            for s in current_rulings(conn)
            if s.ruling.incident in live
        )
    return rows, members, rulings


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_every_stage_runs_again_to_the_same_events_rulings_and_grades(store_url, tmp_path):
    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    ran = run_stages(store, AGREEMENTS)
    assert [r.stage for r in ran if r.ran] == ["extract", "corroborate", "adjudicate"]
    fresh = snapshot(store)
    assert fresh[0] and fresh[2]

    # Each stage again, and all of them: nothing changes, nothing is due.
    corroborate_stage(store)
    assert snapshot(store) == fresh
    assert adjudicate_stored(store, AGREEMENTS).new_versions == 0
    assert snapshot(store) == fresh
    again = run_stages(store)  # the agreements folder comes from the ledger
    assert not any(r.ran for r in again)
    assert all("up to date" in r.lines[0] for r in again)

    # An analyst's grade on the al-Quds event; then every extraction replaced.
    quds = _event_with_reports(store, 2)
    with store.transaction() as conn:
        override_grade(conn, ANALYST, quds.id, Grade.CONFIRMED, reason="MSF statement checked")
    out = _cli("extract", "--redo", "--db", store_url)
    assert "extract: reports 5" in out
    out = _cli("run", "--db", store_url)
    assert "corroborate ran" in out and "adjudicate ran" in out
    after = snapshot(store)
    assert after[1:] == fresh[1:]
    assert [r[:-3] for r in after[0]] == [r[:-3] for r in fresh[0]]  # grade columns aside
    with store.engine.connect() as conn:
        grade = conn.execute(select(events.c.grade).where(events.c.id == quds.id)).scalar_one()
        assert grade == "confirmed"  # the grade followed its event through re-extraction
        assert list_orphans(conn) == []

    # Its earliest report now yields nothing: the event is gone, the grade is kept and listed.
    anchor_report = quds.id.removeprefix("e-").split("-")[0]
    with store.transaction() as conn:
        save_extraction(conn, anchor_report, [], [], EXTRACTOR)
    out = _cli("run", "--db", store_url)
    assert "corroborate ran" in out and f"grade override on {quds.id}" in out
    with store.engine.connect() as conn:
        (orphan,) = list_orphans(conn)
        kept = conn.execute(
            select(grade_history.c.event_id).where(grade_history.c.kind == "override")
        ).all()
    assert orphan.target_id == quds.id and "MSF statement checked" in orphan.detail
    assert kept == [(quds.id,)]  # kept under its own id, never re-attached to another event
    assert f"grade override on {quds.id}" in _cli("grade", "--orphans", "--db", store_url)
    store.close()


def _event_with_reports(store: Store, n: int):
    with store.engine.connect() as conn:
        found = [e for e in iter_events(conn) if len(e.report_ids) >= n]
    assert len(found) == 1, [e.id for e in found]
    return found[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The demo's reports through every stage, in a SQLite store."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    ingest(store, [EXAMPLES / "reports"])
    run_stages(store, AGREEMENTS)
    yield store
    store.close()


def test_on_the_demo_no_event_has_two_verdicts_under_one_agreement(demo):
    with demo.engine.connect() as conn:
        found = {e.id: e for e in iter_events(conn)}
        members = {m for e in found.values() for m in e.members}
        incidents = [i.id for i in iter_incidents(conn)]
        ruled = [(s.ruling.incident, s.ruling.agreement) for s in current_rulings(conn)]
    assert sorted(members) == sorted(incidents)  # every report's incident is in one event
    assert len(found) < len(incidents)  # retellings are counted once
    assert ruled and len(ruled) == len(set(ruled))
    assert all(event in found for event, _ in ruled)  # rulings are on events, not on members


def test_on_the_demo_the_al_quds_toll_is_updated_to_55_not_contradicted(demo):
    with demo.engine.connect() as conn:
        quds = [e for e in iter_events(conn) if _words(e, "risen to")]
    (event,) = quds  # one event, not one per report
    assert len(event.report_ids) == 2
    assert event.killed.low == event.killed.high == 55
    statuses = {v.value.high or v.value.low: v.status for v in event.killed_values}
    assert statuses == {27: "updated", 55: "current"}
    assert event.sources == 2 and event.grade in (Grade.CORROBORATED, Grade.CONFIRMED)
    assert event.provenance["killed"] == tuple(
        v.members[0] for v in event.killed_values if v.status == "current"
    )


def _words(event, phrase: str) -> bool:
    return any(v.words and phrase in v.words for v in event.killed_values)


def test_on_the_demo_the_idlib_raids_of_1_march_are_an_alleged_violation(demo):
    with demo.engine.connect() as conn:
        found = {e.id: e for e in iter_events(conn)}
        members = {i.id: i for i in iter_incidents(conn)}
        rulings = {(s.ruling.incident, s.ruling.agreement): s.ruling for s in current_rulings(conn)}
    idlib = [
        e
        for e in found.values()
        if e.place
        and e.place.governorate == "Idlib"
        and str(e.window.event_date) == "2016-03-01"
        and e.type.violent
    ]
    assert idlib, "the Idlib raids of 1 March are not an event"
    event = idlib[0]
    assert any(members[m].attribution is not None for m in event.members)
    assert event.attribution in (Attribution.ALLEGED, Attribution.DENIED)
    ruling = rulings[(event.id, "coh-2016-02")]
    assert ruling.ruling == RulingValue.ALLEGED_VIOLATION
    assert any(r.rule == "attribution" for r in ruling.reasons)


def test_export_events_gives_the_contract_columns_in_every_format(demo, tmp_path):
    url = str(demo.engine.url)
    with demo.engine.connect() as conn:
        n = len(list(iter_events(conn)))
    lines = _cli("export", "events", "--format", "jsonl", "--db", url).splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == n
    assert list(rows[0]) == [
        "event_id", "type", "event_date", "date_earliest", "date_latest", "time_precision",
        "date_basis", "window_straddles", "place", "governorate", "lat", "lon", "geo_precision",
        "perpetrator", "attribution", "perpetrator_alternatives", "target", "killed", "injured",
        "sources", "report_ids", "grade", "rulings",
    ]  # fmt: skip
    assert set(rows[0]["killed"]) == {"low", "best", "high"}
    ruled = [r for r in rows if r["rulings"]]
    assert ruled and set(ruled[0]["rulings"][0]) == {"agreement", "ruling"}
    header = _cli("export", "events", "--format", "csv", "--db", url).splitlines()[0]
    assert header.split(",") == [
        "event_id", "event_type", "event_date", "date_earliest", "date_latest", "time_precision",
        "date_basis", "window_straddles", "location", "admin1", "latitude", "longitude",
        "geo_precision", "actor1", "attribution", "perpetrator_alternatives", "actor2",
        "fatalities", "killed_low", "killed_high", "injured_low", "injured_best", "injured_high",
        "sources", "report_ids", "grade", "rulings",
    ]  # fmt: skip
    collection = json.loads(_cli("export", "events", "--format", "geojson", "--db", url))
    unplaced = [f for f in collection["features"] if f["properties"]["lat"] is None]
    assert len(collection["features"]) == n and all(f["geometry"] is None for f in unplaced)
    out = tmp_path / "events.parquet"
    _cli("export", "events", "--format", "parquet", "--db", url, "--out", str(out))
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == n and str(table.schema.field("killed").type).startswith("struct")
    # A date range counts an event by its best day and flags windows reaching outside it.
    some = _cli("export", "events", "--format", "jsonl", "--from", "2016-03-01", "--to",
                "2016-03-01", "--db", url).splitlines()  # fmt: skip
    days = [json.loads(line) for line in some]
    assert days and all(d["event_date"] == "2016-03-01" for d in days)
    assert any(d["window_straddles"] for d in days) == any(
        d["date_earliest"] != d["date_latest"] for d in days
    )


def test_a_text_that_arrives_again_is_stored_once_with_every_place_it_came_from(
    store_url, tmp_path
):
    # Our own rows: one article in rows 0 and 2 of one file, with a URL, and again in another.
    text = "Shelling hit the old market in Tal Rifaat on Monday, local sources said."
    row = {"source": "Outlet A", "text": text, "url": "https://example.org/a"}
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    other = {"source": "Outlet A", "text": "Twelve trucks reached Madaya with flour."}
    first.write_text("\n".join(json.dumps(r) for r in (row, other, row)) + "\n")
    second.write_text(json.dumps(row) + "\n")
    store = open_store(store_url)
    assert ingest(store, [first]).new == 2
    assert ingest(store, [second]).new == 0  # already stored: only its place is added
    assert ingest(store, [second]).new == 0  # and a second time adds nothing
    with store.engine.connect() as conn:
        (rid,) = conn.execute(select(reports.c.id).where(reports.c.text == text)).scalars()
        places = origins_of(conn, rid)
    assert places == [
        {"origin": str(first), "row": 0, "url": "https://example.org/a"},
        {"origin": str(first), "row": 2, "url": "https://example.org/a"},
        {"origin": str(second), "row": 0, "url": "https://example.org/a"},
    ]
    store.close()


def test_the_attribution_status_travels_from_the_incidents_to_the_event_and_its_ruling(
    store_url, tmp_path
):
    # The Idlib raids of 1 March on one source: "stated" makes a violation, "alleged" (residents
    # said, Moscow denies) an alleged violation, whatever the extractor said first.
    from trucewatch.store.schema import incidents

    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    run_stages(store, AGREEMENTS)
    with store.engine.connect() as conn:
        (event,) = [
            e
            for e in iter_events(conn)
            if e.place
            and e.place.governorate == "Idlib"
            and e.type == IncidentType.AIR_STRIKE
            and str(e.window.event_date) == "2016-03-01"
        ]

    def rule_as(status: str, denied_by: str | None) -> tuple[Event | None, Ruling]:
        with store.transaction() as conn:
            conn.execute(
                incidents.update()
                .where(incidents.c.id.in_(list(event.members)))
                .values(attribution=status, denied_by=denied_by)
            )
        ran = run_stages(store)
        assert [r.stage for r in ran if r.ran] == ["corroborate", "adjudicate"]
        with store.engine.connect() as conn:
            ruling = next(
                s.ruling
                for s in current_rulings(conn)
                if s.ruling.incident == event.id and s.ruling.agreement == "coh-2016-02"
            )
            return get_event(conn, event.id), ruling

    after, ruling = rule_as("stated", None)
    assert after is not None and after.attribution == Attribution.STATED
    assert ruling.ruling == RulingValue.VIOLATION
    after, ruling = rule_as("alleged", "Moscow")
    assert after is not None and after.attribution == Attribution.ALLEGED
    assert ruling.ruling == RulingValue.ALLEGED_VIOLATION
    (why,) = [r for r in ruling.reasons if r.rule == "attribution"]
    assert "alleged" in why.fact and "1 independent source" in why.fact
    store.close()
