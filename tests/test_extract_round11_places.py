"""Which place an incident gets (issue 15, round 11), on passages we wrote: a town listed
beside the seat city does not replace it, a named spot inside a town is the place, a village
told as part of the town is the place, and a hyphenated name ends where its hyphens do."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import GeoPrecision
from trucewatch.model.report import Report

TUESDAY = dt.date(2016, 9, 20)


def _report(text: str) -> Report:
    return passage(text, TUESDAY)


def main_place(text: str):
    main = next(i for i in extract(_report(text)).incidents if i.main)
    return main.place


def test_a_town_listed_beside_the_seat_city_does_not_replace_it() -> None:
    place = main_place(
        "Air strikes killed 20 people in Syria's Raqqa province on Monday, a monitor said. "
        "Warplanes pounded Raqqa and Tabqa through the night, residents said."
    )
    assert place.name == "Raqqa"


def test_a_town_listed_after_the_seat_city_in_a_later_sentence_is_not_the_place() -> None:
    place = main_place(
        "Shelling killed six people in Idlib on Monday. "
        "Shells struck Idlib and Saraqib, the civil defence said."
    )
    assert place.name == "Idlib"


def test_a_town_told_alone_after_the_seat_city_still_refines_it() -> None:
    place = main_place(
        "Shelling killed six people in Idlib on Monday. "
        "The shells struck the town of Saraqib, the civil defence said."
    )
    assert place.name == "Saraqib"


def test_a_market_told_inside_the_town_is_the_incident_place() -> None:
    place = main_place(
        "Shells killed two civilians in New Aleppo on Monday, a police source said. "
        "The shells landed in Manyan market in New Aleppo area, wounding three."
    )
    assert place.name == "Manyan"


def test_a_village_told_as_part_of_the_town_is_the_incident_place() -> None:
    place = main_place(
        "Dozens of civilians were killed by air strikes in the city of Manbij on Tuesday. "
        "At least 40 people were killed in air strikes on the village of Tokhar part of the "
        "city of Manbij, a monitor said."
    )
    assert place.name == "Tokhar"


def test_a_narrower_place_with_other_dead_is_another_incident() -> None:
    found = extract(
        _report(
            "Shells killed two civilians in New Aleppo on Monday. Shells killed nine people "
            "in Manyan market in New Aleppo area later that day."
        )
    ).incidents
    assert {i.place.name for i in found} == {"New Aleppo", "Manyan"}


def test_a_narrower_place_told_by_another_kind_of_happening_is_not_taken() -> None:
    place = main_place(
        "Shells hit New Aleppo on Monday, killing two people. A week after the massacre in "
        "Manyan market in New Aleppo area, the shells wounded five."
    )
    assert place.name == "New Aleppo"


def _place_names(text: str) -> list[str]:
    from trucewatch.extract.pipeline import build_pipeline, make_doc

    nlp = build_pipeline()
    return [p.place.name for p in nlp(make_doc(nlp, _report(text)))._.places]


def test_a_hyphenated_name_ends_where_its_hyphens_do() -> None:
    names = _place_names(
        "Troops fought rebels near the villages of Khirbet-Sawa Tal Hamra and Abu Dali in "
        "Hama province on Monday."
    )
    assert "Khirbet-Sawa" in names
    assert not any(n.startswith("Khirbet-Sawa ") for n in names)


def test_a_hyphenated_name_keeps_an_article_after_it() -> None:
    names = _place_names("Shells fell in Khirbet-Sawa al-Kabira near Hama on Monday.")
    assert "Khirbet-Sawa al-Kabira" in names


def test_a_hyphenated_name_told_after_in_ends_where_its_hyphens_do() -> None:
    names = _place_names("Shells fell in Khirbet-Sawa Tal Hamra near Hama on Monday.")
    assert "Khirbet-Sawa" in names


def test_a_neighbourhood_named_like_another_governorates_town_is_the_citys_quarter() -> None:
    place = main_place(
        "A car bomb killed 12 people in the central city of Homs on Monday. The bomb went "
        "off in the Zahra neighbourhood near a school, the governor said."
    )
    assert (place.name, place.governorate) == ("Zahra", "Homs")
    assert place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_name_told_inside_a_city_of_another_governorate_keeps_its_name() -> None:
    place = main_place("Rockets hit the district of Zahra in Homs on Monday, killing four people.")
    assert (place.name, place.governorate) == ("Zahra", "Homs")


def test_a_seat_city_told_near_another_keeps_its_own_governorate() -> None:
    place = main_place(
        "Jets hit a building in the city of Idlib near Aleppo on Monday, killing 11 civilians."
    )
    assert (place.name, place.governorate) == ("Idlib", "Idlib")


def test_a_quarter_told_after_its_city_possessively_is_the_place() -> None:
    place = main_place("Troops killed 75 militants in Daraa's Manshiyah district on Sunday.")
    assert (place.name, place.governorate) == ("Manshiyah", "Daraa")


def test_a_quarter_told_after_its_city_stripped_of_the_apostrophe_is_the_place() -> None:
    place = main_place(
        "Troops killed 75 militants in Daraas Manshiyah district on Sunday, a source said."
    )
    assert (place.name, place.governorate) == ("Manshiyah", "Daraa")
