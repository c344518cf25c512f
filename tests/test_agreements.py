"""Agreement files: the 2016 record loads, and broken files fail naming the file, line and field."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trucewatch.adjudicate.commands import agreements_app
from trucewatch.agreements import AgreementFileError, load_record, read_record

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "syria-2016" / "agreements"

GOOD = """\
id: calm-test
kind: regime
title: A test calm
instrument: statement
guarantors: [Russia, United States]
local_tz: Asia/Damascus
effective:
  from: 2016-05-04T22:00:00Z
  from_local: 2016-05-05T01:00
  to: 2016-05-06T22:00:00Z
territory:
  places: [Aleppo]
clauses:
  - number: "1"
    text: hold fire
    prohibits: [all_violent]
relations:
  beside: [base]
"""

BASE = """\
id: base
kind: agreement
title: Base agreement
instrument: statement
local_tz: UTC
effective:
  from: 2016-01-01T00:00:00Z
clauses:
  - number: "1"
    text: cease attacks
    prohibits: [shelling]
"""


def write(tmp_path: Path, text: str, name: str = "calm.yaml") -> Path:
    d = tmp_path / "agreements"
    d.mkdir(exist_ok=True)
    (d / "base.yaml").write_text(BASE, encoding="utf-8")
    (d / name).write_text(text, encoding="utf-8")
    return d


def problems(tmp_path: Path, text: str, name: str = "calm.yaml") -> list[str]:
    return [str(p) for p in read_record(write(tmp_path, text, name)).problems]


def test_the_2016_record_loads_with_its_facts():
    record = load_record(EXAMPLES)
    coh = record.agreement("coh-2016-02")
    assert coh is not None
    assert coh.effective_from == dt.datetime(2016, 2, 26, 22, tzinfo=dt.UTC)
    assert coh.acceptance_deadline == dt.datetime(2016, 2, 26, 10, tzinfo=dt.UTC)
    assert coh.local_tz == "Asia/Damascus"
    assert [c.number for c in coh.clauses] == ["1", "2", "3", "4"]
    assert coh.excluded == ("UNSC",)
    sep = record.agreement("arrangement-2016-09")
    assert sep is not None and sep.supersedes == ("coh-2016-02",)
    assert sep.effective_from == dt.datetime(2016, 9, 12, 16, tzinfo=dt.UTC)
    regimes = [a for a in record.agreements if a.kind == "regime"]
    assert all(a.parent == "coh-2016-02" and a.effective_to for a in regimes)
    assert {d.actor for d in record.designations if d.by == "UNSC"} == {"ISIL", "Jabhat al-Nusra"}
    ypg = next(d for d in record.designations if d.by == "Turkey")
    assert ypg.disputed and set(ypg.disputed_by) == {"United States", "Russia"}
    assert any(a.disputed_by for a in record.control_areas)
    assert [b.armed_groups for b in record.bulletins if b.agreement == "coh-2016-02"] == sorted(
        b.armed_groups for b in record.bulletins if b.agreement == "coh-2016-02"
    )


def test_every_example_fact_cites_a_source():
    for path in EXAMPLES.glob("*.yaml"):
        assert "#" in path.read_text(encoding="utf-8"), f"{path.name} has no source comments"
    record = load_record(EXAMPLES)
    assert all(a.source for a in record.accessions)
    assert all(d.source for d in record.designations)
    assert all(c.source for c in record.control_areas)


def test_a_well_formed_file_passes(tmp_path):
    assert problems(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("title: A test calm", "title: a: b"), 3, "YAML syntax"),
        (GOOD.replace("title: A test calm\n", ""), None, "title: missing"),
        (GOOD.replace("2016-05-04T22:00:00Z", "2016-05-04T22:00:00"), 8, "UTC offset"),
        (
            GOOD.replace("from_local: 2016-05-05T01:00", "from_local: 2016-05-05T00:00"),
            9,
            "local clock then: 2016-05-05T01:00",
        ),
        (GOOD.replace("prohibits: [all_violent]", "prohibits: [airstrike]"), 16, "airstrike"),
        (
            GOOD.replace("to: 2016-05-06T22:00:00Z", "to: 2016-05-03T22:00:00Z"),
            10,
            "ends before it starts",
        ),
        (
            GOOD.replace("  places: [Aleppo]", "  governorates: [Aleppo city]"),
            12,
            "not a governorate",
        ),
        (GOOD.replace("beside: [base]", "beside: [nowhere]"), 18, "no agreement with id"),
        (GOOD.replace("kind: regime", "kind: truce"), 2, "kind"),
        (GOOD.replace("local_tz: Asia/Damascus", "local_tz: Damascus"), 6, "IANA"),
        (GOOD + "title: again\n", 19, "key given twice"),
        (GOOD + "signed_by: someone\n", 19, "unknown field"),
        (GOOD.replace("relations:\n  beside: [base]\n", ""), None, "lies under"),
    ],
    ids=[
        "syntax",
        "missing",
        "naive",
        "local-mismatch",
        "bad-type",
        "backwards",
        "governorate",
        "dangling",
        "kind",
        "zone",
        "duplicate",
        "unknown",
        "orphan-regime",
    ],
)
def test_broken_files_name_file_line_and_field(tmp_path, broken, line, words):
    found = problems(tmp_path, broken)
    assert found, "a broken file passed"
    hit = [p for p in found if words in p]
    assert hit, found
    assert hit[0].startswith("agreements/calm.yaml")
    if line is not None:
        assert hit[0].startswith(f"agreements/calm.yaml:{line}:"), hit[0]


def test_custom_tags_are_refused(tmp_path):
    found = problems(
        tmp_path, GOOD.replace("title: A test calm", "title: !!python/object/apply:os.system [ls]")
    )
    assert any("calm.yaml:3:" in p and "not allowed" in p for p in found), found


def test_alias_bombs_stop_early(tmp_path):
    bomb = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    found = problems(tmp_path, "\n".join(bomb) + "\n")
    assert time.perf_counter() - started < 5
    assert any("aliases" in p or "values" in p for p in found), found


def test_bad_polygon_and_unsourced_dispute(tmp_path):
    text = """\
