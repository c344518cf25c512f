"""Geometry for the map: the shipped base layer, and the zones of agreements and regimes.

The base layer (country outline and governorates, Natural Earth) ships with the report package;
when it is absent the map simply has no base layer. A zone is drawn from what an agreement's
territory names: the whole country, governorates, or its own polygons.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from trucewatch.model.agreement import Agreement

BASEMAP = ("trucewatch.report", "data", "syria-governorates.geojson")


@cache
def basemap() -> dict | None:
    """The shipped FeatureCollection of governorates and the country, or None if not shipped."""
    package, *parts = BASEMAP
    try:
        resource = resources.files(package).joinpath(*parts)
        return json.loads(resource.read_text("utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, json.JSONDecodeError):
        return None


def _features_by(kind: str) -> dict[str, dict]:
    layer = basemap() or {"features": []}
    return {
        f["properties"]["name"].lower(): f
        for f in layer["features"]
        if f.get("properties", {}).get("kind") == kind
    }


def agreement_zone(agreement: Agreement) -> list[dict]:
    """The GeoJSON features where ``agreement`` applies, each carrying the agreement's id."""
    props = {
        "agreement": agreement.id,
        "title": agreement.title,
        "kind": agreement.kind,
        "effective_from": agreement.effective_from.isoformat(),
        "effective_to": agreement.effective_to.isoformat() if agreement.effective_to else None,
    }
    territory = agreement.territory
    features: list[dict] = []
    if territory.whole_country:
        country = _features_by("country").get((territory.country or "").lower())
        if country:
            features.append(
                {"type": "Feature", "properties": props, "geometry": country["geometry"]}
            )
        return features
    governorates = _features_by("governorate")
    for name in territory.governorates:
        found = governorates.get(name.lower())
        if found:
            features.append({"type": "Feature", "properties": props, "geometry": found["geometry"]})
    for polygon in territory.polygons:
        features.append({"type": "Feature", "properties": props, "geometry": polygon})
    return features


def zones(agreements: list[Agreement]) -> dict:
    """A FeatureCollection of every agreement's and regime's zone (declarations have none)."""
    features = [
        feature
        for agreement in agreements
        if agreement.kind != "declaration"
        for feature in agreement_zone(agreement)
    ]
    return {"type": "FeatureCollection", "features": features}
