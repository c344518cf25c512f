"""Claims on passages we wrote: claimant, quantity, unit, period, part of a whole, percent."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_claims

DAY = dt.date(2016, 5, 20)
claims = partial(passage_claims, published=DAY)


def test_claimant_after_said_and_unit_after_the_figure() -> None:
    (claim,) = claims("The fleet flew 40 sorties a day over the desert, said Colonel Brandt.")
    assert (claim.quantity, claim.unit, claim.period) == (40, "sorties", "per day")
    assert claim.claimant == "Colonel Brandt"


def test_part_of_a_whole_with_a_percentage_and_a_since_period() -> None:
    text = (
        "Since the operation began on October 1 last year the army has been busy. "
        "The rebels had 9,000 fighters, of whom 3,000 (33 percent) were captured, the "
        "general said."
    )
    part = [c for c in claims(text) if c.quantity == 3000]
    assert len(part) == 1
    assert part[0].of_total == 9000 and part[0].percent == 33 and part[0].unit == "fighters"
    assert part[0].period == "since 2015-10-01"


def test_a_pronoun_claimant_speaks_for_the_last_one_named() -> None:
    text = "The monitor Watchgroup reported heavy losses on Monday. It said 52 civilians died."
    (claim,) = [c for c in claims(text) if c.quantity == 52]
    assert claim.claimant == "Watchgroup"


def test_a_figure_without_a_reporting_cue_is_no_claim() -> None:
    assert claims("The convoy of 30 trucks left at dawn.") == []


def test_claim_evidence_points_into_the_text() -> None:
    text = "According to Watchgroup, 120 civilians were killed in March."
    (claim,) = claims(text)
    assert claim.claimant == "Watchgroup"
    for m in claim.evidence:
        assert text[m.start : m.end] == m.text


def test_years_and_days_of_dates_are_no_claimed_figures() -> None:
    found = claims("In 2016 the monitor said 300 civilians died; on 27 April, 12 people died.")
    assert {c.quantity for c in found} == {300, 12}


def test_a_named_body_runs_over_for_and_of() -> None:
    (claim,) = claims("The Syrian Observatory for Human Rights said 40 civilians were killed.")
    assert claim.claimant == "Syrian Observatory for Human Rights"


def test_each_figure_is_claimed_by_the_source_just_before_it() -> None:
    text = (
        "An activist network gave 90 dead, and a citizen journalist from Manbij said 124 "
        "bodies had been counted."
    )
    got = {(c.claimant, c.quantity, c.unit) for c in claims(text)}
    # a described source is kept as written, without its article
    assert got == {
        ("activist network", 90, "dead"),
        ("citizen journalist from Manbij", 124, "bodies"),
    }
