"""Round 16 toll rules, on passages we wrote: "a day after" dates the news against an earlier
event (it is no daily rate, so the figures beside it stay tolls), and the dead told after it are
the earlier event's; an election's "campaign" is no war's campaign total; a figure whose people
are named by a long "of" phrase ("28 members of the X militant group were killed") is still read
back from its verb."""

from __future__ import annotations

import datetime as dt

from tests.passages import killed_point, main_incident, passage, passage_incidents
from trucewatch.extract.figure_roles import toll_figures
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.extract.tolls import quantities_for
from trucewatch.model.incident import Incident, IncidentType

SATURDAY = dt.date(2016, 9, 10)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, SATURDAY, title)


# --- "a day after": a time, not a rate


def test_a_figure_told_a_day_after_a_truce_is_the_attacks_toll() -> None:
    inc = main(
        "Air strikes on a market in the town of Maarat al-Numan in Idlib province killed 17 "
        "people on Saturday, a monitor said, a day after the two powers agreed on a truce."
    )
    assert killed_point(inc) == 17


def test_a_toll_counted_per_day_is_still_a_rate() -> None:
    incs = passage_incidents(
        "Shelling of the besieged town of Madaya in Rif Dimashq has killed five people a day "
        "since the siege began, residents said.",
        SATURDAY,
    )
    assert all(i.killed.low is None for i in incs)


def test_the_dead_of_an_earlier_day_told_after_a_day_after_are_not_the_news() -> None:
    inc = main(
        "Army tanks shelled the city of Rastan in Homs province on Saturday killing three "
        "civilians, residents said, a day after activists said security forces killed 40 there."
    )
    assert killed_point(inc) == 3


def test_an_earlier_attack_told_after_a_day_after_keeps_its_own_toll() -> None:
    text = (
        "A car bomb exploded in the town of Azaz in Aleppo province on Saturday killing four "
        "people, a day after air strikes on the town of Jisr al-Shughur in Idlib province "
        "killed 26 people."
    )
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, SATURDAY)))
    sent = next(s for s in doc._.sentences if "car bomb" in doc.text[s.start : s.end])
    told = {t.type: t for t in doc._.triggers if t.sent == sent.index}
    figures = [q for q in toll_figures(doc) if q.sent == sent.index]
    assert {q.toll.best for q in figures} == {4, 26}  # both are tolls, neither a claim
    given = quantities_for(figures, sent, told, doc)
    assert [q.toll.best for q in given[IncidentType.EXPLOSION]] == [4]
    assert [q.toll.best for q in given[IncidentType.AIR_STRIKE]] == [26]


# --- "campaign": an election's, not a war's


def test_a_shelled_campaign_rally_is_an_incident_with_its_toll() -> None:
    inc = main(
        "Rebels shelled a campaign rally for the parliamentary elections in the city of Daraa "
        "on Saturday killing at least 12 people, a monitor said."
    )
    assert inc.killed.low == 12


def test_a_bombing_campaigns_total_is_still_no_toll() -> None:
    incs = passage_incidents(
        "The bombing campaign on the city of Aleppo has killed 400 civilians, a monitor said.",
        SATURDAY,
    )
    assert all(i.killed.low != 400 for i in incs)


# --- a long "of" phrase naming whose people a figure counts


def test_a_figure_before_a_groups_long_name_is_read_back_from_its_verb() -> None:
    inc = main(
        "A car bomb exploded at a meeting in the town of Saraqib in Idlib province on "
        "Saturday. Twenty-three heads of the Free Idlib Army rebel coalition brigades were "
        "killed in the explosion, a monitor said."
    )
    assert killed_point(inc) == 23


def test_a_figure_of_things_before_an_of_phrase_counts_no_dead() -> None:
    incs = passage_incidents(
        "Warplanes destroyed 14 depots of the Jaish al-Islam rebel group in Douma on Saturday "
        "and several fighters were killed, a monitor said.",
        SATURDAY,
    )
    assert all(i.killed.low != 14 for i in incs)


# --- "toll" reads back only to a figure right before it


def test_a_clock_time_before_the_toll_is_no_count_of_the_dead() -> None:
    inc = main(
        "Air strikes on the Ansari district of Aleppo on Saturday killed at least 23 people, "
        "rescuers said. The strikes began at 6 p.m. and the civil defence said it expects the "
        "toll to rise."
    )
    assert killed_point(inc) == 23


def test_a_figure_right_before_its_toll_is_still_read() -> None:
    inc = main(
        "Rebels attacked an army post in the town of Harasta in Rif Dimashq on Saturday. The "
        "monitor later updated to 18 its toll for the soldiers killed in the assault."
    )
    assert killed_point(inc) == 18


# --- a count of children only, after the count of all the dead, is a part of it


def test_children_counted_apart_after_all_the_dead_are_a_part_of_the_toll() -> None:
    inc = main(
        "Air strikes on the town of Kafr Nabl in Idlib province killed 40 civilians on "
        "Saturday, a monitor said. A children's charity said 12 children were killed."
    )
    assert killed_point(inc) == 40


