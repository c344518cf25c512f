"""Main-incident places on passages we wrote (round 19, r19-place): a name opened by "Tal",
"Kafr", "Deir" ... whose second word the gazetteer knows alone is one name the gazetteer
lacks, and a known place whose apostrophe copy stripped ("Idlibs Zarqoun district") owns
the place told after it."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident

TUESDAY = dt.date(2016, 3, 8)


def test_an_opener_before_a_known_name_opens_one_longer_name() -> None:
    main = main_incident(
        "Eleven people were killed on Monday in barrel bomb strikes on a school in the village "
        "of Tal Qarrah in the north of Aleppo, a monitor said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Tal Qarrah"
    assert main.place.governorate == "Aleppo"


def test_an_opener_with_its_article_before_a_known_name_is_one_name() -> None:
    main = main_incident(
        "Shells killed seven people on Monday in the village of Deir al-Qarrah near Hama city, "
        "a monitor said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Deir al-Qarrah"
    assert main.place.governorate == "Hama"


def test_a_stripped_possessive_owns_the_district_told_after_it() -> None:
    main = main_incident(
        "Nine civilians were killed on Monday when warplanes struck a town in the northern "
        "province of Idlib, rescuers said. The jets targeted Idlibs rebel-held Sarmin district, "
        "one rescuer told reporters.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Sarmin"
    assert main.place.governorate == "Idlib"


def test_a_quarter_told_with_its_kind_after_another_city_is_that_citys() -> None:
    main = main_incident(
        'A car bomb killed eight people in the city of Homs on Monday. "The bomb went off on '
        'a busy street in the Zahraa district," the governor said. Later, rebels in Aleppo '
        "said they had shelled army positions.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Zahraa"
    assert main.place.governorate == "Homs"


def test_a_name_joined_by_the_article_told_after_on_is_a_place() -> None:
    main = main_incident(
        "An air strike killed 14 civilians in the northwestern province of Idlib on Monday, a "
        "monitor said. It raised its toll for the strike on Hazm al-Zanbaq, saying more had "
        "died of their wounds.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Hazm al-Zanbaq"
    assert main.place.governorate == "Idlib"


def test_a_person_or_a_building_joined_by_the_article_is_no_place() -> None:
    main = main_incident(
        "Mortar shells killed nine people in the Zarqoun neighbourhood of Damascus on Monday. "
        "Two shells hit the Omar al-Mukhtar school, state media said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Zarqoun"


def test_where_the_attackers_were_positioned_is_not_where_the_shells_fell() -> None:
    main = main_incident(
        "Rocket shells killed six civilians in Aleppo city on Monday. A police source said that "
        "terrorists positioned in the Zarqoun neighbourhood fired a mortar shell on a school, "
        "killing six people.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Aleppo"


def test_a_village_whose_name_opens_with_its_article_is_read() -> None:
    main = main_incident(
        "War planes killed six people at a camp for the displaced in southern Idlib province on "
        "Monday. The bombs struck the camp close to the village of al-Zarqoun, rescuers said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "al-Zarqoun"
    assert main.place.governorate == "Idlib"


def test_villages_listed_without_commas_give_the_first_its_own_name() -> None:
    main = main_incident(
        "Fighters repelled an attack near the villages of al-Zarqoun Marqoun Sarqoun in the "
        "Aleppo countryside on Monday, killing 20 militants, a monitor said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "al-Zarqoun"


def test_twin_villages_listed_without_a_comma_are_two_names() -> None:
    main = main_incident(
        "Shells killed five people in the villages of Zarqoun al-Kabira Zarqoun al-Saghira in "
        "the Aleppo countryside on Monday, a monitor said.",
        TUESDAY,
    )
    assert main.place is not None
    assert main.place.name == "Zarqoun al-Kabira"
