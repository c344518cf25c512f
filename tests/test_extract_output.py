"""The JSON object of ``trucewatch extract --jsonl`` (issue 3, item 7)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from trucewatch.extract import extract, extract_many, to_json
from trucewatch.model.report import Published, PublishedBasis, Report, Source

INCIDENT_KEYS = {
    "type", "date", "time", "time_precision", "place", "governorate", "lat", "lon",
    "geo_precision", "perpetrator", "target", "killed", "injured", "main", "evidence",
    "attribution", "perpetrator_alternatives", "denied_by", "event_date", "date_earliest",
    "date_latest", "date_basis",
}  # fmt: skip


def sample(row: int | None = 3) -> Report:
    return Report(
        source=Source("wire"),
        text="Warplanes struck a market in Idlib on Monday, killing at least 7 people.",
        title="Market hit",
        url="https://example.org/a",
        published=Published(PublishedBasis.METADATA, date=dt.date(2016, 3, 9)),
        row=row,
        id="r-1",
    )


def test_json_shape_and_values() -> None:
    report = sample()
    out = to_json(report, extract(report))
    assert json.loads(json.dumps(out)) == out  # plain JSON types only
    assert out["report"] == {
        "id": "r-1",
        "source": "wire",
        "title": "Market hit",
        "url": "https://example.org/a",
        "published": "2016-03-09",
        "published_range": None,
        "published_basis": "metadata",
        "row": 3,
    }
    (inc,) = out["incidents"]
    assert set(inc) == INCIDENT_KEYS
    assert inc["type"] == "air_strike" and inc["date"] == "2016-03-07"
    assert inc["governorate"] == "Idlib" and inc["main"] is True
    assert inc["killed"] == {"low": 7, "best": None, "high": None}  # "at least 7"
    assert inc["time"] is None and inc["time_precision"] == 1
    assert (inc["event_date"], inc["date_earliest"], inc["date_latest"]) == ("2016-03-07",) * 3
    assert inc["date_basis"] == "text"
    assert inc["attribution"] is None and inc["perpetrator_alternatives"] == []


def test_an_undated_incident_has_the_week_up_to_publication_as_its_window() -> None:
    report = replace(
        sample(), text="Warplanes struck a market in Idlib, killing at least 7 people."
    )
    (inc,) = to_json(report, extract(report))["incidents"]
    assert inc["date"] is None and inc["event_date"] == "2016-03-09"
    assert (inc["date_earliest"], inc["date_latest"]) == ("2016-03-03", "2016-03-09")
    assert inc["date_basis"] == "dateline_week" and inc["time_precision"] == 2


def test_attribution_fields_in_the_json() -> None:
    text = (
        "Syrian or Russian warplanes struck a market in Idlib on Monday, killing 7 people. "
        "Moscow denied any role."
    )
    report = replace(sample(), text=text)
    (inc,) = to_json(report, extract(report))["incidents"]
    assert inc["perpetrator"] == "Syrian government forces"
    assert inc["perpetrator_alternatives"] == ["Russian forces"]
    assert (inc["attribution"], inc["denied_by"]) == ("denied", "Moscow")


def test_unknown_values_are_null_not_zero() -> None:
    report = sample()
    (inc,) = to_json(report, extract(report))["incidents"]
    assert inc["injured"] == {"low": None, "best": None, "high": None}
    assert inc["perpetrator"] is None


def test_extract_many_keeps_order_and_pairs() -> None:
    reports = [sample(row=i) for i in range(5)]
    got = [r.row for r, _ in extract_many(reports, batch_size=2)]
    assert got == [0, 1, 2, 3, 4]
