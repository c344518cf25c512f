"""Round 25 claimant rules, on passages we wrote: a Title Case headline's verb is no cue, a
place or a counted noun glued on by lost commas is no claimant, "No group said" names no one,
"said the X was ..." is what is said, a speaker described by a relative clause speaks, and a
figure inside the speaker's own phrase counts nothing."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_claimant, passage_claims

DAY = dt.date(2019, 5, 14)
claims = partial(passage_claims, published=DAY)
claimant_of = partial(passage_claimant, published=DAY)


def claimants(text: str) -> set[str | None]:
    return {c.claimant for c in claims(text)}


def test_a_title_case_headline_verb_makes_no_headline_words_a_claimant() -> None:
    text = (
        "14-05-2019 Rocket Attack Hits Homs Market Claims 9 Children. At least 9 children were "
        "killed in Homs when rockets hit a market the Syrian Observatory for Human Rights said."
    )
    assert claimants(text) == {"Syrian Observatory for Human Rights"}


def test_a_headline_led_by_a_known_speaker_keeps_its_cue() -> None:
    text = "ISIL Claims Killing of 14 Soldiers. The group posted a video on its channels."
    assert claimant_of(text, 14) == "ISIL"


def test_a_place_before_a_described_source_is_no_claimant() -> None:
    # commas lost: the town ends the clause before, the monitor speaks
    text = (
        "At least 23 fighters were killed in clashes near the town of Kobani a monitor said on "
        "Sunday. The Syrian Observatory for Human Rights said the clashes went on overnight."
    )
    assert claimant_of(text, 23) == "Syrian Observatory for Human Rights"


def test_a_counted_noun_glued_before_a_source_is_no_part_of_it() -> None:
    text = (
        "Raids on the market killed at least 30 people including 8 children state media "
        "reported on Tuesday."
    )
    assert claimant_of(text, 30) == "state media"


def test_no_group_said_names_no_claimant() -> None:
    # copy that lost its full stops: the denial is no one's claim of the toll before it
    text = "At least 12 people died in the blasts on Monday No group said it had planted the bombs."
    assert not any(c and "group" in c for c in claimants(text))


def test_said_the_school_was_hit_is_what_is_said() -> None:
    text = (
        "The monitor counted the dead and said the Al Noor school was hit by 3 rockets during "
        "the morning lessons."
    )
    assert "Al Noor" not in claimants(text)


def test_a_speaker_described_by_a_relative_clause_speaks() -> None:
    text = (
        "The Syrian Observatory for Human Rights a monitor that gathers reports from people "
        "inside the country said at least 41 people had died in the blasts."
    )
    assert claimant_of(text, 41) == "Syrian Observatory for Human Rights"


def test_a_figure_inside_the_speakers_phrase_is_no_claim() -> None:
    text = (
        "Jets struck the road into the city. One media activist who saw the strike said that "
        "the convoy was burning."
    )
    assert not [c for c in claims(text) if c.quantity == 1]


def test_an_all_capitals_subheading_is_no_part_of_the_speaker() -> None:
    text = (
        "Inspectors reached the suburb on Friday. NIGHT RAIDS Opposition activists said at least "
        "40 people had died in the shelling."
    )
    assert claimant_of(text, 40) == "Opposition activists"


def test_a_page_tag_list_names_no_claimant() -> None:
    text = (
        "Jets hit the town overnight. Tags Hama Syria Anti-government activists say 7 people died "
        "in the raids."
    )
    assert not any(c and "Tags" in c for c in claimants(text))
