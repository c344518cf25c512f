"""The written sets (bench/written_reports.jsonl, the checking set, and bench/written_tune.jsonl,
the tuning set: reports we wrote, the first blind to the extractor) load as `trucewatch eval
gold` reads them, and their gold holds to the conventions the scores assume: each coded place is
told in its text, governorates are the gazetteer's, days fall in the years a set covers and not
after publication, and discourse reports code no incident."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trucewatch.extract.gold import load_gold_set
from trucewatch.gazetteer import GOVERNORATES

BENCH = Path(__file__).resolve().parents[1] / "bench"
# each set and the years its events are told in (the sets share no year, so no event)
SETS = [
    ("written_reports.jsonl", {2016}),
    ("written_tune.jsonl", {2015, 2017}),
    ("written_tune_2.jsonl", {2012, 2013, 2014, 2018, 2019}),
    ("written_tune_3.jsonl", {2011, 2020, 2021, 2022, 2023}),
    ("written_tune_4.jsonl", {2012, 2013, 2014, 2015, 2017, 2018, 2019}),
]


@pytest.mark.parametrize(("name", "years"), SETS)
def test_the_written_set_loads_with_its_texts_and_gold(name: str, years: set[int]) -> None:
    gold = load_gold_set(BENCH / name)
    assert gold.kind == "statements"  # texts travel with their gold
    keys = [a["key"] for a in gold.articles]
    assert len(keys) == len(set(keys)) >= 30
    assert {a["kind"] for a in gold.articles} == {"incident", "roundup", "discourse"}
    for a in gold.articles:
        assert a["text"].strip(), a["key"]
        if a["kind"] == "discourse":
            assert not a["incidents"], a["key"]
        else:
            assert a["incidents"], a["key"]


@pytest.mark.parametrize(("name", "years"), SETS)
def test_every_coded_incident_is_told_where_and_when_the_text_says(
    name: str, years: set[int]
) -> None:
    for a in load_gold_set(BENCH / name).articles:
        published = dt.date.fromisoformat(a["published"]) if a["published"] else None
        for g in a["incidents"]:
            assert g["place"] and g["place"] in a["text"], (a["key"], g["place"])
            assert g["governorate"] is None or g["governorate"] in GOVERNORATES, a["key"]
            if g["date"] is not None:
                day = dt.date.fromisoformat(g["date"])
                assert published is not None and day <= published, a["key"]
                assert day.year in years, a["key"]
            low, high = g["killed_low"], g["killed_high"]
            assert low is None or high is None or low <= high, a["key"]
