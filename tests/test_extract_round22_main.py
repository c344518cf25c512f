"""Round 22, the main-incident model's extra training articles (``scripts/build_main_model.py
--studied``): a candidate is labelled the main incident when it fits every judgement the sample
scripts' studied batches made of a row's main incident, and no blind batch is ever read. The
incidents are made here (no article text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_extract_main_choice import _script
from trucewatch.model.incident import GeoPrecision, Incident, Place, Toll
from trucewatch.model.incident import IncidentType as T

# the sample draws leave out the gold files' rows, so reading them needs ../shared
needs_gold = pytest.mark.skipif(
    not (Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes").is_dir(),
    reason="../shared/data/fakes not present",
)

IDLIB = Place("Saraqib", "Idlib", geo_precision=GeoPrecision.TOWN)
DAY = dt.date(2016, 2, 15)


def _strike(**kw) -> Incident:
    base = {
        "type": T.AIR_STRIKE,
        "date": DAY,
        "place": IDLIB,
        "perpetrator": "Russian forces",
        "killed": Toll(12, 12, 12),
    }
    return Incident(**{**base, **kw})


def test_a_candidate_fits_when_every_judgement_of_the_main_holds() -> None:
    fits = _script().fits_judgement
    judged = {
        "type": "air_strike",
        "governorate": "Idlib",
        "date": "2016-02-14",  # a day apart: within a day, as eval gold scores
        "killed": (10, None),
        "perpetrator": "Russian forces",
    }
    assert fits(_strike(), None, judged)
    assert not fits(_strike(type=T.SHELLING), None, judged)
    assert not fits(_strike(killed=Toll(3, 3, 3)), None, judged)
    assert not fits(_strike(perpetrator=None), None, judged)
    assert not fits(_strike(date=dt.date(2016, 2, 10)), None, judged)


def test_a_judged_null_wants_no_figure_and_no_day() -> None:
    fits = _script().fits_judgement
    assert fits(_strike(killed=Toll(), date=None), None, {"killed": (None, None), "date": None})
    assert not fits(_strike(), None, {"killed": (None, None)})
    assert not fits(_strike(), None, {"date": None})


def test_a_candidate_the_text_places_nowhere_is_judged_where_the_headline_sets_it() -> None:
    fits = _script().fits_judgement
    placeless = _strike(place=None)
    headline_place = Place("Idlib", "Idlib", geo_precision=GeoPrecision.REGION)
    assert fits(placeless, headline_place, {"place_governorate": "Idlib"})
    assert not fits(placeless, None, {"place_governorate": "Idlib"})


@needs_gold
def test_studied_judgements_never_read_a_blind_row() -> None:
    script = _script()
    script.studied_judgements(804)  # puts bench/ on the path
    from blind_rows import blind_rows

    judged = script.studied_judgements(804)
    assert judged, "the studied batches hold judged rows"
    assert not set(judged) & blind_rows(804)
    # every kind of judgement the build reads is there
    kinds = {k for j in judged.values() for k in j}
    assert {"date", "type", "governorate", "killed", "place_governorate", "perpetrator"} <= kinds


@needs_gold
def test_the_incident_filter_learns_from_no_row_a_sample_keeps_blind() -> None:
    from tests.test_extract_round16_keep import _script as keep_script

    script = keep_script()
    batch0 = script.recall_batch0()  # puts bench/ on the path
    from blind_rows import blind_rows

    blind = blind_rows(804)
    assert batch0 and not {r["row"] for r in batch0} & blind
    studied = script.studied_incidents()
    rows = [r["row"] for r, _ in studied]
    assert len(rows) == len(set(rows)) and not set(rows) & blind
    # both samples judged for every incident give rows, from studied batches only
    assert {source.split()[0] for _, source in studied} == {"recall", "date"}
    assert all(r["incidents"] is not None for r, _ in studied)
