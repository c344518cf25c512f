"""Who did it, on passages we wrote for the general causes the round-11 FA-KES sample found
(bench/perp_sample.py batches 2 and 3): the agent of "by" after describing words (not "held by"),
a party's men named with their kind ("the X rebel group") or "from" it as victims, an incident
retold just after with its agent, a trigger that is a party's carrier, the side inside an
earlier trigger, an act named again "in what ... was", and a doubt about who acted."""

from __future__ import annotations

from tests.test_extract_perpetrators import main
from trucewatch.model.incident import Attribution

GOV, OPP, ISIL, RUS = "Syrian government forces", "Syrian opposition", "ISIL", "Russian forces"


def test_the_agent_of_by_after_describing_words_is_the_perpetrator() -> None:
    inc = main(
        "Four people were hurt in a rocket attack by foreign-backed armed militants on a "
        "market in Homs on Monday."
    )
    assert inc.perpetrator == OPP
    inc = main(
        "Two women were wounded by mortar shells fired by the so-called Islamic State group on "
        "the Joura district of Deir ez-Zor on Monday."
    )
    assert inc.perpetrator == ISIL


def test_by_after_a_place_word_is_not_the_agent() -> None:
    # "areas held by rebels": the holders of the place hit, not who fired
    inc = main("Army artillery shelled areas held by rebels in Daraa on Monday, killing three.")
    assert inc.perpetrator == GOV


def test_a_partys_men_named_with_its_kind_are_victims() -> None:
    inc = main(
        "Nine members of the Ahrar al-Sham rebel group were killed when a car bomb went off "
        "near their base in Idlib on Monday."
    )
    assert inc.perpetrator is None
    inc = main(
        "A car bomb exploded at a checkpoint in Azaz on Monday, killing 11 fighters from Jaish "
        "al-Islam, a monitor said."
    )
    assert inc.perpetrator is None


def test_a_retelling_just_after_gives_its_agent() -> None:
    inc = main(
        "An air strike killed 12 civilians in the town of Saraqib on Monday, a monitor said. "
        "The strike was believed to have been carried out by Russian jets."
    )
    assert inc.perpetrator == RUS
    assert inc.attribution == Attribution.ALLEGED


def test_a_retelling_in_doubt_or_told_by_a_speaker_gives_no_agent() -> None:
    inc = main(
        "An air strike killed 12 civilians in the town of Saraqib on Monday, a monitor said. "
        "It was not clear whether the strike was carried out by Russian jets."
    )
    assert inc.perpetrator is None
    inc = main(
        "A bomb blast killed 20 people in the town of Jableh on Monday. The Syrian government "
        "has not commented on the bombing."
    )
    assert inc.perpetrator is None


def test_a_trigger_that_is_a_partys_carrier_names_it_over_a_speakers_subject() -> None:
    inc = main(
        "The opposition decried the silence of the US-led coalition over Raqqa, where 40 "
        "civilians were killed on Monday by the air force."
    )
    assert inc.perpetrator == GOV


def test_the_side_a_trigger_drives_out_does_not_fight_the_next_trigger() -> None:
    inc = main(
        "The Nusra Front on Saturday drove US-backed rebels out of a military base near Aleppo "
        "in heavy fighting that left 35 dead."
    )
    assert inc.perpetrator == "Jabhat al-Nusra"


def test_an_act_named_again_in_what_it_was_keeps_its_agent() -> None:
    inc = main(
        "Government forces fired rockets on the town of Zamalka on Monday in what activists said "
        "was a poison gas attack that killed 30 people."
    )
    assert inc.perpetrator == GOV
    assert inc.attribution == Attribution.ALLEGED


def test_a_doubt_about_who_acted_leaves_the_perpetrator_open() -> None:
    text = (
        "Air strikes hit a market in the town of Binnish on Monday, killing 14 people, in a "
        "province where Syrian warplanes fly daily."
    )
    assert main(text).perpetrator == GOV  # without the doubt, the party the text suggests
    inc = main(text + " It was not immediately clear who carried out the raids.")
    assert inc.perpetrator is None and inc.attribution is None


def test_a_doubt_between_two_parties_keeps_both() -> None:
    inc = main(
        "Air strikes killed nine people in the town of Saraqib on Monday, a monitor said. It was "
        "unclear if the raids were carried out by regime warplanes or Russian jets."
    )
    assert inc.perpetrator == GOV
    assert inc.perpetrator_alternatives == (RUS,)


def test_a_doubt_about_the_victims_is_no_doubt_about_the_agent() -> None:
    inc = main(
        "ISIL militants shelled the village of Tabni on Monday, killing six men. It is not clear "
        "whether the men were soldiers or rebels."
    )
    assert inc.perpetrator == ISIL
