"""Incident recall, round 11 (issue 15): a list of towns across governorates tells one incident
in each, a car bomb told in the sentence after an incident's place went off there, and bombs or
mines found or dismantled are no explosion. Each passage is our own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T

APRIL = dt.date(2017, 4, 10)


def incidents(text: str, day: dt.date = APRIL):
    return extract(passage(text, day)).incidents


def placed(text: str) -> list[tuple[T, str | None]]:
    return sorted(
        ((i.type, i.place.governorate if i.place else None) for i in incidents(text)),
        key=str,
    )


# --- one incident per governorate a list names ---------------------------------------------------


def test_a_comma_stripped_list_across_governorates_gives_one_incident_in_each() -> None:
    text = (
        "April 10 2017\nRockets hit the towns of Zamalka Ain Tarma and Jobar on Sunday, "
        "residents said."
    )
    # round 12: a comma-stripped list closed by "and" gives one incident per town (GOLD-DEV.md:
    # several towns without separable tolls), so Rif Dimashq holds two, Zamalka and Ain Tarma
    assert placed(text) == [
        (T.SHELLING, "Damascus"),
        (T.SHELLING, "Rif Dimashq"),
        (T.SHELLING, "Rif Dimashq"),
    ]


def test_a_list_within_one_governorate_stays_as_before() -> None:
    text = "April 10 2017\nRockets hit the towns of Zamalka Ain Tarma and Hamouriyeh on Sunday."
    assert {g for _, g in placed(text)} == {"Rif Dimashq"}


def test_two_names_with_no_and_after_them_are_no_list() -> None:
    # a headline-like string of two names is no list of towns: no twin in the second
    text = "April 10 2017\nRockets hit Zamalka Damascus on Sunday."
    assert placed(text) == [(T.SHELLING, "Rif Dimashq")]


# --- a car bomb told right after an incident's place ---------------------------------------------

MONITOR = (
    "April 10 2017\nRebels pressed a counter-offensive against the army near Khan Tuman on "
    "Sunday, a monitor said. "
)


def test_car_bombs_in_the_next_placeless_sentence_went_off_at_that_place() -> None:
    text = (
        MONITOR + "It added that the rebels attacked the army lines with three suicide car bombs."
    )
    assert placed(text) == [(T.ARMED_CLASH, "Aleppo"), (T.EXPLOSION, "Aleppo")]


def test_a_bare_raid_in_the_next_placeless_sentence_is_not_placed_there() -> None:
    # only a bomb is taken to have gone off at the place just told; "jets struck" with no
    # place and no toll may be the scene the last sentence set, as before it is left out
    text = MONITOR + "It added that jets struck the rebel lines as well."
    assert [t for t, _ in placed(text)] == [T.ARMED_CLASH]


# --- bombs found or made safe --------------------------------------------------------------------


def test_explosive_devices_dismantled_are_no_explosion() -> None:
    text = (
        "April 10 2017\nArmy engineers dismantled dozens of explosive devices and mines in the "
        "town of Khan Tuman on Sunday."
    )
    assert placed(text) == []


def test_a_car_bomb_found_is_no_explosion_but_one_that_went_off_is() -> None:
    found = "April 10 2017\nArmy engineers found a car bomb in the town of Khan Tuman on Sunday."
    assert placed(found) == []
    went_off = "April 10 2017\nA car bomb exploded in the town of Khan Tuman on Sunday."
    assert placed(went_off) == [(T.EXPLOSION, "Aleppo")]


# --- "the town", "those villages": a place already named ----------------------------------------


def test_troops_entering_the_town_just_named_took_it() -> None:
    text = (
        "April 10 2017\nA monitor said 12 civilians were killed in the village of Khan Tuman "
        "this week. The deaths came after troops entered the town on Tuesday."
    )
    assert (T.TERRITORY_TAKEN, "Aleppo") in placed(text)


def test_control_over_the_villages_just_named_is_ground_taken_there() -> None:
    text = (
        "April 10 2017\nHeavy fighting raged on Sunday around the village of Khan Tuman, a "
        "monitor said. Later government troops established control over the abovementioned "
        "villages."
    )
    assert (T.TERRITORY_TAKEN, "Aleppo") in placed(text)


def test_regular_bombardment_of_the_area_is_no_incident() -> None:
    text = (
        "April 10 2017\nA monitor said 12 civilians were killed in air strikes on the village of "
        "Khan Tuman on Sunday. Shortages there are made worse by regular bombardment of the area."
    )
    assert [t for t, _ in placed(text)] == [T.AIR_STRIKE]


def test_helicopters_that_pound_a_town_strike_it() -> None:
    # a headline's present tense: "pound" is the aircraft acting, as "pounded" was
    text = (
        "April 10 2017\nRegime helicopters pound the town of Khan Tuman on Sunday, residents said."
    )
    assert placed(text) == [(T.AIR_STRIKE, "Aleppo")]


def test_the_fighting_in_the_area_is_the_fighting_already_told() -> None:
    # "the fighting" points back at an incident told before, not at a new one there
    text = (
        "April 10 2017\nHeavy clashes broke out around the village of Khan Tuman on Sunday, a "
        "monitor said. The fighting in the area has driven hundreds of families out since Friday."
    )
    got = [i for i in incidents(text) if i.type == T.ARMED_CLASH]
    assert [str(i.date) for i in got] == ["2017-04-09"]
