"""The JSON object of ``trucewatch extract --jsonl`` (issue 3, item 7)."""

from __future__ import annotations

import datetime as dt
import json

from trucewatch.extract import extract, extract_many, to_json
from trucewatch.model.report import Published, PublishedBasis, Report, Source

INCIDENT_KEYS = {
    "type", "date", "time", "time_precision", "place", "governorate", "lat", "lon",
    "geo_precision", "perpetrator", "target", "killed", "injured", "main", "evidence",
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


def test_unknown_values_are_null_not_zero() -> None:
    report = sample()
    (inc,) = to_json(report, extract(report))["incidents"]
    assert inc["injured"] == {"low": None, "best": None, "high": None}
    assert inc["perpetrator"] is None


def test_extract_many_keeps_order_and_pairs() -> None:
    reports = [sample(row=i) for i in range(5)]
    got = [r.row for r, _ in extract_many(reports, batch_size=2)]
    assert got == [0, 1, 2, 3, 4]
