"""Pipeline stages over the store, shared by the CLI and the demo: each reads what the stage
before it stored and writes its own results in small transactions, so a killed run resumes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.store import Store
from trucewatch.store.incidents import iter_incidents, save_extraction, unextracted_report_ids
from trucewatch.store.reports import iter_reports, publication_dates, report_ids
from trucewatch.store.rulings import save_rulings

EXTRACT_BATCH = 100
EXTRACTOR = "trucewatch-extract-1"


@dataclass
class ExtractSummary:
    """What an extraction run over the store did."""

    reports: int = 0
    incidents: int = 0
    claims: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def extract_stored(
    store: Store,
    *,
    redo: bool = False,
    on_report: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ExtractSummary:
    """Extract the stored reports this extractor version has not read yet (all with ``redo``)."""
    from trucewatch.extract import extract_many

    with store.engine.connect() as conn:
        ids = report_ids(conn) if redo else unextracted_report_ids(conn, EXTRACTOR)
    if on_total is not None:
        on_total(len(ids))
    summary = ExtractSummary()
    for start in range(0, len(ids), EXTRACT_BATCH):
        batch = ids[start : start + EXTRACT_BATCH]
        with store.engine.connect() as conn:
            reports = list(iter_reports(conn, batch))
        with store.transaction() as conn:
            for report, extraction in extract_many(reports):
                save_extraction(conn, report.id, extraction.incidents, extraction.claims, EXTRACTOR)
                summary.reports += 1
                summary.incidents += len(extraction.incidents)
                summary.claims += len(extraction.claims)
                for incident in extraction.incidents:
                    kind = incident.type.value
                    summary.by_type[kind] = summary.by_type.get(kind, 0) + 1
                if on_report is not None:
                    on_report()
    return summary


@dataclass
class AdjudicateSummary:
    """What an adjudication run over the store did."""

    incidents: int = 0
    rulings: int = 0
    new_versions: int = 0
    tally: dict[str, object] = field(default_factory=dict)


def adjudicate_stored(store: Store, agreements_dir: Path) -> AdjudicateSummary:
    """Rule on every stored incident under the agreements in ``agreements_dir``.

    Who was a party when comes from the accessions the agreement files cite and those the centre
    recorded. Rulings are versioned: one is stored again only when its verdict or reasons changed
    (new facts, new terms, a new accession), so running this twice adds nothing.
    """
    from trucewatch.adjudicate.actors import make_lookup
    from trucewatch.adjudicate.rules import adjudicate_all
    from trucewatch.adjudicate.tally import tally
    from trucewatch.agreements import load_record
    from trucewatch.centre.parties import accessions_in_force

    record = load_record(agreements_dir)
    actors = make_lookup()
    with store.engine.connect() as conn:
        incidents = list(iter_incidents(conn))
        recorded = accessions_in_force(conn)
        reported = publication_dates(conn)
    results = list(
        adjudicate_all(
            incidents,
            record,
            accessions=recorded,
            resolve=actors.resolve,
            lineage=actors.lineage,
            reported=reported,
        )
    )
    with store.transaction() as conn:
        new_versions = save_rulings(conn, [r for _, rulings in results for r in rulings])
    return AdjudicateSummary(
        incidents=len(results),
        rulings=sum(len(r) for _, r in results),
        new_versions=new_versions,
        tally=tally(results, actors).as_dict(),
    )
