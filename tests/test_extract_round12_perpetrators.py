"""Who did it, on passages we wrote for the general causes the round-11 FA-KES sample left open
(bench/perp_sample.py batches 0-4): the clause's subject fighting a clash over the side it fought
"with", "clashes between A and B", the subject of a fighting verb, men put to death or lost as
victims, a joint attribution starting with a state's name, a state's name as a place, a party's
adjective hyphened to a participle, holding a party to account for an incident (not for a
policy), and a claim of responsibility told after a generic "terrorist bombing"."""

from __future__ import annotations

from tests.test_extract_perpetrators import main
from trucewatch.extract.actor_roles import is_force
from trucewatch.extract.pipeline import build_pipeline

GOV, OPP, ISIL, RUS = "Syrian government forces", "Syrian opposition", "ISIL", "Russian forces"
KURD, NUSRA = "Kurdish forces (YPG/SDF)", "Jabhat al-Nusra"


def test_a_subject_that_clashed_fights_over_the_side_it_clashed_with() -> None:
    inc = main(
        "Government forces clashed with Islamic State fighters east of Palmyra on Monday, "
        "killing 30 of them, an army source said."
    )
    assert inc.perpetrator == GOV


def test_the_side_fought_with_still_acts_when_the_subject_is_far_or_a_victim() -> None:
    # the victims' side stands far before the trigger: the side they fought acts
    inc = main(
        "Twelve militants of the so-called Islamic State in Iraq and the Levant group were "
        "killed on Monday during battles with Kurdish fighters near Hasakah."
    )
    assert inc.perpetrator == KURD
    # "lost 40 militants in the battle against": the side losing men is the victim
    inc = main(
        "The rebel alliance has lost over one hundred militants in the battle against the "
        "Syrian army near Aleppo since Monday."
    )
    assert inc.perpetrator == GOV


def test_clashes_between_two_sides_give_the_first_named() -> None:
    inc = main(
        "Heavy clashes between regime forces and Kurdish fighters broke out in Qamishli on "
        "Monday, leaving nine dead."
    )
    assert inc.perpetrator == GOV


def test_the_subject_of_a_fighting_verb_acts_in_a_clash_with_no_agent() -> None:
    inc = main(
        "Fierce fighting shook the south of Aleppo on Monday as rebels battled to reach the "
        "besieged districts, leaving 20 dead."
    )
    assert inc.perpetrator == OPP
    # "rebels and regime forces battled": the first named, as for a joint attribution
    inc = main(
        "Fierce fighting raged in Hama on Monday as rebels and regime forces battled for the "
        "town of Souran, leaving 20 dead."
    )
    assert inc.perpetrator == OPP


def test_men_put_to_death_are_victims_not_the_agent() -> None:
    inc = main(
        "A monitor said more than 50 troops were summarily executed and 19 more were killed in "
        "a double suicide attack at the base in Raqqa on Friday."
    )
    assert inc.perpetrator is None


def test_a_joint_attribution_starting_with_a_states_name_gives_that_state() -> None:
    inc = main(
        "A local activist said Russia and Syrian regime war planes carried out heavy air "
        "strikes on the town of Mayadeen on Monday, killing 20 civilians."
    )
    assert inc.perpetrator == RUS


def test_a_states_name_after_in_is_a_place_not_a_force() -> None:
    nlp = build_pipeline()
    doc = nlp("An opposition leader said in Turkey that 50 people died in the gas attack.")
    turkey = next(a for a in doc._.actors if a.text == "Turkey")
    assert not is_force(doc, turkey)
    doc = nlp("Turkey shelled the Kurdish town of Afrin on Monday.")
    turkey = next(a for a in doc._.actors if a.text == "Turkey")
    assert is_force(doc, turkey)


def test_a_partys_adjective_hyphened_to_a_participle_is_no_agent() -> None:
    inc = main(
        "During a Russian-proposed pause air strikes hit the town of Maarat al-Numan on "
        "Monday, killing eight civilians."
    )
    assert inc.perpetrator is None


def test_holding_a_party_to_account_for_an_incident_names_it() -> None:
    inc = main(
        "The opposition called on the UN to hold the Assad regime accountable for the horrific "
        "crime in Khan Sheikhoun. Toxic gas was used in the attack on the town on Tuesday, "
        "which killed 70 people."
    )
    assert inc.perpetrator == GOV


def test_holding_a_party_responsible_for_a_policy_names_no_agent() -> None:
    inc = main(
        "A car bomb exploded near a council building in Azaz on Monday, killing five "
        "civilians. The opposition held the Assad regime responsible for exposing the country "
        "to terrorism."
    )
    assert inc.perpetrator is None


def test_a_claim_of_responsibility_after_a_generic_terrorist_bombing_names_the_group() -> None:
    lead = (
        "Seven pilgrims were killed in a terrorist bombing which targeted a bus at a parking lot "
        "in Damascus on Sunday. An explosive device planted in the bus was detonated. "
    )
    inc = main(lead + "The Nusra Front claimed responsibility for the bombing in a statement.")
    assert inc.perpetrator == NUSRA
    # no claim: the generic word stays (government media's "terrorists")
    inc = main(lead + "The Nusra Front has carried out such attacks in the past.")
    assert inc.perpetrator == OPP


def test_the_side_a_one_sided_clash_word_is_against_is_its_target() -> None:
    nlp = build_pipeline()
    doc = nlp(
        "Russian jets killed 300 Daesh militants this week as the offensive against the "
        "terrorists near Deir ez-Zor continues, the ministry said."
    )
    offensive = next(t for t in doc._.triggers if t.text == "offensive")
    agent = doc._.attributions[offensive.start].perpetrator
    assert agent is not None and agent.canonical == RUS


def test_a_partys_adjective_before_its_men_is_one_mention_of_that_party() -> None:
    inc = main(
        "At least 30 Islamic State militants were killed in clashes with Kurdish troops near "
        "Hasakah on Thursday."
    )
    assert inc.perpetrator == KURD
    # the bare "troops" after the adjective is not the Syrian army
    inc = main("Kurdish troops shelled the village of Tal Rifaat on Monday, killing three people.")
    assert inc.perpetrator == KURD


def test_an_accusation_between_an_incidents_tellings_concerns_it() -> None:
    inc = main(
        "Two car bombs killed 20 people in a government-held district of Homs on Monday, state "
        "media reported. The district was hit in attacks the agency blamed on terrorists, the "
        "governments term for the armed opposition. The monitor said the car bombs went off "
        "half an hour apart and killed 21."
    )
    assert inc.perpetrator == OPP
