"""Incidents the extractor never emitted, on passages we wrote (round 16, r16-recall): an
incident told only as happening "in the city" the story already named, and the readings that
keep that from turning a share, a bearing, an origin, a named town or someone else's act into an
incident."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident, IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def incidents(text: str) -> list[Incident]:
    """The incidents of a passage published on a Tuesday."""
    return extract(passage(text, TUESDAY)).incidents


def kinds(text: str) -> set[tuple[IncidentType, str | None]]:
    """(type, governorate) of each incident of a passage."""
    return {(i.type, i.place.governorate) for i in incidents(text)}


def test_fighting_in_neighbourhoods_of_the_city_named_before_is_told_there() -> None:
    found = kinds(
        "Warplanes struck the town of Saraqib on Monday, killing four civilians, a monitor "
        "said. The army holds most of Deir Ezzor city, the capital of the province. Troops "
        "were also fighting rebels in eastern neighbourhoods of the city."
    )
    assert (T.ARMED_CLASH, "Deir ez-Zor") in found
    assert (T.AIR_STRIKE, "Idlib") in found


def test_mortar_fire_on_districts_of_the_city_is_shelling_there() -> None:
    found = kinds(
        "Rebels launched an assault on the government-held city of Aleppo on Monday, a "
        "monitor said. The groups said their aim was to take the city. A monitor said the "
        "rebels had fired hundreds of mortar bombs on western districts of the city."
    )
    assert (T.SHELLING, "Aleppo") in found


def test_the_city_called_so_in_the_sentence_before_wins_over_a_town_listed_after_it() -> None:
    found = incidents(
        "Rebels seized the city of Idlib on Saturday. The capture was followed by heavy "
        "bombardment of the city of Idlib and of rural towns such as Saraqib. Helicopters "
        "dropped barrel bombs on the city, activists said."
    )
    strikes = [i for i in found if i.type == T.AIR_STRIKE]
    assert strikes and all(i.place.name != "Saraqib" for i in strikes)


def test_a_share_of_the_city_or_a_bearing_from_it_is_not_where_anything_happened() -> None:
    found = kinds(
        "Kurdish fighters reached the outskirts of Tabqa on Saturday, a monitor said. They "
        "advanced overnight after driving the militants from two areas southwest of the town."
    )
    assert (T.TERRITORY_TAKEN, "Raqqa") not in found
    found = kinds(
        "Warplanes struck Saraqib on Monday, killing four civilians. Rebels have held Idlib "
        "since March. Shelling had left the army holding only 10 percent of the city."
    )
    assert found == {(T.AIR_STRIKE, "Idlib")}


def test_the_town_of_a_named_place_is_not_a_pointer_to_the_last_town() -> None:
    found = kinds(
        "Kurdish fighters repelled an attack on Hasakeh on Sunday, a monitor said. In Iraq, "
        "troops repelled an attack on the town of Haditha."
    )
    assert found == {(T.ARMED_CLASH, "Hasakah")}


def test_someone_elses_act_in_a_relative_clause_is_not_placed_in_the_town() -> None:
    found = kinds(
        "Warplanes struck Jayrud on Saturday, killing 12 civilians. The raids came after an "
        "air force pilot who parachuted down near the town was killed."
    )
    assert found == {(T.AIR_STRIKE, "Rif Dimashq")}


def test_rockets_fired_from_inside_the_city_are_not_placed_by_their_origin() -> None:
    found = incidents(
        "Rebels attacked western Aleppo on Sunday. Warplanes struck Atareb on Monday, killing "
        "six. Rebels fired rockets at government positions from inside the city."
    )
    assert not [i for i in found if i.type == T.SHELLING]


def test_civilians_who_were_captured_are_prisoners_not_ground_taken() -> None:
    found = incidents(
        "Rebels seized the village of Hardatnin in Aleppo province on Saturday. They freed "
        "150 civilians who were captured at a school in the village."
    )
    assert len([i for i in found if i.type == T.TERRITORY_TAKEN]) == 1


def test_villages_counted_as_seized_are_ground_taken_where_the_story_is() -> None:
    found = kinds(
        "At least 40 militants have been killed since Saturday in fighting with Kurdish "
        "forces in the northeastern province of Hasaka, a monitor said. The Kurdish forces "
        "had seized 30 villages in the offensive."
    )
    assert (T.TERRITORY_TAKEN, "Hasakah") in found


def test_ground_counted_as_a_campaigns_gains_so_far_stays_no_capture() -> None:
    found = kinds(
        "At least 40 militants have been killed since Saturday in fighting with Kurdish "
        "forces in the northeastern province of Hasaka, a monitor said. The operation has so "
        "far captured 30 villages."
    )
    assert (T.TERRITORY_TAKEN, "Hasakah") not in found


def test_fighters_counted_as_seized_are_no_ground() -> None:
    found = kinds(
        "At least 40 militants have been killed since Saturday in fighting with Kurdish "
        "forces in the northeastern province of Hasaka, a monitor said. The Kurdish forces "
        "had seized 30 fighters in the offensive."
    )
    assert (T.TERRITORY_TAKEN, "Hasakah") not in found


def test_a_force_ousted_from_a_town_is_ground_taken_there() -> None:
    found = incidents(
        "Warplanes struck Raqqa on Monday, killing six civilians, a monitor said. Elsewhere "
        "Syrian troops and Kurdish fighters ousted the Islamic State group from Hasakeh on "
        "Tuesday, more than a month after the militants launched an assault on the city."
    )
    taken = [i for i in found if i.type == T.TERRITORY_TAKEN]
    assert [(i.place.governorate, i.date) for i in taken] == [("Hasakah", TUESDAY)]


def test_people_driven_from_their_homes_are_no_capture() -> None:
    found = kinds(
        "Warplanes struck Raqqa on Monday, killing six civilians, a monitor said. The "
        "fighting drove thousands of families from their homes in Hasakeh."
    )
    assert (T.TERRITORY_TAKEN, "Hasakah") not in found


def test_strikes_and_rockets_on_a_part_of_the_divided_town_are_one_air_strike_there() -> None:
    found = incidents(
        "Six children were among 19 civilians killed on Monday in bombing of rebel-held "
        "neighbourhoods of Deir Ezzor, rescuers said. Air strikes and rocket attacks hit "
        "several neighbourhoods in the eastern part of the divided city, an official said."
    )
    assert {(i.type, i.place.governorate) for i in found} == {(T.AIR_STRIKE, "Deir ez-Zor")}
    found = incidents(
        "Warplanes struck Saraqib on Monday, killing four civilians. Rebels hold the west of "
        "Deir Ezzor city. Rocket attacks hit the government-held side of the city."
    )
    assert (T.SHELLING, "Deir ez-Zor") in {(i.type, i.place.governorate) for i in found}


def test_a_capture_in_a_past_dated_after_clause_of_a_plan_still_happened() -> None:
    found = kinds(
        "Warplanes struck Hasaka on Monday, killing six civilians. In other news the UN said "
        "it would probe reports of abuses against troops in Khan al-Assal after rebels seized "
        "the strategic town from the regime last week."
    )
    assert (T.TERRITORY_TAKEN, "Aleppo") in found


def test_a_plan_for_a_day_to_come_stays_a_plan() -> None:
    found = kinds(
        "Warplanes struck Hasaka on Monday, killing six civilians. Rebels said they would "
        "storm Khan al-Assal when the truce ends next week."
    )
    assert found == {(T.AIR_STRIKE, "Hasakah")}


def test_targets_also_hit_at_another_place_are_another_strike_there() -> None:
    found = incidents(
        "Coalition air raids on militant positions near Kobani killed 35 fighters on Monday. "
        "Militant facilities and vehicles were also hit in Hasakeh."
    )
    strikes = {(i.place.governorate, i.date) for i in found if i.type == T.AIR_STRIKE}
    assert strikes == {("Aleppo", dt.date(2016, 3, 7)), ("Hasakah", None)}


def test_something_also_hit_with_no_place_of_its_own_is_the_same_strike() -> None:
    found = incidents(
        "Coalition air raids on militant positions near Kobani killed 35 fighters on Monday. "
        "A hospital was also hit, doctors said."
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]


def test_fighting_continuing_at_a_named_town_is_an_incident_not_a_plan() -> None:
    found = kinds(
        "Rebels seized a hill near Nawa in Daraa province on Thursday, a monitor said. "
        "Clashes were continuing in the town of Jasim as the rebels sought to take another "
        "hilltop."
    )
    assert (T.ARMED_CLASH, "Daraa") in found


def test_a_war_going_on_or_to_go_on_stays_no_incident() -> None:
    found = kinds(
        "Warplanes struck Saraqib on Monday, killing four civilians. The UN said it continues "
        "to receive reports of shelling on civilian areas of eastern Aleppo. Russia said it "
        "will continue to strike militants in Hama."
    )
    assert found == {(T.AIR_STRIKE, "Idlib")}


def test_army_units_destroying_terrorists_vehicles_at_a_town_is_a_clash_there() -> None:
    found = incidents(
        "Army units destroyed vehicles equipped with machineguns for terrorists in Kafr Zita "
        "in Hama countryside on Monday, a military source said."
    )
    assert [(i.type, i.place.governorate, i.date) for i in found] == [
        (T.ARMED_CLASH, "Hama", dt.date(2016, 3, 7))
    ]
    assert found[0].perpetrator == "Syrian government forces"


def test_the_air_force_destroying_hideouts_is_an_air_strike() -> None:
    found = kinds(
        "The Syrian Air Force destroyed hideouts of terrorists in the surroundings of Palmyra "
        "in Homs countryside, a military source said."
    )
    assert found == {(T.AIR_STRIKE, "Homs")}


def test_a_group_destroying_a_temple_is_no_incident() -> None:
    found = kinds(
        "Warplanes struck Saraqib on Monday, killing four civilians. Islamic State militants "
        "destroyed the ancient temple of Bel in Palmyra, the antiquities chief said."
    )
    assert found == {(T.AIR_STRIKE, "Idlib")}


def test_villages_counted_as_the_subject_of_a_passive_capture_are_ground_taken() -> None:
    found = kinds(
        "At least 40 militants have been killed since Saturday in fighting with Kurdish "
        "forces in the northeastern province of Hasaka, a monitor said. Several villages held "
        "by the militants have been captured by the Kurdish forces."
    )
    assert (T.TERRITORY_TAKEN, "Hasakah") in found
