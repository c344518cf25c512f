"""Round 11 toll rules, on passages we wrote: an update outlasts the lower counts told beside
it, "two of them" is a part of the dead, listed groups with a word of their own are summed,
"a total of N" killed in one attack is that attack's toll, and more armed victims."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.draft import Draft, add_toll
from trucewatch.extract.roles import one_attack_total
from trucewatch.extract.spans import Trigger
from trucewatch.extract.tolls import ARMED_VICTIMS
from trucewatch.model.incident import Incident, IncidentType, Toll

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str) -> list[Incident]:
    rep = passage(text, TUESDAY)
    return list(extract(rep).incidents)


def main(text: str) -> Incident:
    return next(i for i in incidents(text) if i.main)


def _draft() -> Draft:
    trigger = Trigger(0, 6, "strike", IncidentType.AIR_STRIKE, 0, 1, 0)
    return Draft(type=IncidentType.AIR_STRIKE, sent=0, trigger=trigger)


def exact(n: int) -> Toll:
    return Toll(low=n, best=n, high=n)


def test_an_update_replaces_the_count_before_it() -> None:
    d = _draft()
    add_toll(d, "killed", exact(5), vague=False, update=False)
    add_toll(d, "killed", exact(18), vague=False, update=True)
    assert d.killed == exact(18)


def test_a_lower_count_after_an_update_is_the_old_count() -> None:
    d = _draft()
    add_toll(d, "killed", exact(18), vague=False, update=True)
    assert not add_toll(d, "killed", Toll(low=5), vague=False, update=False)
    assert d.killed == exact(18)


def test_a_higher_count_after_an_update_still_widens() -> None:
    d = _draft()
    add_toll(d, "killed", exact(18), vague=False, update=True)
    add_toll(d, "killed", exact(25), vague=False, update=False)
    assert d.killed.low == 18 and d.killed.high == 25


def test_the_update_told_in_the_sentence_before_the_strike_counts() -> None:
    inc = main(
        "The death toll from the raids on the town of Azaz has risen to 40 people, the monitor "
        "said on Tuesday. Two air raids on Azaz killed 31 civilians, the monitor said."
    )
    assert inc.killed.best == 40


def test_two_of_them_is_a_part_of_the_dead() -> None:
    inc = main(
        "Gunmen attacked the town of Azaz on Monday, sparking fighting in which 17 people were "
        "killed two of them medics."
    )
    assert inc.killed.best == 17


def test_listed_groups_with_a_word_of_their_own_are_summed() -> None:
    inc = main(
        "The monitor said 30 regime soldiers and 39 rebel fighters were killed in clashes "
        "around Azaz on Monday."
    )
    assert inc.killed.best == 69


def test_a_total_of_n_killed_in_one_raid_is_its_toll() -> None:
    inc = main(
        "A total of 14 militants were killed in an air strike on the town of Azaz on Monday, "
        "the army said."
    )
    assert inc.killed.best == 14


def test_a_total_over_separate_operations_stays_a_tally() -> None:
    toks = ["a", "total", "of", "24", "militants", "were", "killed", "in", "separate", "operations"]
    assert not one_attack_total(toks, 1)
    assert one_attack_total(["a", "total", "of", "14", "militants", "were", "killed"], 1)
    assert not one_attack_total(["the", "total", "number", "of", "breaches"], 1)


def test_servicemen_bear_arms() -> None:
    assert {"servicemen", "troops", "militiamen"} <= ARMED_VICTIMS


def test_the_figure_before_killing_counts_the_killers() -> None:
    inc = main(
        "At least 12 people were killed in a bombing near a police station in Azaz on Monday. "
        "The ministry said two suicide bombers had blown themselves up killing civilians and "
        "guards."
    )
    assert inc.killed.low == 12


def test_the_toll_of_an_attack_is_no_single_victim() -> None:
    inc = main(
        "The death toll of a bomb attack on buses near Azaz on Monday surpasses 60 people, the "
        "envoy said."
    )
    assert inc.killed.low == 60


def test_the_lead_counts_the_dead_before_the_weapon_is_named() -> None:
    inc = main(
        "A man killed at least 16 civilians outside a bakery in Azaz on Monday, an official "
        "said. The attack also wounded dozens of people. Nobody has said who did it. The toll "
        "was confirmed by a monitor. Residents heard a loud noise. A suicide bomber blew "
        "himself up in front of the bakery in Azaz."
    )
    assert inc.killed.low == 16


def test_groups_listed_after_a_forward_verb_with_a_word_of_their_own_are_summed() -> None:
    inc = main(
        "Jets struck the town of Azaz on Monday killing three militants and 13 local civilians, "
        "the monitor said."
    )
    assert inc.killed.best == 16


def test_dead_joined_by_along_with_add_to_the_count() -> None:
    inc = main(
        "At least 20 rebels were killed along with five jihadists in fighting for a base near "
        "Azaz on Monday, the monitor said."
    )
    assert inc.killed.low == 25


def test_a_toll_before_a_ranked_since_is_the_attack_s_own() -> None:
    inc = main(
        "A gas attack hit the town of Azaz on Monday. With the death toll estimated between 90 "
        "and 150 it would be the most lethal chemical weapons attack since the 1980s."
    )
    assert inc.killed.low == 90


def test_a_figure_after_a_ranked_since_belongs_to_the_earlier_event() -> None:
    inc = main(
        "One woman was killed in an air strike on the town of Azaz on Monday. The death was "
        "the first in the town since a gas attack in March that killed 87 people."
    )
    assert inc.killed.best == 1


def test_the_dead_an_attack_avenges_are_not_its_toll() -> None:
    inc = main(
        "Jets bombed the town of Azaz on Monday. Activists said the bombing came in revenge for "
        "the death of four pilots whose plane went down near the town."
    )
    assert not inc.killed.known
