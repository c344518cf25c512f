"""Turn parsed YAML documents into model records (see ``docs/agreements.md`` for the format)."""

from __future__ import annotations

from typing import Any

from trucewatch.agreements.fields import Reader
from trucewatch.agreements.yamlfile import YamlDoc
from trucewatch.model.agreement import (
    Accession,
    Agreement,
    AgreementKind,
    BulletinCount,
    Clause,
    ControlArea,
    Designation,
    Territory,
    UnilateralExclusion,
)
from trucewatch.model.incident import NON_VIOLENT, IncidentType

ALL_VIOLENT = "all_violent"
VIOLENT_TYPES = tuple(t.value for t in IncidentType if t not in NON_VIOLENT)
ACCESSION_STATUSES = ("received", "in_negotiation", "accepted", "refused", "withdrawn")

AGREEMENT_KEYS = {
    "id",
    "kind",
    "title",
    "instrument",
    "guarantors",
    "adopted",
    "local_tz",
    "effective",
    "acceptance",
    "territory",
    "clauses",
    "excluded",
    "relations",
    "declares",
    "sources",
}


def parse_agreement(doc: YamlDoc) -> tuple[Agreement | None, Reader]:
    """Read one agreement, regime or declaration file; problems are on the returned reader."""
    r = Reader(doc)
    top = r.mapping(doc.data, "")
    if top is None:
        return None, r
    r.unknown_keys(top, "", AGREEMENT_KEYS)
    ident = r.ident(top.get("id"), "id")
    kind = r.text(top.get("kind"), "kind")
    if kind is not None and kind not in set(AgreementKind):
        r.bad("kind", f"{kind!r} is not one of {', '.join(AgreementKind)}")
    title = r.text(top.get("title"), "title")
    instrument = r.text(top.get("instrument"), "instrument")
    tz = r.zone(top.get("local_tz"), "local_tz")
    guarantors = r.texts(top.get("guarantors"), "guarantors")
    adopted = r.instant(top.get("adopted"), "adopted")

    eff = r.mapping(top.get("effective"), "effective") or {}
    r.unknown_keys(eff, "effective", {"from", "from_local", "to", "to_local", "note"})
    start = r.instant(eff.get("from"), "effective.from", required=True)
    end = r.instant(eff.get("to"), "effective.to")
    r.local_matches(start, eff.get("from_local"), tz, "effective.from_local")
    r.local_matches(end, eff.get("to_local"), tz, "effective.to_local")
    if start and end and end <= start:
        r.bad("effective.to", "ends before it starts")

    acc = r.mapping(top.get("acceptance"), "acceptance", required=False) or {}
    r.unknown_keys(acc, "acceptance", {"deadline", "deadline_local", "through"})
    deadline = r.instant(acc.get("deadline"), "acceptance.deadline")
    r.local_matches(deadline, acc.get("deadline_local"), tz, "acceptance.deadline_local")
    through = r.texts(acc.get("through"), "acceptance.through")
    for i, name in enumerate(through):
        if name not in guarantors:
            r.bad(f"acceptance.through[{i}]", f"{name!r} is not among the guarantors")

    territory = _territory(r, top.get("territory"))
    clauses = _clauses(r, top.get("clauses"))
    rel = r.mapping(top.get("relations"), "relations", required=False) or {}
    r.unknown_keys(rel, "relations", {"parent", "beside", "supersedes", "suspends", "parties_from"})
    parent = r.ident(rel["parent"], "relations.parent") if rel.get("parent") else None
    declares = None
    if kind == AgreementKind.DECLARATION:
        declares = _declares(r, top.get("declares"))
    elif top.get("declares") is not None:
        r.bad("declares", "only a declaration may declare exclusions")
    if kind in (AgreementKind.AGREEMENT, AgreementKind.REGIME) and not clauses:
        r.bad("clauses", "an agreement or regime needs at least one clause")
    if kind == AgreementKind.REGIME and not parent and not rel.get("beside"):
        r.bad("relations", "a regime lies under (parent) or beside another agreement")

    if None in (ident, kind, title, instrument, tz, start) or r.problems:
        return None, r
    assert ident and kind and title and instrument and tz and start  # narrowed for type checkers
    return (
        Agreement(
            id=ident,
            title=title,
            instrument=instrument,
            effective_from=start,
            effective_to=end,
            local_tz=tz,
            kind=kind,
            guarantors=guarantors,
            adopted=adopted,
            acceptance_deadline=deadline,
            territory=territory,
            clauses=clauses,
            excluded=r.texts(top.get("excluded"), "excluded"),
            accede_through=through,
            parent=parent,
            supersedes=r.texts(rel.get("supersedes"), "relations.supersedes"),
            suspends=r.texts(rel.get("suspends"), "relations.suspends"),
            source_file=doc.file,
            beside=r.texts(rel.get("beside"), "relations.beside"),
            parties_from=r.texts(rel.get("parties_from"), "relations.parties_from"),
            declares=declares,
            sources=r.texts(top.get("sources"), "sources"),
            lines=dict(doc.lines),
        ),
        r,
    )


