"""The pair rules of incident merging (see :mod:`trucewatch.corroborate.merge`): whether two
incidents' types, dates and places could be one event, and, for a rare type, whether two reports
present two attacks. Pure functions over plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trucewatch.model.event import actor_key
from trucewatch.model.incident import (
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    distance_km,
)

_key = actor_key  # places are compared case- and space-blind, like actors

_REMOTE = frozenset(
    {
        IncidentType.AIR_STRIKE,
        IncidentType.SHELLING,
        IncidentType.EXPLOSION,
        IncidentType.CHEMICAL_ATTACK,
    }
)
_GROUND = frozenset({IncidentType.ARMED_CLASH, IncidentType.TERRITORY_TAKEN})
# So rare that two on one day in one area are one attack told several ways (see docstring).
RARE_TYPES = frozenset({IncidentType.CHEMICAL_ATTACK})


@dataclass(frozen=True, slots=True)
class MergeRules:
    """The thresholds of incident merging; the defaults are the documented ones."""

    town_km: float = 5.0  # two town-precise places farther apart are two towns
    near_town_km: float = 25.0  # "near Aleppo", "outskirts of Idlib"
    region_km: float = 75.0  # a region without a governorate to compare
    day_slack: int = 0  # days either side of a day-precise date
    week_slack: int = 3  # days either side of a week-precise date
    publication_lookback: int = 3  # an undated incident happened at most this long before print
    rare_retell_days: int = 3  # a rare attack's later-dated retellings (see retold_attacks)


def has_place(place: Place | None) -> bool:
    return place is not None and bool(place.name or place.governorate)


def types_compatible(a: IncidentType, b: IncidentType) -> bool:
    """Whether two reports could be describing one event under these two types."""
    if a == b:
        return True
    if not (a.violent and b.violent):
        return False
    if IncidentType.ATTACK_ON_CIVILIANS in (a, b):
        return True
    return (a in _REMOTE and b in _REMOTE) or (a in _GROUND and b in _GROUND)


def date_window(incident: Incident, rules: MergeRules = MergeRules()) -> tuple[dt.date, dt.date]:
    """The days an incident's date stands for, given its time precision. Needs a date."""
    d = incident.date
    assert d is not None
    precision = incident.time_precision or TimePrecision.DAY
    if precision == TimePrecision.MONTH:
        first = d.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    slack = rules.week_slack if precision == TimePrecision.WEEK else rules.day_slack
    return d - dt.timedelta(days=slack), d + dt.timedelta(days=slack)


def dates_compatible(a: Incident, b: Incident, rules: MergeRules = MergeRules()) -> bool:
    """Whether two dated incidents' date windows overlap."""
    a0, a1 = date_window(a, rules)
    b0, b1 = date_window(b, rules)
    return a0 <= b1 and b0 <= a1


def places_compatible(a: Place, b: Place, rules: MergeRules = MergeRules()) -> bool:
    """Whether two places could be where one event happened, given their precision."""
    coarser = max(a.geo_precision, b.geo_precision)
    same_gov = a.governorate is not None and a.governorate == b.governorate
    if coarser == GeoPrecision.REGION and a.governorate and b.governorate:
        return same_gov  # a region-level report says no more than the governorate
    if _key(a.name) == _key(b.name) and (same_gov or not (a.governorate and b.governorate)):
        return True
    km = distance_km(a, b)
    if km is None:
        return False
    radius = {
        GeoPrecision.TOWN: rules.town_km,
        GeoPrecision.NEAR_TOWN: rules.near_town_km,
        GeoPrecision.REGION: rules.region_km,
    }[GeoPrecision(coarser)]
    return km <= radius


def precise(a: Incident, b: Incident) -> bool:
    """Both incidents name one town and one day, and agree on them."""
    if a.place is None or b.place is None or a.date is None or a.date != b.date:
        return False
    day = (
        (a.time_precision or TimePrecision.DAY)
        == TimePrecision.DAY
        == (b.time_precision or TimePrecision.DAY)
    )
    town = max(a.place.geo_precision, b.place.geo_precision) == GeoPrecision.TOWN
    return day and town


def names_town(place: Place) -> bool:
    """A town-precise place that is not named like its governorate (a city-as-region)."""
    return place.geo_precision == GeoPrecision.TOWN and _key(place.name) != _key(
        place.governorate or ""
    )


def same_area(a: Place, b: Place, rules: MergeRules) -> bool:
    if a.governorate is not None and a.governorate == b.governorate:
        return True
    km = distance_km(a, b)
    return km is not None and km <= rules.region_km


def distinct_attacks(a: Incident, b: Incident, rules: MergeRules) -> bool:
    """Both reports name a different town and each gives its own toll: two attacks."""
    pa, pb = a.place, b.place
    if pa is None or pb is None or not (names_town(pa) and names_town(pb)):
        return False
    if _key(pa.name) == _key(pb.name):
        return False
    km = distance_km(pa, pb)
    apart = km is None or km > rules.town_km
    return apart and a.killed.known and b.killed.known
