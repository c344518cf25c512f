"""Places: gazetteer lookup with spelling variants, regions, nesting, and filing places."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.extract.places import headline_figures, headline_tiers, title_governorates
from trucewatch.model.incident import GeoPrecision
from trucewatch.model.report import Published, PublishedBasis, Report, Source


def places(text: str):
    nlp = build_pipeline()
    pub = Published(PublishedBasis.METADATA, date=dt.date(2016, 3, 9))
    doc = nlp(make_doc(nlp, Report(source=Source("t"), text=text, published=pub)))
    return doc._.places


@pytest.mark.parametrize(
    ("spelling", "governorate"),
    [
        ("Deir al-Zor", "Deir ez-Zor"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Lattakia", "Latakia"),
        ("Hasakeh", "Hasakah"),
        ("Daraya", "Rif Dimashq"),
        ("Idleb", "Idlib"),
    ],
)
def test_spelling_variants_resolve_to_one_governorate(spelling: str, governorate: str) -> None:
    (found,) = places(f"Fighting was reported in {spelling} today.")
    assert found.place.governorate == governorate


def test_possessive_without_apostrophe_still_names_the_place() -> None:
    (found,) = places("Shells fell on Aleppos western districts.")
    assert found.place.governorate == "Aleppo"


def test_province_after_a_name_is_a_region() -> None:
    (found,) = places("Clashes spread across Hama province.")
    assert found.place.geo_precision == GeoPrecision.REGION
    assert found.text == "Hama province"


def test_outskirts_of_the_capital_lie_in_rif_dimashq() -> None:
    (found,) = places("Rockets hit the outskirts of Damascus.")
    assert found.place.governorate == "Rif Dimashq"
    assert found.place.geo_precision >= GeoPrecision.NEAR_TOWN


def test_a_capitalised_name_part_alone_is_not_a_place() -> None:
    assert places("The Tal was quiet and the Bab stayed shut.") == []


def test_filing_place_in_capitals_is_not_a_place_of_the_story() -> None:
    found = places("DAMASCUS (Agency) A car bomb went off in Homs.")
    assert [p.place.governorate for p in found] == ["Homs"]


def test_lower_case_words_are_not_places() -> None:
    assert all(p.text[0].isupper() for p in places("the hama of the homs was calm"))


def test_headline_governorates() -> None:
    assert title_governorates("Five killed in shelling on Idleb and Hama") == {"Idlib", "Hama"}
    assert title_governorates(None) == set()


def test_a_pages_tag_list_names_no_place() -> None:
    found = places(
        "Rebels said on Monday their leader had died. Tags Syria Zabadani regime forces "
        "airstrikes A bomb went off at a checkpoint in Maarat al-Numan on Tuesday."
    )
    names = [p.place.name for p in found]
    assert "Zabadani" not in names  # a keyword of the page
    assert any(p.place.governorate == "Idlib" for p in found)  # the story after the list


def test_tag_list_ends_at_the_next_sentence_even_when_places_follow() -> None:
    found = places("Tags Syria Homs Troops in Palmyra repelled an attack.")
    assert [p.place.name for p in found] == ["Palmyra"]


def test_the_syrian_capital_is_damascus_and_near_it_is_its_countryside() -> None:
    (found,) = places("Jets struck towns east of the Syrian capital.")
    assert found.place.governorate == "Rif Dimashq"
    assert found.place.geo_precision >= GeoPrecision.NEAR_TOWN


def test_a_groups_de_facto_capital_is_not_damascus() -> None:
    assert places("Jets struck the militants' de facto Syrian capital on Sunday.") == []


def test_headline_governorate_after_its_toll_comes_first() -> None:
    tiers = headline_tiers("Army retakes a town in Homs, kills 30 gunmen in Hama")
    assert tiers == [["Hama"], ["Homs"]]


def test_headline_governorates_listed_together_rank_alike() -> None:
    assert headline_tiers("Shells kill two in Hasaka and Aleppo") == [["Hasakah", "Aleppo"]]


def test_headline_figures_and_their_total() -> None:
    assert headline_figures("Strikes kill 58 civilians") == {58}
    assert headline_figures("12 pupils and three teachers killed") == {12, 3, 15}
    assert headline_figures("Talks resume on 3 May 2016") == frozenset()  # no toll named
