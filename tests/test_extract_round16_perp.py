"""Who acts in a sentence, on passages we wrote for the general causes round 16 read on the
tuning sets and the studied perpetrator batches (bench/perp_sample.py batches 0-5): the side an
attack verb takes as its object does not wield the weapon named after it, and a clash closing a
clause whose subject gained ground was fought by that subject."""

from __future__ import annotations

from tests.test_extract_perpetrators import main

GOV, OPP, ISIL, KURD = (
    "Syrian government forces",
    "Syrian opposition",
    "ISIL",
    "Kurdish forces (YPG/SDF)",
)


def test_the_object_of_an_attack_verb_is_not_the_side_with_the_weapon() -> None:
    inc = main(
        "Rebels attacked government forces with two suicide car bombs in the town of Harasta "
        "on Monday, killing 12 soldiers, a monitor said."
    )
    assert inc.perpetrator == OPP
    inc = main(
        "Islamic State militants targeted the Syrian army with mortar shells in Deir ez-Zor "
        "on Monday, killing four soldiers."
    )
    assert inc.perpetrator == ISIL


def test_a_side_told_attacked_in_the_passive_is_not_the_attacker() -> None:
    inc = main("Government forces were attacked with car bombs in Harasta on Monday.")
    assert inc.perpetrator is None
    # the agent of "by" still acts
    inc = main("Government forces were attacked by rebels with car bombs in Harasta on Monday.")
    assert inc.perpetrator == OPP


def test_a_side_gaining_ground_fought_the_clash_its_clause_ends_with() -> None:
    inc = main(
        "Rebel fighters surrounded the village of Hader on Monday after fierce clashes with "
        "government forces in the area."
    )
    assert inc.perpetrator == OPP
    inc = main(
        "Kurdish fighters took the village of Tal Abyad near Raqqa on Monday after heavy "
        "fighting with Islamic State militants."
    )
    assert inc.perpetrator == KURD


def test_the_side_a_clash_is_fought_with_still_acts_when_the_subject_lost_or_died() -> None:
    inc = main(
        "At least 40 Islamic State militants were killed on Monday in clashes with Kurdish "
        "fighters near Hasakah, a monitor said."
    )
    assert inc.perpetrator == KURD
    inc = main(
        "Government forces lost the village of Kafr Nabl in Idlib on Monday after clashes "
        "with rebels."
    )
    assert inc.perpetrator == OPP


def test_another_states_air_force_or_army_is_not_the_syrian_one() -> None:
    inc = main(
        "The Turkish air force struck a position near Afrin on Monday, killing two fighters."
    )
    assert inc.perpetrator == "Turkish forces"
    inc = main("The Turkish military shelled the village of Jinderes near Afrin on Monday.")
    assert inc.perpetrator == "Turkish forces"
    # a state of no canonical party: no party rather than the Syrian army
    inc = main("The Iraqi air force struck Islamic State positions in Albu Kamal on Monday.")
    assert inc.perpetrator is None
    # the bare noun still stands for the Syrian army
    inc = main("The army shelled the village of Jinderes near Afrin on Monday.")
    assert inc.perpetrator == GOV


def test_a_stripped_possessive_owns_the_force_noun_after_it() -> None:
    inc = main("The coalitions air force struck Raqqa on Monday, killing 12 civilians.")
    assert inc.perpetrator == "US-led coalition"
    inc = main(
        "The alliances Air Force delivered a series of strikes on Tabqa on Monday, killing "
        "nine civilians, the report said."
    )
    assert inc.perpetrator == "US-led coalition"


def test_a_party_speaking_of_its_own_carriers_carried_out_the_act() -> None:
    inc = main(
        "Russia said its warplanes struck 40 targets in Idlib on Monday, killing 30 militants."
    )
    assert inc.perpetrator == "Russian forces"
    inc = main("The US-led coalition said its aircraft struck a bridge in Raqqa on Monday.")
    assert inc.perpetrator == "US-led coalition"


