"""Which incidents are found at all, on passages we wrote (round 13): evacuations town by town,
triggers that are a dispute's topic, people named as evacuees of another story."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType

SATURDAY = dt.date(2017, 4, 15)
DELIVERY = IncidentType.HUMANITARIAN_DELIVERY


def incidents(text: str, published: dt.date = SATURDAY, title: str | None = None):
    return extract(passage(text, published, title)).incidents


def places_of(text: str, kind: IncidentType, published: dt.date = SATURDAY) -> list[str]:
    return sorted(i.place.name for i in incidents(text, published) if i.type == kind and i.place)


# --- evacuations town by town ------------------------------------------------------------------


def test_an_evacuation_from_two_towns_is_one_per_town():
    text = (
        "Buses left the rebel-held towns on Friday. About 3,000 people were evacuated from "
        "Madaya and Zabadani on Friday under the deal, local officials said."
    )
    assert places_of(text, DELIVERY) == ["Madaya", "Zabadani"]


def test_an_aid_convoy_into_two_villages_stays_one_delivery():
    text = (
        "A convoy of 40 trucks carrying flour and medicine entered the villages of Foua and "
        "Kefraya on Friday, the Red Cross said."
    )
    assert len([i for i in incidents(text) if i.type == DELIVERY]) == 1


def test_the_two_towns_evacuated_are_each_an_incident():
    text = (
        "Residents of Foua and Kefraya had waited for weeks for the buses. "
        "On Friday about 5,000 people were evacuated from the two towns, the monitor said."
    )
    assert places_of(text, DELIVERY) == ["Kafraya", "al-Fouaa"]  # the gazetteer's names


# --- a trigger that is what people argue about -------------------------------------------------


def test_an_evacuation_disputed_is_no_evacuation():
    text = (
        "Talks on the fate of eastern Ghouta stalled on Friday amid disputes over a parallel "
        "evacuation of the villages of Foua and Kefraya, diplomats said."
    )
    assert not [i for i in incidents(text) if i.type == DELIVERY]


def test_an_evacuation_told_after_a_dispute_clause_is_still_told():
    text = (
        "After weeks of disputes over the terms, 2,000 residents were evacuated from Madaya on "
        "Friday, the Red Crescent said."
    )
    assert places_of(text, DELIVERY) == ["Madaya"]


# --- people named as evacuees in another story -------------------------------------------------


def test_buses_carrying_people_evacuated_are_the_bombing_target_not_an_evacuation():
    text = (
        "A car bomb hit buses carrying civilians evacuated from Foua on Saturday near Aleppo, "
        "killing 40 people, the Observatory said."
    )
    kinds = [i.type for i in incidents(text)]
    assert IncidentType.EXPLOSION in kinds
    assert DELIVERY not in kinds


def test_people_evacuated_with_a_day_are_an_evacuation():
    text = "About 2,000 civilians were evacuated from Madaya on Friday, the Red Crescent said."
    assert places_of(text, DELIVERY) == ["Madaya"]


# --- a habit, an earlier event of the kind, a backdrop -----------------------------------------

TUESDAY = dt.date(2015, 7, 7)


def test_shelling_told_as_daily_is_a_habit_not_an_incident():
    text = (
        "Rebels attacked the Zahra district of Aleppo on Tuesday, the monitor said. "
        "The city is witnessing fierce battles and the shelling is daily and intense, an "
        "activist in Aleppo said."
    )
    kinds = [i.type for i in incidents(text, TUESDAY)]
    assert IncidentType.SHELLING not in kinds


def test_a_similar_bombing_on_an_earlier_day_is_background():
    text = (
        "A car bomb killed 18 people in Jaramana near Damascus on Tuesday, state media said. "
        "A similar bombing in the same square on July 25 killed at least seven people."
    )
    blasts = [i for i in incidents(text, dt.date(2013, 8, 6)) if i.type == IncidentType.EXPLOSION]
    assert len(blasts) == 1
    assert blasts[0].date == dt.date(2013, 8, 6)


def test_clashes_named_as_the_backdrop_beside_a_weak_word_are_no_clash():
    text = (
        "Islamic State militants executed eight men in Deir Hafer in Aleppo province on "
        "Saturday. The report comes amid fierce clashes near Damascus between rebels and the "
        "group, which is spearheading an offensive in Iraq."
    )
    clashes = [
        i for i in incidents(text, dt.date(2014, 6, 29)) if i.type == IncidentType.ARMED_CLASH
    ]
    assert clashes == []


def test_clashes_told_outright_are_still_a_clash():
    text = (
        "Fierce clashes broke out near Douma east of Damascus on Sunday between rebels and "
        "Islamic State fighters, the monitor said."
    )
    clashes = [
        i for i in incidents(text, dt.date(2014, 6, 29)) if i.type == IncidentType.ARMED_CLASH
    ]
    assert len(clashes) == 1


# --- fighters killed, and the weapon named after --------------------------------------------


def test_fighters_killed_then_airstrikes_named_are_an_air_strike():
    text = (
        "At least 20 militants were killed on Thursday near al-Rai in Aleppo province, the "
        "army said. Turkish forces and the coalition killed 20 Daesh militants near al-Rai. "
        "They hit 34 targets in three airstrikes, the statement said."
    )
    kinds = {i.type for i in incidents(text, dt.date(2016, 6, 24))}
    assert IncidentType.AIR_STRIKE in kinds
    assert IncidentType.ARMED_CLASH not in kinds


def test_fighters_killed_with_no_weapon_named_stay_a_clash():
    text = (
        "Turkish forces killed 20 Daesh militants near al-Rai in Aleppo province on Thursday, "
        "the army said. The group had threatened the border, the statement said."
    )
    kinds = {i.type for i in incidents(text, dt.date(2016, 6, 24))}
    assert kinds == {IncidentType.ARMED_CLASH}


# --- prisoners are no ground taken -----------------------------------------------------------


def test_fighters_captured_are_prisoners_not_a_capture():
    text = (
        "The army killed 33 militants near Ibtaa in Daraa province on Sunday and captured 15 "
        "fighters of the group, a military source said."
    )
    kinds = {i.type for i in incidents(text, dt.date(2016, 10, 31))}
    assert IncidentType.TERRITORY_TAKEN not in kinds


def test_a_bare_count_captured_in_a_headline_is_prisoners():
    title = "Army Kills 33 Terrorists Captured 10 in Rural Daraa"
    text = title + ". The army killed 33 militants near Ibtaa in Daraa province on Sunday."
    kinds = {i.type for i in incidents(text, dt.date(2016, 10, 31), title)}
    assert IncidentType.TERRITORY_TAKEN not in kinds


def test_villages_captured_by_count_are_a_capture():
    text = "Government forces captured three villages near Ibtaa in Daraa province on Sunday."
    kinds = {i.type for i in incidents(text, dt.date(2016, 10, 31))}
    assert IncidentType.TERRITORY_TAKEN in kinds


# --- headlines of linked stories pasted into the page ----------------------------------------

OCTOBER_FIRST = dt.date(2017, 10, 1)


def test_a_linked_headline_in_the_page_is_no_incident():
    text = (
        "At least 12 civilians were killed in coalition airstrikes on Al Bukamal in Deir ez-Zor "
        "province, the agency said. Photo Agency Syrian Army Reportedly Engaged in Fierce "
        "Fighting Against Daesh Near Homs The day before a source said troops had advanced."
    )
    kinds = {i.type for i in incidents(text, OCTOBER_FIRST)}
    assert IncidentType.ARMED_CLASH not in kinds
    assert IncidentType.AIR_STRIKE in kinds


def test_the_reports_own_title_glued_to_its_byline_still_tells_the_story():
    title = "Regime Helicopters Drop Barrel Bombs on Daraya Killing Five Civilians"
    text = (
        "Posted on October 1 2017 by A Writer " + title + " Activists said two children were "
        "among the dead."
    )
    kinds = {i.type for i in incidents(text, OCTOBER_FIRST, title)}
    assert IncidentType.AIR_STRIKE in kinds


def test_a_story_opening_after_its_dateline_is_told():
    text = (
        "Raids kill 20 in Raqqa Monitor AFP Sunday 1 Oct 2017 Air strikes on the Islamic State "
        "group's bastion Raqqa killed 20 people on Sunday, a monitor said."
    )
    kinds = {i.type for i in incidents(text, OCTOBER_FIRST)}
    assert IncidentType.AIR_STRIKE in kinds


# --- one chemical attack, two sources ---------------------------------------------------------


def test_a_chemical_attack_counted_by_two_sources_on_one_day_is_one_attack():
    text = (
        "A helicopter dropped a barrel of chlorine gas on Saraqeb in Idlib province on "
        "Wednesday, killing four people, a doctor said. Civil defence rescuers reported three "
        "deaths after barrels of chlorine were dropped on the eastern district of Saraqeb on "
        "Wednesday."
    )
    gas = [
        i for i in incidents(text, dt.date(2016, 8, 11)) if i.type == IncidentType.CHEMICAL_ATTACK
    ]
    assert len(gas) == 1


def test_chemical_attacks_on_two_days_stay_two():
    text = (
        "Chlorine gas was used on Saraqeb in Idlib province on Monday, killing two people. "
        "A second chlorine attack hit Saraqeb on Wednesday, killing four, a doctor said."
    )
    gas = [
        i for i in incidents(text, dt.date(2016, 8, 11)) if i.type == IncidentType.CHEMICAL_ATTACK
    ]
    assert len(gas) == 2


def test_fighters_killed_in_a_region_then_sorties_on_a_town_there_are_one_air_strike():
    title = "Army Kills over 60 Terrorists in Aleppo"
    text = (
        title + ". The army killed over 60 terrorists in Aleppo province, a source said. "
        "The air force carried out intensive sorties on hideouts in al-Bab north east of "
        "Aleppo city. About 60 terrorists were killed in the airstrikes, the source said."
    )
    kinds = [i.type for i in incidents(text, dt.date(2016, 2, 17), title)]
    assert kinds == [IncidentType.AIR_STRIKE]


def test_fighters_killed_at_a_town_and_a_strike_on_another_town_stay_apart():
    text = (
        "The army killed 40 militants in Minian west of Aleppo city, a source said. "
        "The air force destroyed vehicles in Khan al-Assad in Aleppo countryside."
    )
    kinds = sorted(i.type.value for i in incidents(text, dt.date(2016, 10, 30)))
    assert kinds == ["air_strike", "armed_clash"]


# --- "the Atmeh blast", "has so far captured" -------------------------------------------------


def test_the_blast_named_by_its_town_is_the_blast_told_there():
    text = (
        "A suicide bombing killed 29 people at the Atmeh crossing in Idlib province on "
        "Thursday, the monitor said. Among the dead from the Atmeh blast were the head of the "
        "court in rebel-held eastern Aleppo and his aide."
    )
    blasts = [i for i in incidents(text, dt.date(2016, 10, 6)) if i.type == IncidentType.EXPLOSION]
    assert len(blasts) == 1
    assert blasts[0].place is not None and blasts[0].place.governorate == "Idlib"


def test_ground_captured_so_far_is_a_campaigns_gains():
    text = (
        "A car bomb killed 10 fighters near Azaz in Aleppo province on Thursday. The Turkish "
        "operation has so far captured the town of Jarablus and is pushing towards al-Bab."
    )
    kinds = {i.type for i in incidents(text, dt.date(2016, 10, 6))}
    assert IncidentType.TERRITORY_TAKEN not in kinds


def test_ground_captured_on_a_day_is_a_capture():
    text = "Turkish-backed rebels captured the town of Jarablus in Aleppo province on Wednesday."
    kinds = {i.type for i in incidents(text, dt.date(2016, 8, 25))}
    assert IncidentType.TERRITORY_TAKEN in kinds


def test_a_convoy_of_buses_that_left_a_besieged_town_is_an_evacuation():
    text = (
        "A bomb killed six people in Aleppo on Wednesday. Meanwhile a convoy of 11 buses left "
        "the besieged town of Zabadani near Damascus for rebel-held territory, officials said."
    )
    assert places_of(text, DELIVERY, dt.date(2017, 4, 19)) == ["Zabadani"]


def test_the_front_lines_of_a_battle_are_where_another_incident_happened():
    text = (
        "Dozens of civilians were killed by air strikes on Manbij in Aleppo province on Monday "
        "as they fled from the front lines of a battle raging in the city, activists said."
    )
    kinds = {i.type for i in incidents(text, dt.date(2016, 7, 19))}
    assert kinds == {IncidentType.AIR_STRIKE}
