"""How news text names places (issue 15, places round 9), on passages we wrote: an evacuation
happens in the town people leave, a name opened by "Tal", "Kafr", "Um" ... that the gazetteer
lacks is still a place, and a word that only keys like a village's spelling is no place."""

from __future__ import annotations

from tests.test_extract_town_choice import _report, places
from trucewatch.extract import extract
from trucewatch.model.incident import GeoPrecision


def incidents(text: str):
    return extract(_report(text)).incidents


def test_an_evacuation_happens_in_the_town_people_leave() -> None:
    (evacuation,) = incidents(
        "Under the deal, 1,500 residents and fighters were evacuated from Madaya on Monday."
    )
    assert evacuation.type == "humanitarian_delivery"
    assert evacuation.place is not None and evacuation.place.name == "Madaya"


def test_safe_passage_out_of_a_town_places_the_evacuation_there() -> None:
    found = incidents(
        "Buses arrived on Monday and 900 people were granted safe passage out of Zabadani."
    )
    evacuation = next(i for i in found if i.type == "humanitarian_delivery")
    assert evacuation.place is not None and evacuation.place.name == "Zabadani"


def test_an_aid_convoy_is_placed_where_it_arrives_not_where_it_set_out() -> None:
    (convoy,) = incidents("An aid convoy from Damascus reached Madaya on Monday.")
    assert convoy.place is not None and convoy.place.name == "Madaya"


def test_people_from_a_town_are_not_where_a_strike_happened() -> None:
    found = incidents(
        "An air strike killed 12 displaced people from Daraya in Idlib city on Monday."
    )
    strike = next(i for i in found if i.type == "air_strike")
    assert strike.place is not None and strike.place.governorate == "Idlib"


def test_a_name_opened_by_tal_that_the_gazetteer_lacks_is_the_place() -> None:
    found = places("Shells fell on Tal Qarmash in the countryside of Idlib, killing four people.")
    village = next(p for p in found if p.text == "Tal Qarmash")
    assert village.place.name == "Tal Qarmash" and village.place.governorate == "Idlib"
    assert village.place.geo_precision == GeoPrecision.REGION  # located only by its province
    (strike,) = incidents(
        "Shells fell on Tal Qarmash in the countryside of Idlib on Monday, killing four people."
    )
    assert strike.place is not None and strike.place.name == "Tal Qarmash"


def test_a_kafr_name_near_a_known_town_is_located_by_that_town() -> None:
    found = places("A car bomb went off in Kafr Zaytouna near Saraqib on Monday.")
    village = next(p for p in found if p.text == "Kafr Zaytouna")
    assert village.place.governorate == "Idlib"
    assert village.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_known_name_after_um_al_is_the_end_of_a_longer_name() -> None:
    # "Rais" keys like the town al-Rai (Aleppo); "Um al-Rais" is another village
    found = places("Jets struck the villages of Masada, Um al-Rais and Hadar in Quneitra province.")
    assert "Um al-Rais" in [p.text for p in found]
    assert all(p.place.name != "al-Rai" for p in found)
    assert {p.place.governorate for p in found} == {"Quneitra"}


def test_a_person_named_abu_is_not_a_place() -> None:
    found = places("Abu Karim, a resident, said barrel bombs hit Tal Rifaat on Monday.")
    assert [p.text for p in found] == ["Tal Rifaat"]


def test_a_possessive_of_a_spelling_with_an_ayn_mark_is_not_a_word() -> None:
    # the village As Siin is also spelled "Sa'an": its possessive keys like the word "Sans"
    found = places("Medecins Sans Frontieres said 40 people were treated in Khan Shaykhun.")
    assert [p.place.name for p in found] == ["Khan Shaykhun"]


def test_a_one_word_quarter_told_after_another_city_is_a_quarter_of_that_city() -> None:
    # the gazetteer holds "Ghouta" (Eastern Ghouta) and "Mahatta" for the Damascus area; told
    # right after the city of Homs in a report naming nothing else near Damascus, they are
    # Homs's own quarters of those names
    found = places(
        "Gunmen attacked two offices in the city of Homs on Monday. They stormed a branch in "
        "the al-Mahatta district and another in al-Ghouta, killing 20 people."
    )
    quarters = [p for p in found if p.text in ("Mahatta", "Ghouta")]
    assert len(quarters) == 2
    assert {p.place.governorate for p in quarters} == {"Homs"}
    assert all(p.place.geo_precision == GeoPrecision.NEAR_TOWN for p in quarters)


