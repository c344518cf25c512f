"""Round 14, the report's main incident, on passages we wrote: a first-told incident with no
dead yields to the one of its story that tells the dead, unless the headline names it, it is a
capture, it counts wounded of its own, or the dead are of another day or governorate."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident
from trucewatch.model.incident import Incident
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 10, 3)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, DAY, title)


def test_a_toll_less_lead_yields_to_the_story_s_deadly_telling() -> None:
    # the assault is told first with no dead; the rockets of the same story killed eight
    inc = main(
        "Rebels launched a huge assault on government positions in Aleppo. The rebels "
        "fired dozens of rockets at the western districts of Aleppo, killing eight people, "
        "the state agency said."
    )
    assert inc.type == T.SHELLING
    assert inc.killed.best == 8


def test_a_dated_lead_keeps_the_story_over_another_day_s_dead() -> None:
    # Sunday's toll is recalled: Monday's raids are the news even with no toll yet
    inc = main(
        "Government warplanes bombed the city of Raqqa on Monday, a monitor said. On Sunday "
        "air strikes on Raqqa killed 30 people."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.date == dt.date(2016, 10, 3)
    assert not inc.killed.known


def test_a_lead_whose_kind_the_headline_names_keeps_the_story() -> None:
    # "storm" names the assault's kind: the headline tells which incident is the story
    inc = main(
        "Rebels launched a huge assault on government positions in Hayan in Aleppo province. "
        "In another attack rebels fired rockets at the western districts of Aleppo, killing "
        "eight people, the state agency said.",
        "Rebels storm government lines north of Aleppo",
    )
    assert inc.type == T.ARMED_CLASH
    assert not inc.killed.known


def test_a_lead_whose_town_the_headline_names_keeps_the_story() -> None:
    inc = main(
        "Rebels launched a huge assault on government positions in Anadan in Aleppo "
        "province. In another attack rebels fired rockets at the western districts of "
        "Aleppo, killing eight people, the state agency said.",
        "Anadan: the front line north of Aleppo",
    )
    assert inc.type == T.ARMED_CLASH
    assert inc.place is not None and inc.place.name == "Anadan"


def test_a_capture_told_first_keeps_the_story() -> None:
    # a capture tells no dead by its nature: a toll elsewhere in the city does not displace it
    inc = main(
        "Government forces captured the district of Bani Zeid in Aleppo on Monday after heavy "
        "fighting, a monitor said. Rebel shelling on western Aleppo killed five people on "
        "Monday."
    )
    assert inc.type == T.TERRITORY_TAKEN


def test_a_lead_with_its_own_wounded_keeps_the_story() -> None:
    # wounded are the lead's casualties: it is told as a deadly event of its own
    inc = main(
        "Government warplanes bombed the town of Saraqib in Idlib province, wounding 30 "
        "people, activists said. Separately, shelling on the town of Binnish in Idlib "
        "killed five civilians."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.injured.known


def test_the_headline_s_toll_finds_its_strike_outside_the_governorate_it_names() -> None:
    # "near Aleppo" is approximate: the strike that killed the headline's 11 is in Idlib
    inc = main(
        "US air strikes hit a residential building in the city of Idlib on Monday, killing "
        "11 civilians, activists said. The Pentagon said its strikes near Aleppo on Monday "
        "targeted the facilities of a militant group.",
        "US air strikes kill 11 civilians near Aleppo",
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.place is not None and inc.place.governorate == "Idlib"
    assert inc.killed.best == 11


def test_another_kind_s_toll_elsewhere_leaves_the_headline_s_governorate() -> None:
    # the 11 killed by shelling in Idlib are not the headline's air strikes on Aleppo
    inc = main(
        "Government warplanes bombed the city of Aleppo on Monday, activists said. Shelling "
        "on the city of Idlib on Monday killed 11 civilians.",
        "Air strikes kill 11 in Aleppo",
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.place is not None and inc.place.governorate == "Aleppo"


def test_dead_told_as_another_attack_leave_the_lead_the_story() -> None:
    # "In another attack" says the rockets are a story of their own, not the assault's dead
    inc = main(
        "Rebels launched a huge assault on government positions in Aleppo. In another attack "
        "rebels fired rockets at the western districts of Aleppo, killing eight people, the "
        "state agency said."
    )
    assert inc.type == T.ARMED_CLASH
