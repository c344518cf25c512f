"""Agreements, regimes, declarations, accessions, designations, control areas and rulings (SPEC §2).

Plain typed records, no I/O: ``trucewatch.agreements`` reads them from YAML files a person can
review, ``trucewatch.adjudicate`` rules on incidents with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class RulingValue(StrEnum):
    """The verdict on one incident under one agreement or regime."""

    VIOLATION = "violation"
    # A violation on its facts, but the perpetrator is only alleged (residents, activists, unnamed
    # sources, or denied) by a single independent source: counted apart from violations.
    ALLEGED_VIOLATION = "alleged_violation"
    PERMITTED_EXCLUDED_TARGET = "permitted_excluded_target"
    NOT_IN_FORCE = "not_in_force"
    OUT_OF_SCOPE = "out_of_scope"
    PERPETRATOR_NOT_PARTY = "perpetrator_not_party"
    DISPUTED = "disputed"
    UNDETERMINED = "undetermined"


class AgreementKind(StrEnum):
    """What sort of instrument a file holds."""

    AGREEMENT = "agreement"  # a ceasefire instrument between parties, under guarantors
    REGIME = "regime"  # a time- and place-limited truce under or beside an agreement
    DECLARATION = "declaration"  # a unilateral statement by one guarantor; never ruled on itself


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
    """Where an agreement applies: the whole country, named places/governorates, or polygons.

    With only ``country`` set it is the whole country; otherwise the union of the governorates,
    the places and the polygons listed.
    """

    country: str | None = "Syria"
    governorates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    polygons: tuple[dict, ...] = ()  # GeoJSON geometries, lon/lat order
    partly: tuple[str, ...] = ()  # governorates the places/polygons cover only in part

    @property
    def whole_country(self) -> bool:
        return not (self.governorates or self.places or self.polygons)


@dataclass(frozen=True, slots=True)
class UnilateralExclusion:
    """A guarantor's own statement that some groups may be struck, which the other side disputes.

    E.g. Russia's statement that from 25 May 2016 it would strike groups that had not joined.
    """

    by: str  # the guarantor who declared it
    forces: tuple[str, ...]  # perpetrators whose strikes it speaks for
    targets: str  # "not_acceded": groups with no recorded accession
    modifies: tuple[str, ...] = ()  # agreement ids the statement bears on
    disputed_by: tuple[str, ...] = ()
    dispute_source: str | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    """A ceasefire instrument, a regime (kind "regime") or a declaration (kind "declaration")."""

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
    excluded: tuple[str, ...] = ()  # designation list ids ("UNSC") or actor names
    accede_through: tuple[str, ...] = ()
    parent: str | None = None  # a regime lies under this agreement
    supersedes: tuple[str, ...] = ()
    suspends: tuple[str, ...] = ()
    source_file: str | None = None
    beside: tuple[str, ...] = ()  # a regime that runs alongside, not under, these agreements
    parties_from: tuple[str, ...] = ()  # agreements whose accessions also bind this one
    declares: UnilateralExclusion | None = None  # only for kind "declaration"
    sources: tuple[str, ...] = ()  # public sources for the text, as written in the file
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # field->line

    def where(self, key: str) -> str:
        """``file:line`` of a field in the agreement's file, for reasons that cite the record."""
        line = self.lines.get(key) or self.lines.get("id")
        name = self.source_file or self.id
        return f"{name}:{line}" if line else name


@dataclass(frozen=True, slots=True)
class Accession:
    """A party's acceptance of an agreement (or a request in progress, or a withdrawal).

    ``at`` holds the instant when it is known; ``on`` the day when only the day is known.
    """

    agreement: str
    party: str
    at: dt.datetime | None
    through: str | None = None
    status: str = "accepted"  # received | in_negotiation | accepted | refused | withdrawn
    source: str | None = None
    on: dt.date | None = None
    where: str | None = None  # file:line of the record


@dataclass(frozen=True, slots=True)
class BulletinCount:
    """A dated count published by a reconciliation centre (groups or settlements that joined)."""

    agreement: str
    as_of: dt.date
    by: str
    armed_groups: int | None = None
    settlements: int | None = None
    source: str | None = None
    where: str | None = None  # "file:line" it was read from, for problems found later


@dataclass(frozen=True, slots=True)
class Designation:
    """An organisation listed as excluded, by the UN Security Council or by one guarantor only."""

    actor: str
    by: str  # "UNSC" or a guarantor
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    disputed_by: tuple[str, ...] = ()
    source: str | None = None
    aliases: tuple[str, ...] = ()  # renamings and spellings, matched when no dictionary resolves
    dispute_source: str | None = None
    where: str | None = None

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_by)

    def valid_on(self, day: dt.date) -> bool:
        """True when the designation was in force on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


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
    places: tuple[str, ...] = ()  # named places wholly inside, for incidents without coordinates
    dispute_source: str | None = None
    alternative_holder: str | None = None  # who the disputing side says holds it
    where: str | None = None

    def valid_on(self, day: dt.date) -> bool:
        """True when the account of the holding covers ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of a ruling: the clause or rule applied, the fact it used, and the evidence."""

    rule: str
    fact: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ruling:
    """The verdict on one event (or, read from a file, one incident) under one agreement or
    regime, with its reasons. ``incident`` holds the id ruled on: an event id in the store."""

    incident: str
    agreement: str
    ruling: RulingValue
    reasons: tuple[Reason, ...] = ()
