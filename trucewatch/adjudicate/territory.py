"""Where an incident happened, and whether an agreement's territory covers it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from trucewatch.gazetteer.normalise import normalise as _normalise
from trucewatch.gazetteer.places import GOVERNORATES
from trucewatch.model.agreement import ControlArea, Territory
from trucewatch.model.incident import GeoPrecision, Place

# Syria's extent (lon/lat), generous by a few km: a coarse test for incidents with coordinates
# but no governorate under a whole-country agreement.
SYRIA_BOUNDS = (35.5, 32.2, 42.5, 37.4)
_GOVERNORATE_KEYS = {_normalise(g): g for g in GOVERNORATES}


class PlaceStatus(StrEnum):
    INSIDE = "inside"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PlaceVerdict:
    status: PlaceStatus
    fact: str


def canonical_governorate(name: str | None) -> str | None:
    """The canonical governorate for a spelling of one, else None."""
    return _GOVERNORATE_KEYS.get(_normalise(name)) if name else None


@lru_cache(maxsize=256)
def _shape(geometry_json: str) -> Any:
    import json

    from shapely.geometry import shape

    return shape(json.loads(geometry_json))


def point_in(geometry: dict, lon: float, lat: float) -> bool:
    """True when (lon, lat) lies in or on the GeoJSON polygon ``geometry``."""
    import json

    from shapely.geometry import Point

    return bool(_shape(json.dumps(geometry, sort_keys=True)).covers(Point(lon, lat)))


def _town_known(place: Place) -> bool:
    return place.geo_precision != GeoPrecision.REGION or place.lat is not None


def judge_place(place: Place | None, territory: Territory) -> PlaceVerdict:
    """Whether ``place`` is inside ``territory``, outside it, or not known well enough to say."""
    if place is None:
        return PlaceVerdict(PlaceStatus.UNKNOWN, "the incident's place is not given")
    gov = canonical_governorate(place.governorate) or canonical_governorate(place.name)
    has_point = place.lat is not None and place.lon is not None
    label = place.name or place.governorate or "the place"
    if territory.whole_country:
        if place.governorate and gov is None and not has_point:
            return PlaceVerdict(PlaceStatus.OUTSIDE, f"{place.governorate} is not in Syria")
        if gov:
            return PlaceVerdict(PlaceStatus.INSIDE, f"{label} ({gov}) is in {territory.country}")
        if has_point:
            x0, y0, x1, y1 = SYRIA_BOUNDS
            inside = x0 <= place.lon <= x1 and y0 <= place.lat <= y1  # type: ignore[operator]
            status = PlaceStatus.INSIDE if inside else PlaceStatus.OUTSIDE
            word = "inside" if inside else "outside"
            return PlaceVerdict(status, f"{label} ({place.lat}, {place.lon}) lies {word} Syria")
        return PlaceVerdict(PlaceStatus.UNKNOWN, f"no governorate known for {label}")
    if has_point:
        for geom in territory.polygons:
            if point_in(geom, place.lon, place.lat):  # type: ignore[arg-type]
                return PlaceVerdict(
                    PlaceStatus.INSIDE, f"{label} ({place.lat}, {place.lon}) lies in its polygon"
                )
    name_key = _normalise(place.name) if place.name else ""
    if name_key and _town_known(place) and name_key in {_normalise(p) for p in territory.places}:
        return PlaceVerdict(PlaceStatus.INSIDE, f"{label} is one of the places it names")
    if gov and gov in territory.governorates:
        return PlaceVerdict(PlaceStatus.INSIDE, f"{label} is in {gov}, which it covers")
    named = ", ".join(territory.places + territory.governorates) or "its polygons"
    if place is not None and _town_known(place):
        return PlaceVerdict(PlaceStatus.OUTSIDE, f"{label} is not among {named}")
    if gov is None:
        return PlaceVerdict(PlaceStatus.UNKNOWN, f"{label} is not located closely enough")
    if gov in territory.partly:
        return PlaceVerdict(
            PlaceStatus.UNKNOWN,
            f"the incident is known only to {gov} governorate, which it covers in part ({named})",
        )
    return PlaceVerdict(PlaceStatus.OUTSIDE, f"{gov} governorate lies outside {named}")


def areas_at(place: Place | None, areas: list[ControlArea], day: dt.date) -> list[ControlArea]:
    """Control areas valid on ``day`` that hold ``place`` (by coordinates, or by a named place)."""
    if place is None:
        return []
    out = []
    for area in areas:
        if not area.valid_on(day):
            continue
        if place.lat is not None and place.lon is not None:
            if point_in(area.geometry, place.lon, place.lat):
                out.append(area)
        elif (
            place.name
            and _town_known(place)
            and _normalise(place.name) in {_normalise(p) for p in area.places}
        ):
            out.append(area)
    return out
