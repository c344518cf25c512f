"""Round 17: place readings on passages we wrote; none is copied from FA-KES or the seed texts."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import GeoPrecision

DAY = dt.date(2016, 7, 5)


def _places(text: str) -> set[str]:
    return {i.place.name for i in passage_incidents(text, DAY) if i.place is not None}


def test_a_second_town_with_its_article_stays_in_the_list() -> None:
    """ "the towns of Nubbul and al-Zahraa": the article opening the second name does not end
    the list, so each town is shelled."""
    places = _places(
        "Rebels fired shells at the towns of Nubbul and al-Zahraa on Monday, killing three people."
    )
    assert {"Nubbul", "Zahraa"} <= places


def test_two_towns_both_with_their_article() -> None:
    """ "al-Fouaa and al-Kefraya": both towns of the list."""
    places = _places("Insurgents shelled al-Fouaa and al-Kefraya on Monday, killing two people.")
    assert {"al-Fouaa", "Kafraya"} <= places


def test_a_stance_glued_to_the_capital_is_no_place() -> None:
    """ "Pro-Damascus media outlets said": the capital stands for the government the outlets
    side with, so the bombing they report is not told a second time in Damascus."""
    places = _places(
        "A car bomb killed 22 people in the town of Zarqoun in Idlib province on Monday. "
        "Pro-Damascus media outlets said the bomb went off near a market, killing 22 people."
    )
    assert "Damascus" not in places


def test_a_speakers_seat_glued_to_based_is_no_place() -> None:
    """ "Damascus-based activists put the toll at 60": where the speakers sit, not where the
    fighting they count happened."""
    places = _places(
        "Fighting between rebels and troops in Zarqoun in Aleppo province killed 40 fighters on "
        "Monday. Damascus-based activists put the number at 60."
    )
    assert "Damascus" not in places


def test_a_force_driven_from_a_town_places_the_capture_there() -> None:
    """ "expelled rebel fighters from Morek ...": the town the force was driven from is the
    ground taken, even when another town of the sentence is told after "in"."""
    inc = main_incident(
        "Government forces expelled rebel fighters from Morek in Hama province on Sunday, "
        "a day after clashes in Hama city killed 12.",
        DAY,
    )
    assert inc.place is not None and inc.place.name == "Morek"


def test_a_force_driven_out_of_a_town_places_the_capture_there() -> None:
    """ "drove the Islamic State group out of Morek": the origin after the trigger is the ground
    taken; the fighters' own origin before it ("from Idlib") is not."""
    inc = main_incident(
        "Fighters from Idlib drove the Islamic State group out of Morek on Sunday.", DAY
    )
    assert inc.place is not None and inc.place.name == "Morek"


def test_down_town_capital_is_the_capital() -> None:
    """ "in down town Damascus": the city centre, not the countryside around it."""
    inc = main_incident(
        "An explosion inside a minibus killed six people in down town Damascus on Sunday.", DAY
    )
    assert inc.place is not None
    assert inc.place.name == "Damascus" and inc.place.governorate == "Damascus"


def test_west_of_the_city_of_a_town_is_near_it() -> None:
    """ "west of the city of Raqqa": a place beside the city, as "west of Raqqa" is, not the
    city itself."""
    inc = main_incident(
        "Air strikes hit a market west of the city of Raqqa on Monday, killing 12.", DAY
    )
    assert inc.place is not None and inc.place.name == "Raqqa"
    assert inc.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_in_the_city_of_a_town_is_the_town() -> None:
    """ "in the city of Raqqa" stays the city itself."""
    inc = main_incident("Air strikes hit a market in the city of Raqqa on Monday, killing 12.", DAY)
    assert inc.place is not None and inc.place.geo_precision == GeoPrecision.TOWN


def test_a_known_name_opening_a_quarters_longer_name() -> None:
    """ "the Morek al-Jadida district" of Homs city is a quarter named after the town of Morek,
    not the town in Hama province."""
    inc = main_incident(
        "Rebel rockets struck the Morek al-Jadida district in Homs city on Monday, killing 5.", DAY
    )
    assert inc.place is not None
    assert inc.place.name == "Morek al-Jadida" and inc.place.governorate == "Homs"


def test_a_known_town_with_a_district_word_stays_the_town() -> None:
    """ "Morek in Hama province", with no longer name, is still the known town."""
    inc = main_incident("Rebel rockets struck Morek in Hama province on Monday, killing 5.", DAY)
    assert inc.place is not None and inc.place.name == "Morek"


def test_an_area_of_the_capital_named_like_a_far_town() -> None:
    """ "in Morek area of the Syrian capital": the gazetteer's Morek lies in Hama, so the area
    told inside Damascus is a part of Damascus the gazetteer lacks, as "Morek region of the
    capital" already was."""
    inc = main_incident(
        "A bomb killed six people on Sunday. State television said the explosion took place "
        "in Morek area of the Syrian capital.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Morek" and inc.place.governorate == "Damascus"


def test_the_capitals_government_is_no_place() -> None:
    """ "air strikes in support of the Damascus regime": the government, not an air strike in
    Damascus."""
    places = _places(
        "Warplanes killed nine people in Morek on Monday. Russia began air strikes in support "
        "of the Damascus regime last year."
    )
    assert "Damascus" not in places
