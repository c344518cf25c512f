"""The hand-judged sample scripts keep their blind batches out of every listing: the rows
`bench/blind_rows.py` reports are exactly those of each script's BLIND batches, never a gold row,
and a studied row that another script keeps blind is counted but not printed."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
N_ROWS = 804  # FA-KES rows; the draws only need the count, not the texts
GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes"

# the draws leave out the gold files' rows, so they need the gold files
pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="../shared/data/fakes not present")


@pytest.fixture(scope="module")
def bench():
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # the scripts import their helpers as sibling modules
    return importlib.import_module("blind_rows")


def test_blind_rows_are_each_scripts_blind_batches_and_no_gold_row(bench) -> None:
    per_script = bench.blind_by_script(N_ROWS)
    date_sample = importlib.import_module("date_sample")
    gold = {
        json.loads(line)["row"]
        for path in date_sample.GOLDS
        for line in path.read_text().splitlines()
        if line.strip()
    }
    for name, rows in per_script.items():
        script = importlib.import_module(name)
        drawn = script.sample_rows(N_ROWS)
        assert rows == {r for r, k in drawn.items() if k in script.BLIND}, name
        assert rows, f"{name} keeps no batch blind"
        assert not rows & gold, name
    assert bench.blind_rows(N_ROWS) == frozenset().union(*per_script.values())


def test_a_studied_row_blind_elsewhere_is_scored_but_not_listed(bench, capsys) -> None:
    place_sample = importlib.import_module("place_sample")
    studied = {
        r for r, k in place_sample.sample_rows(N_ROWS).items() if k not in place_sample.BLIND
    }
    row = min(studied & bench.blind_rows(N_ROWS))  # such rows exist: each script draws its own
    judged = [{"row": row, "batch": 0, "place": "Nowhere", "governorate": "Aleppo", "cause": "x"}]
    records = {row: {"incidents": [{"main": True, "place": "Aleppo", "governorate": "Aleppo"}]}}
    place_sample._score(records, judged, "probe", list_rows=True, hidden=frozenset({row}))
    out = capsys.readouterr().out
    assert f"row {row}" not in out
    assert "main place correct 0/1" in out


def test_date_sample_lists_no_row_another_script_keeps_blind(bench, capsys, tmp_path) -> None:
    date_sample = importlib.import_module("date_sample")
    studied = {r for r, k in date_sample.sample_rows(N_ROWS).items() if k not in date_sample.BLIND}
    hidden = min(studied & bench.blind_rows(N_ROWS))
    shown = min(studied - bench.blind_rows(N_ROWS))
    batch = date_sample.sample_rows(N_ROWS)
    judged = tmp_path / "judged.jsonl"
    out = tmp_path / "out.jsonl"
    wrong_main = {"main": True, "type": "shelling", "governorate": "Aleppo", "date": "2016-01-01"}
    with judged.open("w") as j, out.open("w") as o:
        for row in range(N_ROWS):
            o.write(json.dumps({"report": {"row": row}, "incidents": [wrong_main]}) + "\n")
        for row in (hidden, shown):
            want = {"type": "air_strike", "governorate": "Aleppo", "date": "2016-05-05"}
            line = {"row": row, "batch": batch[row], "date": "2016-05-05", "incidents": [want]}
            j.write(json.dumps(line) + "\n")
    date_sample.JUDGED = judged
    try:
        date_sample.score(str(out))
    finally:
        date_sample.JUDGED = Path(date_sample.__file__).with_name("date_sample_judged.jsonl")
    printed = capsys.readouterr().out
    assert f"row {shown}:" in printed  # a studied row's miss is listed...
    assert f"row {hidden}:" not in printed  # ...unless another script keeps it blind
    assert "main date ±1 0/" in printed  # both are still scored
