"""Which place an incident gets (issue 15, round 14), on passages we wrote: whom troops are
loyal to is no place, a town told in another governorate than the gazetteer's town of that
name is another town, and a quarter or village spelt in a way no key reaches is still found
by its consonants beside a known place of its governorate."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.gazetteer.normalise import skeleton
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import Place

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str) -> list:
    """The incidents of a passage published on TUESDAY."""
    return list(extract(passage(text, TUESDAY)).incidents)


def main_place(text: str) -> Place:
    """The main incident's place for a passage published on TUESDAY."""
    main = next(i for i in incidents(text) if i.main)
    assert main.place is not None
    return main.place


# --- "loyal to Damascus" ---------------------------------------------------------------------


def test_the_capital_troops_are_loyal_to_is_no_place() -> None:
    found = incidents(
        "Fierce clashes raged on Sunday near the villages of Tal Sikkin and Abu Dali in the "
        "northeast of Hama province, the army said. The troops loyal to Damascus took control "
        "of the two villages after the clashes, the statement added."
    )
    assert all(i.place is None or i.place.name != "Damascus" for i in found)
    assert {i.place.governorate for i in found if i.place} == {"Hama"}


def test_militias_backed_by_a_capital_leave_the_story_where_it_happened() -> None:
    place = main_place(
        "A suicide attack on a village near Salamiyah killed 20 people on Thursday, a hospital "
        "source said. Militias backed by Damascus have fought the group in the area for months."
    )
    assert place.governorate == "Hama"


# --- a same-named town in the governorate the text names ----------------------------------


def test_a_town_told_in_another_governorate_is_that_governorate_s_town() -> None:
    # the gazetteer holds a Safsafah in Tartus only
    place = main_place(
        "Air strikes killed seven people in the village of Safsafah, in the western "
        "countryside of Hama, on Monday, a monitor said."
    )
    assert (place.name, place.governorate) == ("Safsafah", "Hama")


def test_the_governorate_told_right_after_the_town_settles_it() -> None:
    place = main_place(
        "Air strikes killed seven people in Safsafah in the southern Idlib countryside on "
        "Monday, a monitor said."
    )
    assert place.governorate == "Idlib"


def test_a_town_listed_beside_another_governorate_keeps_its_own() -> None:
    place = main_place(
        "Shelling killed seven people in Safsafah and three in Idlib province on Monday, a "
        "monitor said."
    )
    assert place.governorate == "Tartus"


# --- spellings no key reaches --------------------------------------------------------------


def test_the_skeleton_joins_vowel_and_ending_spellings() -> None:
    assert skeleton("Jameliaiah") == skeleton("Jamiliyeh") == "jml"
    assert skeleton("al-Jabiryieh") == skeleton("Jabiriyeh")
    assert skeleton("Salahuddin") == skeleton("Salaheddine")
    assert skeleton("Tal") == ""  # too short to mean anything


def test_a_skeleton_match_is_only_taken_inside_the_governorates_told() -> None:
    gaz = load_gazetteer()
    assert gaz.spelled_like("Jameliaiah", ["Aleppo"]) is not None
    assert gaz.spelled_like("Jameliaiah", ["Homs"]) is None


def test_a_quarter_spelt_with_other_vowels_is_found_beside_its_city() -> None:
    place = main_place(
        "Rebel shelling killed 11 people in a government-held part of Aleppo on Friday. "
        "Another 65 people were injured in the attack on Jameliaiah in West Aleppo, the "
        "Observatory said."
    )
    assert (place.name, place.governorate) == ("Jameliaiah", "Aleppo")


def test_a_respelt_name_with_no_known_place_in_its_sentence_is_not_read() -> None:
    found = incidents(
        "Rebel shelling killed 11 people on Friday, the Observatory said. Another 65 people "
        "were injured in the attack on Jameliaiah."
    )
    assert all(i.place is None or i.place.name != "Jameliaiah" for i in found)


# --- a killed figure joined to a placed injured one ----------------------------------------


def test_a_death_told_before_the_injured_of_a_quarter_is_that_quarter_s() -> None:
    found = incidents(
        "Rebel rockets fired at residential neighbourhoods of Aleppo on Monday killed a woman "
        "and injured 19 in the neighbourhood of Bab al-Faraj and injured 3 in al-Furqan "
        "neighbourhood, a police source said."
    )
    faraj = next(i for i in found if i.place and i.place.name == "Bab al-Faraj")
    assert faraj.killed.best == 1


# --- village and quarter names opened by more words ----------------------------------------


def test_a_quarter_opened_by_karam_is_read_as_a_place() -> None:
    place = main_place(
        "Barrel bombs killed nine people in Karam al-Tarrab in eastern Aleppo on Monday, "
        "rescuers said."
    )
    assert (place.name, place.governorate) == ("Karam al-Tarrab", "Aleppo")


def test_a_village_opened_by_jubb_is_read_as_a_place() -> None:
    place = main_place(
        "Shelling killed four civilians in Jubb al-Qadi in the Homs countryside on Monday, a "
        "monitor said."
    )
    assert (place.name, place.governorate) == ("Jubb al-Qadi", "Homs")


# --- a name glued to a compass word --------------------------------------------------------


def test_a_town_glued_to_a_compass_word_by_a_lost_space_is_still_read() -> None:
    place = main_place(
        "Coalition air raids on militant positions near Kobaninorth Syria killed 35 fighters "
        "on Saturday. Militant vehicles were also hit in Hasakeh, reporters said."
    )
    assert (place.name, place.governorate) == ("Kobani", "Aleppo")


def test_a_common_word_ending_in_a_compass_word_is_no_place() -> None:
    found = incidents("Air strikes killed 12 people in Midwest Idlib on Monday, a monitor said.")
    assert all(i.place is None or i.place.name != "Midwest" for i in found)