def test_a_partys_bastion_or_stronghold_is_a_place_not_its_forces() -> None:
    inc = main("Shelling of a rebel bastion near Damascus killed 19 civilians on Monday.")
    assert inc.perpetrator is None
    inc = main(
        "A suicide bomber blew himself up in a regime stronghold in the town of Jableh on "
        "Monday, killing one person."
    )
    assert inc.perpetrator is None


def test_a_partys_adjective_after_one_describing_word_still_opens_the_act() -> None:
    inc = main(
        "The town of Douma came under a massive government aerial assault on Monday after "
        "rebels fired 120 rockets into the capital."
    )
    assert inc.perpetrator == GOV


def test_the_backer_named_after_backed_by_is_not_the_subject() -> None:
    inc = main("Kurdish fighters backed by US air strikes stormed the town of Tabqa on Monday.")
    assert inc.perpetrator == KURD


def test_a_government_and_its_forces_noun_are_its_forces() -> None:
    inc = main(
        "West of the capital the Damascus government forces seized areas outside the town "
        "of Zabadani on Monday."
    )
    assert inc.perpetrator == GOV
    # a government speaking of its own forces
    inc = main("The Assad government said its forces seized the town of Zabadani on Monday.")
    assert inc.perpetrator == GOV


def test_a_passive_about_the_incident_named_again_gives_its_agent() -> None:
    inc = main(
        "Victims of a chemical attack in Khan Sheikhoun on Monday died within minutes. "
        "A foreign ministry said the deaths were caused by sarin dropped by Syrian aircraft."
    )
    assert inc.perpetrator == GOV
    inc = main(
        "A chemical attack killed 20 people in the town of Habit on Monday. The attack was "
        "carried out by Syrian aircraft, witnesses said."
    )
    assert inc.perpetrator == GOV
    # a doubt leaves it open; a body that only condemned it did not act
    inc = main(
        "A chemical attack killed 20 people in the town of Habit on Monday. It was not clear "
        "whether the attack was carried out by Syrian aircraft."
    )
    assert inc.perpetrator is None
    inc = main(
        "A car bomb killed 12 people in the town of Azaz on Monday. The attack was "
        "condemned by Turkey."
    )
    assert inc.perpetrator is None


def test_a_partys_name_before_a_general_word_for_the_attack_gives_its_agent() -> None:
    inc = main(
        "A car bomb killed 19 soldiers at a checkpoint near the town of Shaer on Monday. "
        "Monitors said the Islamic State assault began at dawn."
    )
    assert inc.perpetrator == ISIL
    # "a terrorist attack" tells a kind of act, not a party
    inc = main(
        "A car bomb killed 19 people in the Midan district of Damascus on Monday. Local media "
        "said it may be a terrorist attack."
    )
    assert inc.perpetrator is None
    # an attack before or after this one is another
    inc = main(
        "A car bomb killed 19 people in the Midan district of Damascus on Monday, hours after "
        "a rebel attack on the district."
    )
    assert inc.perpetrator is None


def test_a_headline_names_the_side_repelling_not_the_side_hit_or_denying() -> None:
    from trucewatch.extract.headline_attribution import headline_agent

    main("Fighting went on near Hasakah on Monday.")  # the pipeline's extensions set
    assert headline_agent("Kurdish forces repel IS attack on Hasakah, 30 killed") == KURD
    assert headline_agent("Turkish Army Shells Kurdish Positions Near Afrin") == "Turkish forces"
    assert headline_agent("Bomb attack on Russian base kills 2") is None
    assert headline_agent("Air strikes kill 20 in Idlib as Russia denies role") is None
    assert headline_agent("Regime strikes on rebel-held Douma kill 12") == GOV


def test_a_party_saying_it_acted_is_the_agent() -> None:
    inc = main(
        "The army said it shelled rebel positions in the town of Ariha on Monday, killing 12 "
        "militants."
    )
    assert inc.perpetrator == GOV
    inc = main("Rebels said they shot down a helicopter over the town of Ariha on Monday.")
    assert inc.perpetrator == OPP
    # "it" after a monitor's words is no force
    inc = main("The Observatory said it counted 12 air strikes on the town of Ariha on Monday.")
    assert inc.perpetrator is None


