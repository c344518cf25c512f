"""Hand-placed gazetteer coordinates checked against an independent record of the same places.

Named places GeoNames lacks were placed by hand; Airwars geolocates its incidents independently,
so where both name a place, the two positions should agree within a few kilometres.
"""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict

from tests.conftest import SHARED, needs
from trucewatch.gazetteer.normalise import normalise
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision

AIRWARS = SHARED / "data" / "airwars" / "airwars_syria_2016.csv"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_hand_placed_places_agree_with_airwars_geolocations():
    positions: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with needs(AIRWARS).open(encoding="utf-8", errors="replace") as f:
        for row in csv.DictReader(f):
            if row["latitude"] and row["longitude"]:
                key = normalise(row["location_en"].split(",")[0])
                positions[key].append((float(row["latitude"]), float(row["longitude"])))
    gazetteer = load_gazetteer()
    distances = {}
    for place in gazetteer.places():
        source = gazetteer.source(place) or ""
        if "GeoNames" in source or place.geo_precision == GeoPrecision.REGION:
            continue
        points = positions.get(normalise(place.name))
        if points:
            lat = statistics.median(p[0] for p in points)
            lon = statistics.median(p[1] for p in points)
            distances[place.name] = _km(place.lat, place.lon, lat, lon)
    assert len(distances) >= 15, "too few hand-placed places to check against Airwars"
    far = {name: round(d, 1) for name, d in distances.items() if d > 10}
    assert len(far) <= len(distances) // 10, f"hand-placed places far from Airwars: {far}"
