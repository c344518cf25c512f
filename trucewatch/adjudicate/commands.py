"""Command functions the CLI mounts: ``agreements check DIR`` and ``adjudicate ... --jsonl``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from trucewatch.adjudicate.actors import make_lookup
from trucewatch.adjudicate.incidents import IncidentFormatError, incident_from_json
from trucewatch.adjudicate.rules import adjudicate_all
from trucewatch.adjudicate.tally import tally
from trucewatch.agreements import load_record, read_record
from trucewatch.model.agreement import AgreementKind, Ruling
from trucewatch.model.incident import Incident

agreements_app = typer.Typer(help="Agreements, regimes and declarations as reviewable data.")


@agreements_app.callback()
def agreements() -> None:
    """Agreements, regimes and declarations as reviewable data."""  # keeps `check` a subcommand


@agreements_app.command("check")
def check(
    directory: Annotated[Path, typer.Argument(help="directory of agreement YAML files")],
) -> None:
    """Validate every file in DIRECTORY; list each problem with its file, line and field."""
    record = read_record(directory)
    if record.problems:
        for problem in record.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(record.problems)} problem(s) in {directory}", err=True)
        raise typer.Exit(1)
    kinds = {k: sum(a.kind == k for a in record.agreements) for k in AgreementKind}
    typer.echo(
        f"{directory}: OK: {kinds[AgreementKind.AGREEMENT]} agreements, "
        f"{kinds[AgreementKind.REGIME]} regimes, {kinds[AgreementKind.DECLARATION]} declarations, "
        f"{len(record.accessions)} accessions, {len(record.bulletins)} bulletin counts, "
        f"{len(record.designations)} designations, {len(record.control_areas)} control areas"
    )


def read_incidents(path: Path) -> Iterator[Incident]:
    """Incidents from a JSONL file: one incident per line, or ``extract --jsonl`` report lines.

    Report lines (``{"report": ..., "incidents": [...]}``) give their incidents ids of the form
    ``<report id>#<n>`` when they carry none.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IncidentFormatError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            items: list[dict[str, Any]]
            if isinstance(obj, dict) and "incidents" in obj:
                report = obj.get("report") or {}
                rid = report.get("id") or f"line{number}"
                items = [
                    {**inc, "id": inc.get("id") or f"{rid}#{i}", "report_id": rid}
                    for i, inc in enumerate(obj.get("incidents") or [])
                ]
            else:
                items = [obj]
            for item in items:
                try:
                    yield incident_from_json(item)
                except IncidentFormatError as exc:
                    raise IncidentFormatError(f"{path}:{number}: {exc}") from exc


def ruling_json(ruling: Ruling) -> dict[str, Any]:
    """One ruling as the ``--jsonl`` output gives it."""
    return {
        "agreement": ruling.agreement,
        "ruling": ruling.ruling.value,
        "reasons": [
            {"rule": r.rule, "fact": r.fact, "evidence": list(r.evidence)} for r in ruling.reasons
        ],
    }


def adjudicate_jsonl(
    agreements_dir: Path,
    incidents_file: Path,
    out: TextIO = sys.stdout,
    *,
    with_tally: bool = False,
) -> int:
    """Rule on every incident in ``incidents_file``; write one JSON object per incident to ``out``.

    Each line is ``{"incident": id, "rulings": [{"agreement", "ruling", "reasons"}]}``. With
    ``with_tally`` a last line ``{"tally": {...}}`` follows. Returns the number of incidents.
    Raises :class:`~trucewatch.agreements.AgreementFileError` if the agreement files have problems.
    """
    record = load_record(agreements_dir)
    actors = make_lookup()
    results = []
    ruled = adjudicate_all(
        read_incidents(incidents_file), record, resolve=actors.resolve, lineage=actors.lineage
    )
    for incident, rulings in ruled:
        results.append((incident, rulings))
        line = {"incident": incident.id, "rulings": [ruling_json(r) for r in rulings]}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    if with_tally:
        out.write(json.dumps({"tally": tally(results, actors).as_dict()}) + "\n")
    return len(results)
