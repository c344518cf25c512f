"""Incident words that name an incident without telling one, and the type rules of round 8
(issue 15): each rule on a passage we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T

OCTOBER = dt.date(2017, 10, 9)


def incidents(text: str, day: dt.date = OCTOBER):
    return extract(passage(text, day)).incidents


def types(text: str, day: dt.date = OCTOBER) -> list[T]:
    return [i.type for i in incidents(text, day)]


# --- support, recall, picture, modifier -------------------------------------------------------


def test_air_strikes_backing_a_capture_are_no_air_strike_of_their_own() -> None:
    got = types(
        "Army units backed by Russian air strikes recaptured the town of Qaryatain on Sunday."
    )
    assert T.TERRITORY_TAKEN in got
    assert T.AIR_STRIKE not in got


def test_a_month_named_before_an_attack_recalls_an_earlier_one() -> None:
    text = (
        "Four civilians died in air strikes on Saturday around Kafr Nabl, the site of a deadly "
        "April chemical attack."
    )
    got = types(text)
    assert got == [T.AIR_STRIKE]  # the chemical attack is recalled, the strike is the news


def test_a_month_dating_the_attack_is_no_recall() -> None:
    got = types("A chemical attack hit Kafr Nabl in October, killing six, medics said.")
    assert got == [T.CHEMICAL_ATTACK]


def test_jets_seen_in_a_photo_are_no_air_strike() -> None:
    text = "Russian jets are seen at the Hmeimim air base in Latakia, where two pilots were killed."
    assert T.AIR_STRIKE not in types(text)


def test_missiles_a_group_received_are_no_shelling() -> None:
    text = (
        "A rebel group that has received several anti-tank missiles from abroad captured two "
        "villages near Azaz on Monday."
    )
    got = types(text)
    assert T.TERRITORY_TAKEN in got
    assert T.SHELLING not in got


def test_air_strikes_supporting_a_named_alliance_are_no_air_strike() -> None:
    text = (
        "Fighters of an alliance supported by US-led coalition air strikes surrounded Tabqa on "
        "Saturday."
    )
    assert T.AIR_STRIKE not in types(text)


def test_chemical_weapons_inspectors_are_no_chemical_attack() -> None:
    text = "Chemical weapons inspectors arrived in Damascus on Sunday."
    assert T.CHEMICAL_ATTACK not in types(text)


def test_an_evacuation_deal_is_no_delivery() -> None:
    text = "Rebels in Madaya reached an evacuation deal with the government on Sunday."
    assert T.HUMANITARIAN_DELIVERY not in types(text)


def test_combat_fatigues_are_no_clash() -> None:
    text = "Medics in Douma said one of the dead wore combat fatigues."
    assert T.ARMED_CLASH not in types(text)


# --- truces -----------------------------------------------------------------------------------


def test_a_truce_that_would_take_effect_later_is_not_declared() -> None:
    text = "Under the plan, a nationwide ceasefire would take effect once talks begin in Geneva."
    assert T.TRUCE_DECLARED not in types(text)


def test_a_call_for_a_ceasefire_is_not_a_ceasefire() -> None:
    text = "The council adopted a resolution that calls for a ceasefire to start in January."
    assert T.TRUCE_DECLARED not in types(text)


def test_agreeing_to_monitor_a_truce_declares_none() -> None:
    text = "Three states agreed on Tuesday to set up a body to monitor and enforce the truce."
    assert T.TRUCE_DECLARED not in types(text)


def test_a_truce_that_took_effect_is_declared() -> None:
    text = "A ceasefire brokered by three states took effect in Daraa at noon on Sunday."
    assert T.TRUCE_DECLARED in types(text)


# --- clashes as setting or description --------------------------------------------------------


def test_clashes_as_the_backdrop_of_raids_are_no_clash() -> None:
    text = "The raids on Ariha on Monday killed nine and came amid heavy clashes across Idlib."
    got = types(text)
    assert T.AIR_STRIKE in got
    assert T.ARMED_CLASH not in got


def test_a_group_fighting_government_forces_is_who_it_is() -> None:
    text = "A militant group fighting government forces in Aleppo admitted using banned arms."
    assert T.ARMED_CLASH not in types(text)


def test_forces_that_were_fighting_rebels_is_a_clash() -> None:
    text = "Government forces were fighting rebels in the north of Deir ez-Zor city on Monday."
    assert T.ARMED_CLASH in types(text)


def test_soldiers_killed_fighting_a_group_fell_in_a_clash() -> None:
    text = "Three soldiers were killed fighting Islamic State near Tal Samin on Monday."
    assert T.ARMED_CLASH in types(text)


def test_dead_counted_during_a_days_long_inquiry_are_no_tally() -> None:
    text = (
        "A rights group said 69 civilians were killed by landmines in Manbij, it found during "
        "a five-day investigation."
    )
    assert incidents(text)


def test_fighters_killed_during_a_weeks_long_offensive_are_a_tally() -> None:
    text = (
        "Troops captured the town of Qaryatain on Sunday. A monitor said 300 fighters had been "
        "killed during the three-week offensive on the town."
    )
    got = incidents(text)
    assert [i.type for i in got] == [T.TERRITORY_TAKEN]


def test_shells_over_the_past_two_weeks_are_a_tally() -> None:
    text = "Dozens of shells from the enclave have hit Damascus in the past two weeks."
    assert T.SHELLING not in types(text)


def test_tens_of_thousands_dead_from_fighting_are_the_war_not_a_clash() -> None:
    text = (
        "A research centre in Beirut said 60,000 people died because the fighting in Damascus "
        "cut them off from medicine."
    )
    assert not incidents(text)


def test_claiming_to_have_captured_villages_is_a_capture() -> None:
    text = "A rebel group claims to have captured two villages south of Jarabulus on Monday."
    assert T.TERRITORY_TAKEN in types(text)


def test_established_control_over_villages_is_territory_taken() -> None:
    text = "Troops established control over the village of Tam Hawa in Hama on Saturday."
    assert types(text) == [T.TERRITORY_TAKEN]


# --- types ------------------------------------------------------------------------------------


def test_suicide_attackers_storming_a_compound_are_one_explosion() -> None:
    text = (
        "Suicide attackers stormed a security compound in Homs on Saturday, fighting guards "
        "before blowing themselves up and killing 20 people."
    )
    assert types(text) == [T.EXPLOSION]


def test_regime_bombs_that_landed_are_an_air_strike() -> None:
    text = "Five civilians were killed on Thursday by regime bombs that landed on Douma."
    assert types(text) == [T.AIR_STRIKE]


def test_a_vacuum_bomb_dropped_from_the_air_is_an_air_strike() -> None:
    text = "The town of Sevre in Idlib was hit by a vacuum bomb attack on Monday, killing five."
    assert types(text) == [T.AIR_STRIKE]


def test_an_aerial_assault_is_an_air_strike() -> None:
    text = "Douma was still reeling from a massive government aerial assault on Thursday."
    assert T.AIR_STRIKE in types(text)


# --- page furniture and states of the war -----------------------------------------------------


def test_a_related_headlines_list_split_across_sentences_tells_nothing() -> None:
    text = (
        "Ministers met in Vienna on Friday to discuss a political process for Syria.\n"
        "Related Ruins In Kobani After The Raids\n"
        "After Coalition Airstrikes Government Airstrikes Against IS Kill 36 Civilians In Kobani"
    )
    assert not incidents(text)


def test_districts_currently_held_by_rebels_were_still_struck() -> None:
    text = "Warplanes struck the district of Bustan al-Qasr, which is currently held by rebels."
    assert T.AIR_STRIKE in types(text)


def test_a_coalition_currently_carrying_out_airstrikes_is_a_state_of_the_war() -> None:
    text = "The US-led coalition is currently carrying out airstrikes against IS in Raqqa."
    assert T.AIR_STRIKE not in types(text)


# --- dead counted at another town -------------------------------------------------------------


def test_more_dead_at_other_towns_are_incidents_of_their_own() -> None:
    text = (
        "Government air strikes killed 16 civilians in Douma on Monday, a monitor said. "
        "Five more civilians were killed in the town of Saqba and one in the town of Harasta."
    )
    got = {(i.type, i.place.name if i.place else None, i.killed.best) for i in incidents(text)}
    assert (T.AIR_STRIKE, "Douma", 16) in got
    assert any(t == T.AIR_STRIKE and k == 5 and p != "Douma" for t, p, k in got)
    assert any(t == T.AIR_STRIKE and k == 1 and p != "Douma" for t, p, k in got)


def test_dead_counted_at_a_town_after_a_region_wide_strike_join_it() -> None:
    text = (
        "Warplanes struck Idlib province on Monday. Twelve people were killed in Maarat "
        "al-Numan, medics said."
    )
    got = [i for i in incidents(text) if i.type == T.AIR_STRIKE]
    assert len(got) == 1
    assert got[0].killed.best == 12


# --- roundups: items with their own dead ------------------------------------------------------


def test_roundup_items_with_their_own_dead_stay_apart_from_a_city_level_item() -> None:
    text = (
        "Gunmen fired rocket shells at the New Aleppo neighbourhood on Monday, killing 2 "
        "people. Later, 4 people were killed by rocket shells fired on the neighbourhoods of "
        "Maisaloun and al-Jabiriyeh in Aleppo city."
    )
    got = sorted(i.killed.best for i in incidents(text) if i.type == T.SHELLING)
    assert got == [2, 4]


def test_two_counts_of_one_attack_at_a_region_and_a_town_merge() -> None:
    text = (
        "Israeli aircraft struck the Golan Heights on Wednesday, killing 5 soldiers, a monitor "
        "said. State media said the strike on the town of Hadar killed 2 soldiers."
    )
    got = [i for i in incidents(text) if i.type == T.AIR_STRIKE]
    assert len(got) == 1


def test_a_lead_summing_up_attacks_told_one_by_one_is_no_incident_of_its_own() -> None:
    text = (
        "A woman and a child were killed by rocket attacks on Aleppo city and al-Hader town on "
        "Friday. Gunmen fired rocket shells at the al-Hamadaniya neighbourhood of Aleppo city, "
        "killing one woman. A rocket shell fired on al-Hader town injured three people."
    )
    got = incidents(text)
    main = next(i for i in got if i.main)
    assert main.killed.best == 1  # the first part, not the lead's sum
    assert all(i.killed.best != 2 for i in got)


# --- chemical attacks ----------------------------------------------------------------------


def test_gassing_is_a_chemical_attack() -> None:
    text = "The opposition accused the army of gassing dozens of people in Zamalka on Wednesday."
    assert T.CHEMICAL_ATTACK in types(text)


def test_shells_on_other_districts_of_a_city_are_not_its_chemical_attack() -> None:
    text = (
        "Rocket shells fired by gunmen on districts of Aleppo city killed 5 people on Thursday. "
        "Shells hit a university faculty. The shelling damaged houses. A hospital received a man "
        "suffering suffocation after poisonous gases were used on Aleppo city on Thursday."
    )
    got = types(text)
    assert T.SHELLING in got
    assert T.CHEMICAL_ATTACK in got


def test_a_lead_telling_its_places_apart_is_no_summary() -> None:
    text = (
        "Rocket shells killed 6 people in Aleppo and 4 in Deir Ezzor on Tuesday. In Deir "
        "Ezzor, ISIS fired 20 rocket shells on the al-Qusour neighbourhood, killing four."
    )
    main = next(i for i in incidents(text) if i.main)
    assert main.place is not None and main.place.governorate == "Aleppo"


def test_safe_passage_out_of_a_besieged_town_is_an_evacuation() -> None:
    text = "Buses carried 2,000 people granted safe passage out of Madaya on Wednesday."
    assert T.HUMANITARIAN_DELIVERY in types(text)
