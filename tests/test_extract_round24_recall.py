"""Incidents the extractor used to miss, on passages we wrote (round 24, r24-recall).

A force "advancing inside" or "advanced in" a town still held by the other side is fighting
there (GOLD-DEV.md codes such a push as an armed clash); "advanced into X" stays ground taken."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType

T = IncidentType
MONDAY = dt.date(2016, 8, 1)


def _types_at(text: str) -> set[tuple[IncidentType, str | None]]:
    got = extract(passage(text, MONDAY)).incidents
    return {(i.type, i.place.governorate if i.place else None) for i in got}


def test_a_force_advancing_inside_a_held_town_is_a_clash() -> None:
    text = (
        "Kurdish-led fighters were advancing inside the jihadist stronghold of Manbij on "
        "Monday, a monitoring group said."
    )
    assert (T.ARMED_CLASH, "Aleppo") in _types_at(text)


def test_troops_who_advanced_in_a_countryside_fought_there() -> None:
    text = (
        "Army units advanced in the countryside of Raqqa on Monday, inflicting heavy losses on "
        "the militants, a military source said."
    )
    assert (T.ARMED_CLASH, "Raqqa") in _types_at(text)


def test_advancing_into_a_town_is_still_ground_taken() -> None:
    text = "Government troops advanced into the town of Khan Tuman on Monday, state media said."
    assert (T.TERRITORY_TAKEN, "Aleppo") in _types_at(text)


def test_a_bare_advance_of_years_is_no_incident() -> None:
    text = "The country's medical services were advanced in the years before the war, he said."
    assert not _types_at(text)


# One aircraft named in the singular ("a plane", "a jet") or in the plural "aircrafts" that some
# outlets write is an aircraft as "warplanes" is: with a verb of striking it tells an air strike,
# without one ("the plane landed") nothing.


def test_a_single_plane_that_hit_a_car_is_an_air_strike() -> None:
    text = (
        "Late on Wednesday a plane hit a pickup truck on the road outside Khan Arnabah, "
        "killing three militiamen, a monitoring group said."
    )
    assert (T.AIR_STRIKE, "Quneitra") in _types_at(text)


def test_aircrafts_that_targeted_a_bakery_are_an_air_strike() -> None:
    text = (
        "A bakery in the town of Atarib west of Aleppo was targeted by Russian aircrafts on "
        "Monday, wounding a dozen people, rescuers said."
    )
    assert (T.AIR_STRIKE, "Aleppo") in _types_at(text)


def test_a_plane_that_only_landed_is_no_air_strike() -> None:
    text = "A cargo plane carrying flour landed at the airport of Qamishli on Monday, they said."
    assert not {k for k, _ in _types_at(text)} & {T.AIR_STRIKE}
