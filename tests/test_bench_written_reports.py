"""The written evaluation set (bench/written_reports.jsonl, reports we wrote blind to the
extractor) loads as `trucewatch eval gold` reads it, and its gold holds to the conventions the
scores assume: each coded place is told in its text, governorates are the gazetteer's, days fall
in the year the reports cover, and discourse reports code no incident."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trucewatch.extract.gold import load_gold_set
from trucewatch.gazetteer import GOVERNORATES

WRITTEN = Path(__file__).resolve().parents[1] / "bench" / "written_reports.jsonl"


def test_the_written_set_loads_with_its_texts_and_gold() -> None:
    gold = load_gold_set(WRITTEN)
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


def test_every_coded_incident_is_told_where_and_when_the_text_says() -> None:
    for a in load_gold_set(WRITTEN).articles:
        published = dt.date.fromisoformat(a["published"]) if a["published"] else None
        for g in a["incidents"]:
            assert g["place"] and g["place"] in a["text"], (a["key"], g["place"])
            assert g["governorate"] is None or g["governorate"] in GOVERNORATES, a["key"]
            if g["date"] is not None:
                day = dt.date.fromisoformat(g["date"])
                assert published is not None and day <= published, a["key"]
                assert day.year == 2016, a["key"]
            low, high = g["killed_low"], g["killed_high"]
            assert low is None or high is None or low <= high, a["key"]
