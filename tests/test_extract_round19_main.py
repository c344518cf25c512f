"""The main incident's type on passages we wrote (round 19, r19-main): mines laid on the ground
are explosions, a convoy an attack hit is the attack's object, not a delivery, and a chemical
attack named only to time the news ("hours after a chemical attack") does not type it; what the
story "came a day after" lies a day before the story's day; a massacre by an air force is its
air strike."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import Incident, IncidentType

T = IncidentType
WEDNESDAY = dt.date(2016, 3, 9)


def test_land_mines_that_killed_are_an_explosion() -> None:
    main = main_incident(
        "Land mines left by the militants have killed nine farmers in the village of Tal "
        "Rifaat in Aleppo province, a monitor said on Wednesday.",
        WEDNESDAY,
    )
    assert main.type == T.EXPLOSION


def test_a_convoy_the_warplanes_bombed_is_no_delivery() -> None:
    found = passage_incidents(
        "Warplanes bombed an aid convoy delivering food to the town of Atareb in Aleppo province "
        "on Tuesday, killing seven drivers, a monitor said.",
        WEDNESDAY,
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]


def test_a_raid_on_a_long_named_convoy_is_no_delivery() -> None:
    found = passage_incidents(
        "Eleven people died on Tuesday in a raid on a joint Red Crescent and United Nations "
        "convoy delivering food to the town of Atareb in Aleppo province, rescuers said.",
        WEDNESDAY,
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]


def test_a_convoy_told_as_hit_is_no_delivery() -> None:
    found = passage_incidents(
        "The aid convoy was hit on Tuesday as it delivered flour to the town of Atareb in Aleppo "
        "province. Seven drivers were killed in the air strike, a monitor said.",
        WEDNESDAY,
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]


def test_a_convoy_that_entered_a_town_is_still_a_delivery() -> None:
    found = passage_incidents(
        "An aid convoy of 30 trucks entered the besieged town of Madaya in Rif Dimashq on "
        "Tuesday, the Red Crescent said.",
        WEDNESDAY,
    )
    assert [i.type for i in found] == [T.HUMANITARIAN_DELIVERY]


def test_a_chemical_attack_that_only_times_the_news_does_not_type_it() -> None:
    found = passage_incidents(
        "Warplanes bombed the town of Douma in Rif Dimashq on Tuesday, killing 12 people, a day "
        "after the opposition accused the army of gassing dozens. The chemical attack on Monday "
        "hit the town of Latamneh in Hama province, killing 30.",
        WEDNESDAY,
    )
    by_type = {i.type: i for i in found}
    assert by_type[T.AIR_STRIKE].main
    assert by_type[T.AIR_STRIKE].date == dt.date(2016, 3, 8)
    assert by_type[T.CHEMICAL_ATTACK].place is not None
    assert by_type[T.CHEMICAL_ATTACK].place.name == "Latamneh"


def test_dead_told_hours_after_a_chemical_attack_are_not_its_dead() -> None:
    main = main_incident(
        "At least 12 people were killed in the town of Douma in Rif Dimashq on Tuesday, hours "
        "after a suspected chemical attack left dozens dead in the town of Latamneh. Air strikes "
        "on Douma killed the 12, a monitor said. The chemical attack on Latamneh in Hama "
        "province killed 30 on Tuesday.",
        WEDNESDAY,
    )
    assert main.type == T.AIR_STRIKE


STRIKE_ON_WAER = (
    "Jets struck the Waer district of Homs on Tuesday, killing seven people, a monitor said. "
)


def _by_place(text: str) -> dict[str, Incident]:
    return {i.place.name: i for i in passage_incidents(text, WEDNESDAY) if i.place is not None}


def test_what_the_story_came_a_day_after_lies_a_day_before_it() -> None:
    found = _by_place(
        STRIKE_ON_WAER + "This escalation came a day after the last rebels were evacuated from "
        "the town of Madaya in Rif Dimashq under a deal."
    )
    assert found["Madaya"].type == T.HUMANITARIAN_DELIVERY
    assert found["Madaya"].date == dt.date(2016, 3, 7)


def test_what_the_deaths_come_two_days_after_lies_two_days_before() -> None:
    found = _by_place(
        STRIKE_ON_WAER + "The deaths come two days after regime helicopters dropped barrel bombs "
        "on the town of Atareb in Aleppo province, killing 12."
    )
    assert found["Atarib"].date == dt.date(2016, 3, 6)


def test_a_day_after_someone_spoke_dates_no_incident() -> None:
    found = _by_place(
        STRIKE_ON_WAER + "The strikes came a day after the UN said that 20 people had been killed "
        "in air strikes on the town of Atareb in Aleppo province."
    )
    assert found["Atarib"].date is None


def test_a_massacre_by_an_air_force_is_its_air_strike() -> None:
    found = passage_incidents(
        "Opposition condemns horrific massacre by the regime air force in the town of Atareb in "
        "Aleppo province. The opposition condemned the crime committed by regime aircraft in "
        "Atareb on Monday. At least 30 civilians were killed when jets bombed a market, a "
        "monitor said.",
        WEDNESDAY,
    )
    assert [(i.type, i.date) for i in found] == [(T.AIR_STRIKE, dt.date(2016, 3, 7))]
