"""Round 23 claimant rules, on passages we wrote: figures a claim cue must not miss (amounts
shaped like years, totals after "at more than", a body's own estimate), the innermost source of
nested reporting, and a speaker after a figure who goes on to say something else."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_claimant, passage_claims

DAY = dt.date(2017, 3, 20)
claims = partial(passage_claims, published=DAY)
claimant_of = partial(passage_claimant, published=DAY)


def test_a_qualified_four_digit_amount_is_a_count_not_a_year() -> None:
    # copy without thousands commas: "more than 2000 people" is a count, "since 2011" a year
    text = (
        "The monitoring group Syrian Observatory for Human Rights said more than 2000 people "
        "had died since 2011 in the valley. The army said it had cleared about 1500 square "
        "kilometres of farmland."
    )
    found = {c.quantity: c for c in claims(text)}
    assert found[2000].claimant == "Syrian Observatory for Human Rights"
    assert found[2000].unit == "people"
    assert found[1500].unit == "square kilometres"
    assert 2011 not in found


def test_a_year_leading_a_clause_stays_a_year() -> None:
    text = "The relief agency UNICEF said that since 2012 children had lost four school years."
    assert 2012 not in {c.quantity for c in claims(text)}


def test_a_hyphenated_duration_is_no_claim() -> None:
    text = "The envoy Tomas Lindqvist said a 16-hour truce had let 300 families leave."
    found = {c.quantity for c in claims(text)}
    assert 16 not in found
    assert 300 in found


def test_a_total_put_at_more_than_a_figure_counts_the_dead() -> None:
    text = (
        "The Syrian Observatory for Human Rights said 900 people died in the month. It put "
        "the overall toll of the war at more than 412,000."
    )
    assert claimant_of(text, 412000) == "Syrian Observatory for Human Rights"


def test_a_bodys_own_estimate_makes_it_the_claimant() -> None:
    text = "The district holds about 72,000 residents, according to the government's last estimate."
    assert claimant_of(text, 72000) == "government"
    text = "Some 9,000 families fled the valley, according to UNICEF's latest figures."
    assert claimant_of(text, 9000) == "UNICEF"


def test_the_government_refers_back_to_the_government_named_before() -> None:
    text = (
        "The Turkish government reopened the crossing on Monday. The government said 3,100 "
        "refugees had crossed by nightfall."
    )
    assert claimant_of(text, 3100) == "Turkish government"


def test_the_source_a_broadcaster_quotes_is_the_claimant() -> None:
    text = (
        "A truck bomb killed 17 people at the market, state television quoted the town's "
        "police chief as saying."
    )
    assert claimant_of(text, 17) == "police chief"


def test_the_source_an_agency_cites_is_the_claimant() -> None:
    text = "Shells killed 8 people in the old quarter, SANA said, citing a police source."
    assert claimant_of(text, 8) == "police source"
    text = "A source at Homs Police Command told SANA that 5 people were hurt by shelling."
    assert claimant_of(text, 5) == "Homs Police Command"


def test_a_source_naming_no_one_leaves_the_relayer_the_claimant() -> None:
    text = "Rockets killed 6 civilians in the suburb, SANA said, citing local sources."
    assert claimant_of(text, 6) == "SANA"


def test_a_monitor_quoting_its_sources_stays_the_claimant() -> None:
    text = (
        "The Syrian Observatory for Human Rights quoted medics in the town as saying that 23 "
        "people were wounded."
    )
    assert claimant_of(text, 23) == "Syrian Observatory for Human Rights"


def test_a_speaker_after_the_figure_who_says_something_else_does_not_take_it() -> None:
    # comma-less copy: Damascus says something of its own after the figure
    text = (
        "Western diplomats said satellite pictures showed tents for up to 1800 people at the "
        "camp Damascus said its forces were only training there"
    )
    assert claimant_of(text, 1800) == "Western diplomats"
    text = "Two medics were killed in a raid that Moscow said was aimed at a weapons depot."
    assert 2 not in {c.quantity for c in claims(text)}


def test_a_speaker_after_the_figure_still_takes_it_when_nothing_follows() -> None:
    text = "Shelling killed 14 people in the village the Syrian Observatory for Human Rights said."
    assert claimant_of(text, 14) == "Syrian Observatory for Human Rights"
    text = "Shelling killed 15 people in the village, the Observatory said the toll could rise."
    assert claimant_of(text, 15) == "Syrian Observatory for Human Rights"


def test_a_figure_run_into_the_next_figure_takes_no_noun_of_its_own() -> None:
    text = "Share 0 41 The toll rose to 31 civilians, the Syrian Observatory for Human Rights said."
    found = {c.quantity: c.unit for c in claims(text)}
    assert found.get(31) == "civilians"
    assert 0 not in found and 41 not in found


def test_a_unit_number_is_no_claim() -> None:
    text = "Kurdish fighters took the Brigade 93 base on Friday, the Observatory said."
    assert 93 not in {c.quantity for c in claims(text)}


def test_a_measured_distance_is_a_claim_but_a_location_is_not() -> None:
    text = (
        "The defence minister Anton Vessel said the buffer would be 12 to 18 km deep. The "
        "ministry said its jets struck a depot 40 km (25 miles) north of the town."
    )
    found = {c.quantity: c.unit for c in claims(text)}
    assert found.get(12) == "km" and found.get(18) == "km"
    assert 40 not in found and 25 not in found


def test_a_range_shares_the_noun_of_its_second_figure() -> None:
    text = "Coalition spokesman Colonel Brandt said some 1200 to 1600 fighters held the pocket."
    found = {c.quantity: c.unit for c in claims(text)}
    assert found.get(1200) == "fighters" and found.get(1600) == "fighters"


def test_a_bare_figure_after_a_casualty_verb_counts_its_casualties() -> None:
    text = "Two rockets hit the square, killing 9 people and wounding 41, the ministry said."
    found = {c.quantity: c.unit for c in claims(text)}
    assert found.get(41) == "wounded"


def test_a_plural_nationality_is_a_counted_noun() -> None:
    text = "The Pentagon said four Americans had been hurt in the blast."
    assert claimant_of(text, 4) == "Pentagon"


def test_the_whole_phrase_known_to_the_gazetteer_is_the_fullest_name() -> None:
    text = "The United Nations human rights office said 8,300 people had been detained."
    assert claimant_of(text, 8300) == "UN human rights office"


def test_a_country_whose_apostrophe_was_lost_opens_the_title() -> None:
    text = "Iraqs Deputy Interior Minister Karim Haddad said gunmen had killed 14 border guards."
    assert claimant_of(text, 14) == "Karim Haddad"


def test_that_opening_what_is_said_points_to_no_set() -> None:
    text = "The Pentagon said two soldiers died and that three more soldiers were wounded."
    assert claimant_of(text, 3) == "Pentagon"


def test_a_title_refers_back_to_the_person_introduced_with_it() -> None:
    text = (
        "Hama governor Karim Nasrallah toured the district. Aid workers said a clinic was hit. "
        "On Friday 70 families were moved out, the governor said. On Sunday 140 more were "
        "brought out, Nasrallah said."
    )
    found = {c.quantity: c for c in claims(text)}
    assert found[70].claimant == "Karim Nasrallah"
    assert found[140].claimant == "Karim Nasrallah" and found[140].unit == "families"


def test_an_unknown_name_keeps_the_officials_or_government_it_qualifies() -> None:
    text = "Coalition officials said about 900 fighters were still in the pocket."
    assert claimant_of(text, 900) == "Coalition officials"
    text = "Three aid workers were hurt, the Dutch government said."
    assert claimant_of(text, 3) == "Dutch government"


def test_a_known_as_apposition_names_the_speaker() -> None:
    text = (
        "The rescue service in opposition areas, known as the White Helmets, said 27 people "
        "had died."
    )
    assert claimant_of(text, 27) == "White Helmets"