def test_children_killed_at_a_place_of_their_own_keep_their_toll() -> None:
    incs = passage_incidents(
        "Air strikes on the town of Kafr Nabl in Idlib province killed 40 civilians on "
        "Saturday, a monitor said. Shelling on the town of Binnish killed 12 children.",
        SATURDAY,
    )
    assert any(killed_point(i) == 12 for i in incs)


# --- a headline restating a part of the toll


def test_a_headline_giving_the_commanders_among_the_dead_is_no_count_of_all() -> None:
    text = (
        "Air strike kills 9 rebel field commanders in Idlib. A government air strike on a base "
        "in the town of Sarmin in Idlib province on Saturday killed 36 fighters including nine "
        "of their field commanders, a monitor said."
    )
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, SATURDAY)))
    assert {q.toll.best for q in toll_figures(doc)} == {36}
    assert killed_point(main(text)) == 36


def test_a_headline_counting_other_people_than_the_part_is_still_a_toll() -> None:
    text = (
        "A government air strike on a base in the town of Sarmin in Idlib province on Saturday "
        "killed 36 fighters including nine of their field commanders, a monitor said. Another "
        "strike on the town of Binnish killed nine civilians."
    )
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, SATURDAY)))
    assert 9 in {q.toll.best for q in toll_figures(doc)}  # the civilians are no commanders


# --- figures given to the incident told in their own clause


def _sentence_figures(text: str, words: str):
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, SATURDAY)))
    sent = next(s for s in doc._.sentences if words in doc.text[s.start : s.end])
    told = {t.type: t for t in doc._.triggers if t.sent == sent.index}
    figures = [q for q in toll_figures(doc) if q.sent == sent.index]
    return doc, sent, told, figures


def test_a_figure_goes_to_the_incident_told_in_its_own_while_clause() -> None:
    doc, sent, told, figures = _sentence_figures(
        "The rebel barrage killed 10 people in Damascus on Saturday while government air "
        "strikes and missiles fired at the town of Douma killed at least 82 people.",
        "rebel barrage",
    )
    # the shelling's leading trigger ("fired") stands in the other clause, after the air
    # strikes: read alone it would give the barrage's dead to the strikes
    assert [q.toll.best for q in quantities_for(figures, sent, told)[IncidentType.AIR_STRIKE]] == [
        10
    ]
    given = quantities_for(figures, sent, told, doc)
    assert 10 in [q.toll.best for q in given[IncidentType.SHELLING]]
    assert 10 not in [q.toll.best for q in given[IncidentType.AIR_STRIKE]]


def test_without_a_clause_break_a_figure_goes_to_the_nearest_trigger() -> None:
    doc, sent, told, figures = _sentence_figures(
        "Air strikes hit the town of Douma in Rif Dimashq on Saturday killing 12 people.",
        "Air strikes",
    )
    given = quantities_for(figures, sent, told, doc)
    assert [q.toll.best for q in given[IncidentType.AIR_STRIKE]] == [12]


# --- "nearly N", spans of weeks, "put the toll at N"


def test_nearly_n_dead_gives_n_as_the_count() -> None:
    inc = main(
        "Rebel rockets hit the Hamdaniyeh district of Aleppo on Saturday, and nearly 30 people "
        "were killed, state media said."
    )
    assert killed_point(inc) == 30
    assert inc.killed.low is None  # just short of 30: no lower bound is told


def test_a_month_of_fighting_counts_a_period_not_an_incident() -> None:
    incs = passage_incidents(
        "Rebel groups clashed in the town of Busayrah in Deir ez-Zor province on Saturday. A "
        "month of infighting in the province has killed 300 fighters, the monitor said.",
        SATURDAY,
    )
    assert all(i.killed.low != 300 and i.killed.best != 300 for i in incs)


def test_two_days_of_fighting_stay_one_wave_with_its_toll() -> None:
    inc = main(
        "Two days of fighting between rebel groups in the town of Busayrah in Deir ez-Zor "
        "province have killed 45 fighters, the monitor said on Saturday."
    )
    assert killed_point(inc) == 45


def test_a_toll_put_at_a_figure_is_read() -> None:
    inc = main(
        "Warplanes bombed the Bustan al-Qasr district of Aleppo on Saturday. A local journalist "
        "placed the death toll from the air raids at 50."
    )
    assert killed_point(inc) == 50


def test_at_without_a_figure_does_not_stop_the_toll_reading() -> None:
    inc = main(
        "Warplanes bombed the Bustan al-Qasr district of Aleppo on Saturday. The death toll at "
        "the field hospital rose to 12, medics said."
    )
    assert killed_point(inc) == 12


# --- a new count told before the old one it replaces


