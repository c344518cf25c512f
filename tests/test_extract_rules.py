"""The precision, toll and place rules added from error analysis, each on a passage we wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.evaluate import read_fakes
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision, Toll
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.report import Report

THURSDAY = dt.date(2016, 8, 11)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def report(text: str, title: str | None = None) -> Report:
    return passage(text, THURSDAY, title=title)


def incidents(text: str, title: str | None = None):
    return extract(report(text, title)).incidents


def main(text: str, title: str | None = None):
    return next(i for i in incidents(text, title) if i.main)


# --- tolls -----------------------------------------------------------------------------------


def test_a_mother_and_her_child_are_two_dead() -> None:
    inc = main("A mother and her child were killed when shells hit Masaken Hanano on Tuesday.")
    assert inc.killed == Toll(2, 2, 2)


def test_two_children_and_their_father_are_three_dead() -> None:
    inc = main("Two boys and their father were killed in an air strike on Atareb.")
    assert inc.killed == Toll(3, 3, 3)


def test_groups_listed_after_a_figure_are_summed() -> None:
    inc = main("Jets bombed a school in Hass on Wednesday, killing 12 pupils and three teachers.")
    assert inc.killed == Toll(15, 15, 15)


def test_parts_of_a_toll_are_not_summed_into_it() -> None:
    inc = main(
        "Shells hit Douma on Tuesday. At least 20 people including four women and two boys "
        "were killed."
    )
    assert inc.killed.low == 20


def test_a_figure_after_a_long_subject_is_still_read() -> None:
    inc = main(
        "At least 11 people most members of a local council were killed in a car bomb in Azaz."
    )
    assert inc.killed.low == 11


def test_a_smaller_number_does_not_replace_dozens() -> None:
    inc = main(
        "An attack with sarin gas killed dozens in Khan Sheikhoun on Tuesday. Two of the "
        "wounded died later in hospital."
    )
    assert inc.killed.low == 24


# --- precision: what is not an incident --------------------------------------------------------


def test_a_period_tally_is_no_incident() -> None:
    found = incidents("Air strikes have killed 400 people in Idlib since January, a monitor said.")
    assert found == []


def test_a_photo_caption_is_no_incident() -> None:
    found = incidents(
        "Jets struck Saraqib on Wednesday, killing four. A man walks past rubble after "
        "shelling in the town of Binnish Idlib Syria August 9 2016."
    )
    assert [i.place.name for i in found if i.place] == ["Saraqib"]


def test_a_related_headline_list_is_no_incident() -> None:
    found = incidents(
        "Print Tweet Related Car bomb kills nine in Qamishli. Jets struck Saraqib on "
        "Wednesday, killing four."
    )
    assert {i.type for i in found} == {T.AIR_STRIKE}


def test_a_stopped_bombing_is_no_incident() -> None:
    assert incidents("The army said it had stopped bombing Douma to allow talks.") == []


def test_an_event_set_weeks_earlier_is_background() -> None:
    found = incidents(
        "Rebels shelled Hamdaniyeh on Wednesday. The district of Ramussa was seized by rebels "
        "earlier this month."
    )
    assert {i.type for i in found} == {T.SHELLING}


def test_a_planned_evacuation_is_no_delivery() -> None:
    found = incidents(
        "A deal was reached in Qudsaya under which 100 fighters will be evacuated to Idlib."
    )
    assert found == []


def test_delivering_aid_before_a_shootdown_is_no_delivery() -> None:
    found = incidents("A helicopter was shot down near Saraqib after delivering aid to Aleppo.")
    assert T.HUMANITARIAN_DELIVERY not in {i.type for i in found}


def test_a_coalition_fighting_militants_is_no_clash() -> None:
    found = incidents("Jets of a coalition fighting militants in Syria struck Manbij on Wednesday.")
    assert {i.type for i in found} == {T.AIR_STRIKE}


def test_a_list_of_three_provinces_is_too_vague_to_code() -> None:
    assert incidents("The army shelled rebel positions in Daraa Hama and Homs provinces.") == []


def test_a_roundup_lead_dates_its_items_but_is_not_coded() -> None:
    found = incidents(
        "Five people were killed in attacks with shells in Aleppo Hama and Damascus "
        "countryside on Wednesday. Terrorists fired rocket shells on Harasta suburb."
    )
    assert [(i.type, i.place.name if i.place else None, i.date) for i in found] == [
        (T.SHELLING, "Harasta", dt.date(2016, 8, 10))
    ]


def test_overnight_gives_no_day() -> None:
    inc = main("Jets struck Atareb overnight, killing six.")
    assert inc.date is None


# --- one incident, told in several words -----------------------------------------------------


def test_aircraft_and_artillery_at_one_place_are_one_incident() -> None:
    found = incidents(
        "The air force and artillery struck rebel positions in Kafr Nabl on Wednesday."
    )
    assert len(found) == 1 and found[0].type == T.AIR_STRIKE


def test_the_platform_of_a_chemical_attack_is_that_attack() -> None:
    found = incidents(
        "Rescuers said chlorine gas was used in Saraqib, affecting 20 people. Barrel bombs "
        "fell on Saraqib on Wednesday."
    )
    assert [(i.type, i.date) for i in found] == [(T.CHEMICAL_ATTACK, dt.date(2016, 8, 10))]


def test_an_army_killing_fighters_is_a_clash() -> None:
    inc = main("The Syrian army killed 30 terrorists near Deir ez-Zor on Wednesday.")
    assert inc.type == T.ARMED_CLASH and inc.killed == Toll(30, 30, 30)
    assert inc.perpetrator == "Syrian government forces"


def test_fighters_killing_civilians_is_not_a_clash() -> None:
    found = incidents("Gunmen were blamed after 30 civilians were killed in Douma.")
    # no weapon named: the killing of civilians is an attack on them, never a clash
    assert [i.type for i in found] == [T.ATTACK_ON_CIVILIANS]


# --- places ----------------------------------------------------------------------------------


def test_people_from_a_town_do_not_place_the_incident_there() -> None:
    inc = main(
        "A car bomb hit buses carrying evacuees from the besieged towns of Foua and Kefraya "
        "in Rashideen."
    )
    assert inc.place is not None and inc.place.name == "Rashideen"


def test_the_town_named_inside_a_province_is_the_place() -> None:
    inc = main("Reports said KafrTakharim in Idlib was targeted with an air strike on Wednesday.")
    assert inc.place is not None and inc.place.name == "Kafr Takharim"


def test_a_street_named_after_a_town_is_not_that_town() -> None:
    inc = main("Two shells fell near Thawra Street in Damascus on Wednesday.")
    assert inc.place is not None and inc.place.governorate == "Damascus"


def test_a_placeless_main_incident_takes_the_headline_governorate() -> None:
    inc = main(
        "Warplanes killed 12 people on Wednesday. Aid groups in Hama asked for access.",
        title="Raids kill 12 in Hama",
    )
    assert inc.place is not None and inc.place.governorate == "Hama"
    assert any(m.field == "place" and m.text == "Hama" for m in inc.evidence)


def test_gas_field_and_neighbourhood_named_shaar_are_told_apart() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("Shaar gas field")[0].governorate == "Homs"
    assert gaz.lookup("Shaar")[0].governorate == "Aleppo"
    assert gaz.lookup("Eastern Gouta")[0].name == "Eastern Ghouta"
    assert gaz.lookup("Ashara")[0].governorate == "Deir ez-Zor"


# --- the one FA-KES reader --------------------------------------------------------------------


def test_evaluation_reads_fakes_with_the_ingest_reader() -> None:
    csv_path = SHARED / "data/fakes/FA-KES-Dataset.csv"
    if not csv_path.exists():
        import pytest

        pytest.skip("FA-KES not at ../shared")
    reports = read_fakes(csv_path)
    assert len(reports) == 804
    assert [r.row for r in reports[:3]] == [0, 1, 2]
    assert {"date", "location", "unit_id"} <= set(reports[0].annotations)
    assert reports[0].published.date is not None  # the ingest reader resolves the dateline


def test_an_overnight_incident_takes_no_day_from_a_dated_retelling() -> None:
    found = incidents(
        "At least 9 people were killed overnight in shelling on Masaken Hanano in Aleppo. "
        "Shelling on Aleppo continued on Wednesday."
    )
    assert [(i.type, i.date) for i in found] == [(T.SHELLING, None)]


def test_bombarded_with_no_aircraft_is_shelling_and_with_jets_an_air_strike() -> None:
    assert main("Government troops bombarded a tunnel in Aleppo on Wednesday.").type == T.SHELLING
    assert main("Jets bombarded a tunnel in Aleppo on Wednesday.").type == T.AIR_STRIKE


# --- round 4: main incident, places, tolls told across sentences --------------------------------


def test_the_headline_governorate_after_its_toll_sets_the_main_incident() -> None:
    text = (
        "Troops captured Qaryatayn in Homs province on Tuesday. Elsewhere the army killed 30 "
        "militants in clashes near Kafr Zita in Hama."
    )
    inc = main(text, title="Army retakes town in Homs, kills 30 gunmen in Hama")
    assert inc.place is not None and inc.place.governorate == "Hama"


def test_the_first_governorate_a_headline_names_sets_the_main_incident() -> None:
    text = (
        "Rebels and troops fought in Aleppo on Sunday. Warplanes bombed Saraqeb in Idlib "
        "province on Sunday."
    )
    inc = main(text, title="Warplanes pound Idlib as battles rage in Aleppo")
    assert inc.place is not None and inc.place.governorate == "Idlib"


def test_a_headline_on_the_capital_takes_in_its_countryside() -> None:
    text = (
        "Sarin killed 40 in Khan Sheikhoun on Tuesday. Jets struck Douma on Tuesday, killing "
        "nine people."
    )
    inc = main(text, title="Strikes on a town near Damascus kill nine")
    assert inc.place is not None and inc.place.governorate == "Rif Dimashq"


def test_the_incident_whose_toll_the_headline_gives_is_the_main_one() -> None:
    text = (
        "Russian jets stood at Hmeimim air base on Saturday. Strikes on Quriyah killed 58 "
        "civilians on Saturday."
    )
    inc = main(text, title="Strikes kill 58 civilians")
    assert inc.place is not None and inc.place.name == "al-Quriyah"


def test_a_toll_in_the_next_sentence_grounds_an_incident_told_without_place() -> None:
    text = (
        "Victims of a suspected chemical attack on Tuesday showed signs of a nerve agent, "
        "doctors said. The health ministry put the death toll at 70."
    )
    (inc,) = incidents(text)
    assert inc.type == T.CHEMICAL_ATTACK and inc.killed.low == 70


def test_one_type_at_two_places_in_one_sentence_is_two_incidents() -> None:
    text = (
        "Fourteen fighters were killed in strikes in Mayadin and five civilians died in raids "
        "in Shaddadi on Wednesday."
    )
    found = {(i.place.name, i.killed.low) for i in incidents(text) if i.type == T.AIR_STRIKE}
    assert found == {("Mayadin", 14), ("Shaddadi", 5)}


def test_a_place_in_a_while_clause_is_not_the_incidents_place() -> None:
    text = "Air strikes killed 30 on Wednesday while Kurdish fighters made gains in Manbij."
    assert all(
        i.place is None or i.place.name != "Manbij"
        for i in incidents(text)
        if i.type == T.AIR_STRIKE
    )


def test_a_speaker_is_not_the_place_of_the_incident() -> None:
    text = (
        "Jets struck the convoy on Monday, killing 20 aid workers; Damascus and Moscow "
        "denied any role."
    )
    inc = main(text)
    assert inc.place is None or inc.place.name != "Damascus"


def test_the_toll_update_replaces_the_count_of_staff_among_the_dead() -> None:
    text = (
        "The death toll from Monday's air strikes on the hospital in Atareb and the houses "
        "around it has risen to 41, medics said. Nine nurses were among the dead. Earlier "
        "counts had put the dead at 20."
    )
    assert main(text).killed == Toll(41, 41, 41)


def test_sources_disagreeing_widen_the_toll() -> None:
    text = (
        "Air strikes hit Tokhar north of Manbij on Tuesday. The monitor put the dead at 56. An "
        "activist network said 90 people had died. The militants claimed 160 civilians had died."
    )
    inc = main(text)
    assert (inc.place.name, inc.killed.low, inc.killed.high) == ("Tokhar", 56, 160)


def test_more_dead_are_not_another_count() -> None:
    text = (
        "Air strikes on Quriyah killed 58 civilians on Sunday, the monitor said. It added that "
        "24 other people were killed."
    )
    assert main(text).killed.low == 58


def test_a_period_of_fighting_is_no_incident() -> None:
    text = (
        "More than 280 civilians were killed in Aleppo in the two weeks of fighting, monitors said."
    )
    assert incidents(text) == []


def test_a_day_after_another_sentences_reporting_verb_is_the_incidents_day() -> None:
    text = (
        "The coalition said it was looking into the reports. On Monday strikes on Tokhar "
        "killed 21 civilians."
    )
    assert main(text).date == THURSDAY - dt.timedelta(days=3)


def test_a_force_the_strikes_are_attributed_to_is_their_perpetrator() -> None:
    text = (
        "Strikes hit Tokhar on Tuesday, killing ten, and the monitor attributed them to the "
        "US-led coalition."
    )
    assert main(text).perpetrator == "US-led coalition"


# --- round 5: who did it and to whom ----------------------------------------------------------


def evidence(inc, field: str) -> list[str]:
    return [m.text for m in inc.evidence if m.field == field]


def test_whose_the_aircraft_were_names_the_raids_perpetrator() -> None:
    text = (
        "Jets struck Hass on Tuesday. Four people were killed and nine wounded. "
        "Residents said the aircraft were Russian."
    )
    inc = main(text)
    assert inc.perpetrator == "Russian forces"
    assert evidence(inc, "perpetrator") == ["aircraft were Russian"]


def test_a_doubt_about_the_aircraft_names_no_perpetrator() -> None:
    inc = main(
        "Jets struck Hass on Tuesday, killing four. It was not clear whether the jets were Syrian."
    )
    assert inc.perpetrator is None


def test_a_choice_of_aircraft_keeps_both_parties_as_an_allegation() -> None:
    text = (
        "Jets struck Hass on Tuesday, killing four. "
        "Some reports said the jets were Syrian or Russian."
    )
    inc = main(text)
    assert inc.perpetrator == "Syrian government forces"
    assert inc.perpetrator_alternatives == ("Russian forces",)
    assert str(inc.attribution) == "alleged"


def test_the_aircraft_of_a_later_statement_give_no_perpetrator_to_shelling() -> None:
    text = "Shells hit Douma on Tuesday, killing three. Witnesses said the planes were Syrian."
    assert main(text).perpetrator is None


def test_a_toll_of_civilians_told_apart_makes_civilians_the_target() -> None:
    inc = main("Shells hit Douma on Tuesday. Two civilians, one of them a child, were killed.")
    assert inc.target == "civilians"
    assert evidence(inc, "target") == ["civilians"]


def test_a_toll_of_fighters_makes_no_civilian_target() -> None:
    inc = main("Shells hit Douma on Tuesday. Twelve fighters were killed.")
    assert inc.target is None


def test_people_killed_in_a_clash_may_be_its_fighters() -> None:
    inc = main("Clashes broke out in Khan Tuman on Tuesday. Twelve people were killed.")
    assert inc.target is None


def test_a_target_stated_as_hit_outranks_who_the_toll_counted() -> None:
    text = (
        "Turkish artillery shelled YPG positions near Azaz on Tuesday. Three people were killed "
        "in the shelling."
    )
    assert main(text).target == "Kurdish forces (YPG/SDF)"


def test_a_toll_with_an_aside_before_its_verb_is_read() -> None:
    inc = main(
        "At least 28 people, children among them, were killed when an air strike hit a camp "
        "near Sarmada on Thursday."
    )
    assert inc.killed.low == 28
    assert inc.target == "civilians"


def test_the_strike_told_again_is_not_another_strike() -> None:
    text = (
        "An air strike hit a camp near Sarmada on Thursday, killing 28 people. The strike came "
        "on the day a truce for Aleppo city took effect."
    )
    strikes = [i for i in incidents(text) if i.type == T.AIR_STRIKE]
    assert [i.place.governorate for i in strikes] == ["Idlib"]


def test_the_strikes_told_at_another_town_are_another_incident() -> None:
    text = "An air strike hit Sarmada on Thursday, killing 28 people. The strikes also hit Atareb."
    strikes = [i for i in incidents(text) if i.type == T.AIR_STRIKE]
    assert len(strikes) == 2
    assert "Sarmada" in {i.place.name for i in strikes}


def test_a_place_the_gazetteer_lacks_is_placed_near_the_town_it_is_told_by() -> None:
    inc = main(
        "A convoy was struck from the air on Monday at a warehouse in Deir Sabun, west of "
        "Aleppo city. About 20 civilians were killed."
    )
    assert inc.place.name == "Deir Sabun"
    assert inc.place.governorate == "Aleppo"
    assert inc.place.geo_precision == GeoPrecision.NEAR_TOWN
    assert evidence(inc, "place") == ["Deir Sabun, west of Aleppo city"]
