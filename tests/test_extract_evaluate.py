"""Scoring functions of ``trucewatch eval fakes`` / ``eval gold`` on data we make up."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from trucewatch.extract.evaluate import EvalTable, score_fakes, score_gold
from trucewatch.extract.gold import (
    GoldFileError,
    gold_set,
    in_half,
    load_gold_set,
    place_correct,
    same_claimant,
    tally_gold,
)
from trucewatch.extract.spans import Extraction
from trucewatch.model.incident import Claim, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Report, Source


def incident(kind: str, gov: str | None, day: int | None, **kw: object) -> Incident:
    place = Place(gov, gov) if gov else None
    date = dt.date(2016, 5, day) if day else None
    return Incident(type=IncidentType(kind), place=place, date=date, **kw)  # type: ignore[arg-type]


def gold_incident(kind: str, gov: str | None, day: int | None, **kw: object) -> dict:
    base = {
        "type": kind,
        "governorate": gov,
        "date": f"2016-05-{day:02d}" if day else None,
        "perpetrator": None,
        "perpetrator_stated": False,
        "killed_low": None,
        "killed_high": None,
    }
    base.update(kw)
    return base


def test_gold_scores_precision_recall_and_main_fields() -> None:
    gold = [
        {
            "row": 1,
            "main": 0,
            "incidents": [
                gold_incident(
                    "air_strike", "Idlib", 10, killed_low=5, killed_high=8,
                    perpetrator="Russian forces", perpetrator_stated=True, place="Saraqib",
                ),
                gold_incident("shelling", "Hama", None),
            ],
        }
    ]  # fmt: skip
    main = incident("air_strike", "Idlib", 11, killed=Toll(6, 6, 6), perpetrator="Russian forces")
    main.main = True
    preds = {1: Extraction(incidents=[main, incident("explosion", "Homs", 10)])}
    t = tally_gold(gold_set("g", gold), preds)
    assert (t.tp, t.n_pred, t.n_gold) == (1, 2, 2)  # one of two predicted, one of two gold
    assert t.f1 == 0.5
    assert (t.main_type, t.main_date, t.toll, t.perp, t.perp_n) == (1, 1, 1, 1, 1)
    assert (t.place, t.place_n) == (0, 1)  # the governorate "Idlib" is not the town Saraqib
    table = score_gold(gold, preds)
    values = {row[0]: row[2] for row in table.rows}
    assert values["incident precision"] == "50.0% (1/2)"
    assert values["main place correct"] == "0.0% (0/1)"


def test_gold_ignores_types_outside_its_scope() -> None:
    gold = [{"row": 1, "main": 0, "incidents": [gold_incident("shelling", "Hama", None)]}]
    main = incident("shelling", "Hama", None)
    main.main = True
    truce = incident("truce_declared", "Homs", 3)
    t = tally_gold(gold_set("g", gold), {1: Extraction(incidents=[main, truce])})
    assert (t.tp, t.n_pred) == (1, 1)


def test_rows_without_an_incident_score_only_their_false_incidents(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    rows = [
        {"row": 1, "kind": "discourse", "main": None, "incidents": []},
        {"row": 2, "kind": "discourse", "main": None, "incidents": []},
        {"row": 3, "main": 0, "incidents": [gold_incident("shelling", "Hama", 4)]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    gold = load_gold_set(path)
    hit = incident("shelling", "Hama", 4)
    hit.main = True
    two = [incident("air_strike", "Idlib", 2), incident("shelling", "Homs", 2)]
    preds = {
        1: Extraction(incidents=two),
        2: Extraction(incidents=[incident("humanitarian_delivery", "Homs", 2)]),
        3: Extraction(incidents=[hit]),
    }
    t = tally_gold(gold, preds)
    assert (t.n_main, t.main_type) == (1, 1)  # only row 3 has a main incident to score
    assert (t.tp, t.n_pred, t.n_gold) == (1, 4, 1)
    assert (t.empty, t.empty_false) == (2, 3)
    # a delivery is no violent incident: one of the two discourse rows is wrong
    assert (t.discourse, t.discourse_violent_rows, t.discourse_violent) == (2, 1, 2)


def test_the_split_is_by_line_parity_and_only_for_the_split_file(tmp_path: Path) -> None:
    rows = [{"row": n, "main": None, "incidents": []} for n in range(10, 15)]
    text = "\n".join(json.dumps(r) for r in rows) + "\n"
    split = tmp_path / "gold-dev-2.jsonl"
    other = tmp_path / "gold-dev.jsonl"
    split.write_text(text, encoding="utf-8")
    other.write_text(text, encoding="utf-8")
    keys = lambda s: [a["key"] for a in s.articles]  # noqa: E731
    assert keys(load_gold_set(split, "tune")) == [10, 12, 14]  # line indexes 0, 2, 4
    assert keys(load_gold_set(split, "check")) == [11, 13]
    assert load_gold_set(split, "check").name == "gold-dev-2.jsonl (check half)"
    assert keys(load_gold_set(split)) == keys(load_gold_set(other, "check")) == list(range(10, 15))
    assert [in_half(i, "tune") for i in range(4)] == [True, False, True, False]


def test_a_bad_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"row": 1, "main": null, "incidents": []}\n{"row": 2,\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"g\.jsonl:2: not JSON"):
        load_gold_set(path)
    path.write_text('{"row": 1, "main": 3, "incidents": []}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"g\.jsonl:1: main 3"):
        load_gold_set(path)


def test_statements_gold_scores_claimants_and_lists_the_misses(tmp_path: Path) -> None:
    path = tmp_path / "statements.jsonl"
    row = {
        "id": "x1", "kind": "discourse", "published": "2016-05-20", "title": "t", "text": "...",
        "gold": {
            "incidents": [],
            "claims": [
                {"claimant": "Igor Konashenkov", "quantity": 40, "unit": "sorties"},
                {"claimant": "David Cameron", "quantity": 10000000000, "unit": "dollars"},
                {"claimant": "Airwars", "quantity": 967, "unit": "civilians"},
                {"claimant": "UNHCR", "quantity": 4.5, "unit": "percent"},
            ],
            "must_not": [],
        },
    }  # fmt: skip
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    gold = load_gold_set(path)
    assert gold.kind == "statements" and gold.articles[0]["main"] is None
    preds = {
        "x1": Extraction(
            claims=[
                Claim("Russian Defence Ministry", 40, "sorties"),  # the spokesman's ministry
                Claim("Cameron", 1e10, "dollars"),  # a surname for the full name
                Claim("Latakia", 967, "civilians"),  # a place is no claimant
            ]
        )
    }
    t = tally_gold(gold, preds)
    assert (t.claims, t.claims_found, t.claimant_ok) == (4, 3, 2)
    assert any("967 civilians by 'Airwars': claimant 'Latakia'" in m for m in t.misses)
    assert any("4.5 percent by 'UNHCR': no claim" in m for m in t.misses)


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Latakia", "Lattakia", True),  # spelling through the gazetteer's aliases
        ("Aleppo", "outside Aleppo", True),
        ("al-Fouaa", "Foua and Kefraya", True),  # one place of a pair
        ("Aleppo", "Aleppo countryside", False),  # the city is not the governorate
        ("Aleppo", "Ghandoura", False),  # the seat is not the town the text names
    ],
)
def test_place_correct(predicted: str, gold: str, same: bool) -> None:
    from trucewatch.gazetteer import load_gazetteer

    place = next(
        p for p in load_gazetteer().lookup(predicted) if p.geonameid or p.geo_precision < 3
    )
    assert place_correct(place, gold) is same


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Syrian Observatory for Human Rights", "the Syrian Observatory for Human Rights", True),
        ("SOHR", "Syrian Observatory for Human Rights", True),
        ("Russian Defence Ministry", "Igor Konashenkov", True),
        ("Cameron", "David Cameron", True),
        ("Syrian state television", "state television", True),
        ("US-led coalition", "coalition", True),
        ("Syrian state television", "Syrian state news agency", False),
        ("Turkish military", "Israeli military", False),
        ("military State television", "State television", False),
        ("Syrian", "Syrian Observatory for Human Rights", False),
        ("GENEVA", "United Nations", False),
        ("Russian Security Council", "Russian Defence Ministry", False),
        (None, "Airwars", False),
    ],
)
def test_same_claimant(predicted: str | None, gold: str, same: bool) -> None:
    assert same_claimant(predicted, gold) is same


def test_fakes_governorate_accepts_countryside_for_damascus_and_counts_misses() -> None:
    def report(location: str, source: str) -> Report:
        return Report(
            source=Source(source), text="x", annotations={"location": location, "date": "5/3/2016"}
        )

    rif = incident("shelling", "Rif Dimashq", 3)
    rif.main = True
    pairs = [
        (report("damascus", "a"), Extraction(incidents=[rif])),
        (report("aleppo", "a"), Extraction()),
    ]
    table = score_fakes(pairs)
    overall = next(row for row in table.rows if row[0] == "ALL")
    assert overall[1] == 2 and overall[2] == 0.5  # one right, one without a main incident
    assert overall[5] == 0.5  # date exact for the one dated main incident
    assert isinstance(table, EvalTable) and "| outlet |" in table.to_markdown()


def test_eval_gold_command_reports_a_bad_file_without_a_traceback(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from trucewatch.cli import app

    path = tmp_path / "gold.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "gold", str(path)])
    assert result.exit_code == 2
    assert "gold.jsonl:1: not JSON" in result.output and "Traceback" not in result.output


def test_eval_fakes_refuses_a_csv_it_cannot_read_instead_of_scoring_no_rows(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from trucewatch.cli import app

    missing = tmp_path / "FA-KES-Dataset.csv"
    result = CliRunner().invoke(app, ["eval", "fakes", str(missing)])
    assert result.exit_code == 2
    assert "FA-KES-Dataset.csv" in result.output and "| ALL |" not in result.output


def test_must_not_notes_forbid_claimants_and_cumulative_tolls(tmp_path: Path) -> None:
    from trucewatch.extract.gold import must_not_rules

    notes = [
        "claimant 'GENEVA' (dateline city)",
        "claimant 'As' or 'Afterwards' (sentence-initial words)",
        "any incident with 250,000 killed (cumulative war toll is a claim)",
        "truce_declared (a ceasefire is only discussed)",
    ]
    claimants, tolls = must_not_rules(notes)
    assert claimants == {"geneva", "as", "afterwards"} and tolls == {250000.0}
    path = tmp_path / "s.jsonl"
    row = {"id": "x", "kind": "discourse", "published": None, "title": "t", "text": "...",
           "gold": {"incidents": [], "claims": [], "must_not": notes}}  # fmt: skip
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    war = incident("armed_clash", "Aleppo", None, killed=Toll(250000, 250000, 250000))
    preds = {"x": Extraction(incidents=[war], claims=[Claim("GENEVA", 3, "people")])}
    t = tally_gold(load_gold_set(path), preds)
    assert (t.must_not_claimants, t.must_not_tolls) == (1, 1)
    assert (t.discourse, t.discourse_violent_rows) == (1, 1)


def test_fakes_dates_are_scored_on_the_best_day_beside_the_dateline_baseline() -> None:
    from trucewatch.model.dates import incident_window
    from trucewatch.model.report import Published, PublishedBasis

    published = Published(PublishedBasis.DATELINE, date=dt.date(2016, 3, 6))
    undated = incident("shelling", "Aleppo", None)
    undated.main = True
    undated.window = incident_window(None, published=published.date)  # best day: 6 March
    pairs = [
        (
            Report(
                source=Source("a"),
                text="x",
                published=published,
                annotations={"location": "aleppo", "date": "3/5/2016"},  # crowd: 5 March
            ),
            Extraction(incidents=[undated]),
        )
    ]
    overall = next(row for row in score_fakes(pairs).rows if row[0] == "ALL")
    assert overall[4] == 0.0  # the text states no day
    assert overall[5] == 0.0 and overall[6] == 1.0  # best day one off the crowd's
    assert overall[7] == 1.0  # the dateline baseline
