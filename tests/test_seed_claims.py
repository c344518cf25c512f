"""Seed reports (read at test time from ../shared/seeds): cumulative figures stay claims with
the claimants the text gives, and no claimant is an opening word, a dateline or a place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trucewatch.extract import extract
from trucewatch.gazetteer import load_gazetteer
from trucewatch.model.report import Published, PublishedBasis, Report, Source

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def seed(prefix: str) -> Report:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    published = Published(PublishedBasis.METADATA, date=dt.date(2016, 3, 5))
    return Report(source=Source("seed"), text=path.read_text(encoding="utf-8"), published=published)


def test_the_28000_fighters_are_the_russian_security_councils_claim() -> None:
    claims = [c for c in extract(seed("001")).claims if c.quantity == 28000 and c.of_total]
    assert [c.claimant for c in claims] == ["Russian Security Council"]


def test_the_967_civilians_are_airwars_claim() -> None:
    claims = [c for c in extract(seed("000")).claims if c.quantity == 967]
    assert [c.claimant for c in claims] == ["Airwars"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_claimant_is_an_opening_word_a_place_or_a_hash(prefix: str) -> None:
    gazetteer = load_gazetteer()
    for claim in extract(seed(prefix)).claims:
        name = claim.claimant or ""
        assert name and not name.startswith("unknown")
        assert name not in {"As", "Afterwards", "More", "Raids", "Residents", "Saturday", "It"}
        assert not gazetteer.lookup(name), name
