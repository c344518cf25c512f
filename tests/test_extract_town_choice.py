"""Which place an incident gets (issue 15, places round 8), on passages we wrote: the town the
story tells rather than its governorate, names the gazetteer lacks, and places that are only a
goal, an owner or an apposition."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.gazetteer import load_gazetteer
from trucewatch.gazetteer.normalise import place_key
from trucewatch.model.incident import GeoPrecision
from trucewatch.model.report import Report

TUESDAY = dt.date(2016, 9, 20)


def _report(text: str) -> Report:
    return passage(text, TUESDAY)


def places(text: str):
    nlp = build_pipeline()
    return nlp(make_doc(nlp, _report(text)))._.places


def main_place(text: str):
    main = next(i for i in extract(_report(text)).incidents if i.main)
    return main.place


def test_a_nationality_before_a_kind_noun_is_not_a_place() -> None:
    found = places("Jets struck the Syrian town of Kobane on Monday.")
    assert [p.place.name for p in found] == ["Kobani"]


def test_a_neighbourhood_opened_by_an_article_is_found() -> None:
    found = places("A shell fell at al-Wardiyeh neighbourhood in Aleppo city on Monday.")
    inner = found[0]
    assert inner.place.name.endswith("Wardiyeh") and inner.place.governorate == "Aleppo"
    assert inner.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_outside_the_capital_named_in_apposition_is_rif_dimashq() -> None:
    (found,) = places("Strikes hit an area outside the capital Damascus on Monday.")
    assert found.place.governorate == "Rif Dimashq"
    assert found.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_village_told_in_a_sentence_without_a_known_place_takes_the_story_governorate() -> None:
    found = places(
        "Fighting went on in Eastern Ghouta. A shell hit a school in the village of Beit Qarroun."
    )
    village = next(p for p in found if p.place.name == "Beit Qarroun")
    assert village.place.governorate == "Rif Dimashq"
    # known only by its governorate: the precision says so
    assert village.place.geo_precision == GeoPrecision.REGION


def test_an_incident_placed_at_its_province_takes_the_town_the_story_then_tells() -> None:
    place = main_place(
        "A chemical attack killed dozens of people in Syria's Idlib province on Tuesday. "
        "At least 80 people were killed in rebel-held Khan Sheikhoun, doctors said."
    )
    assert place.name == "Khan Shaykhun" and place.governorate == "Idlib"


def test_a_town_told_only_for_another_matter_does_not_replace_the_seat_city() -> None:
    place = main_place(
        "A missile strike on an air base near the city of Homs killed four soldiers on Friday. "
        "The base had supported army operations east of Palmyra for a year."
    )
    assert place.governorate == "Homs" and place.name == "Homs"


def test_a_goal_of_an_advance_is_not_where_the_blast_happened() -> None:
    place = main_place(
        "A car bomb killed 40 people on Saturday as fighters advanced in their push towards "
        "Raqqa. The blast hit a transit point in Rashidin west of Aleppo."
    )
    assert place.governorate == "Aleppo"


# --- spelling variants (trucewatch.gazetteer.normalise.place_key) -------------------------


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("Kfar Nabl", "Kafr Nabl"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Hasakeh", "Hasakah"),
        ("al-Hamdaniyeh", "Hamdaniya"),
        ("Ein Tarma", "Ain Tarma"),
        ("Jisreen", "Jisrin"),
        ("Tell Abyad", "Tal Abyad"),
        ("Bayt Jinn", "Beit Jinn"),
    ],
)
def test_transliteration_variants_share_one_place_key(written: str, known: str) -> None:
    assert place_key(written) == place_key(known)


def test_a_variant_spelling_in_running_text_finds_the_known_place() -> None:
    gaz = load_gazetteer()
    (known,) = [p for p in gaz.lookup("Kafr Nabl") if p.governorate == "Idlib"][:1]
    (found,) = places("Barrel bombs fell on Kefr Nabel on Monday.")
    assert found.place == known


def test_the_russian_duma_is_no_place_though_it_keys_like_douma() -> None:
    assert places("The Duma approved the treaty on Monday.") == []
    assert [p.place.name for p in places("Shells hit Douma on Monday.")] == ["Douma"]


def test_a_street_keeps_its_word_and_locates_a_blast_in_the_capital() -> None:
    place = main_place(
        "A car bomb killed seven people in Damascus on Monday. The bomb went off on Mutanabbi "
        "Street in central Damascus, police said."
    )
    assert place.name == "Mutanabbi Street" and place.governorate == "Damascus"
    assert place.geo_precision == GeoPrecision.NEAR_TOWN


# --- the grown gazetteer: city quarters and villages located by their neighbour -----------


def test_a_quarter_of_aleppo_is_known_at_part_of_town_precision() -> None:
    (found, _) = places("Rockets fell on al-Jabiriyeh neighbourhood in Aleppo city on Monday.")
    assert found.place.name == "al-Jabiriyeh" and found.place.governorate == "Aleppo"
    assert found.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_village_is_located_by_the_town_next_to_it() -> None:
    (found,) = places("Government shells hit Jisreen on Monday.")
    assert found.place.name == "Jisrin" and found.place.governorate == "Rif Dimashq"
    assert found.place.geo_precision == GeoPrecision.NEAR_TOWN
    kafr_batna = load_gazetteer().lookup("Kafr Batna")[0]
    assert (found.place.lat, found.place.lon) == (kafr_batna.lat, kafr_batna.lon)


def test_one_toll_over_a_list_of_quarters_is_one_incident_in_the_city() -> None:
    found = [
        i
        for i in extract(
            _report(
                "Rebel rockets hit the neighbourhoods of al-Furqan, al-Jabiriyeh and Bab "
                "al-Faraj in Aleppo on Monday, killing 9 people."
            )
        ).incidents
        if i.type.violent
    ]
    assert [(i.place.name, i.place.geo_precision) for i in found] == [("Aleppo", GeoPrecision.TOWN)]
    assert found[0].killed.low == 9


def test_the_suburbs_of_a_named_town_name_the_town_not_a_region() -> None:
    found = places("Rockets hit the Damascus suburbs of Zamalka and Ain Tarma before dawn.")
    named = [p.place.name for p in found if p.place.geo_precision < GeoPrecision.REGION]
    assert named == ["Zamalka", "Ein Tarma"]


def test_an_article_glued_to_its_word_still_names_the_known_place() -> None:
    (found,) = places("Barrel bombs hit Maarat Alnuman on Monday.")
    assert found.place.name == "Maarat al-Numan" and found.place.governorate == "Idlib"
