"""Who is bound by an agreement at a given time, and who is excluded from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from trucewatch.adjudicate.actors import key
from trucewatch.adjudicate.timing import Span, day_bounds
from trucewatch.model.agreement import Accession, Agreement, Designation


def related(agreement: Agreement, by_id: dict[str, Agreement]) -> list[Agreement]:
    """The agreement, then those it lies under or takes its parties from (transitively)."""
    out: list[Agreement] = []
    stack = [agreement]
    while stack:
        a = stack.pop(0)
        if a in out:
            continue
        out.append(a)
        stack += [by_id[i] for i in (a.parent, *a.parties_from) if i and i in by_id]
    return out


def exclusion_lists(agreement: Agreement, by_id: dict[str, Agreement]) -> tuple[str, ...]:
    """Designation lists or actors the agreement excludes; a regime inherits its parent's."""
    for a in related(agreement, by_id):
        if a.excluded:
            return a.excluded
    return ()


def designations_of(
    names: list[str], day: dt.date, designations: list[Designation]
) -> list[Designation]:
    """Designations in force on ``day`` that list any of ``names`` (or one of their aliases)."""
    keys = {key(n) for n in names}
    return [
        d
        for d in designations
        if d.valid_on(day) and ({key(d.actor)} | {key(a) for a in d.aliases}) & keys
    ]


def excluding(d: Designation, lists: tuple[str, ...]) -> bool:
    """True when designation ``d`` is one the agreement itself excludes."""
    return d.by in lists or d.actor in lists


class PartyStatus(StrEnum):
    PARTY = "party"
    NOT_PARTY = "not_party"
    TIME_UNCLEAR = "time_unclear"
    UNRECORDED = "unrecorded"


@dataclass(frozen=True, slots=True)
class PartyVerdict:
    status: PartyStatus
    fact: str
    where: tuple[str, ...] = ()


def _accession_bounds(acc: Accession, tz: str) -> tuple[dt.datetime, dt.datetime] | None:
    if acc.at is not None:
        return acc.at, acc.at
    if acc.on is not None:
        return day_bounds(acc.on, tz)
    return None


def party_status(
    names: list[str],
    agreement: Agreement,
    by_id: dict[str, Agreement],
    accessions: list[Accession],
    span: Span,
) -> PartyVerdict:
    """Whether the actor (``names``: canonical name then organisations above it) was a party."""
    ids = {a.id for a in related(agreement, by_id)}
    keys = {key(n) for n in names}
    mine = [a for a in accessions if a.agreement in ids and key(a.party) in keys]
    if not mine:
        return PartyVerdict(PartyStatus.UNRECORDED, f"no accession recorded for {names[0]}")
    where = tuple(a.where for a in mine if a.where)
    withdrawn = [a for a in mine if a.status == "withdrawn" and a.at and a.at <= span.start]
    if withdrawn:
        return PartyVerdict(
            PartyStatus.NOT_PARTY, f"{withdrawn[0].party} withdrew at {withdrawn[0].at}", where
        )
    accepted = [a for a in mine if a.status == "accepted"]
    if not accepted:
        states = ", ".join(sorted({a.status for a in mine}))
        return PartyVerdict(
            PartyStatus.NOT_PARTY, f"{names[0]} has not accepted (recorded: {states})", where
        )
    best: PartyVerdict | None = None
    for acc in accepted:
        bounds = _accession_bounds(acc, agreement.local_tz)
        if bounds is None:
            continue
        first, last = bounds
        when = acc.at.isoformat() if acc.at else f"on {acc.on}"
        through = f" through {acc.through}" if acc.through else ""
        party = acc.party if key(acc.party) == key(names[0]) else f"{names[0]} (via {acc.party})"
        if last <= span.start:
            return PartyVerdict(PartyStatus.PARTY, f"{party} acceded {when}{through}", where)
        if first >= span.end or (span.instant and first > span.start):
            best = best or PartyVerdict(
                PartyStatus.NOT_PARTY,
                f"{party} acceded only {when}{through}, after the incident",
                where,
            )
        else:
            best = PartyVerdict(
                PartyStatus.TIME_UNCLEAR,
                f"{party} acceded {when}{through}; the incident may fall before or after",
                where,
            )
    return best or PartyVerdict(PartyStatus.UNRECORDED, "accession has no date", where)