control_areas:
  - id: bowtie
    holder: ISIL
    source: test
    disputed_by: [Russia]
    geometry:
      type: Polygon
      coordinates: [[[37.0, 36.0], [37.1, 36.1], [37.1, 36.0], [37.0, 36.1], [37.0, 36.0]]]
"""
    found = problems(tmp_path, text, "areas.yaml")
    assert any("areas.yaml:8:" in p and "crosses itself" in p for p in found), found
    assert any("dispute_source" in p for p in found), found


def test_accession_for_unknown_agreement(tmp_path):
    text = "accessions:\n  - agreement: nowhere\n    party: X\n    at: 2016-02-23\n    source: t\n"
    found = problems(tmp_path, text, "acc.yaml")
    assert any(p.startswith("agreements/acc.yaml:2:") and "nowhere" in p for p in found), found


def test_supersession_loop(tmp_path):
    d = write(tmp_path, GOOD.replace("beside: [base]", "beside: [base]\n  supersedes: [base]"))
    (d / "base.yaml").write_text(BASE + "relations:\n  supersedes: [calm-test]\n", "utf-8")
    assert any("supersedes or suspends itself" in str(p) for p in read_record(d).problems)


def test_load_record_raises_with_every_problem(tmp_path):
    d = write(tmp_path, GOOD.replace("title: A test calm\n", "").replace("kind: regime", "kind: x"))
    with pytest.raises(AgreementFileError) as err:
        load_record(d)
    assert len(err.value.problems) >= 2


def test_check_command(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(agreements_app, ["check", str(EXAMPLES)])
    assert ok.exit_code == 0, ok.output
    assert "OK" in ok.output
    bad = runner.invoke(agreements_app, ["check", str(write(tmp_path, GOOD.replace("Z\n", "\n")))])
    assert bad.exit_code == 1
    assert "agreements/calm.yaml:8: effective.from" in bad.output
