"""Who makes a claim, on passages we wrote: one test per rule of extract.claimants."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from tests.passages import passage_claimant, passage_claims
from trucewatch.gazetteer.actors import load_actors

DAY = dt.date(2016, 5, 20)
claims = partial(passage_claims, published=DAY)
claimant_of = partial(passage_claimant, published=DAY)


def test_the_subject_of_a_speech_verb_is_the_claimant() -> None:
    text = "The Syrian Network for Human Rights reported that 93 civilians died in April."
    assert claimant_of(text, 93) == "Syrian Network for Human Rights"


def test_a_title_is_dropped_from_a_full_name_but_a_rank_before_a_surname_stays() -> None:
    text = "Italian Foreign Minister Marco Bellandi told reporters that 14 convoys had left."
    assert claimant_of(text, 14) == "Marco Bellandi"
    assert claimant_of("The fleet flew 9 sorties, said Colonel Brandt.", 9) == "Colonel Brandt"


def test_according_to_names_the_source_after_it() -> None:
    text = "Seventeen hospitals were hit in 2016, according to the World Health Organization."
    assert claimant_of(text, 17) == "WHO"


def test_a_spokesman_stands_for_his_ministry() -> None:
    text = "Defence ministry spokesman Igor Konashenkov said 64 sorties had been flown."
    assert claimant_of(text, 64) == "Russian Defence Ministry"
    text = "A spokesman for the Russian Defence Ministry said 12 groups had joined."
    assert claimant_of(text, 12) == "Russian Defence Ministry"


@pytest.mark.parametrize(
    ("first", "second", "claimant"),
    [
        ("Doctors Without Borders runs a clinic there.", "The charity said", "MSF"),
        (
            "The Syrian Observatory for Human Rights counted the dead.",
            "The monitor said",
            "Syrian Observatory for Human Rights",
        ),
        ("UNICEF opened two schools in the north.", "The agency estimated that", "UNICEF"),
        (
            "The Russian Defence Ministry published its bulletin.",
            "The ministry said",
            "Russian Defence Ministry",
        ),
        ("The VDC wrote a report.", "It said", "Violations Documentation Center"),
    ],
)  # fmt: skip
def test_a_back_reference_resolves_to_the_organisation_named_before(
    first: str, second: str, claimant: str
) -> None:
    text = f"{first} Fighting went on in the south. {second} 31 people had died in the town."
    assert claimant_of(text, 31) == claimant


def test_a_back_reference_skips_organisations_of_another_kind() -> None:
    # "the monitoring group" is the monitor, not the militant group named after it
    text = (
        "Airwars tracks civilian deaths. Islamic State fighters attacked a checkpoint. "
        "The monitoring group said 18 civilians were killed."
    )
    assert claimant_of(text, 18) == "Airwars"


def test_a_surname_gives_the_full_name_used_before() -> None:
    text = (
        "British Prime Minister David Cameron opened the meeting. "
        "Cameron said $10 billion had been pledged."
    )
    (claim,) = [c for c in claims(text) if c.unit == "dollars"]
    assert (claim.claimant, claim.quantity) == ("David Cameron", 10_000_000_000)


def test_never_a_dateline_city_an_opening_word_or_a_place() -> None:
    text = "ALEPPO, May 20 (Wire) — More than 20 people were killed on Saturday, residents said."
    assert claimant_of(text, 20) == "residents"
    text = "Afterwards, the Syrian Observatory for Human Rights said 7 fighters died."
    assert claimant_of(text, 7) == "Syrian Observatory for Human Rights"
    text = "A conference in Kuwait pledged $3 billion, the United Nations said."
    assert claimant_of(text, 3_000_000_000) == "UN"
    text = "Idlib said 40 trucks had arrived."  # a town does not speak
    assert [c for c in claims(text) if c.quantity == 40] == []


def test_a_relative_clause_after_the_figure_names_its_own_source() -> None:
    text = (
        "A research group estimates that 470,000 people have died, nearly twice the figure "
        "of 250,000 people that the United Nations cited."
    )
    assert claimant_of(text, 250_000) == "UN"
    text = "Four buses were hit, according to state media, which said 32 people were killed."
    assert claimant_of(text, 32) == "state media"


def test_coordinated_sources_give_the_first_named() -> None:
    text = (
        "Figures compiled by UNHCR and the Turkish government put the total at 2,700,000 refugees."
    )
    assert claimant_of(text, 2_700_000) == "UNHCR"


def test_cumulative_and_period_figures_are_claims_with_their_claimant() -> None:
    text = (
        "Since Moscow began its air campaign on September 30 last year, Russian aircraft have "
        "eliminated 9,000 fighters, the Russian Security Council said. So far 1,200 "
        "localities have joined the truce in total, the Russian reconciliation centre said."
    )
    got = {c.quantity: c for c in claims(text)}
    assert got[9000].claimant == "Russian Security Council"
    assert got[9000].period == "since 2015-09-30"
    assert got[1200].claimant == "Russian reconciliation centre"
    assert got[1200].period in ("so far", "in total")


def test_durations_and_document_numbers_are_no_claims() -> None:
    text = "Resolution 2254 gives the parties six months to agree, the Security Council said."
    assert claims(text) == []


def test_units_a_source_gives_without_a_noun_after_the_figure() -> None:
    text = (
        "The death toll from the bombing has risen to 63, the Syrian Observatory for Human "
        "Rights said. Turkey hosts 2,700,000 refugees, Lebanon 1,100,000 and Jordan about "
        "650,000, the agency said."
    )
    got = {c.quantity: c.unit for c in claims(text)}
    assert got[63] == "dead"
    assert got[1_100_000] == got[650_000] == "refugees"


def test_dotted_acronyms_read_as_the_plain_ones() -> None:
    actors = load_actors()
    assert actors.canonical("the U.N. refugee agency") == "UNHCR"
    assert actors.canonical("U.S. State Department") == "US State Department"


def test_an_apposition_without_commas_leaves_the_name_speaking() -> None:
    text = "The Syrian Observatory for Human Rights a Britain-based monitor said 15 people died."
    assert claimant_of(text, 15) == "Syrian Observatory for Human Rights"


def test_the_one_told_is_not_the_claimant() -> None:
    text = "Rescue workers told Anadolu Agency that 11 people were pulled from the rubble."
    assert claimant_of(text, 11) == "Rescue workers"


def test_the_military_refers_back_to_the_force_named_before() -> None:
    text = (
        "Turkish troops pushed south of the border town. The military said 14 fighters were "
        "killed in the clashes."
    )
    assert claimant_of(text, 14) == "Turkish forces"


def test_a_report_by_a_named_body_is_that_bodys_claim() -> None:
    text = (
        "According to a new report by the Syrian Center for Policy Research, 470,000 people died."
    )
    assert claimant_of(text, 470_000) == "Syrian Centre for Policy Research"


def test_unnamed_reports_and_distances_give_no_claim() -> None:
    assert claims("According to reports the strikes destroyed 2 bridges on the river.") == []
    text = "The town lies 60 kilometres from Damascus, the army said."
    assert claims(text) == []


def test_a_ministry_placed_in_a_capital_is_that_states() -> None:
    text = "The defence ministry in Moscow said 6 long-range bombers had struck the town."
    assert claimant_of(text, 6) == "Russian Defence Ministry"


def test_a_surname_after_an_article_gives_the_full_name() -> None:
    text = (
        "Media activist Mohammad al-Halabi described the raid. Halabi added that 2 civilians "
        "were wounded in the district."
    )
    assert claimant_of(text, 2) == "Mohammad al-Halabi"


def test_a_relative_clause_without_commas_is_skipped() -> None:
    text = (
        "The Violations Documentation Center counted the dead. The group which backs the Syrian "
        "opposition said 6 more people died."
    )
    assert claimant_of(text, 6) == "Violations Documentation Center"


def test_an_acronym_in_brackets_and_the_charity_after_it() -> None:
    text = (
        'Shelling hit a clinic, the Qatar Red Crescent Society (QRCS) has announced. "Two '
        'patients were killed by 4 bombs" the charity said.'
    )
    assert claimant_of(text, 4) == "Qatar Red Crescent"


def test_the_source_is_the_one_that_spoke_before() -> None:
    text = (
        "A source at Hama Police Command told reporters that 3 shells hit the city. Later "
        "the source said 2 more civilians were injured."
    )
    assert claimant_of(text, 3) == claimant_of(text, 2) == "Hama Police Command"


def test_a_new_source_in_the_next_sentence_does_not_claim_the_narrators_figure() -> None:
    text = (
        "The statement was signed by 33 factions on Sunday. The United Nations estimates "
        "600,000 people live under siege."
    )
    assert [c.quantity for c in claims(text)] == [600_000]


def test_a_monitor_named_just_after_the_lead() -> None:
    text = (
        "Air strikes on a market killed 29 civilians on Monday, a monitor said. The Syrian "
        "Observatory for Human Rights said it was unclear who carried out the raids."
    )
    assert claimant_of(text, 29) == "Syrian Observatory for Human Rights"


def test_a_report_of_a_body_named_before_gives_its_figures() -> None:
    text = (
        "Human Rights Watch published a report on Tuesday. The report draws on interviews "
        "with 61 witnesses in four provinces."
    )
    assert claimant_of(text, 61) == "Human Rights Watch"


def test_a_state_speaking_is_its_government_not_its_forces() -> None:
    text = "The United States says the attack killed more than 1,400 people in August."
    assert claimant_of(text, 1400) == "US government"


def test_a_place_before_a_name_is_no_part_of_it_and_local_media_stay_local_media() -> None:
    text = "At a hospital in Aleppo Ibrahim Abu Leith told reporters that 20 people were killed."
    assert claimant_of(text, 20) == "Ibrahim Abu Leith"
    text = "A total of 24 fighters were killed near Deir ez-Zor and Raqqa local media reported."
    assert claimant_of(text, 24) == "local media"
    assert claims("They held a 98-kilometre strip, Ankara said.") == []


def test_media_reports_name_no_one() -> None:
    text = "Two car bombs went off near the school, according to earlier media reports."
    assert claims(text) == []
