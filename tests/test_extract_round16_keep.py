"""Round 16, the learned incident filter (extract/keep_model.py, scripts/build_keep_model.py), on
passages and data we write here: an incident's features, the trainer on synthetic data, the
shipping rule, and the pipeline component (a no-op when no weights ship; never drops the main
incident)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from trucewatch.extract import keep_model
from trucewatch.extract.keep_model import (
    FEATURES,
    KeepModel,
    KeepModelError,
    incident_features,
    read_model,
)
from trucewatch.extract.pipeline import build_pipeline, extract, make_doc
from trucewatch.model.incident import Incident, IncidentType, Place
from trucewatch.model.report import Published, PublishedBasis, Report, Source

ROOT = Path(__file__).resolve().parents[1]

# our own words: a strike told first with its day, toll and town, a clash a source tells later,
# and shelling with its dead last
TITLE = "Air strike kills 12 in Idlib"
TEXT = (
    "Warplanes bombed a market in the town of Saraqeb in Idlib on Monday, killing 12 civilians. "
    "The strike destroyed several shops. "
    "Rebels clashed with government forces near Morek in Hama, activists said. "
    "Later, shells hit Douma in Rif Dimashq, killing three people."
)


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_keep_model", ROOT / "scripts" / "build_keep_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_keep_model"] = module
    spec.loader.exec_module(module)
    return module


def _report(text: str = TEXT, title: str = TITLE) -> Report:
    published = Published(PublishedBasis.METADATA, dt.date(2016, 5, 4))
    return Report(source=Source("ours"), text=text, title=title, published=published)


def _features():
    doc, incidents = _script()._extract(_report())
    x = incident_features(doc, incidents)
    return incidents, [dict(zip(FEATURES, row, strict=True)) for row in x]


def test_features_read_what_the_pipeline_knows_of_each_incident() -> None:
    incidents, rows = _features()
    kinds = [str(i.type) for i in incidents]
    assert kinds == ["air_strike", "armed_clash", "shelling"]
    strike, clash, shells = rows
    assert incidents[0].main
    # the strike: told in the lead, named by the headline, its day, toll and town in its sentence
    for name in ("in_lead", "headline_type", "headline_governorate", "dated", "toll", "town"):
        assert strike[name] == 1.0, name
    assert strike["date_in_sentence"] == 1.0 and strike["place_in_sentence"] == 1.0
    assert strike["day_distance"] > 0  # Monday 2 May, published Wednesday 4 May
    assert strike["type_air_strike"] == 1.0 and strike["speech"] == 0.0
    # the clash: told half-way, in reported speech, no day, no toll, not the main's type
    assert clash["position"] == pytest.approx(0.5)
    assert clash["speech"] == 1.0 and clash["in_lead"] == 0.0
    assert clash["dated"] == 0.0 and clash["toll"] == 0.0 and clash["main_type"] == 0.0
    assert clash["type_armed_clash"] == 1.0
    assert strike["from_main"] == 0.0 and clash["from_main"] == pytest.approx(0.2)
    # the shelling: told last with its toll, not in the headline's governorate
    assert shells["toll"] == 1.0 and shells["headline_governorate"] == 0.0
    assert shells["position"] == pytest.approx(0.75) and shells["from_main"] == pytest.approx(0.3)
    assert strike["governorate_named"] == pytest.approx(1 / 3)  # Idlib of Saraqeb, Morek, Douma
    for row in rows:
        assert row["bias"] == 1.0 and row["incidents"] == pytest.approx(np.log2(3) / 3)
        assert row["after_same_type_governorate"] == 0.0 and row["repeats"] == 0.0


def test_a_second_incident_of_one_type_and_governorate_is_marked_as_told_after_another() -> None:
    text = (
        "Warplanes bombed Saraqeb in Idlib on Monday, killing 12 civilians. "
        "On Tuesday warplanes also bombed Ariha in Idlib, killing four people."
    )
    doc, incidents = _script()._extract(_report(text))
    assert [str(i.type) for i in incidents] == ["air_strike", "air_strike"]
    first, second = (dict(zip(FEATURES, r, strict=True)) for r in incident_features(doc, incidents))
    assert first["after_same_type_governorate"] == 0.0
    assert second["after_same_type_governorate"] == 1.0
    assert second["repeats"] == 0.0  # another day: not a retelling
    assert first["same_type_governorate"] == second["same_type_governorate"] == 1.0


# --- the trainer on synthetic data ---------------------------------------------------------


def test_the_shared_trainer_fits_an_l2_logistic_regression() -> None:
    rng = np.random.default_rng(7)
    x = np.column_stack([np.ones(300), rng.normal(size=(300, 2))])
    y = (rng.random(300) < 1 / (1 + np.exp(-(0.5 + 2 * x[:, 1] - x[:, 2])))).astype(float)
    w = _script().fit_logistic(x, y, l2=1.0)
    # the optimum of the penalised log-likelihood: its gradient is zero
    p = 1 / (1 + np.exp(-(x @ w)))
    assert np.allclose(x.T @ (p - y) + 1.0 * w, 0, atol=1e-6)
    assert w[1] > 1 and w[2] < -0.5


def test_matching_is_one_to_one_in_gold_order() -> None:
    strike = Incident(IncidentType.AIR_STRIKE, place=Place("Ariha", "Idlib"))
    twin = Incident(IncidentType.AIR_STRIKE, place=Place("Saraqeb", "Idlib"))
    gold = [{"type": "air_strike", "governorate": "Idlib", "date": None}]
    assert _script().matched([strike, twin], gold) == [True, False]


def _synthetic_articles(b, n: int = 60):
    """Articles with a main incident that matches and two judged ones: a real one (signal 1)
    and a false one (signal 0); the filter can learn to drop the false ones."""
    rng = np.random.default_rng(3)
    out = []
    for k in range(n):
        main = Incident(IncidentType.AIR_STRIKE, place=Place("A", "Idlib"), main=True)
        real = Incident(IncidentType.SHELLING, place=Place("B", "Hama"))
        fake = Incident(IncidentType.ARMED_CLASH, place=Place("C", "Homs"))
        golds = [
            {"type": "air_strike", "governorate": "Idlib", "date": None},
            {"type": "shelling", "governorate": "Hama", "date": None},
        ]
        noise = rng.normal(scale=0.1, size=3)
        x = np.asarray([[1.0, 1.0 + noise[0]], [1.0, 1.0 + noise[1]], [1.0, noise[2]]])
        out.append(
            b.Article(
                key=k,
                source="ours",
                preds=[main, real, fake],
                golds=golds,
                x=x,
                y=np.asarray([1.0, 1.0, 0.0]),
                judged=np.asarray([False, True, True]),
            )
        )
    return out


def test_cross_validation_chooses_a_threshold_and_gains_where_false_incidents_show() -> None:
    b = _script()
    articles = _synthetic_articles(b)
    cv = b.cross_validate(articles, folds=5, seed=1)
    assert sum(r.articles for r in cv) == len(articles)
    assert all(r.threshold > 0 for r in cv)
    tp, n_pred, n_gold = b._sum([r.none for r in cv])
    assert (tp, n_pred, n_gold) == (120, 180, 120)  # no filter: every fake is a false incident
    tp, n_pred, _ = b._sum([r.chosen for r in cv])
    assert tp >= 115 and n_pred <= 125  # the filter drops (nearly) every fake, (nearly) no real
    assert b.gain(cv) > 0.15  # F1 0.8 -> about 1
    assert "| all | 60 |" in b.cv_markdown(cv)


def test_main_and_unjudged_incidents_are_never_dropped_in_scoring() -> None:
    b = _script()
    articles = _synthetic_articles(b, 2)
    for a in articles:
        a.p = np.zeros(3)  # every incident scores 0
    assert b.counts(articles, 0.5) == (2, 2, 4)  # only the mains stay


def test_weights_ship_only_on_a_gain_on_average_and_on_most_seeds() -> None:
    ships = _script().ships
    assert ships([0.02, 0.015, 0.012, 0.0, 0.03])
    assert not ships([0.06, 0.0, 0.0, 0.0, 0.0])  # the average alone is not enough
    assert not ships([0.009] * 5)
    assert not ships([0.0, -0.004, 0.003])
    assert not ships([])


# --- the build script writes nothing when the filter does not beat no filter -----------------

PASSAGES = [
    ("Strike in Idlib", "Warplanes bombed Saraqeb in Idlib on Monday, killing 12 civilians."),
    ("Shelling in Hama", "Shells hit Morek in Hama on Sunday, killing four people."),
    ("Blast in Homs", "A car bomb exploded in Talbiseh in Homs on Monday, killing nine."),
    ("Raid in Aleppo", "Jets struck Atarib in Aleppo on Tuesday, killing seven people."),
    ("Clash in Daraa", "Rebels clashed with troops in Nawa in Daraa on Monday."),
    ("Strike on Ariha", "Warplanes hit Ariha in Idlib on Sunday, killing five civilians."),
]


@pytest.fixture
def tiny_gold(tmp_path: Path) -> tuple[Path, Path]:
    """A CSV in FA-KES's columns holding our passages, and a gold file coding nothing else."""
    csv_path = tmp_path / "FA-KES-Dataset.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["unit_id", "article_title", "article_content", "source", "date", "location", "labels"]
        )
        for k, (title, text) in enumerate(PASSAGES):
            w.writerow([2000 + k, title, text, "ours", "5/4/2016", "idlib", "1"])
    gold_path = tmp_path / "gold-tiny.jsonl"
    rows = []
    for k, (title, text) in enumerate(PASSAGES):
        report = _report(text, title)
        got = extract(report).incidents
        rows.append(
            {
                "row": k,
                "main": 0,
                "incidents": [
                    {
                        "type": str(i.type),
                        "governorate": i.place.governorate if i.place else None,
                        "date": None,
                    }
                    for i in got
                ],
            }
        )
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return gold_path, csv_path


