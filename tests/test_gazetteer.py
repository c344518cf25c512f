"""The shipped place gazetteer and actor dictionary, as the extractor and adjudicator use them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trucewatch.gazetteer import GOVERNORATES, load_actors, load_gazetteer
from trucewatch.gazetteer.normalise import fold, normalise
from trucewatch.model.incident import GeoPrecision

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FAKES_CSV = SHARED / "data" / "fakes" / "FA-KES-Dataset.csv"
GOLD_DEV = SHARED / "data" / "fakes" / "gold-dev.jsonl"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def actors():
    return load_actors()


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Deir ez-Zor", "Deir al-Zor"),
        ("Deir ez-Zor", "Dayr az Zor"),
        ("Lattakia", "Latakia"),
        ("Darayya", "Daraya"),
        ("Dar‘ā", "Dar'a"),
        ("Ḩarastā", "harasta"),
        ("al-Bab", "Al Bab"),
        ("Ma’arrat an-Nu’man", "Maarrat al-Numan"),
    ],
)
def test_spellings_share_one_key(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_different_places_keep_different_keys() -> None:
    assert normalise("Homs") != normalise("Hama")
    assert normalise("Douma") != normalise("Daraa")


@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_plain(text: str) -> None:
    key = normalise(text)
    assert normalise(key) == key
    assert key == key.strip() and "  " not in key
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in key)
    assert not any(ch.isupper() for ch in key)


# --- places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["Deir ez-Zor", "Deir al-Zor", "Deir Ezzor", "deir ezzor", "Deir el-Zour", "Dayr az Zawr"],
)
def test_deir_ez_zor_spellings(gaz, spelling: str) -> None:
    assert gaz.governorate(spelling) == "Deir ez-Zor"
    assert gaz.lookup(spelling)[0].governorate == "Deir ez-Zor"


@pytest.mark.parametrize(
    "spelling, governorate",
    [
        ("Lattakia", "Latakia"),
        ("Hasakeh", "Hasakah"),
        ("Hassakeh", "Hasakah"),
        ("al-Hasakah", "Hasakah"),
        ("Rakka", "Raqqa"),
        ("Tartous", "Tartus"),
        ("Sweida", "Suwayda"),
        ("Idleb", "Idlib"),
        ("Deraa", "Daraa"),
        ("Dara'a", "Daraa"),
        ("Damascus countryside", "Rif Dimashq"),
        ("Reef Damascus", "Rif Dimashq"),
        ("Damascus suburbs", "Rif Dimashq"),
        ("Aleppo province", "Aleppo"),
        ("Hama countryside", "Hama"),
    ],
)
def test_governorate_variants(gaz, spelling: str, governorate: str) -> None:
    assert gaz.governorate(spelling) == governorate


def test_town_names_are_not_governorates(gaz) -> None:
    assert gaz.governorate("Douma") is None
    assert gaz.governorate("Manbij") is None


@pytest.mark.parametrize(
    "town, governorate",
    [
        ("Douma", "Rif Dimashq"),
        ("Darayya", "Rif Dimashq"),
        ("Daraya", "Rif Dimashq"),
        ("Madaya", "Rif Dimashq"),
        ("Jobar", "Damascus"),
        ("Manbij", "Aleppo"),
        ("al-Bab", "Aleppo"),
        ("Kobani", "Aleppo"),
        ("Ain al-Arab", "Aleppo"),
        ("Sheikh Maqsoud", "Aleppo"),
        ("Palmyra", "Homs"),
        ("Tadmur", "Homs"),
        ("Khan Sheikhoun", "Idlib"),
        ("Maarat al-Numan", "Idlib"),
        ("al-Fouaa", "Idlib"),
        ("Latamneh", "Hama"),
        ("Mayadin", "Deir ez-Zor"),
        ("Tabqa", "Raqqa"),
        ("Qamishli", "Hasakah"),
        ("Qardaha", "Latakia"),
        ("Baniyas", "Tartus"),
        ("Nawa", "Daraa"),
        ("Efrin", "Aleppo"),  # the Kurdish spelling of Afrin
        ("Atme", "Idlib"),  # Atmeh, as AFP spells the border crossing
        ("Tokhar", "Aleppo"),  # a village north of Manbij that GeoNames lacks
        ("Quriyah", "Deir ez-Zor"),
        ("Kfar Zeita", "Hama"),
    ],
)
def test_governorate_of_common_towns(gaz, town: str, governorate: str) -> None:
    candidates = gaz.lookup(town)
    assert candidates, town
    assert candidates[0].governorate == governorate
    assert candidates[0].lat is not None and candidates[0].lon is not None


@pytest.mark.parametrize("spelling", ["Hmeimim", "Khmeimim", "Khmeimin", "Hmeimim air base"])
def test_hmeimim_spellings(gaz, spelling: str) -> None:
    (base,) = gaz.lookup(spelling)
    assert base.name == "Hmeimim air base"
    assert base.governorate == "Latakia"


def test_eastern_ghouta_is_part_of_rif_dimashq(gaz) -> None:
    (ghouta,) = gaz.lookup("Eastern Ghouta")
    assert ghouta.governorate == "Rif Dimashq"
    assert ghouta.geo_precision == GeoPrecision.NEAR_TOWN


def test_city_and_governorate_are_distinct(gaz) -> None:
    city, region = gaz.lookup("Aleppo")
    assert city.geo_precision == GeoPrecision.TOWN
    assert region.geo_precision == GeoPrecision.REGION
    assert city.governorate == region.governorate == "Aleppo"
    assert city.geonameid == 170063


def test_modifiers(gaz) -> None:
    assert [p.geo_precision for p in gaz.lookup("Idlib province")] == [GeoPrecision.REGION]
    assert gaz.lookup("Aleppo city")[0].geo_precision == GeoPrecision.TOWN
    assert all(p.geo_precision == GeoPrecision.TOWN for p in gaz.lookup("Aleppo city"))
    eastern = gaz.lookup("eastern Aleppo")[0]
    assert (eastern.name, eastern.geo_precision) == ("Aleppo", GeoPrecision.NEAR_TOWN)
    near = gaz.lookup("outskirts of Douma")[0]
    assert (near.name, near.geo_precision) == ("Douma", GeoPrecision.NEAR_TOWN)
    assert gaz.lookup("countryside of Nowhereville") == []


def test_punctuation_stripped_spellings(gaz) -> None:
    # FA-KES strips hyphens and apostrophes and sometimes glues the article on.
    assert gaz.lookup("Albab")[0].name == "al-Bab"
    assert gaz.lookup("Bab Alnairab")[0].name == "Bab al-Nairab"
    assert gaz.lookup("Maaret-al-Numan")[0].name == "Maarat al-Numan"


@pytest.mark.parametrize("word", ["Tall", "Tal", "Bab", "Sham", "Khan", "Ain", "Kafr", "Duma"])
def test_stop_words_are_not_places(gaz, word: str) -> None:
    assert gaz.lookup(word) == []
    assert fold(word) not in gaz.surface_forms()


def test_longer_names_with_stop_words_are_places(gaz) -> None:
    assert gaz.lookup("At Tall")[0].governorate == "Rif Dimashq"
    assert gaz.lookup("Tal Rifaat")[0].governorate == "Aleppo"


def test_ambiguous_names_keep_every_candidate(gaz) -> None:
    midan = gaz.lookup("al-Midan")
    assert {p.governorate for p in midan} == {"Damascus", "Aleppo"}


def test_surface_forms_cover_text_spellings(gaz) -> None:
    forms = gaz.surface_forms()
    for text in ["deir ez-zor", "deir ez zor", "al-mayadin", "mayadin", "eastern ghouta"]:
        assert text in forms, text
    assert forms["aleppo"][0].geo_precision == GeoPrecision.TOWN
    assert all(places for places in forms.values())


def test_governorates_constant_matches_data(gaz) -> None:
    assert len(GOVERNORATES) == 14
    for name in GOVERNORATES:
        assert gaz.governorate(name) == name
        assert gaz.governorate_place(name).geo_precision == GeoPrecision.REGION
    assert {p.governorate for p in gaz.places()} == set(GOVERNORATES)


def _fakes_locations() -> list[str]:
    if not FAKES_CSV.exists():
        pytest.skip("FA-KES data not available next to the repo")
    text = FAKES_CSV.read_bytes().decode("cp1252", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["location"] for row in rows]


def test_every_fakes_location_maps_to_a_governorate(gaz) -> None:
    locations = _fakes_locations()
    assert len(locations) == 804
    unmapped = {loc for loc in locations if gaz.governorate(loc) not in GOVERNORATES}
    assert unmapped == set()


@pytest.mark.parametrize(
    "location, governorate",
    [
        ("deir ezzor", "Deir ez-Zor"),
        ("hasakeh", "Hasakah"),
        ("lattakia", "Latakia"),
        ("tartous", "Tartus"),
        ("damascus", "Damascus"),
    ],
)
def test_fakes_spellings(gaz, location: str, governorate: str) -> None:
    assert gaz.governorate(location) == governorate


# --- actors --------------------------------------------------------------------------------

GOLD_NAMES = [
    "Syrian government forces",
    "Syrian opposition",
    "Russian forces",
    "US-led coalition",
    "ISIL",
    "Jabhat al-Nusra",
    "Kurdish forces (YPG/SDF)",
    "Turkish forces",
    "Israeli forces",
    "Hezbollah",
    "Iranian forces",
]


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_gold_names_are_top_level_actors(actors, name: str) -> None:
    actor = actors.resolve(name)
    assert actor is not None and actor.name == name
    assert actors.ancestors(actor.id) == []


def test_gold_dev_actor_names_resolve_to_themselves(actors) -> None:
    if not GOLD_DEV.exists():
        pytest.skip("gold-dev not available next to the repo")
    names = set()
    for line in GOLD_DEV.read_text(encoding="utf-8").splitlines():
        for incident in json.loads(line)["incidents"]:
            names |= {incident["perpetrator"], incident["target"]}
    names -= {None, "Unknown", "civilians"}
    assert names, "gold-dev lists no actors"
    assert {n for n in names if actors.canonical(n) != n} == set()


@pytest.mark.parametrize("alias", ["Daesh", "ISIS", "IS", "Islamic State", "the Islamic State"])
def test_isil_aliases(actors, alias: str) -> None:
    assert actors.canonical(alias) == "ISIL"


def test_acronyms_that_are_words_need_exact_case(actors) -> None:
    assert actors.resolve("is") is None
    assert actors.resolve("us") is None
    assert "is" not in actors.surface_forms()
    assert "IS" in actors.exact_forms()


def test_fateh_al_sham_is_nusra_only_from_july_2016(actors) -> None:
    assert actors.canonical("Jabhat Fateh al-Sham", on=dt.date(2016, 7, 27)) is None
    assert actors.canonical("Jabhat Fateh al-Sham", on=dt.date(2016, 7, 28)) == "Jabhat al-Nusra"
    assert actors.canonical("Fateh al-Sham", on=dt.date(2016, 9, 20)) == "Jabhat al-Nusra"
    assert actors.canonical("Hayat Tahrir al-Sham", on=dt.date(2016, 12, 1)) is None
    assert actors.canonical("Hayat Tahrir al-Sham", on=dt.date(2017, 2, 1)) == "Jabhat al-Nusra"
    assert actors.canonical("al-Nusra Front", on=dt.date(2016, 2, 27)) == "Jabhat al-Nusra"
    # With no date given, validity windows are not applied.
    assert actors.canonical("Jabhat Fateh al-Sham") == "Jabhat al-Nusra"


def test_actor_validity(actors) -> None:
    centre = "Russian reconciliation centre"
    assert actors.canonical(centre, on=dt.date(2016, 2, 1)) is None
    assert actors.canonical(centre, on=dt.date(2016, 2, 27)) == centre


@pytest.mark.parametrize(
    "official, organisation",
    [
        ("Konashenkov", "Russian Defence Ministry"),
        ("Igor Konashenkov", "Russian Defence Ministry"),
        ("Kuralenko", "Russian reconciliation centre"),
        ("Gerasimov", "Russian General Staff"),
        ("Lavrov", "Russian government"),
        ("Kerry", "US State Department"),
        ("de Mistura", "UN"),
        ("Erdogan", "Turkish government"),
        ("Stephen O'Brien", "UN OCHA"),
        ("Rami Abdel Rahman", "Syrian Observatory for Human Rights"),
        ("Putin", "Russian government"),
        ("Assad", "Syrian government"),
        ("Lukyanov", "Russian Security Council"),
    ],
)
def test_officials_map_to_their_organisation(actors, official: str, organisation: str) -> None:
    assert actors.resolve(official).kind == "person"
    assert actors.canonical(official) == organisation


@pytest.mark.parametrize(
    "descriptor, name",
    [
        ("Syrian army", "Syrian government forces"),
        ("regime forces", "Syrian government forces"),
        ("the regime", "Syrian government forces"),
        ("pro-government forces", "Syrian government forces"),
        ("Syrian Arab Army", "Syrian government forces"),
        ("SAA", "Syrian government forces"),
        ("Syrian warplanes", "Syrian government forces"),
        ("Syrian air force", "Syrian government forces"),
        ("rebels", "Syrian opposition"),
        ("opposition fighters", "Syrian opposition"),
        ("Russian warplanes", "Russian forces"),
        ("Russian jets", "Russian forces"),
        ("Russian air force", "Russian forces"),
        ("Nusra", "Jabhat al-Nusra"),
        ("Hizbollah", "Hezbollah"),
        ("Kurdish militia", "Kurdish forces (YPG/SDF)"),
    ],
)
def test_descriptors(actors, descriptor: str, name: str) -> None:
    assert actors.canonical(descriptor) == name


@pytest.mark.parametrize("word", ["militants", "jihadists", "civilians", "gunmen"])
def test_ambiguous_words_and_targets_are_not_actors(actors, word: str) -> None:
    assert actors.resolve(word) is None


def test_civilians_is_a_target_word(actors) -> None:
    assert actors.is_target_word("civilians")
    assert not actors.is_target_word("rebels")


@pytest.mark.parametrize(
    "faction, top",
    [
        ("Ahrar al-Sham", "Syrian opposition"),
        ("Jaish al-Islam", "Syrian opposition"),
        ("Free Syrian Army", "Syrian opposition"),
        ("Faylaq al-Rahman", "Syrian opposition"),
        ("Jaish al-Fatah", "Syrian opposition"),
        ("Nour al-Din al-Zenki", "Syrian opposition"),
        ("YPG", "Kurdish forces (YPG/SDF)"),
        ("SDF", "Kurdish forces (YPG/SDF)"),
        ("Russian Aerospace Forces", "Russian forces"),
    ],
)
def test_factions_keep_their_name_and_lead_to_their_parent(actors, faction: str, top: str) -> None:
    actor = actors.resolve(faction)
    assert actors.canonical(faction) == actor.name
    assert actors.ancestors(actor.id)[-1].name == top
    assert actors.top(faction) == top


def test_ancestors_chain(actors) -> None:
    chain = [a.name for a in actors.ancestors(actors.resolve("Konashenkov").id)]
    assert chain == ["Russian Defence Ministry", "Russian government"]


def test_actor_surface_forms(actors) -> None:
    forms = actors.surface_forms()
    assert forms["daesh"][0].name == "ISIL"
    assert forms["al-nusra front"][0].name == "Jabhat al-Nusra"
    assert "civilians" not in forms


@pytest.mark.parametrize(
    "name", ["IOM", "International Organization for Migration", "UN migration agency"]
)
def test_the_migration_agency_is_one_un_body_under_its_names(actors, name: str) -> None:
    # a claim told by "IOM" and the gold's "International Organization for Migration" must meet
    actor = actors.resolve(name)
    assert actor is not None and actor.name == "IOM" and actor.kind == "humanitarian"
    assert actors.resolve("United Nations").id in {a.id for a in actors.ancestors(actor.id)}


def test_only_a_party_known_to_fly_nothing_is_ruled_out_of_an_air_strike() -> None:
    from trucewatch.gazetteer.actors import may_fly

    assert may_fly("Russian Aerospace Forces")
    assert not may_fly("Ahrar al-Sham")  # under the opposition, which has no aircraft
    assert may_fly("a name no list holds")  # unknown: not ruled out


def test_named_areas_of_several_towns_are_marked_and_towns_are_not(gaz) -> None:
    # a report retells a strike on Douma "in the Eastern Ghouta": the merge needs to know which
    # names are areas that hold towns, and a mountain, a road or a town is none
    for area in ("Eastern Ghouta", "Qalamoun", "Jabal al-Zawiya", "Wadi Barada"):
        assert gaz.is_area(gaz.lookup(area)[0]), area
    for other in ("Douma", "Castello Road", "Aleppo", "Idlib province"):
        assert not gaz.is_area(gaz.lookup(other)[0]), other