def test_eastern_ghouta_after_another_city_stays_eastern_ghouta() -> None:
    found = places("Shells hit Aleppo city on Monday, while warplanes struck Eastern Ghouta.")
    assert [p.place.governorate for p in found] == ["Aleppo", "Rif Dimashq"]


def test_the_ghouta_of_damascus_stays_in_its_countryside() -> None:
    found = places("They recalled the Damascus Ghouta attack of that summer.")
    ghouta = next(p for p in found if p.text == "Ghouta")
    assert ghouta.place.governorate == "Rif Dimashq"


def test_an_english_as_after_an_unknown_name_does_not_join_it() -> None:
    found = places("Bodies lay in Tal Qarmash as an air strike hit Saraqib on Monday.")
    assert "Tal Qarmash" in [p.text for p in found]


def test_an_article_glued_to_the_first_word_of_a_name_still_names_the_town() -> None:
    # copy stripped of hyphens writes al-Waer as "Alwaer" and At Tibni as "Altibni"
    found = places("Shells fell on Alwaer on Monday, and a mortar hit Altibni.")
    assert [(p.place.name, p.place.geo_precision) for p in found] == [
        ("al-Waer", GeoPrecision.TOWN),
        ("At Tibni", GeoPrecision.TOWN),
    ]


def test_an_unknown_al_name_told_after_in_is_a_place_near_the_town_told() -> None:
    found = places("Shells fell in al-Qarmashiya on Monday, east of Aleppo, killing four.")
    area = next(p for p in found if p.text == "al-Qarmashiya")
    assert area.place.governorate == "Aleppo"
    assert area.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_an_al_name_that_is_a_faction_an_outlet_or_a_building_is_no_place() -> None:
    found = places(
        "Fighters in al-Nusra Front said a shell fell in Aleppo. A report in al-Rayyan said "
        "the wounded were taken to a ward in al-Shifaa hospital in Aleppo."
    )
    assert {p.place.name for p in found} == {"Aleppo"}


def test_a_town_named_in_a_road_is_not_where_the_story_is() -> None:
    # the strike is told at governorate level; the village where vehicles were destroyed is
    # the place, not the town at one end of the road the offensive aimed at
    found = incidents(
        "Warplanes struck militants in east Hama on Monday, killing 30. Four trucks were "
        "destroyed in the village of Qarmashiya. The group had planned an offensive on the "
        "Salamiyah-Ithriya road."
    )
    strike = next(i for i in found if i.type == "air_strike")
    assert strike.place is not None and strike.place.name == "Qarmashiya"


def test_a_name_struck_or_hit_is_told_as_a_place_and_a_camp_keeps_its_word() -> None:
    found = places("Jets struck Burj Qarmash near Latakia, and shells hit Al Zaytoun camp there.")
    assert [p.text for p in found][:1] == ["Burj Qarmash"]
    assert "Al Zaytoun camp" in [p.text for p in found]
    assert {p.place.governorate for p in found} == {"Latakia"}


def test_an_opener_right_before_a_known_name_makes_a_longer_name() -> None:
    # "Qasab" alone keys like Kessab; "Rajm Qasab" is another village
    found = places("Jets struck Rajm Qasab in the countryside of Hama on Monday.")
    assert found[0].text == "Rajm Qasab"
    assert all(p.place.name != "Kessab" for p in found)


def test_a_city_named_before_a_direction_and_countryside_is_its_region() -> None:
    for text in (
        "Jets struck villages in Idlib's eastern countryside on Monday.",
        "Jets struck villages in Aleppo northern countryside on Monday.",
        "Jets struck villages in Aleppos southern countryside on Monday.",
    ):
        (region,) = places(text)
        assert region.place.geo_precision == GeoPrecision.REGION, text
        assert region.text.endswith("countryside")