def test_build_writes_nothing_when_the_filter_gains_nothing(tiny_gold, tmp_path, capsys) -> None:
    gold, csv_path = tiny_gold
    out = tmp_path / "keep.json"
    args = [str(gold), "--csv", str(csv_path), "--out", str(out), "--seeds", "1", "2"]
    assert _script().main(args) == 1
    assert not out.exists()
    assert "weights not written" in capsys.readouterr().err
    assert _script().main([*args, "--force"]) == 0  # for experiments
    model = read_model(out)
    assert model.features == FEATURES and 0.0 <= model.threshold <= 1.0
    assert not any(text.split(" in ")[0] in out.read_text() for _, text in PASSAGES)


def test_a_weights_file_for_other_features_is_refused(tmp_path) -> None:
    path = tmp_path / "keep.json"
    path.write_text(json.dumps({"features": ["bias"], "weights": {"bias": 1}, "threshold": 0.3}))
    with pytest.raises(KeepModelError, match="other features"):
        read_model(path)


# --- the pipeline component ----------------------------------------------------------------


def test_the_component_runs_after_the_main_choice_and_no_weights_ship() -> None:
    names = build_pipeline().pipe_names
    assert names.index("tw_keep_incidents") == names.index("tw_main_incident") + 1
    keep_model.shipped_model.cache_clear()
    assert keep_model.shipped_model() is None  # the cross-validation did not earn them a place


