"""The five seed reports (read at test time from ../shared/seeds): what a monitor expects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trucewatch.extract import extract, to_json
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.report import Published, PublishedBasis, Report, Source

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def seed(prefix: str, published: dt.date) -> Report:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return Report(
        source=Source("seed"),
        text=path.read_text(encoding="utf-8"),
        published=Published(PublishedBasis.METADATA, date=published),
        id=prefix,
    )


def test_001_proposed_72_hour_truce_in_eastern_ghouta_and_darayya() -> None:
    r = seed("001", dt.date(2016, 5, 31))
    truces = [i for i in extract(r).incidents if i.type == T.TRUCE_DECLARED]
    in_rif = [i for i in truces if i.place and i.place.governorate == "Rif Dimashq"]
    assert in_rif, truces
    places = {m.text for m in in_rif[0].evidence if m.field == "place"}
    assert any("Ghouta" in p for p in places) and any("Dara" in p for p in places)


def test_001_claim_28000_of_80000_fighters_35_percent_since_30_september_2015() -> None:
    r = seed("001", dt.date(2016, 5, 31))
    claims = [c for c in extract(r).claims if c.quantity == 28000 and c.of_total is not None]
    assert len(claims) == 1
    claim = claims[0]
    assert claim.of_total == 80000 and claim.percent == 35 and claim.unit == "fighters"
    assert claim.period == "since 2015-09-30"
    assert claim.claimant  # the speaker named where the quote closes


def test_002_airdrop_on_deir_al_zor_is_a_delivery_in_deir_ez_zor() -> None:
    r = seed("002", dt.date(2016, 2, 24))
    deliveries = [i for i in extract(r).incidents if i.type == T.HUMANITARIAN_DELIVERY]
    assert len(deliveries) == 1
    (aid,) = deliveries
    assert aid.place is not None and aid.place.governorate == "Deir ez-Zor"
    assert aid.date == dt.date(2016, 2, 24)
    claims = [c for c in extract(r).claims if c.quantity == 21 and c.unit in ("tons", "tonnes")]
    assert claims


def test_002_truce_starts_thursday_at_22_00_gmt() -> None:
    r = seed("002", dt.date(2016, 2, 24))
    truces = [i for i in extract(r).incidents if i.type == T.TRUCE_DECLARED]
    times = {i.time for i in truces}
    assert dt.datetime(2016, 2, 25, 22, 0, tzinfo=dt.UTC) in times


def test_000_claims_sorties_a_day_and_airwars_toll() -> None:
    r = seed("000", dt.date(2016, 3, 5))
    claims = extract(r).claims
    sorties = [c for c in claims if c.unit == "sorties"]
    assert sorties and sorties[0].quantity == 75 and sorties[0].period == "per day"
    civilians = [c for c in claims if c.quantity == 967]
    assert civilians and civilians[0].claimant is not None


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_gives_valid_json_with_evidence_into_the_text(prefix: str) -> None:
    r = seed(prefix, dt.date(2016, 3, 1))
    out = to_json(r, extract(r))
    assert out["report"]["published"] == "2016-03-01"
    for item in out["incidents"] + out["claims"]:
        for ev in item["evidence"]:
            assert r.text[ev["start"] : ev["end"]] == ev["text"]
    assert sum(i["main"] for i in out["incidents"]) == (1 if out["incidents"] else 0)
