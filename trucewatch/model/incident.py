"""Incidents, casualty figures and claims, each value tied to the mentions behind it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from trucewatch.model.dates import DateWindow, TimePrecision
from trucewatch.model.report import Mention


class IncidentType(StrEnum):
    """The incident taxonomy of SPEC §2 (violent types first, then the non-violent ones)."""

    AIR_STRIKE = "air_strike"
    SHELLING = "shelling"
    ARMED_CLASH = "armed_clash"
    EXPLOSION = "explosion"
    CHEMICAL_ATTACK = "chemical_attack"
    TERRITORY_TAKEN = "territory_taken"
    ATTACK_ON_CIVILIANS = "attack_on_civilians"
    HUMANITARIAN_DELIVERY = "humanitarian_delivery"
    ACCESSION = "accession"
    TRUCE_DECLARED = "truce_declared"

    @property
    def violent(self) -> bool:
        return self not in NON_VIOLENT


NON_VIOLENT = frozenset(
    {IncidentType.HUMANITARIAN_DELIVERY, IncidentType.ACCESSION, IncidentType.TRUCE_DECLARED}
)


class GeoPrecision(IntEnum):
    """ACLED's geo precision codes."""

    TOWN = 1
    NEAR_TOWN = 2  # near a town, or part of a region
    REGION = 3


class Grade(StrEnum):
    """Verification grade of an incident (SPEC §2)."""

    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    CONFIRMED = "confirmed"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


class Attribution(StrEnum):
    """How a perpetrator is known (SPEC §2): who says so, and whether it is contested."""

    STATED = "stated"  # the text, or a party quoted in it, says so
    ALLEGED = "alleged"  # residents, activists or unnamed sources say so
    DENIED = "denied"  # the accused denies it
    DISPUTED = "disputed"  # parties blame each other


@dataclass(frozen=True, slots=True)
class Toll:
    """A casualty figure as low/best/high; any of them may be unknown (None), never guessed as 0."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def known(self) -> bool:
        return self.low is not None or self.best is not None or self.high is not None

    @property
    def lowest(self) -> int | None:
        """The smallest reading told: the low end, else the best figure."""
        return self.low if self.low is not None else self.best

    @property
    def highest(self) -> int | None:
        """The largest reading told: the high end, else the best figure, else the low end."""
        return next((v for v in (self.high, self.best, self.low) if v is not None), None)

    def added(self, other: Toll) -> Toll:
        """Two counts of different dead added up; a reading either one lacks is unknown."""

        def total(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return Toll(
            total(self.low, other.low), total(self.best, other.best), total(self.high, other.high)
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place: a town, a named area or a governorate."""

    name: str
    governorate: str | None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision = GeoPrecision.TOWN
    geonameid: int | None = None


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places in km, or None when either lacks coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Actor:
    """An organisation or force, with aliases, parent and a validity window (SPEC §2)."""

    id: str
    name: str
    kind: str  # state_force, foreign_force, faction, designated, official_body, person, ...
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(slots=True)
class Incident:
    """Something that happened at a place and time, as one report tells it."""

    type: IncidentType
    date: dt.date | None = None
    time: dt.datetime | None = None  # UTC, only when the text gives a time of day
    time_precision: TimePrecision | None = None
    place: Place | None = None
    perpetrator: str | None = None  # canonical actor name
    target: str | None = None  # canonical actor name or "civilians"
    killed: Toll = field(default_factory=Toll)
    injured: Toll = field(default_factory=Toll)
    main: bool = False
    evidence: list[Mention] = field(default_factory=list)
    report_id: str | None = None
    id: str | None = None
    # How the perpetrator is known; None when there is no perpetrator.
    attribution: Attribution | None = None
    perpetrator_alternatives: tuple[str, ...] = ()  # "Syrian or Russian aircraft" keeps both
    denied_by: str | None = None  # who denies it, when attribution is DENIED
    # The days it happened in (model.dates' one rule); None until the publication date is known.
    window: DateWindow | None = None


@dataclass(slots=True)
class Claim:
    """A numeric statement attributed to a claimant, e.g. 28,000 of 80,000 fighters eliminated."""

    claimant: str | None
    quantity: float
    unit: str
    period: str | None = None
    subject: str | None = None
    of_total: float | None = None  # "28,000 of 80,000"
    percent: float | None = None  # "(35 percent)"
    evidence: list[Mention] = field(default_factory=list)
    report_id: str | None = None