def test_without_weights_the_component_changes_nothing(monkeypatch) -> None:
    monkeypatch.setattr(keep_model, "shipped_model", lambda: None)
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, _report()))
    assert [str(i.type) for i in doc._.incidents] == ["air_strike", "armed_clash", "shelling"]
    assert doc._.dropped is None and doc._.main == 0


def test_with_weights_it_drops_low_scorers_but_never_the_main_incident(monkeypatch) -> None:
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("bias")] = -5.0
    weights[FEATURES.index("toll")] = 10.0  # only incidents with a toll score high
    model = KeepModel(FEATURES, weights, 0.5)
    monkeypatch.setattr(keep_model, "shipped_model", lambda: model)
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, _report()))
    kept = doc._.incidents
    assert [str(i.type) for i in kept] == ["air_strike", "shelling"]  # the clash had no toll
    assert [str(i.type) for i in doc._.dropped] == ["armed_clash"]
    assert doc._.main == 0 and kept[0].main
    weights[FEATURES.index("toll")] = 0.0  # now every incident scores low
    doc = nlp(make_doc(nlp, _report()))
    assert [str(i.type) for i in doc._.incidents] == ["air_strike"]  # the main one stays
    assert doc._.main == 0


def test_hold_out_learns_on_the_other_sources_and_scores_one() -> None:
    b = _script()
    articles = _synthetic_articles(b, 40)
    for a in articles[:10]:
        a.source = "unseen"
    result = b.hold_out(articles, "unseen")
    assert result.articles == 10 and result.none == (20, 30, 20)
    assert result.threshold > 0 and result.chosen[1] < 30  # fakes dropped
