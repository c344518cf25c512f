"""The main incident chosen by a learned ranker (extract/main_choice.py) and its weights' build
(scripts/build_main_model.py), on passages and gold we write here.

Our passages tell a clash without a toll first and an air strike with its dead second; our gold
says the strike is the story. The hand rule flags the clash (first violent one told); weights
learned from the gold flag the strike in a passage they never saw.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from trucewatch.extract import incidents as incidents_module
from trucewatch.extract.incidents import flag_main
from trucewatch.extract.main_choice import (
    FEATURES,
    MainModel,
    MainModelError,
    read_model,
)
from trucewatch.extract.pipeline import extract
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.report import Report, Source

ROOT = Path(__file__).resolve().parents[1]

# (headline, text, gold main: type, governorate, place, killed) — our own words
TRAINING = [
    (
        "Fighting goes on in the north",
        "Rebels and government troops clashed near Morek in Hama. Warplanes struck a market in "
        "Saraqeb in Idlib, killing 14 civilians.",
        ("air_strike", "Idlib", "Saraqeb", 14),
        ("armed_clash", "Hama", "Morek", None),
    ),
    (
        "A day of violence",
        "Insurgents and soldiers fought in the town of Talbiseh in Homs. Jets bombed a school in "
        "Atarib in Aleppo, killing nine people.",
        ("air_strike", "Aleppo", "Atarib", 9),
        ("armed_clash", "Homs", "Talbiseh", None),
    ),
    (
        "Syria news roundup",
        "Clashes erupted between rebels and troops in Nawa in Daraa. Warplanes hit a hospital in "
        "Kafr Nabl in Idlib, killing seven.",
        ("air_strike", "Idlib", "Kafr Nabl", 7),
        ("armed_clash", "Daraa", "Nawa", None),
    ),
    (
        "Weekend of fighting",
        "Government forces fought rebels near Latamneh in Hama. Russian jets struck Khan "
        "Shaykhun in Idlib, killing 11 people.",
        ("air_strike", "Idlib", "Khan Shaykhun", 11),
        ("armed_clash", "Hama", "Latamneh", None),
    ),
]
UNSEEN = (
    "War goes on",
    "Rebels clashed with the army near Jisr al-Shughur in Idlib. Jets bombed a market in Douma "
    "in Rif Dimashq, killing 30 civilians.",
)


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_main_model", ROOT / "scripts" / "build_main_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_main_model"] = module
    spec.loader.exec_module(module)
    return module


def _gold_incident(kind: str, gov: str, place: str, killed: int | None) -> dict:
    return {
        "type": kind,
        "date": None,
        "place": place,
        "governorate": gov,
        "perpetrator": None,
        "perpetrator_stated": False,
        "killed_low": killed,
        "killed_high": killed,
    }


@pytest.fixture
def tiny_gold(tmp_path: Path) -> tuple[Path, Path]:
    """A CSV in FA-KES's columns holding our passages, and a gold file for its rows."""
    csv_path = tmp_path / "FA-KES-Dataset.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["unit_id", "article_title", "article_content", "source", "date", "location", "labels"]
        )
        for k, (title, text, *_) in enumerate(TRAINING):
            w.writerow([1000 + k, title, text, "ours", "1/1/2016", "idlib", "1"])
    gold_path = tmp_path / "gold-tiny.jsonl"
    rows = [
        {"row": k, "main": 0, "incidents": [_gold_incident(*main), _gold_incident(*other)]}
        for k, (_, _, main, other) in enumerate(TRAINING)
    ]
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return gold_path, csv_path


def _build(tiny_gold: tuple[Path, Path], out: Path, *extra: str) -> int:
    gold, csv_path = tiny_gold
    return _script().main([str(gold), "--csv", str(csv_path), "--out", str(out), *extra])


def _main_of(title: str, text: str, model: MainModel | None):
    report = Report(source=Source("ours"), text=text, title=title)
    doc, found = _script()._run_to_main(report)  # the doc as the main choice receives it
    flag_main(doc, found, model)
    return next(i for i in found if i.main)


def test_weights_rebuild_to_the_same_bytes_and_carry_no_text(tiny_gold, tmp_path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert _build(tiny_gold, first, "--folds", "0") == 0
    assert _build(tiny_gold, second, "--folds", "0") == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert data["features"] == list(FEATURES)
    assert data["training"]["articles"] == len(TRAINING)
    assert any(v != 0 for v in data["weights"].values())
    blob = first.read_text()
    assert not any(text.split(".")[0] in blob for _, text, *_ in TRAINING)


def test_learned_weights_pick_the_story_the_gold_calls_main(tiny_gold, tmp_path) -> None:
    out = tmp_path / "model.json"
    assert _build(tiny_gold, out, "--folds", "0") == 0
    model = read_model(out)
    learned = _main_of(*UNSEEN, model)
    assert learned.type == T.AIR_STRIKE and learned.place.governorate == "Rif Dimashq"
    ruled = _main_of(*UNSEEN, None)  # the hand rule: the first violent incident told
    assert ruled.type == T.ARMED_CLASH


def test_cross_validation_scores_rule_and_ranker_on_the_same_articles(tiny_gold) -> None:
    gold, csv_path = tiny_gold
    script = _script()
    examples = script.load_examples([gold], csv_path)
    assert [e.rule_hit for e in examples] == [False] * len(TRAINING)  # the rule flags clashes
    cv = script.cross_validate(examples, folds=2)
    assert sum(r["articles"] for r in cv) == len(TRAINING)
    assert sum(r["rule"] for r in cv) == 0
    assert sum(r["model"] for r in cv) == len(TRAINING) == sum(r["ceiling"] for r in cv)
    assert script.beats_rule(cv)
    assert not script.beats_rule([{"articles": 4, "rule": 3, "model": 3, "ceiling": 4}])


def test_weights_that_do_not_beat_the_rule_are_not_written(tiny_gold, tmp_path) -> None:
    script = _script()
    cv = [{"articles": 5, "rule": 4, "model": 3, "ceiling": 5}]
    script.cross_validate = lambda *a, **k: cv
    gold, csv_path = tiny_gold
    out = tmp_path / "model.json"
    assert script.main([str(gold), "--csv", str(csv_path), "--out", str(out)]) == 1
    assert not out.exists()


def test_a_weights_file_for_other_features_is_refused(tmp_path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"features": ["first_told"], "weights": {"first_told": 1.0}}))
    with pytest.raises(MainModelError, match=r"old\.json"):
        read_model(path)
    path.write_text("not json")
    with pytest.raises(MainModelError, match=r"old\.json"):
        read_model(path)


def test_the_pipeline_ranks_with_the_shipped_weights_else_the_rule(monkeypatch) -> None:
    title, text = UNSEEN
    toll_first = np.zeros(len(FEATURES))
    toll_first[FEATURES.index("toll")] = 1.0
    model = MainModel(FEATURES, toll_first)
    monkeypatch.setattr(incidents_module, "shipped_model", lambda: model)
    main = next(
        i for i in extract(Report(source=Source("o"), text=text, title=title)).incidents if i.main
    )
    assert main.type == T.AIR_STRIKE
    monkeypatch.setattr(incidents_module, "shipped_model", lambda: None)
    main = next(
        i for i in extract(Report(source=Source("o"), text=text, title=title)).incidents if i.main
    )
    assert main.type == T.ARMED_CLASH
