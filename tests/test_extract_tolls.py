"""Which figure is an incident's dead, on passages we wrote: parts are not tolls ("14 of the
dead"), clock times are not head counts, a number replaces "dozens" told a few sentences
before, another place's dead stay out, war and period totals are claims."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str) -> list[Incident]:
    rep = passage(text, TUESDAY)
    return list(extract(rep).incidents)


def main(text: str) -> Incident:
    return next(i for i in incidents(text) if i.main)


def killed_figures(text: str) -> set[int]:
    return {v for i in incidents(text) for v in (i.killed.low, i.killed.best, i.killed.high) if v}


def test_some_of_the_dead_are_a_part_not_the_toll() -> None:
    inc = main(
        "At least 17 people were killed in a car bomb blast near Azaz on Monday, and at least "
        "14 of the dead were rebels."
    )
    assert inc.killed.low == 17


def test_a_wire_clock_time_is_no_head_count() -> None:
    inc = main(
        "A missile strike hit an airbase near Homs on Friday. 0914 Homs governor says missile "
        "strike caused deaths."
    )
    assert not inc.killed.known


def test_the_death_of_n_gives_the_toll() -> None:
    inc = main(
        "Rebels fired rockets on the western districts of Aleppo on Monday, leading to the "
        "death of eight civilians."
    )
    assert inc.killed.best == 8


def test_a_number_told_later_replaces_dozens() -> None:
    inc = main(
        "A chemical attack killed dozens of people in Khan Sheikhoun on Tuesday, rescuers said. "
        "Doctors described convulsions and foaming at the mouth. Hospitals across the border "
        "were overwhelmed. Turkey sent ambulances. At least 86 people were killed, a monitor "
        "said."
    )
    assert inc.killed.low == 86


def test_another_villages_dead_stay_with_that_village() -> None:
    inc = main(
        "Air strikes pounded eastern Aleppo on Wednesday, killing at least 21 people. Hospitals "
        "were overwhelmed. An attack on the village of Batbo killed 19 people, the "
        "monitor said."
    )
    assert inc.killed.low == 21


def test_other_dead_told_alone_are_no_toll_of_the_incident_before() -> None:
    inc = main("Jets struck Douma on Monday, a monitor said. It added that 24 other people died.")
    assert not inc.killed.known


def test_a_wars_dead_are_a_claim_not_an_incidents_toll() -> None:
    text = (
        "In a report released on Monday, the centre said about 400,000 deaths were caused "
        "directly by violence in the fighting in Aleppo."
    )
    assert 400_000 not in killed_figures(text)


def test_a_tally_goes_on_in_the_sentence_after_it() -> None:
    text = (
        "At least 652 children were killed in Syria last year, UNICEF said. It said 255 "
        "children died in attacks on or near schools. Speaking from Homs, its director said "
        "every child had been scarred."
    )
    assert not killed_figures(text) & {652, 255}


def test_the_toll_was_n_gives_the_toll() -> None:
    inc = main(
        "Fighter jets pounded the rebel-held districts of Aleppo on Monday. A hospital director "
        "said the death toll from the strikes was 45."
    )
    assert inc.killed.best == 45


def test_militants_eliminated_are_the_dead_of_the_clash_told_next() -> None:
    inc = main(
        "Kurdish-led forces eliminated 12 Islamic State militants near the town of Al Tabqah, "
        "media reported. The clashes erupted on Saturday night east of Al Tabqah."
    )
    assert inc.killed.best == 12


# Round 10 (issue 15): causes found on FA-KES articles outside the gold (bench/toll_sample.py).


def test_people_counted_by_a_and_her_are_summed() -> None:
    inc = main(
        "Rebels fired rocket shells on the Seif al-Dawla district of Aleppo on Saturday, killing "
        "a man and a woman and injuring four."
    )
    assert inc.killed.best == 2
    inc = main(
        "Helicopters dropped barrel bombs on the Kallaseh district of Aleppo on Monday, leading "
        "to the death of a woman and her child."
    )
    assert inc.killed.best == 2


def test_one_named_fighter_and_his_men_are_counted() -> None:
    inc = main(
        "Government troops clashed with rebels near Filita on Monday and killed a rebel "
        "commander as well as five of his men."
    )
    assert inc.killed.best == 6


def test_ages_are_no_head_count() -> None:
    inc = main(
        "A mortar shell hit a school in the Midan district of Aleppo on Sunday. Six pupils "
        "between 8 and 11 years old were killed."
    )
    assert inc.killed.best == 6


def test_killed_and_injured_in_one_count_is_no_toll() -> None:
    inc = main("Thirty killed and injured as rockets hit a market in Hasakah on Friday.")
    assert not inc.killed.known  # GOLD-DEV.md: a mixed casualty report gives no toll


def test_the_figure_before_injured_is_the_hurt() -> None:
    inc = main("4 civilians killed 9 injured as rocket shells hit Deir Ezzor city on Tuesday.")
    assert (inc.killed.low, inc.killed.high) == (4, 4)


def test_a_count_the_source_gave_earlier_is_replaced() -> None:
    inc = main(
        "An air strike killed 31 civilians near Mayadin on Thursday, a monitor said. The "
        "monitor, which earlier gave a toll of 14 for the air strike, said women were among "
        "the dead."
    )
    assert (inc.killed.low, inc.killed.high) == (31, 31)


def test_the_deadliest_since_ranks_the_toll_it_does_not_sum_a_period() -> None:
    inc = main(
        "An air strike on a market in Douma killed nine people on Monday, the deadliest since 2015."
    )
    assert inc.killed.best == 9


def test_the_rest_of_the_dead_and_the_parts_of_a_list_are_parts() -> None:
    inc = main(
        "Jihadists attacked the town of Tal Tamr on Saturday, sparking clashes in which 23 "
        "people were killed. Five Kurdish fighters and 18 jihadists made up the rest of the "
        "dead."
    )
    assert inc.killed.best == 23
    inc = main(
        "Rocket shells hit the Furqan district of Aleppo on Tuesday. 7 civilians including a "
        "woman and three children were killed."
    )
    assert inc.killed.best == 7


def test_hundreds_of_thousands_is_the_wars_dead_not_a_toll() -> None:
    inc = main(
        "Shelling hit the Ghouta town of Hamouria on Friday. The war has killed hundreds of "
        "thousands of people."
    )
    assert not inc.killed.known


def test_the_figure_after_among_is_the_whole() -> None:
    inc = main(
        "Rocket shells hit a school in Kafr Batna on Monday. At least three pupils were among "
        "seven people killed."
    )
    assert inc.killed.best == 7
