"""Round 16 follow-ups the topic branches asked for in files they did not own: a force's own
fire told after the backer that supports it, "bombard" and "twin bombing" as words of attack,
a bombing set off by a party that flies nothing, the party whose hands ground fell into, a
convoy's town told beside the capital, and "the same day" (passages we wrote)."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 5, 3)


def test_fire_told_after_the_backer_is_the_backed_forces_own() -> None:
    main = main_incident(
        "Government forces backed by Russian warplanes shelled Douma on Monday, killing five "
        "people.",
        DAY,
    )
    assert main.type == T.SHELLING
    assert main.perpetrator == "Syrian government forces"


def test_fire_of_the_backer_itself_stays_support() -> None:
    main = main_incident(
        "Kurdish fighters backed by US-led air strikes that pounded the town captured Manbij "
        "on Monday.",
        DAY,
    )
    assert main.type == T.TERRITORY_TAKEN


def test_bombard_in_the_present_tells_shelling() -> None:
    main = main_incident("Government forces bombard Douma, killing five people on Monday.", DAY)
    assert main.type == T.SHELLING
    assert main.date == dt.date(2016, 5, 2)


def test_twin_bombing_is_an_explosion() -> None:
    main = main_incident("A twin bombing killed 44 people in Homs on Monday.", DAY)
    assert main.type == T.EXPLOSION


def test_bombing_a_flightless_party_carried_out_is_an_explosion() -> None:
    main = main_incident(
        "Islamic State said it carried out the bombing in Homs on Monday that killed 44 people.",
        DAY,
    )
    assert main.type == T.EXPLOSION
    assert main.perpetrator == "ISIL"


def test_bombing_near_a_flightless_party_it_did_not_set_off_stays_an_air_strike() -> None:
    main = main_incident("Daraya was evacuated by rebels after relentless bombing on Monday.", DAY)
    assert main.type == T.AIR_STRIKE


def test_jets_that_bombed_stay_an_air_strike() -> None:
    main = main_incident("Russian jets bombed Idlib on Monday, killing 12.", DAY)
    assert main.type == T.AIR_STRIKE
    assert main.perpetrator == "Russian forces"


def test_ground_fallen_into_a_partys_hands_was_taken_by_it() -> None:
    assert (
        main_incident("Palmyra fell into the hands of Islamic State fighters on Monday.", DAY)
    ).perpetrator == "ISIL"
    assert (
        main_incident("Aleppo's eastern districts fell into rebel hands on Monday.", DAY)
    ).perpetrator == "Syrian opposition"


def test_a_convoy_that_entered_a_town_set_beside_the_capital_is_in_that_town() -> None:
    main = main_incident(
        "An aid convoy entered Darayya, south-west of Damascus, on Wednesday afternoon, the "
        "first to reach the town in four years.",
        DAY,
    )
    assert main.type == T.HUMANITARIAN_DELIVERY
    assert main.place is not None and main.place.name == "Darayya"


def test_the_same_day_dates_an_incident_by_the_one_told_before() -> None:
    found = passage_incidents(
        "An aid convoy entered Darayya on Wednesday afternoon. It carried medicines and baby "
        "milk but no food. A convoy that tried to reach the town on 12 April was turned back. "
        "Aid workers said they hoped to return. A separate convoy reached neighbouring "
        "Moadamiyeh the same day.",
        DAY,
    )
    moadamiyeh = next(i for i in found if i.place is not None and i.place.name == "Moadamiyeh")
    assert moadamiyeh.date == dt.date(2016, 4, 27)
