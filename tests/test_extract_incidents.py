"""Incident assembly on passages we wrote: place vs mentioned place, date, actors, tolls, main."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.incident import Toll
from trucewatch.model.report import Published, PublishedBasis, Report, Source

WEDNESDAY = dt.date(2016, 3, 9)


def report(text: str, published: dt.date | None = WEDNESDAY) -> Report:
    return passage(text, published)


def incidents(text: str, published: dt.date | None = WEDNESDAY):
    return extract(report(text, published)).incidents


def test_place_after_in_is_where_it_happened_not_the_place_merely_mentioned() -> None:
    (inc,) = incidents(
        "Officials in Damascus said that government warplanes bombed a market in Idlib on "
        "Monday, killing 9 people."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.place is not None and inc.place.governorate == "Idlib"
    assert inc.date == dt.date(2016, 3, 7)
    assert inc.killed == Toll(9, 9, 9)


def test_countryside_of_the_capital_is_rif_dimashq() -> None:
    (inc,) = incidents("Mortar shells fell on a village in Damascus countryside on Tuesday.")
    assert inc.place is not None and inc.place.governorate == "Rif Dimashq"


def test_undated_sentence_gets_no_date() -> None:
    (inc,) = incidents("A car bomb exploded in Homs, killing four people.")
    assert inc.date is None


def test_perpetrator_named_before_the_trigger() -> None:
    (inc,) = incidents("Russian warplanes struck a hospital in Idlib on Monday.")
    assert inc.perpetrator == "Russian forces"
    assert inc.target == "civilians"


def test_joint_attribution_takes_the_first_named() -> None:
    (inc,) = incidents("Syrian and Russian warplanes pounded Aleppo on Monday.")
    assert inc.perpetrator == "Syrian government forces"


def test_perpetrator_in_a_by_phrase() -> None:
    (inc,) = incidents("Nine people died in shelling by ISIL on a district of Hama.")
    assert inc.perpetrator == "ISIL"


def test_no_perpetrator_is_guessed_from_the_weapon() -> None:
    (inc,) = incidents("Barrel bombs hit homes in Aleppo on Monday, killing three.")
    assert inc.perpetrator is None


def test_an_area_held_by_a_party_is_not_the_perpetrator() -> None:
    (inc,) = incidents("Warplanes struck rebel-held areas of Aleppo on Monday.")
    assert inc.perpetrator is None


def test_reporting_body_is_not_the_perpetrator() -> None:
    (inc,) = incidents("The Russian Defence Ministry said a car bomb exploded in Homs.")
    assert inc.perpetrator is None


def test_figures_in_the_next_sentence_join_the_incident() -> None:
    (inc,) = incidents("A suicide bomber struck a checkpoint in Homs on Sunday. Five people died.")
    assert inc.type == T.EXPLOSION
    assert inc.killed == Toll(5, 5, 5)


def test_two_sources_disagreeing_give_a_range() -> None:
    (inc,) = incidents(
        "An air strike hit a school in Idlib on Monday, killing 12 people, a monitor said. "
        "Rescuers said the air strike on the school in Idlib killed 15."
    )
    assert inc.killed.low == 12 and inc.killed.high == 15


def test_plans_and_threats_are_not_incidents() -> None:
    assert incidents("The army will launch air strikes on Raqqa next week.") == []


def test_main_incident_is_the_first_violent_one() -> None:
    found = incidents(
        "A ceasefire was declared in Homs on Monday. Shelling killed two people in Hama on "
        "Tuesday. Clashes broke out in Aleppo on Tuesday."
    )
    main = [i for i in found if i.main]
    assert len(main) == 1 and main[0].type == T.SHELLING
    assert {i.type for i in found} >= {T.TRUCE_DECLARED, T.SHELLING, T.ARMED_CLASH}


def test_every_field_has_evidence_pointing_into_the_text() -> None:
    r = report("Government helicopters dropped barrel bombs on Darayya on Monday, killing 6.")
    (inc,) = extract(r).incidents
    fields = {m.field for m in inc.evidence}
    assert {"type", "place", "date", "perpetrator", "killed"} <= fields
    for m in inc.evidence:
        assert r.text[m.start : m.end] == m.text


def test_roundup_lead_date_covers_its_items_but_not_meanwhile() -> None:
    found = incidents(
        "Five people were killed in attacks with shells in Aleppo and Hama on Monday. "
        "Two people were killed when rocket shells hit a street in Aleppo. "
        "Meanwhile mortar shells fell on Hama injuring one."
    )
    by_gov = {(i.place.governorate if i.place else None): i for i in found}
    assert by_gov["Aleppo"].date == dt.date(2016, 3, 7)
    assert "Hama" in by_gov


def test_war_tally_is_not_an_incident_toll() -> None:
    found = incidents("Shelling hit Hama on Monday. The war has killed more than 300,000 people.")
    assert all(i.killed.low != 300000 for i in found)


def test_background_from_an_earlier_year_is_not_an_incident() -> None:
    assert incidents("Inspectors found that chlorine was used in Douma in 2013.") == []


def test_the_day_someone_spoke_is_not_the_day_of_the_incident() -> None:
    (inc,) = incidents("Rescuers told reporters on Tuesday that shelling killed 5 people in Homs.")
    assert inc.date is None


def test_a_wave_over_several_days_has_no_single_day() -> None:
    (inc,) = incidents(
        "Air strikes that began on Saturday and continued on Sunday killed 30 people in Idlib."
    )
    assert inc.date is None


def test_two_towns_joined_by_and_are_two_incidents_the_toll_stays_with_the_first() -> None:
    found = incidents("Rocket shells hit al-Fouaa and Kafraya on Monday, killing 3 people.")
    names = [i.place.name for i in found if i.place]
    assert len(found) == 2 and len(set(names)) == 2
    assert found[0].killed.low == 3 and not found[1].killed.known


def test_a_place_nested_in_another_is_one_incident() -> None:
    found = incidents("Rockets hit the Midan neighbourhood in Aleppo on Monday, killing 2 people.")
    assert len(found) == 1 and found[0].place.governorate == "Aleppo"


def test_a_massacre_told_beside_its_weapon_is_that_weapon_incident() -> None:
    found = incidents(
        "Government forces committed a massacre in Darayya on Monday, killing 17 people. "
        "The victims were hit by barrel bombs."
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]
    assert found[0].killed.low == 17


def test_a_claim_of_responsibility_names_the_perpetrator() -> None:
    (inc,) = incidents("A car bomb killed 9 people in Homs on Monday in an attack claimed by ISIL.")
    assert inc.perpetrator == "ISIL"


def test_a_bare_aircraft_that_strikes_nothing_is_no_air_strike() -> None:
    assert incidents("A transport helicopter landed in Latakia on Monday.") == []


def test_a_purpose_is_not_a_capture() -> None:
    found = incidents("Rebels are battling to take control of Aleppo.")
    assert all(i.type != T.TERRITORY_TAKEN for i in found)


def test_a_part_of_the_toll_is_not_the_toll() -> None:
    (inc,) = incidents("Twelve civilians including four children were killed in a raid on Idlib.")
    assert inc.killed.low == 12


def test_the_headline_decides_the_main_incident() -> None:
    text = "Shelling killed two people in Hama on Monday. Air strikes hit Idlib on Monday."
    r = Report(
        source=Source("t"),
        text=text,
        title="Air strikes on Idlib",
        published=Published(PublishedBasis.METADATA, date=WEDNESDAY),
    )
    main = [i for i in extract(r).incidents if i.main]
    assert len(main) == 1 and main[0].place.governorate == "Idlib"


# --- the report's story when the lead types nothing, origins, captions, main choice ---------


def main_of(text: str):
    return next(i for i in incidents(text) if i.main)


def test_untyped_attack_with_a_toll_is_the_reports_incident() -> None:
    main = main_of("A terrorist attack killed 18 people in Homs on Tuesday, the governor said.")
    assert main.type == T.ATTACK_ON_CIVILIANS
    assert main.place is not None and main.place.governorate == "Homs"
    assert main.killed.low == 18


def test_untyped_attack_on_soldiers_is_a_clash() -> None:
    main = main_of("An attack on a checkpoint in Qamishli killed five soldiers on Saturday.")
    assert main.type == T.ARMED_CLASH
    assert main.place is not None and main.place.governorate == "Hasakah"


def test_untyped_killing_at_a_place_is_kept_without_a_figure() -> None:
    main = main_of("The army killed a rebel commander near Zabadani on Monday.")
    assert main.place is not None and main.place.governorate == "Rif Dimashq"


def test_untyped_attack_is_not_added_beside_a_typed_incident() -> None:
    found = incidents(
        "Rebel shells hit a school in Aleppo on Monday. An attack in Homs killed nine people."
    )
    assert T.SHELLING in {i.type for i in found}
    assert T.ATTACK_ON_CIVILIANS not in {i.type for i in found}


def test_untyped_attack_only_in_the_lead() -> None:
    text = (
        "Diplomats met in Geneva on Monday. They discussed the truce. Talks went on late. "
        "Delegates left at night. A later attack in Homs killed nine people."
    )
    assert not [i for i in incidents(text) if i.type not in (T.TRUCE_DECLARED, T.ACCESSION)]


def test_slitting_throats_is_an_attack_on_civilians() -> None:
    (inc,) = incidents("Militants slit the throats of 12 men near Mayadin on Wednesday.")
    assert inc.type == T.ATTACK_ON_CIVILIANS
    assert inc.place is not None and inc.place.governorate == "Deir ez-Zor"


def test_execution_told_first_is_the_main_incident() -> None:
    main = main_of(
        "Militants executed 12 men in Mayadin on Monday. On Tuesday jets bombed Idlib, "
        "killing three."
    )
    assert main.type == T.ATTACK_ON_CIVILIANS
    assert main.place is not None and main.place.governorate == "Deir ez-Zor"


def test_where_the_victims_came_from_is_not_where_it_happened() -> None:
    main = main_of(
        "A car bomb hit buses carrying families from the besieged northern towns of Nubl and "
        "Zahraa as they waited outside Azaz on Friday, killing 20."
    )
    assert main.place is not None and main.place.name == "Azaz"


def test_where_the_victims_were_heading_is_not_where_it_happened() -> None:
    main = main_of("A roadside bomb hit a minibus near Morek on its way to the town of Salqin.")
    assert main.place is not None and main.place.governorate == "Hama"


def test_photo_caption_tells_no_incident() -> None:
    main = main_of(
        "Last updated Monday. In this photo taken on June 8 rescuers search the rubble after "
        "warplanes attacked a street in Aleppo. Air strikes on a market in Idlib killed 21 "
        "civilians on Sunday."
    )
    assert main.place is not None and main.place.governorate == "Idlib"


def test_unplaced_incident_takes_the_place_of_the_same_kind_told_soon_after() -> None:
    main = main_of(
        "A suicide bomber killed 30 fighters on Monday, the group said. It called the bomber "
        "a martyr. Rescuers worked through the night. Witnesses spoke of panic. The blast on "
        "Sunday night struck the Atmeh crossing. The fighters were heading to Azaz in Aleppo "
        "province. Aleppo officials said Aleppo hospitals were full. Aleppo mourned."
    )
    assert main.type == T.EXPLOSION
    assert main.place is not None and main.place.governorate == "Idlib"
