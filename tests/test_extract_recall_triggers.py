"""Incident recall, round 9 (issue 15): ways of saying an incident the trigger lexicon missed,
sentence roles that hid a happening, and recalls dated by a year that were typed as new
attacks. Each passage is our own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T

APRIL = dt.date(2017, 4, 10)


def incidents(text: str, day: dt.date = APRIL):
    return extract(passage(text, day)).incidents


def types(text: str) -> list[T]:
    return [i.type for i in incidents(text)]


# --- words the lexicon lacked ------------------------------------------------------------------


def test_a_rebel_barrage_is_shelling() -> None:
    got = incidents("April 10 2017\nA rebel barrage killed seven people in Douma on Sunday.")
    assert [i.type for i in got] == [T.SHELLING]
    assert got[0].killed.low == 7


def test_a_barrage_of_air_strikes_stays_an_air_strike() -> None:
    text = "April 10 2017\nA barrage of air strikes hit the town of Douma on Sunday."
    assert types(text) == [T.AIR_STRIKE]


def test_explosive_rounds_fired_on_a_quarter_are_shelling() -> None:
    text = (
        "April 10 2017\nTwo explosive rounds hit the town of Jaramana on Sunday, wounding four "
        "people."
    )
    assert types(text) == [T.SHELLING]


def test_sulphur_mustard_is_a_chemical_attack() -> None:
    text = "April 10 2017\nIslamic State used sulphur mustard in the town of Marea on Sunday."
    assert types(text) == [T.CHEMICAL_ATTACK]


def test_breaking_a_siege_is_fighting_but_a_plan_to_break_it_is_not() -> None:
    done = "April 10 2017\nRebel fighters broke the siege on the town of Harasta on Sunday."
    assert types(done) == [T.ARMED_CLASH]
    aim = "April 10 2017\nRebels in Harasta hope to break the siege, a commander said on Sunday."
    assert types(aim) == []


def test_a_village_the_army_managed_to_control_is_ground_taken() -> None:
    text = (
        "April 10 2017\nThe army managed to control the village of Khanasir on Sunday, state "
        "media said."
    )
    assert types(text) == [T.TERRITORY_TAKEN]


def test_the_capture_of_a_town_is_ground_taken() -> None:
    text = "April 10 2017\nThe capture of the town of Tal Abyad was announced on Sunday."
    assert types(text) == [T.TERRITORY_TAKEN]


def test_villages_that_were_taken_are_ground_taken_but_wounded_taken_to_hospital_are_not() -> None:
    taken = "April 10 2017\nState media said the village of Tal Antar in Daraa province was taken."
    assert types(taken) == [T.TERRITORY_TAKEN]
    hospital = (
        "April 10 2017\nFour wounded men were taken to hospital in the village of Tal Antar on "
        "Sunday."
    )
    assert T.TERRITORY_TAKEN not in types(hospital)


def test_a_force_driven_out_of_a_town_is_ground_taken_a_journey_is_not() -> None:
    text = "April 10 2017\nIn Tal Abyad, Kurdish forces drove Islamic State out on Sunday."
    assert types(text) == [T.TERRITORY_TAKEN]
    homes = "April 10 2017\nIn Tal Abyad, shelling drove families out of their homes on Sunday."
    assert T.TERRITORY_TAKEN not in types(homes)


def test_villages_signing_to_join_the_cessation_of_hostilities_accede() -> None:
    text = (
        "MOSCOW, April 10 - The village of Kinsabba in Latakia province signed an agreement on "
        "Monday to join the cessation of hostilities, the Russian centre said."
    )
    assert T.ACCESSION in types(text)


# --- sentence roles that hid a happening --------------------------------------------------------


def test_a_name_after_to_makes_no_purpose() -> None:
    text = (
        "April 10 2017\nTroops loyal to Damascus established control over the village of "
        "Kafr Nabl on Sunday."
    )
    got = incidents(text)
    assert [(i.type, i.place.name if i.place else None) for i in got] == [
        (T.TERRITORY_TAKEN, "Kafr Nabl")
    ]


def test_a_verb_after_to_still_makes_a_purpose() -> None:
    text = "April 10 2017\nRebels are battling to take control of Kafr Nabl, activists said."
    assert T.TERRITORY_TAKEN not in types(text)


def test_an_adverb_after_the_auxiliary_keeps_fighting_a_happening() -> None:
    text = (
        "April 10 2017\nGovernment forces were also fighting rebels in the village of Kafr Nabl "
        "on Sunday."
    )
    assert types(text) == [T.ARMED_CLASH]


def test_the_deadliest_since_a_year_is_no_period_tally() -> None:
    text = (
        "April 10 2017\nA chemical attack hit the town of Zamalka on Sunday, the deadliest "
        "since 2013."
    )
    assert types(text) == [T.CHEMICAL_ATTACK]


# --- recalls dated by a year or by "last year" ---------------------------------------------------


def test_a_year_before_an_attack_recalls_it() -> None:
    text = (
        "April 10 2017\nWarplanes struck the town of Zamalka on Sunday, killing six, near the "
        "mass graves of the 2013 sarin attack."
    )
    assert types(text) == [T.AIR_STRIKE]


def test_a_year_dating_an_attack_after_it_recalls_it() -> None:
    text = (
        "April 10 2017\nRebel rockets hit the town of Zamalka on Sunday, where the chemical "
        "attack of August 2013 killed hundreds."
    )
    assert T.CHEMICAL_ATTACK not in types(text)


def test_last_years_attack_and_two_years_ago_recall_earlier_attacks() -> None:
    text = (
        "April 10 2017\nShells hit the town of Kafr Nabl on Sunday; last year's chemical attack "
        "there is still unpunished."
    )
    assert T.CHEMICAL_ATTACK not in types(text)
    ago = (
        "April 10 2017\nShells hit the town of Kafr Nabl on Sunday, near where a chemical "
        "attack two years ago killed dozens."
    )
    assert T.CHEMICAL_ATTACK not in types(ago)


def test_this_years_date_is_no_recall() -> None:
    text = "April 10 2017\nA chemical attack in April 2017 killed six in the town of Kafr Nabl."
    assert types(text) == [T.CHEMICAL_ATTACK]