def test_a_place_that_fell_to_a_party_was_taken_by_it() -> None:
    inc = main("The town of Ariha fell to rebels on Monday.")
    assert inc.perpetrator == OPP


def test_a_claim_of_responsibility_told_after_names_the_agent() -> None:
    inc = main(
        "A car bomb in the town of Azaz on Monday killed 12 people. Islamic State claimed "
        "responsibility."
    )
    assert inc.perpetrator == ISIL
    inc = main(
        "A car bomb in the town of Azaz on Monday killed 12 people. No group has claimed "
        "responsibility, but Islamic State claimed responsibility for a similar attack."
    )
    assert inc.perpetrator is None


def test_pro_government_militias_and_the_regimes_barrel_bombs_are_the_governments() -> None:
    inc = main("Pro-government militias shelled the town of Ariha on Monday, killing 4 people.")
    assert inc.perpetrator == GOV
    inc = main("The regimes barrel bombs killed 12 people in the town of Ariha on Monday.")
    assert inc.perpetrator == GOV
    # the side shelled is not the one shelling
    inc = main(
        "Rebels shelled pro-government militias in the town of Ariha on Monday, killing 4 fighters."
    )
    assert inc.perpetrator == OPP


def test_either_or_with_a_partys_word_or_to_be_keeps_both() -> None:
    inc = main(
        "Russian or Syrian regime warplanes struck the town of Ariha on Monday, killing 12 people."
    )
    assert inc.perpetrator == "Russian forces"
    assert inc.perpetrator_alternatives == (GOV,)
    inc = main(
        "Warplanes, believed to be either Russian or Syrian, struck the town of Ariha on Monday, "
        "killing 12 people."
    )
    assert inc.perpetrator_alternatives == (GOV,)


def test_a_joint_telling_right_before_the_act_gives_the_first_named() -> None:
    inc = main(
        "The Syrian army and Russian jets struck the town of Ariha on Monday, killing 12 people."
    )
    assert inc.perpetrator == GOV


def test_a_clash_is_fought_by_the_side_its_headline_presents_as_acting() -> None:
    text = (
        "Rebel fighters launched an offensive against army posts near the town of Ibtaa on "
        "Sunday. The army killed 30 militants in the fighting, a military source said."
    )
    inc = main(text, title="Syrian Army kills 30 rebels near Ibtaa")
    assert inc.perpetrator == GOV
    # with no headline the text's own telling stands
    assert main(text).perpetrator == OPP
    # a headline's generic "terrorists" do not override a group the text names
    text = (
        "Nusra Front militants stormed the town of Ibtaa on Sunday in fierce fighting that "
        "killed 30 people."
    )
    inc = main(text, title="30 dead in terrorist battle near Ibtaa")
    assert inc.perpetrator == "Jabhat al-Nusra"


def test_a_party_accused_in_the_passive_of_one_act_is_named() -> None:
    inc = main(
        "Government forces were accused of shelling the town of Ariha on Monday, killing 12 "
        "civilians."
    )
    assert inc.perpetrator == GOV
    # accused of a practice: not of this act
    inc = main(
        "A chemical attack killed 12 people in the town of Ariha on Monday. The government has "
        "been accused of using chemical weapons."
    )
    assert inc.perpetrator is None


def test_a_party_denying_its_own_part_is_the_one_accused() -> None:
    from trucewatch.model.incident import Attribution

    inc = main(
        "Air strikes hit a market in the town of Ariha on Monday, killing 12 people. Russia "
        "denied that its jets had carried out the raid."
    )
    assert inc.perpetrator == "Russian forces"
    assert inc.attribution == Attribution.DENIED
    # a denial of something else names no one
    inc = main(
        "A car bomb killed 12 people in the town of Azaz on Monday. Turkey denied reports that "
        "the border was closed."
    )
    assert inc.perpetrator is None
