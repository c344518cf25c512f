"""Storing what the readers yield: in batches, each its own transaction, so a killed run resumes.

A report's id is its content hash plus source, and inserts skip ids already stored, so running the
same ingest again (after a crash or on purpose) finishes the work and adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.ingest import read_inputs
from trucewatch.ingest.ledger import RepeatedId, RunLedger
from trucewatch.ingest.records import Rejected
from trucewatch.ingest.tabular import ColumnMapping
from trucewatch.model.report import Report
from trucewatch.store.db import Store
from trucewatch.store.reports import save_origins, save_rejections, save_reports
from trucewatch.store.schema import ingest_runs

BATCH_SIZE = 200
REJECTIONS_KEPT = 1000  # for the closing summary; the quarantine table keeps every one


@dataclass
class IngestSummary:
    """What an ingest run did, for the closing summary and for tests."""

    read: int = 0
    new: int = 0
    already_present: int = 0
    repeated_in_input: int = 0  # same source and text met earlier in this run: stored once
    quarantined: int = 0
    repaired: int = 0
    rejections: list[Rejected] = field(default_factory=list)  # the first REJECTIONS_KEPT
    repeated_ids: list[RepeatedId] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)  # repair description → reports

    def note_rejection(self, item: Rejected) -> None:
        """Count an input refused; keep the first ``REJECTIONS_KEPT`` to show."""
        self.quarantined += 1
        if len(self.rejections) < REJECTIONS_KEPT:
            self.rejections.append(item)

    def note_read(self, repairs: Iterable[str]) -> None:
        """Count a report read, and what was repaired in it (by kind, numbers dropped)."""
        self.read += 1
        if repairs:
            self.repaired += 1
            for repair in repairs:
                key = repair.split(" (")[0].lstrip("0123456789 ")
                self.repairs[key] = self.repairs.get(key, 0) + 1

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be read."""
        return self.read > 0 or self.quarantined == 0

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "new": self.new,
            "already_present": self.already_present,
            "repeated_in_input": self.repeated_in_input,
            "quarantined": self.quarantined,
            "repaired": self.repaired,
        }


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    source: str | None = None,
    on_item: Callable[[Report | Rejected], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestSummary:
    """Read ``paths`` and store every report once; quarantine what cannot be read."""
    paths = [str(p) for p in paths]
    summary = IngestSummary()
    with store.transaction() as conn:
        run_id = conn.execute(
            ingest_runs.insert().values(started_at=_now(), inputs=paths)
        ).inserted_primary_key[0]

    reports: list[Report] = []
    rejected: list[Rejected] = []
    arrivals: list[tuple[str, str | None, int | None, str | None]] = []  # every place, repeats too

    def flush() -> None:
        with store.transaction() as conn:
            new = save_reports(conn, reports)
            save_rejections(conn, rejected)
            save_origins(conn, arrivals)
        arrivals.clear()
        summary.new += len(new)
        summary.already_present += len(reports) - len(new)
        reports.clear()
        rejected.clear()

    with RunLedger() as ledger:
        for item in read_inputs(paths, fmt, mapping, source):
            if on_item is not None:
                on_item(item)
            if isinstance(item, Rejected):
                summary.note_rejection(item)
                rejected.append(item)
            else:
                summary.note_read(item.repairs)
                arrivals.append((item.id, item.origin, item.row, item.url))
                if item.external_id is not None and item.row is not None:
                    ledger.note_row(
                        item.origin or "", item.external_id, item.row, item.content_hash
                    )
                if ledger.first_time(item.id):
                    reports.append(item)
                else:
                    summary.repeated_in_input += 1
            if len(arrivals) + len(rejected) >= batch_size:
                flush()
        flush()
        summary.repeated_ids.extend(ledger.repeated_ids())

    with store.transaction() as conn:
        conn.execute(
            ingest_runs.update()
            .where(ingest_runs.c.id == run_id)
            .values(finished_at=_now(), counts=summary.as_dict())
        )
    return summary


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
