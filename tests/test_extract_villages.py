"""Places down to the village, on passages we wrote: the most specific place told, places the
gazetteer lacks located by the one they lie in, and two villages with their own tolls."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import GeoPrecision

TUESDAY = dt.date(2016, 9, 20)


def violent(text: str, title: str | None = None):
    rep = passage(text, TUESDAY, title=title)
    return [i for i in extract(rep).incidents if i.type.violent]


def test_a_neighbourhood_named_after_its_city_is_the_place() -> None:
    (inc,) = violent(
        "Shells hit Aleppo on Monday, killing 3 people. The shells fell on the Sheikh Maqsoud "
        "district of Aleppo."
    )
    assert inc.place.name == "Sheikh Maqsoud" and inc.place.governorate == "Aleppo"
    assert inc.place.geo_precision == GeoPrecision.TOWN


def test_a_village_the_gazetteer_lacks_is_located_by_the_town_it_lies_near() -> None:
    (inc,) = violent("Jets struck the village of Qarqouzat near Jarablus on Monday, killing 8.")
    assert inc.place.name == "Qarqouzat" and inc.place.governorate == "Aleppo"
    # the coordinates are Jarablus's: the precision says so
    assert inc.place.geo_precision == GeoPrecision.NEAR_TOWN and inc.place.lat is not None


def test_a_district_told_inside_a_province_keeps_its_own_name_at_regional_precision() -> None:
    (inc,) = violent(
        "The district of Zawrat in the northwestern province of Idlib was hit by barrel bombs "
        "on Monday, leaving five people dead."
    )
    assert inc.place.name == "Zawrat" and inc.place.governorate == "Idlib"
    assert inc.place.geo_precision == GeoPrecision.REGION


def test_two_villages_with_their_own_tolls_in_one_sentence_are_two_incidents() -> None:
    found = violent("Air strikes killed 12 people in Kafr Nabl and 5 in Hass on Monday.")
    assert {(i.place.name, i.killed.low) for i in found} == {("Kafr Nabl", 12), ("Hass", 5)}


def test_a_figure_without_its_own_village_does_not_widen_the_toll() -> None:
    (inc,) = violent("Air strikes killed 12 people in Kafr Nabl on Monday and 5 in the evening.")
    assert inc.killed.low == 12 and inc.killed.high == 12


def test_a_broadcaster_named_after_a_town_is_no_place() -> None:
    (inc,) = violent(
        "A car bomb killed 18 civilians in the city of Homs on Wednesday, the TV channel "
        "Al-Mayadin reported."
    )
    assert inc.place.governorate == "Homs"


def test_a_lead_listing_three_governorates_is_a_roundup_wherever_the_town_stands() -> None:
    found = violent(
        "Terrorists on Friday targeted with shells the cities of Damascus and Aleppo and the "
        "town of Kafraya in Idlib. Shells hit Kafraya killing two people."
    )
    assert [i.killed.low for i in found if i.place and i.place.governorate == "Idlib"] == [2]


def test_a_town_written_with_its_article_is_found_though_its_word_alone_is_not() -> None:
    (inc,) = violent("Shells hit al-Bab on Monday, killing 3 people.")
    assert inc.place.name == "al-Bab" and inc.place.governorate == "Aleppo"
    (inc,) = violent("Shells hit Bab on Monday, killing 3 people.")
    assert inc.place is None or inc.place.name != "al-Bab"
