"""Who did it, on passages we wrote for the causes the round-10 FA-KES sample found
(bench/perp_sample.py): the object of blame, a party's carrier ("Syrian tanks"), a party's
men killed (victims, not agents), a bomber "from" a group, a group named where the headline
says only "terrorists", a retold incident ("the strikes") and "X was behind the attack"."""

from __future__ import annotations

from tests.test_extract_perpetrators import main
from trucewatch.model.incident import Attribution

GOV, ISIL = "Syrian government forces", "ISIL"


def test_the_party_a_speaker_blames_is_the_accused_and_its_denial_is_kept() -> None:
    inc = main(
        "Air strikes hit a clinic in Aleppo on Monday, killing 14 people, a monitor said. "
        "The head of the opposition delegation blamed the government. The Syrian army denied "
        "any part in the raid."
    )
    assert inc.perpetrator == GOV
    assert inc.attribution == Attribution.DENIED and inc.denied_by == "Syrian army"


def test_a_partys_adjective_before_what_it_fights_with_names_it() -> None:
    inc = main("Syrian tanks shelled the town of Talbiseh on Monday, killing four civilians.")
    assert inc.perpetrator == GOV
    inc = main(
        "State media said Syrian fighter jets targeted militant positions in al-Bab on "
        "Monday, killing 30 of them."
    )
    assert inc.perpetrator == GOV


def test_a_partys_men_killed_are_its_victims() -> None:
    inc = main(
        "At least 20 Islamic State jihadists were killed on Monday in clashes with Kurdish "
        "fighters near Hasakah, a monitor said.",
        title="20 IS jihadists killed in clashes with Kurds",
    )
    assert inc.perpetrator == "Kurdish forces (YPG/SDF)"
    inc = main(
        "The Nusra Front killed 12 members of the so-called Free Syrian Army (FSA) in clashes "
        "near Idlib on Monday, a reporter said."
    )
    assert inc.perpetrator == "Jabhat al-Nusra"


def test_a_bomber_from_a_group_is_that_groups() -> None:
    inc = main(
        "A suicide bomber from al-Qaeda's Syrian affiliate the Nusra Front killed nine soldiers "
        "at an army checkpoint in Hama on Monday."
    )
    assert inc.perpetrator == "Jabhat al-Nusra"


def test_a_group_named_for_the_attack_beats_the_generic_word() -> None:
    inc = main(
        "Three civilians were killed in a terrorist rocket attack on Aleppo on Monday. A police "
        "source said ISILs terrorists fired six rocket shells on the Midan district of Aleppo, "
        "killing three civilians.",
        title="Three killed in terrorist rocket attack on Aleppo",
    )
    assert inc.perpetrator == ISIL
    # another side named in the story is not what "terrorists" stood for
    inc = main(
        "Terrorists shelled the Midan district of Aleppo on Monday, killing three civilians. "
        "The Syrian army shelled the positions the rockets came from in the same district."
    )
    assert inc.perpetrator == "Syrian opposition"


def test_a_retold_incident_keeps_the_agent_told_before() -> None:
    inc = main(
        "A US-led coalition carried out air strikes against positions of the Nusra Front on "
        "Tuesday, a monitor said. The strikes hit an area in western Aleppo province, killing "
        "at least seven people."
    )
    assert inc.perpetrator == "US-led coalition"


def test_a_party_said_to_be_behind_an_attack_is_accused_of_it() -> None:
    inc = main(
        "Everything we know points to a chemical massacre near Damascus on Wednesday that "
        "killed hundreds, and the Assad regime is responsible, the minister said."
    )
    assert inc.perpetrator == GOV


def test_an_incident_told_twice_in_one_sentence_keeps_the_agent_of_either_telling() -> None:
    inc = main(
        "Twenty cases of suffocation in a terrorist chemical attack on the Hamadaniyeh "
        "district of Aleppo on Sunday, state media said."
    )
    assert inc.perpetrator == "Syrian opposition"
