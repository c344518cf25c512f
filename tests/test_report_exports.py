"""Exports: the documented columns, ACLED names and meanings, and round trips of every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from tests.test_report_fixtures import build_day
from trucewatch.report.commands import export_app
from trucewatch.report.exports import (
    COLUMN_NAMES,
    COLUMNS,
    geojson,
    incident_rows,
    parquet_bytes,
    write_csv,
    write_export,
    write_jsonl,
)
from trucewatch.report.records import load_records
from trucewatch.store import open_store
from trucewatch.store.incidents import stored_incident_ids

DOC = Path(__file__).resolve().parents[1] / "docs" / "exports.md"
ACLED = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
    "fatalities",
]
OURS = [
    "ruling",
    "grade",
    "report_ids",
    "killed_low",
    "killed_high",
    "injured_low",
    "injured_high",
]


@pytest.fixture
def rows_and_ids(store):
    ids: dict = build_day(store)
    with store.engine.connect() as conn:
        rows = incident_rows(load_records(conn))
        for outlet in ("Outlet A", "Outlet B"):  # (outlet, n): the outlet's n-th incident
            for n, iid in enumerate(stored_incident_ids(conn, ids[outlet])):
                ids[(outlet, n)] = iid
    return rows, ids


def test_columns_are_the_documented_ones_in_order():
    documented = re.findall(r"^\| `([a-z0-9_]+)` \| (yes|no) \|", DOC.read_text(), re.M)
    assert [name for name, _ in documented] == list(COLUMN_NAMES)
    assert {name for name, acled in documented if acled == "yes"} == set(ACLED)
    assert [c.name for c in COLUMNS if c.acled] == ACLED
    assert set(OURS) <= set(COLUMN_NAMES)


def test_rows_carry_acled_meanings(rows_and_ids):
    rows, ids = rows_and_ids
    by_id = {r["incident_id"]: r for r in rows}
    strike = by_id[ids[("Outlet A", 0)]]
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert (strike["actor1"], strike["actor2"]) == ("Syrian Arab Army", "civilians")
    assert (strike["admin1"], strike["location"]) == ("Aleppo", "Aleppo")
    assert strike["fatalities"] == 3  # ACLED's conservative figure: the low end
    assert (strike["killed_low"], strike["killed_high"]) == (3, 5)
    assert strike["ruling"] == "violation" and strike["rulings"] == "coh-2016-02:violation"
    assert strike["source"] == "Outlet A" and strike["report_ids"] == [ids["Outlet A"]]
    # 22:00 local on 29 February: the event date is local, though the report day is 1 March.
    late = by_id[ids[("Outlet B", 0)]]
    assert late["event_date"] == dt.date(2016, 2, 29)
    assert late["event_time"] == dt.datetime(2016, 2, 29, 20, 0, tzinfo=dt.UTC)
    # Unknown tolls stay unknown, never zero; undated incidents are exported at the end.
    unknown = by_id[ids[("Outlet B", 2)]]
    assert unknown["fatalities"] is None and unknown["killed_low"] is None
    assert rows[-1]["event_date"] is None
    assert len(rows) == 8


def test_csv_header_and_empty_cells_for_unknowns(rows_and_ids):
    rows, _ = rows_and_ids
    text = io.StringIO()
    write_csv(rows, text)
    read = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert list(read[0]) == list(COLUMN_NAMES)
    assert len(read) == len(rows)
    first = read[0]
    assert first["event_date"] == rows[0]["event_date"].isoformat()
    assert all(r["fatalities"] == "" or r["fatalities"].isdigit() for r in read)


def test_geojson_round_trip(rows_and_ids):
    rows, _ = rows_and_ids
    out = io.BytesIO()
    write_export(rows, "geojson", out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(rows)
    for feature, row in zip(collection["features"], rows, strict=True):
        props = feature["properties"]
        assert feature["id"] == row["incident_id"] == props["incident_id"]
        back = {
            **props,
            "event_date": dt.date.fromisoformat(props["event_date"])
            if props["event_date"]
            else None,
            "event_time": (
                dt.datetime.fromisoformat(props["event_time"]) if props["event_time"] else None
            ),
        }
        assert back == row
        if row["latitude"] is None:
            assert feature["geometry"] is None
        else:
            assert feature["geometry"] == {
                "type": "Point",
                "coordinates": [row["longitude"], row["latitude"]],
            }
    assert geojson(rows) == collection


def test_parquet_round_trip_keeps_types_and_values(rows_and_ids):
    rows, _ = rows_and_ids
    table = pq.read_table(io.BytesIO(parquet_bytes(rows)))
    assert table.column_names == list(COLUMN_NAMES)
    assert str(table.schema.field("event_date").type) == "date32[day]"
    report_ids = table.schema.field("report_ids").type
    assert pa.types.is_list(report_ids) and pa.types.is_string(report_ids.value_type)
    assert table.to_pylist() == rows


def test_jsonl_is_one_object_per_incident(rows_and_ids):
    rows, _ = rows_and_ids
    text = io.StringIO()
    write_jsonl(rows, text)
    lines = text.getvalue().splitlines()
    assert len(lines) == len(rows)
    assert [json.loads(line)["incident_id"] for line in lines] == [r["incident_id"] for r in rows]
    assert list(json.loads(lines[0])) == list(COLUMN_NAMES)


def test_export_command_to_stdout_and_file_is_deterministic(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    store = open_store(url)
    build_day(store)
    store.close()
    app = typer.Typer()
    app.add_typer(export_app, name="export")
    runner = CliRunner()
    first = runner.invoke(app, ["export", "incidents", "--db", url])
    second = runner.invoke(app, ["export", "incidents", "--db", url])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert first.stdout.splitlines()[0] == ",".join(COLUMN_NAMES)
    ranged = runner.invoke(
        app, ["export", "incidents", "--db", url, "--from", "2016-03-01", "--to", "2016-03-01"]
    )
    dates = {r["event_date"] for r in csv.DictReader(io.StringIO(ranged.stdout))}
    assert dates == {"2016-03-01"}
    target = tmp_path / "out" / "incidents.parquet"
    result = runner.invoke(
        app, ["export", "incidents", "--db", url, "--format", "parquet", "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert pq.read_table(target).num_rows == 8
    bad = runner.invoke(app, ["export", "incidents", "--db", url, "--format", "xlsx"])
    assert bad.exit_code != 0
