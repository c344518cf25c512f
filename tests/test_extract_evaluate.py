"""Scoring functions of ``trucewatch eval fakes`` / ``eval gold`` on data we make up."""

from __future__ import annotations

import datetime as dt

from trucewatch.extract.evaluate import EvalTable, score_fakes, score_gold
from trucewatch.extract.spans import Extraction
from trucewatch.model.incident import Incident, IncidentType, Place, Toll
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
                    perpetrator="Russian forces", perpetrator_stated=True,
                ),
                gold_incident("shelling", "Hama", None),
            ],
        }
    ]  # fmt: skip
    main = incident("air_strike", "Idlib", 11, killed=Toll(6, 6, 6), perpetrator="Russian forces")
    main.main = True
    preds = {1: Extraction(incidents=[main, incident("explosion", "Homs", 10)])}
    table = score_gold(gold, preds)
    values = {row[0]: row[1] for row in table.rows}
    assert values["incident precision"] == 0.5  # 1 of 2 predicted matches
    assert values["incident recall"] == 0.5  # 1 of 2 gold found
    assert values["main type"] == 1.0 and values["main date ±1 day"] == 1.0
    assert values["main toll in range"] == 1.0 and values["main stated perpetrator"] == 1.0


def test_gold_ignores_types_outside_its_scope() -> None:
    gold = [{"row": 1, "main": 0, "incidents": [gold_incident("shelling", "Hama", None)]}]
    main = incident("shelling", "Hama", None)
    main.main = True
    truce = incident("truce_declared", "Homs", 3)
    table = score_gold(gold, {1: Extraction(incidents=[main, truce])})
    assert {row[0]: row[1] for row in table.rows}["incident precision"] == 1.0


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