def _territory(r: Reader, value: Any) -> Territory:
    t = r.mapping(value, "territory", required=False)
    if t is None:
        return Territory()
    r.unknown_keys(t, "territory", {"country", "governorates", "places", "polygons", "partly"})
    polygons = []
    raw = t.get("polygons") or []
    if not isinstance(raw, list):
        r.bad("territory.polygons", "expected a list of GeoJSON polygons")
        raw = []
    for i, geom in enumerate(raw):
        got = r.geometry(geom, f"territory.polygons[{i}]")
        if got is not None:
            polygons.append(got)
    return Territory(
        country=r.text(t.get("country"), "territory.country", required=False) or "Syria",
        governorates=r.governorates(t.get("governorates"), "territory.governorates"),
        places=r.texts(t.get("places"), "territory.places"),
        polygons=tuple(polygons),
        partly=r.governorates(t.get("partly"), "territory.partly"),
    )


def _clauses(r: Reader, value: Any) -> tuple[Clause, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        r.bad("clauses", "expected a list of clauses")
        return ()
    out = []
    seen: set[str] = set()
    for i, raw in enumerate(value):
        path = f"clauses[{i}]"
        c = r.mapping(raw, path)
        if c is None:
            continue
        r.unknown_keys(c, path, {"number", "text", "prohibits", "requires", "applies_to"})
        number = r.text(c.get("number"), f"{path}.number")
        text = r.text(c.get("text"), f"{path}.text")
        if number in seen:
            r.bad(f"{path}.number", f"clause {number} appears twice")
        seen.add(number or "")
        prohibits: list[str] = []
        for j, name in enumerate(r.texts(c.get("prohibits"), f"{path}.prohibits")):
            if name == ALL_VIOLENT:
                prohibits.extend(VIOLENT_TYPES)
            elif name in VIOLENT_TYPES:
                prohibits.append(name)
            else:
                r.bad(
                    f"{path}.prohibits[{j}]",
                    f"{name!r} is not a violent incident type ({ALL_VIOLENT}, "
                    + ", ".join(VIOLENT_TYPES)
                    + ")",
                )
        applies = r.text(c.get("applies_to"), f"{path}.applies_to", required=False)
        if number and text:
            out.append(
                Clause(
                    number=number,
                    text=text,
                    prohibits=tuple(dict.fromkeys(prohibits)),
                    requires=r.texts(c.get("requires"), f"{path}.requires"),
                    applies_to=applies or "parties",
                )
            )
    return tuple(out)


def _declares(r: Reader, value: Any) -> UnilateralExclusion | None:
    d = r.mapping(value, "declares")
    if d is None:
        return None
    r.unknown_keys(
        d, "declares", {"by", "forces", "targets", "modifies", "disputed_by", "dispute_source"}
    )
    by = r.text(d.get("by"), "declares.by")
    forces = r.texts(d.get("forces"), "declares.forces")
    if not forces:
        r.bad("declares.forces", "name the forces whose strikes the declaration speaks for")
    targets = r.text(d.get("targets"), "declares.targets")
    if targets is not None and targets != "not_acceded":
        r.bad("declares.targets", "only 'not_acceded' is understood")
    if by is None or targets is None or not forces:
        return None
    return UnilateralExclusion(
        by=by,
        forces=forces,
        targets=targets,
        modifies=r.texts(d.get("modifies"), "declares.modifies"),
        disputed_by=r.texts(d.get("disputed_by"), "declares.disputed_by"),
        dispute_source=r.text(d.get("dispute_source"), "declares.dispute_source", required=False),
    )


def parse_accessions(doc: YamlDoc) -> tuple[list[Accession], list[BulletinCount], Reader]:
    """Read an accessions file: ``accessions:`` and reconciliation-centre ``bulletins:``."""
    r = Reader(doc)
    top = r.mapping(doc.data, "") or {}
    r.unknown_keys(top, "", {"accessions", "bulletins"})
    accessions: list[Accession] = []
    for i, raw in enumerate(_items(r, top.get("accessions"), "accessions")):
        path = f"accessions[{i}]"
        a = r.mapping(raw, path)
        if a is None:
            continue
        r.unknown_keys(a, path, {"agreement", "party", "at", "through", "status", "source"})
        agreement = r.ident(a.get("agreement"), f"{path}.agreement")
        party = r.text(a.get("party"), f"{path}.party")
        at, on = r.day_or_instant(a.get("at"), f"{path}.at")
        status = r.text(a.get("status"), f"{path}.status", required=False) or "accepted"
        if status not in ACCESSION_STATUSES:
            r.bad(f"{path}.status", f"{status!r} is not one of {', '.join(ACCESSION_STATUSES)}")
        source = r.text(a.get("source"), f"{path}.source")
        if status == "accepted" and at is None and on is None:
            r.bad(f"{path}.at", "an accepted accession needs a day or a time")
        if agreement and party and source:
            accessions.append(
                Accession(
                    agreement=agreement,
                    party=party,
                    at=at,
                    through=r.text(a.get("through"), f"{path}.through", required=False),
                    status=status,
                    source=source,
                    on=on,
                    where=f"{doc.file}:{doc.line(path)}",
                )
            )
    bulletins: list[BulletinCount] = []
    for i, raw in enumerate(_items(r, top.get("bulletins"), "bulletins")):
        path = f"bulletins[{i}]"
        b = r.mapping(raw, path)
        if b is None:
            continue
        r.unknown_keys(
            b, path, {"agreement", "as_of", "by", "armed_groups", "settlements", "source"}
        )
        agreement = r.ident(b.get("agreement"), f"{path}.agreement")
        as_of = r.day(b.get("as_of"), f"{path}.as_of")
        if as_of is None and "as_of" not in b:
            r.bad(f"{path}.as_of", "missing")
        by = r.text(b.get("by"), f"{path}.by")
        groups = r.integer(b.get("armed_groups"), f"{path}.armed_groups")
        settlements = r.integer(b.get("settlements"), f"{path}.settlements")
        if groups is None and settlements is None:
            r.bad(path, "a bulletin gives armed_groups, settlements or both")
        source = r.text(b.get("source"), f"{path}.source")
        if agreement and as_of and by and source:
            where = f"{doc.file}:{doc.line(path)}"
            bulletins.append(
                BulletinCount(agreement, as_of, by, groups, settlements, source, where=where)
            )
    return accessions, bulletins, r


def parse_designations(doc: YamlDoc) -> tuple[list[Designation], Reader]:
    """Read a designations file (``designations:`` list)."""
    r = Reader(doc)
    top = r.mapping(doc.data, "") or {}
    r.unknown_keys(top, "", {"designations"})
    out: list[Designation] = []
    for i, raw in enumerate(_items(r, top.get("designations"), "designations")):
        path = f"designations[{i}]"
        d = r.mapping(raw, path)
        if d is None:
            continue
        r.unknown_keys(
            d,
            path,
            {
                "actor",
                "by",
                "aliases",
                "valid_from",
                "valid_to",
                "disputed_by",
                "dispute_source",
                "source",
            },
        )
        actor = r.text(d.get("actor"), f"{path}.actor")
        by = r.text(d.get("by"), f"{path}.by")
        source = r.text(d.get("source"), f"{path}.source")
        valid_from = r.day(d.get("valid_from"), f"{path}.valid_from")
        valid_to = r.day(d.get("valid_to"), f"{path}.valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            r.bad(f"{path}.valid_to", "ends before it starts")
        disputed_by = r.texts(d.get("disputed_by"), f"{path}.disputed_by")
        dispute_source = r.text(d.get("dispute_source"), f"{path}.dispute_source", required=False)
        if disputed_by and not dispute_source:
            r.bad(f"{path}.dispute_source", "a dispute needs its public source")
        if actor and by and source:
            out.append(
                Designation(
                    actor=actor,
                    by=by,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    disputed_by=disputed_by,
                    source=source,
                    aliases=r.texts(d.get("aliases"), f"{path}.aliases"),
                    dispute_source=dispute_source,
                    where=f"{doc.file}:{doc.line(path)}",
                )
            )
    return out, r


def parse_control_areas(doc: YamlDoc) -> tuple[list[ControlArea], Reader]:
    """Read a control-areas file (``control_areas:`` list of polygons with holder and account)."""
    r = Reader(doc)
    top = r.mapping(doc.data, "") or {}
    r.unknown_keys(top, "", {"control_areas"})
    out: list[ControlArea] = []
    for i, raw in enumerate(_items(r, top.get("control_areas"), "control_areas")):
        path = f"control_areas[{i}]"
        c = r.mapping(raw, path)
        if c is None:
            continue
        r.unknown_keys(
            c,
            path,
            {
                "id",
                "holder",
                "claimant",
                "disputed_by",
                "alternative_holder",
                "dispute_source",
                "valid_from",
                "valid_to",
                "source",
                "places",
                "geometry",
                "illustrative",
            },
        )
        ident = r.ident(c.get("id"), f"{path}.id")
        holder = r.text(c.get("holder"), f"{path}.holder")
        geometry = r.geometry(c.get("geometry"), f"{path}.geometry")
        source = r.text(c.get("source"), f"{path}.source")
        valid_from = r.day(c.get("valid_from"), f"{path}.valid_from")
        valid_to = r.day(c.get("valid_to"), f"{path}.valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            r.bad(f"{path}.valid_to", "ends before it starts")
        disputed_by = r.texts(c.get("disputed_by"), f"{path}.disputed_by")
        dispute_source = r.text(c.get("dispute_source"), f"{path}.dispute_source", required=False)
        if disputed_by and not dispute_source:
            r.bad(f"{path}.dispute_source", "a dispute needs its public source")
        if ident and holder and geometry and source:
            out.append(
                ControlArea(
                    id=ident,
                    holder=holder,
                    geometry=geometry,
                    claimant=r.text(c.get("claimant"), f"{path}.claimant", required=False),
                    disputed_by=disputed_by,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    source=source,
                    places=r.texts(c.get("places"), f"{path}.places"),
                    dispute_source=dispute_source,
                    alternative_holder=r.text(
                        c.get("alternative_holder"), f"{path}.alternative_holder", required=False
                    ),
                    where=f"{doc.file}:{doc.line(path)}",
                )
            )
    return out, r


def _items(r: Reader, value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        r.bad(path, "expected a list")
        return []
    return value
