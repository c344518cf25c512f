"""Round 23c claimant rules, on passages we wrote: a person a title introduces speaks for
themselves (not the body in the title, nor a title split in two); a country's defence ministry
is its own body (actor gazetteer); "X condemned ... and said" gives X; "the commission", "the
office" refer to the body whose name carries the word."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_claimant, passage_claims

DAY = dt.date(2021, 5, 4)
claims = partial(passage_claims, published=DAY)
claimant_of = partial(passage_claimant, published=DAY)


def test_a_person_introduced_by_a_body_title_is_the_claimant() -> None:
    text = "UN relief chief Jonas Whitfield said 4.2 million people needed food aid in the north."
    assert claimant_of(text, 4_200_000) == "Jonas Whitfield"


def test_a_title_with_its_complement_is_not_part_of_the_name() -> None:
    text = (
        "U.N. High Commissioner for Refugees Amelia Norberg said 310 families had crossed the "
        "border in a week."
    )
    assert claimant_of(text, 310) == "Amelia Norberg"


def test_an_organisation_name_after_a_nationality_is_no_person() -> None:
    # "Syrian Observatory for Human Rights": "Human Rights" names no one
    text = "The Syrian Observatory for Human Rights said 14 people were killed in the raids."
    assert claimant_of(text, 14) == "Syrian Observatory for Human Rights"


def test_a_known_person_after_a_title_still_gives_their_body() -> None:
    text = "Russian Defence Ministry spokesman Igor Konashenkov said 37 fighters were killed."
    assert claimant_of(text, 37) == "Russian Defence Ministry"


def test_a_national_defence_ministry_is_its_own_body() -> None:
    text = (
        "The Turkish defence ministry said its jets had hit 120 targets. The Syrian defence "
        "ministry said three soldiers were wounded."
    )
    assert claimant_of(text, 120) == "Turkish Defence Ministry"
    assert claimant_of(text, 3) == "Syrian Defence Ministry"


def test_a_second_verb_of_saying_shares_the_sentences_subject() -> None:
    text = (
        "U.N. Secretary-General Antonio Guterres condemned the bombing and said at least four "
        "nurses were among the dead."
    )
    assert claimant_of(text, 4) == "Antonio Guterres"


def test_a_second_verb_that_is_no_saying_takes_no_speaker() -> None:
    text = "Air strikes killed 12 people and put a field clinic out of service on Tuesday."
    assert not [c for c in claims(text) if c.quantity == 12]


def test_the_commission_refers_to_the_commission_not_the_last_body_heard() -> None:
    text = (
        "The U.N. Commission of Inquiry on Syria said on Monday that the south was unsafe. "
        "The United Nations said more than 9,000 people had fled the district. The "
        "commission's report also recorded an attack on a clinic that killed 11 people."
    )
    assert claimant_of(text, 9000) == "UN"
    assert claimant_of(text, 11) == "UN Commission of Inquiry on Syria"


def test_the_office_refers_back_to_the_office_named_before() -> None:
    text = (
        "The United Nations human rights office said 5,200 civilians were killed in the year. "
        "The office said it had identified 3,100 of the victims by name."
    )
    assert claimant_of(text, 3100) == "UN human rights office"


def test_a_known_person_after_a_split_title_gives_their_body() -> None:
    text = (
        "U.N. High Commissioner for Human Rights Michelle Bachelet said 210 civilians were "
        "killed in the month."
    )
    assert claimant_of(text, 210) == "UN human rights office"
