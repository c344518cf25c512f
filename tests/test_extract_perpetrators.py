"""Who did it, on passages we wrote: victims are never the perpetrator, a clash is fought by the
side it is fought "with", accusations name the accused (a government standing for its forces),
"either Russia or Syria" keeps both, and a speaker is never joined to the party it names."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Attribution, Incident
from trucewatch.model.incident import IncidentType as T

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str, title: str | None = None) -> list[Incident]:
    rep = passage(text, TUESDAY, title=title)
    return [i for i in extract(rep).incidents if i.type.violent]


def main(text: str, title: str | None = None) -> Incident:
    return next(i for i in incidents(text, title) if i.main)


def test_fighters_killed_in_clashes_with_a_party_were_killed_by_that_party() -> None:
    inc = main(
        "At least 40 Islamic State militants were killed on Monday in clashes with Kurdish "
        "fighters near Hasakah, a monitor said."
    )
    assert inc.type == T.ARMED_CLASH
    assert inc.perpetrator == "Kurdish forces (YPG/SDF)"
    inc = main(
        "Nine Nusra Front fighters were killed in fighting with the army near Hama on Monday."
    )
    assert inc.perpetrator == "Syrian government forces"


def test_a_generic_word_for_fighters_after_a_name_is_that_partys_men() -> None:
    inc = main("Kurdish militants shelled the village of Tal Abyad on Monday, killing two people.")
    assert inc.perpetrator == "Kurdish forces (YPG/SDF)"


def test_the_party_an_active_verb_kills_is_the_victim_not_the_agent() -> None:
    inc = main(
        "A monitor said the Syrian army killed 18 ISIL commanders in air raids on their "
        "positions in Deir ez-Zor on Monday."
    )
    assert inc.type == T.AIR_STRIKE and inc.perpetrator == "Syrian government forces"


def test_an_accuser_is_not_run_together_with_the_accused() -> None:
    inc = main(
        "The opposition accused government forces of gassing hundreds of people on Monday by "
        "firing rockets on Douma, killing 12 people."
    )
    assert inc.perpetrator == "Syrian government forces"


def test_an_accusation_before_the_incident_names_its_perpetrator() -> None:
    inc = main(
        "The opposition coalition accused President Bashar al-Assad of being behind the "
        "attack. Rescuers said 20 people were affected by chlorine gas in Saraqib on Monday."
    )
    assert inc.type == T.CHEMICAL_ATTACK
    assert inc.perpetrator == "Syrian government forces"


def test_blame_on_a_head_of_state_and_a_finger_pointed_at_a_government() -> None:
    inc = main(
        "The president blamed the attack squarely on Bashar Assad. Toxic gas killed 30 people "
        "in Khan Sheikhoun on Monday, rescuers said."
    )
    assert inc.perpetrator == "Syrian government forces"
    inc = main(
        "A chemical attack killed 50 people in Khan Sheikhoun on Monday. Western capitals "
        "pointed the finger at the government of Bashar al-Assad, which denied it."
    )
    assert inc.perpetrator == "Syrian government forces"


def test_an_indirect_question_leaves_the_agent_open() -> None:
    inc = main(
        "The United States and Russia were at odds over who launched a chemical attack that "
        "killed 40 people in Khan Sheikhoun on Monday."
    )
    assert inc.perpetrator is None


def test_either_russia_or_syria_keeps_both_parties() -> None:
    inc = main(
        "Warplanes, either Russia or Syrian, carried out six strikes on the village of Hass "
        "on Monday, killing 35 civilians."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.perpetrator == "Russian forces"
    assert inc.perpetrator_alternatives == ("Syrian government forces",)
    assert inc.attribution == Attribution.STATED


def test_an_accusation_of_the_attack_anywhere_before_the_first_incident_is_about_it() -> None:
    inc = main(
        "The president blamed the attack squarely on Bashar Assad. He said it could not be "
        "tolerated. He gave no details. His envoy promised a strong response. Aides were "
        "silent. Leaders grasped for a reply. A chemical attack killed 72 people in Khan "
        "Sheikhoun on Tuesday."
    )
    assert inc.type == T.CHEMICAL_ATTACK
    assert inc.perpetrator == "Syrian government forces"


def test_the_party_a_headline_names_did_the_incident_whose_toll_it_gives() -> None:
    title = "Airstrikes by Assad regime warplanes kill 4 in Idlib"
    text = (
        "The regime has stepped up its campaign, a monitor said. Four civilians were killed in "
        "an airstrike which hit the Sermin district of Idlib on Friday."
    )
    inc = main(text, title)
    assert inc.perpetrator == "Syrian government forces"
    assert any(m.field == "perpetrator" and "regime" in m.text for m in inc.evidence)
    # a headline naming its victims only names no one: "40 Terrorists Killed in Idlib"
    inc = main(text.replace("Four", "Forty"), "40 Terrorists Killed in Idlib")
    assert inc.perpetrator is None
