"""Load a directory of agreement files into one checked record.

A directory holds one YAML file per agreement, regime or declaration, plus (by their top-level
key) files of ``accessions``, ``designations`` and ``control_areas``. Each file is checked on
its own, then the files are checked against each other (relations and accessions must name
agreements that exist, supersession must not loop).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.agreements.errors import AgreementFileError, Problem
from trucewatch.agreements.parse import (
    parse_accessions,
    parse_agreement,
    parse_control_areas,
    parse_designations,
)
from trucewatch.agreements.yamlfile import YamlDoc, YamlFileError, load_yaml
from trucewatch.model.agreement import (
    Accession,
    Agreement,
    AgreementKind,
    BulletinCount,
    ControlArea,
    Designation,
)


@dataclass(slots=True)
class AgreementRecord:
    """Everything a directory of agreement files says, ready for adjudication."""

    agreements: list[Agreement] = field(default_factory=list)
    accessions: list[Accession] = field(default_factory=list)
    bulletins: list[BulletinCount] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    control_areas: list[ControlArea] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def agreement(self, ident: str) -> Agreement | None:
        """The agreement with id ``ident``, if the record has it."""
        return next((a for a in self.agreements if a.id == ident), None)


def read_record(directory: Path) -> AgreementRecord:
    """Read every YAML file under ``directory``; problems are collected, not raised."""
    record = AgreementRecord()
    directory = Path(directory)
    if not directory.is_dir():
        record.problems.append(Problem(str(directory), None, "", "not a directory"))
        return record
    files = sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml"))
    if not files:
        record.problems.append(Problem(str(directory), None, "", "no .yaml files found"))
    lines_of: dict[str, str] = {}
    for path in files:
        label = str(path.relative_to(directory.parent)) if directory.parent else str(path)
        try:
            doc = load_yaml(path, label)
        except YamlFileError as exc:
            record.problems.append(exc.problem)
            continue
        _read_doc(doc, record, lines_of)
    record.problems.extend(cross_check(record, lines_of))
    return record


def load_record(directory: Path) -> AgreementRecord:
    """Read ``directory`` and raise :class:`AgreementFileError` listing every problem, if any."""
    record = read_record(directory)
    if record.problems:
        raise AgreementFileError(record.problems)
    return record


def _read_doc(doc: YamlDoc, record: AgreementRecord, where: dict[str, str]) -> None:
    data = doc.data
    if not isinstance(data, dict):
        record.problems.append(doc.problem("", "expected a mapping at the top of the file"))
        return
    if "accessions" in data or "bulletins" in data:
        accessions, bulletins, reader = parse_accessions(doc)
        record.accessions.extend(accessions)
        record.bulletins.extend(bulletins)
    elif "designations" in data:
        designations, reader = parse_designations(doc)
        record.designations.extend(designations)
    elif "control_areas" in data:
        areas, reader = parse_control_areas(doc)
        record.control_areas.extend(areas)
    else:
        agreement, reader = parse_agreement(doc)
        if agreement is not None:
            if agreement.id in where:
                used = where[agreement.id]
                record.problems.append(doc.problem("id", f"id {agreement.id!r} is used in {used}"))
            else:
                where[agreement.id] = agreement.where("id")
                record.agreements.append(agreement)
    record.problems.extend(reader.problems)


def cross_check(record: AgreementRecord, where: dict[str, str]) -> list[Problem]:
    """Problems that only show when files are read together."""
    problems: list[Problem] = []
    ids = {a.id for a in record.agreements}

    def bad(agreement: Agreement, key: str, message: str) -> None:
        problems.append(
            Problem(agreement.source_file or agreement.id, agreement.lines.get(key), key, message)
        )

    for a in record.agreements:
        refs = [("relations.parent", (a.parent,) if a.parent else ())]
        refs += [("relations.beside", a.beside), ("relations.supersedes", a.supersedes)]
        refs += [("relations.suspends", a.suspends), ("relations.parties_from", a.parties_from)]
        if a.declares:
            refs.append(("declares.modifies", a.declares.modifies))
        for key, targets in refs:
            for target in targets:
                if target not in ids:
                    bad(a, key, f"no agreement with id {target!r} in this directory")
                elif target == a.id:
                    bad(a, key, "an agreement cannot refer to itself")
        if a.kind != AgreementKind.DECLARATION:
            for i, name in enumerate(a.excluded):
                listed = any(d.by == name or d.actor == name for d in record.designations)
                if not listed:
                    bad(
                        a,
                        f"excluded[{i}]",
                        f"{name!r} is neither a designation list nor a "
                        "designated actor in designations files",
                    )
    for item in [*record.accessions, *record.bulletins]:
        if item.agreement not in ids:
            file, _, line = (item.where or "").rpartition(":")
            problems.append(
                Problem(
                    file,
                    int(line) if line.isdigit() else None,
                    "agreement",
                    f"no agreement with id {item.agreement!r} in this directory",
                )
            )
    problems.extend(_supersession_loops(record))
    return problems


def _supersession_loops(record: AgreementRecord) -> list[Problem]:
    """An agreement that (through others) supersedes itself can never be in force."""
    edges = {a.id: set(a.supersedes) | set(a.suspends) for a in record.agreements}
    problems = []
    for a in record.agreements:
        seen: set[str] = set()
        stack = list(edges.get(a.id, ()))
        while stack:
            nxt = stack.pop()
            if nxt == a.id:
                problems.append(
                    Problem(
                        a.source_file or a.id,
                        a.lines.get("relations"),
                        "relations",
                        "supersedes or suspends itself through other agreements",
                    )
                )
                break
            if nxt not in seen:
                seen.add(nxt)
                stack.extend(edges.get(nxt, ()))
    return problems