def test_a_count_told_before_the_previous_toll_it_updates_is_the_toll() -> None:
    inc = main(
        "A suicide car bombing hit a convoy of buses in the town of Rashidin west of Aleppo on "
        "Saturday, killing dozens. At least 40 children were among the 98 people killed, the "
        "monitor said, updating a previous toll of 80 dead."
    )
    assert killed_point(inc) == 98


def test_a_count_told_after_earlier_is_still_the_old_one() -> None:
    inc = main(
        "A suicide car bombing hit a convoy of buses in the town of Rashidin west of Aleppo on "
        "Saturday, killing at least 98 people, the monitor said. Earlier counts had put the "
        "dead at 80."
    )
    assert killed_point(inc) == 98


# --- mixed headline counts, "and N others" in a list of the dead


def test_a_headline_count_of_killed_and_injured_together_is_no_toll() -> None:
    incs = passage_incidents(
        "Aleppo Massacre Continues 64 Killed & Injured. Rebels fired mortar shells on western "
        "Aleppo on Saturday, state media said.",
        SATURDAY,
    )
    assert all(i.killed.low != 64 and i.killed.best != 64 for i in incs)


def test_a_headline_whose_and_was_stripped_counts_both_kinds() -> None:
    incs = passage_incidents(
        "25 Terrorists Killed Injured in Clashes on Qalamoun Barrens. Rebel groups clashed near "
        "the town of Qara in Rif Dimashq on Saturday, a correspondent said.",
        SATURDAY,
    )
    assert all(i.killed.low != 25 and i.killed.best != 25 for i in incs)


def test_others_closing_a_list_of_the_dead_are_added() -> None:
    inc = main(
        "Regime air raids on the town of Mayadin in Deir ez-Zor province on Saturday hit a "
        "school, killing nine children and 14 others, activists said."
    )
    assert killed_point(inc) == 23


def test_others_told_as_hurt_are_not_added_to_the_dead() -> None:
    inc = main(
        "Regime air raids on the town of Mayadin in Deir ez-Zor province on Saturday hit a "
        "school, killing nine children and 14 others were wounded, activists said."
    )
    assert killed_point(inc) == 9


# --- one person joined to "N of his" people


def test_a_commander_killed_alongside_nine_of_his_men_makes_ten() -> None:
    inc = main(
        "Army troops attacked a rebel stronghold in the area of al-Lajat in Daraa province on "
        "Saturday. The brigade's commander Khaled al-Hamad alongside nine of his comrades were "
        "killed in the battle."
    )
    assert killed_point(inc) == 10


def test_nine_of_their_men_name_no_one_person_more() -> None:
    inc = main(
        "Army troops attacked a rebel stronghold in the area of al-Lajat in Daraa province on "
        "Saturday. The brigade's commanders and nine of their comrades were killed in the battle."
    )
    assert killed_point(inc) == 9


# --- an orphan figure dated to an earlier month


def test_dead_told_in_an_earlier_month_are_not_the_incidents() -> None:
    inc = main_incident(
        "US warplanes bombed two residential areas of the town of Manbij in Aleppo province on "
        "Saturday leaving 43 civilians dead. The telecommunication building of Manbij was also "
        "ruined in the US air attacks. Also in July over 25 civilians were killed near the town.",
        dt.date(2016, 8, 6),
    )
    assert killed_point(inc) == 43


def test_an_undated_incident_keeps_last_weeks_count() -> None:
    inc = main_incident(
        "Residents blamed the rebels for the chemical attack on the Ghouta suburbs of Damascus. "
        "Doctors said at least 355 people had died last week from a nerve agent.",
        dt.date(2013, 8, 31),
    )
    assert killed_point(inc) == 355


# --- dead added to a replaced count are in the new count


def test_more_dead_that_explain_an_update_are_not_added_again() -> None:
    inc = main(
        "An air strike killed 18 civilians in the village of Urum al-Joz in Idlib province on "
        "Saturday, the monitor said. The monitor updated its earlier death toll of 15 for the "
        "strike, saying three more people had died of their wounds."
    )
    assert killed_point(inc) == 18


def test_more_dead_told_without_a_replaced_count_are_still_added() -> None:
    inc = main(
        "An air strike killed 18 civilians in the village of Urum al-Joz in Idlib province on "
        "Saturday, the monitor said. Three more people also died in the strike, medics said."
    )
    assert killed_point(inc) == 21


# --- an active injury verb after the dead's figure opens its own clause


def test_kills_two_injures_three_gives_two_dead() -> None:
    inc = main(
        "Rocket Attack Kills Two Injures Three in Aleppo. Rebels fired rocket shells on the "
        "Manyan market in New Aleppo on Saturday, a source said."
    )
    assert killed_point(inc) == 2


def test_two_killed_five_injured_gives_two_dead() -> None:
    inc = main(
        "Rebels fired rocket shells on the Manyan market in New Aleppo on Saturday leaving 2 "
        "killed 5 injured, a source said."
    )
    assert killed_point(inc) == 2
