"""Round 24 claimant rules, on passages we wrote: a speaker's phrase that ends on an
organisation word or holds an article inside a known name, "claimed the lives of" as no verb of
saying, a capitalised verb inside a known name as no cue, and an abbreviated title that ends no
sentence."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_claimant, passage_claims

DAY = dt.date(2019, 5, 14)
claims = partial(passage_claims, published=DAY)
claimant_of = partial(passage_claimant, published=DAY)


def test_a_body_named_by_its_organisation_word_speaks() -> None:
    # "the coalition said": the head word of a body, in lower case, is the speaker's phrase
    text = (
        "Warplanes struck the city overnight. The coalition said it had carried out 14 raids "
        "on positions near the river."
    )
    assert claimant_of(text, 14) == "US-led coalition"


def test_a_known_name_with_a_descriptor_after_it_speaks_for_a_figure_before_it() -> None:
    # copy without commas: two speakers after the figures, each takes the figures next to it
    text = (
        "Jets hit a market in the town on Monday killing 17 civilians among them five women the "
        "White Helmets rescue service said Save the Children said at least 6 clinics had closed."
    )
    assert claimant_of(text, 17) == "White Helmets"
    assert claimant_of(text, 6) == "Save the Children"


def test_an_article_inside_a_known_name_stays_in_the_name() -> None:
    text = "Save the Children said 40 schools in the province had been damaged since March."
    assert claimant_of(text, 40) == "Save the Children"


def test_claiming_lives_is_no_verb_of_saying() -> None:
    # the battle takes lives; the figures are the monitor's, named after them
    text = (
        "The battle for the ridge claimed the lives of 61 soldiers and 48 rebels according to "
        "the Syrian Observatory for Human Rights."
    )
    assert claimant_of(text, 61) == "Syrian Observatory for Human Rights"
    assert claimant_of(text, 48) == "Syrian Observatory for Human Rights"


def test_a_capitalised_verb_inside_a_known_name_is_no_cue() -> None:
    # "United States" holds "states": the narrator's figure gets no claimant "United"
    text = "The United States and its allies have flown more than 3000 sorties over the valley."
    assert all(c.claimant != "United" for c in claims(text))


def test_an_abbreviated_rank_ends_no_sentence() -> None:
    text = (
        '"The raids destroyed 12 fighting positions" said coalition spokesman Lt. Col. Dana '
        "Whitfield on Friday."
    )
    assert claimant_of(text, 12) == "Dana Whitfield"


def test_a_speaker_in_a_relative_clause_never_reaches_back_past_a_comma() -> None:
    # "a cell that Washington said was planning": what is said is about the cell, not the
    # narrator's count of allies before the comma
    text = (
        "The United States and four allies struck targets in the east overnight, and its "
        "forces separately hit a cell that Washington said was planning attacks."
    )
    assert all(c.claimant != "Washington" for c in claims(text))


def test_a_country_possessive_names_the_country_body_with_or_without_its_apostrophe() -> None:
    text = (
        "Russias military said its bombers had struck 9 depots overnight. Turkey's foreign "
        "ministry said 25 militants had been neutralised."
    )
    assert claimant_of(text, 9) == "Russian forces"
    assert claimant_of(text, 25) == "Turkish government"


def test_a_place_opening_a_body_name_stays_in_it() -> None:
    # "a source at Hama police command": the town is the body's seat, part of its name
    text = "A source at Hama police command said 3 people were hurt when a shell hit a bakery."
    assert claimant_of(text, 3) == "Hama police command"
