"""Pipeline stages over the store, shared by the CLI and the demo: each reads what the stage
before it stored and writes its own results in small transactions, so a killed run resumes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from trucewatch.store import Store
from trucewatch.store.incidents import save_extraction, unextracted_report_ids
from trucewatch.store.reports import iter_reports, report_ids

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
