"""Agreements, regimes, accessions, designations, control areas and rulings (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class RulingValue(StrEnum):
    """The verdict on one incident under one agreement or regime."""

    VIOLATION = "violation"
    PERMITTED_EXCLUDED_TARGET = "permitted_excluded_target"
    NOT_IN_FORCE = "not_in_force"
    OUT_OF_SCOPE = "out_of_scope"
    PERPETRATOR_NOT_PARTY = "perpetrator_not_party"
    DISPUTED = "disputed"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered obligation: what is prohibited or required, and for whom."""

    number: str
    text: str
    prohibits: tuple[str, ...] = ()  # incident types the clause forbids
    requires: tuple[str, ...] = ()
    applies_to: str = "parties"


@dataclass(frozen=True, slots=True)
class Territory:
    """Where an agreement applies: the whole country, named places/governorates, or polygons."""

    country: str | None = "Syria"
    governorates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    polygons: tuple[dict, ...] = ()  # GeoJSON geometries


@dataclass(frozen=True, slots=True)
class Agreement:
    """A ceasefire instrument, or (kind == "regime") a time- and place-limited truce."""

    id: str
    title: str
    instrument: str
    effective_from: dt.datetime  # UTC
    effective_to: dt.datetime | None = None  # UTC, None = open-ended
    local_tz: str = "UTC"
    kind: str = "agreement"  # agreement | regime | declaration
    guarantors: tuple[str, ...] = ()
    adopted: dt.datetime | None = None
    acceptance_deadline: dt.datetime | None = None
    territory: Territory = field(default_factory=Territory)
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[str, ...] = ()  # designation list ids or actor names
    accede_through: tuple[str, ...] = ()
    parent: str | None = None  # a regime lies under this agreement
    supersedes: tuple[str, ...] = ()
    suspends: tuple[str, ...] = ()
    source_file: str | None = None


@dataclass(frozen=True, slots=True)
class Accession:
    """A party's acceptance of an agreement (or a request in progress, or a withdrawal)."""

    agreement: str
    party: str
    at: dt.datetime | None
    through: str | None = None
    status: str = "accepted"  # received | in_negotiation | accepted | refused | withdrawn
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Designation:
    """An organisation listed as excluded, by the UN Security Council or by one guarantor only."""

    actor: str
    by: str  # "UNSC" or a guarantor
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    disputed_by: tuple[str, ...] = ()
    source: str | None = None

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_by)


@dataclass(frozen=True, slots=True)
class ControlArea:
    """A polygon said to be held by an actor, by whose account, and when."""

    id: str
    holder: str
    geometry: dict  # GeoJSON geometry
    claimant: str | None = None
    disputed_by: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of a ruling: the clause or rule applied, the fact it used, and the evidence."""

    rule: str
    fact: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ruling:
    """The verdict on one incident under one agreement or regime, with its reasons."""

    incident: str
    agreement: str
    ruling: RulingValue
    reasons: tuple[Reason, ...] = ()
