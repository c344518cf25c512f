"""scripts/build_gazetteer.py: reproducible output and sane contents."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from trucewatch.gazetteer.normalise import fold
from trucewatch.gazetteer.places import GOVERNORATES, read_gazetteer

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_gazetteer.py"
SOURCES = REPO / "scripts" / "gazetteer_sources"
SHIPPED = REPO / "trucewatch" / "gazetteer" / "data"


def _script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _script()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gazetteer")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, cwd=REPO)
    return out


@pytest.fixture(scope="module")
def places(built) -> dict:
    return json.loads((built / "places.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["places.json", "actors.json"])
def test_build_reproduces_shipped_json(built, name: str) -> None:
    assert (built / name).read_bytes() == (SHIPPED / name).read_bytes()


def test_shipped_json_is_small() -> None:
    total = sum(p.stat().st_size for p in SHIPPED.glob("*.json"))
    assert total < 1_000_000


def test_every_place_has_governorate_and_coordinates_in_syria(places) -> None:
    min_lat, min_lon, max_lat, max_lon = 32.2, 35.5, 37.5, 42.5
    for place in places["places"]:
        assert place["governorate"] in GOVERNORATES, place["name"]
        assert min_lat <= place["lat"] <= max_lat, place["name"]
        assert min_lon <= place["lon"] <= max_lon, place["name"]
        assert place["source"], place["name"]


def test_places_come_from_geonames_and_the_hand_kept_lists(places) -> None:
    kinds = [p["kind"] for p in places["places"]]
    assert kinds.count("governorate") == 14
    assert kinds.count("capital") == 13  # every governorate but Rif Dimashq has one
    assert kinds.count("town") > 200
    named = [p for p in places["places"] if p["kind"] == "named"]
    assert len(named) >= 60


def test_stop_list_words_are_absent(places) -> None:
    stop = set(places["stoplist"])
    assert {"tall", "bab", "sham", "khan", "sur"} <= stop
    for place in places["places"]:
        assert not {fold(n) for n in place["names"]} & stop, place["name"]


def test_only_latin_script_names(places) -> None:
    for place in places["places"]:
        for name in place["names"]:
            assert build.is_latin(name), name


def test_candidates_are_ordered_capitals_first(built) -> None:
    gaz = read_gazetteer(built / "places.json")
    kinds = [p["kind"] for p in json.loads((built / "places.json").read_text())["places"]]
    assert kinds == sorted(kinds, key=build.TIER.__getitem__)
    assert gaz.lookup("Homs")[0].geonameid == 169577


@pytest.mark.parametrize("name", ["Halab", "al-Bab", "Deir ez-Zor", "Ma‘arrat an Nu‘mān", "Ḩamāh"])
def test_usable_alternates(name: str) -> None:
    assert build.usable_alternate(name)


@pytest.mark.parametrize("name", ["ALP", "hlb", "dmshq", "a lei po", "حلب", "Алеппо", "アレッポ"])
def test_rejected_alternates(name: str) -> None:
    assert not build.usable_alternate(name)


# --- the build guards the hand-kept lists -----------------------------------------------------

_TOWN = {
    "geonameid": 1,
    "name": "Testville",
    "latitude": 35.0,
    "longitude": 37.0,
    "countrycode": "SY",
    "population": 900,
    "admin1code": "10",
    "alternatenames": ["Testvil", "tstfl", "Tall"],
}


def _sources(tmp_path: Path, named: list[dict], cities: list[dict] | None = None) -> Path:
    out = tmp_path / "sources"
    shutil.copytree(SOURCES, out)
    (out / "named_places.yaml").write_text(
        yaml.safe_dump({"source": "test", "places": named}), encoding="utf-8"
    )
    (out / "neighbourhoods.yaml").write_text(
        yaml.safe_dump({"source": "test", "cities": cities or []}), encoding="utf-8"
    )
    return out


def test_a_place_located_near_a_town_takes_its_coordinates_at_precision_two(tmp_path) -> None:
    named = [{"name": "Smallvillage", "near": 1, "aliases": ["Smalvilage"], "source": "test"}]
    data = build.build_places(_sources(tmp_path, named), {"1": _TOWN})
    (village,) = [p for p in data["places"] if p["name"] == "Smallvillage"]
    assert (village["lat"], village["lon"], village["governorate"]) == (35.0, 37.0, "Hama")
    assert village["geo_precision"] == 2
    assert "located by Testville (GeoNames 1)" in village["source"]


def test_a_place_near_a_town_missing_from_geonames_is_refused(tmp_path) -> None:
    named = [{"name": "Smallvillage", "near": 99, "source": "test"}]
    with pytest.raises(SystemExit, match="near GeoNames 99"):
        build.build_places(_sources(tmp_path, named), {"1": _TOWN})


def test_a_place_with_both_near_and_coordinates_is_refused(tmp_path) -> None:
    named = [{"name": "Smallvillage", "near": 1, "lat": 35.1, "lon": 37.1, "source": "test"}]
    with pytest.raises(SystemExit, match="not both"):
        build.build_places(_sources(tmp_path, named), {"1": _TOWN})


def test_a_city_quarter_list_gives_one_entry_per_quarter_located_by_the_city(tmp_path) -> None:
    cities = [
        {
            "near": 1,
            "source": "test list",
            "neighbourhoods": [["Old Quarter", "al-Qadima"], ["Station Quarter"]],
        }
    ]
    data = build.build_places(_sources(tmp_path, [], cities), {"1": _TOWN})
    quarters = {p["name"]: p for p in data["places"] if p["kind"] == "named"}
    assert set(quarters) == {"Old Quarter", "Station Quarter"}
    assert quarters["Old Quarter"]["names"] == ["Old Quarter", "al-Qadima"]
    assert all(q["geo_precision"] == 2 and q["lat"] == 35.0 for q in quarters.values())


def test_build_on_a_small_input(tmp_path: Path) -> None:
    sources = _sources(tmp_path, [])
    data = build.build_places(sources, {"1": _TOWN})
    (town,) = [p for p in data["places"] if p["kind"] == "town"]
    assert town["governorate"] == "Hama"  # admin1 10
    assert town["names"] == ["Testvil", "Testville"]  # skeleton and stop word dropped


def test_build_rejects_a_stop_listed_alias(tmp_path: Path) -> None:
    named = [
        {
            "name": "Somewhere",
            "governorate": "Hama",
            "lat": 35.1,
            "lon": 36.7,
            "aliases": ["Bab"],
            "source": "test",
        }
    ]
    with pytest.raises(SystemExit, match="stop-list"):
        build.build_places(_sources(tmp_path, named), {"1": _TOWN})


def test_build_rejects_a_place_outside_syria(tmp_path: Path) -> None:
    named = [{"name": "Beirut port", "governorate": "Tartus", "lat": 33.9, "lon": 35.4}]
    named[0]["source"] = "test: Beirut lies in Lebanon"
    with pytest.raises(SystemExit, match="outside Syria"):
        build.build_places(_sources(tmp_path, named), {"1": _TOWN})


def test_build_rejects_an_alias_shared_by_two_actors(tmp_path: Path) -> None:
    sources = _sources(tmp_path, [])
    actors = {
        "actors": [
            {"id": "a", "name": "A", "kind": "faction", "aliases": ["the rebels"], "source": "t"},
            {"id": "b", "name": "B", "kind": "faction", "aliases": ["Rebels"], "source": "t"},
        ]
    }
    (sources / "actors.yaml").write_text(yaml.safe_dump(actors), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"(?i)rebels.* used by a and b"):
        build.build_actors(sources)


def test_build_rejects_an_unknown_parent(tmp_path: Path) -> None:
    sources = _sources(tmp_path, [])
    actors = {"actors": [{"id": "a", "name": "A", "kind": "faction", "parent": "x", "source": "t"}]}
    (sources / "actors.yaml").write_text(yaml.safe_dump(actors), encoding="utf-8")
    with pytest.raises(SystemExit, match="unknown parent"):
        build.build_actors(sources)
