"""Archive backfills on a Dask cluster: ingest and extract, with the store as single-process runs
leave it.

The driver plans partitions lazily (groups of files, slices of big archives; pages of report ids),
keeps a few per worker in flight, and writes what comes back in bulk, one transaction per batch,
so a killed run resumes like a single-process one. Workers read and extract and return compact
rows: plain dicts ready to insert, never ORM objects or the whole corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, exists, select
from sqlalchemy.engine import make_url

from trucewatch.ingest.ledger import RunLedger
from trucewatch.ingest.records import Rejected, finish
from trucewatch.ingest.run import IngestSummary
from trucewatch.ingest.tabular import ColumnMapping
from trucewatch.pipeline import EXTRACTOR, ExtractSummary, finish_extract, start_redo
from trucewatch.scale.cluster import PipelineLoader, dask_client, ordered_map
from trucewatch.scale.partitions import (
    CHUNK_BYTES,
    FILES_PER_PARTITION,
    Partition,
    Slice,
    plan_partitions,
    read_partition,
)
from trucewatch.store.bulk import insert_ignoring_conflicts
from trucewatch.store.db import Store, create_store_engine
from trucewatch.store.incidents import ExtractionRows, extraction_rows, replace_extractions
from trucewatch.store.schema import (
    extractions,
    ingest_runs,
    reports,
)

BULK_ROWS = 2000  # reports per write transaction
EXTRACT_PARTITION = 100  # reports per extraction task: ~0.6 s on a core, a short tail to balance
_PLACEHOLDER_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # the driver stamps the real time


# ---------------------------------------------------------------- ingest


def _ingest_partition(
    part: Partition, fmt: str, mapping: ColumnMapping | None, source: str | None
) -> tuple[list[dict[str, Any] | Rejected], bool]:
    """Worker: read one partition and turn each report into the row the store will hold."""
    from trucewatch.store.reports import _row

    drafts, stopped = read_partition(part, fmt, mapping)
    out: list[dict[str, Any] | Rejected] = []
    for item in drafts:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        report = finish(item, default_source=source or "unknown")
        row = _row(report, 0, _PLACEHOLDER_TIME)
        row["source"] = report.source.name
        out.append(row)
    return out, stopped


@dataclass
class _IngestTally:
    """The driver's bookkeeping, item by item, exactly as ``ingest.run.ingest`` keeps it: the
    same summary methods, and the same on-disk ledger of ids met (memory stays flat)."""

    ledger: RunLedger
    summary: IngestSummary = field(default_factory=IngestSummary)
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    arrivals: list[tuple[str, str | None, int | None, str | None]] = field(default_factory=list)

    def add(self, item: dict[str, Any] | Rejected) -> None:
        summary = self.summary
        if isinstance(item, Rejected):
            summary.note_rejection(item)
            self.rejected.append(item)
            return
        summary.note_read(item["repairs"])
        self.arrivals.append((item["id"], item["origin"], item["row"], item["url"]))
        if item["external_id"] is not None and item["row"] is not None:
            self.ledger.note_row(
                item["origin"] or "", item["external_id"], item["row"], item["content_hash"]
            )
        if self.ledger.first_time(item["id"]):
            self.rows.append(item)
        else:
            summary.repeated_in_input += 1

    def flush(self, store: Store) -> None:
        """Write the pending reports and rejections in one transaction."""
        from trucewatch.store.reports import save_origins, save_rejections, source_ids

        if not self.rows and not self.rejected and not self.arrivals:
            return
        now = dt.datetime.now(dt.UTC)
        with store.transaction() as conn:
            ids = source_ids(conn, {row["source"] for row in self.rows})
            rows = []
            for row in self.rows:
                stored = {k: v for k, v in row.items() if k != "source"}
                stored["source_id"] = ids[row["source"]]
                stored["ingested_at"] = now
                rows.append(stored)
            new = insert_ignoring_conflicts(conn, reports, rows)
            save_rejections(conn, self.rejected)  # rare: the row-at-a-time path is fine
            save_origins(conn, self.arrivals)
        self.arrivals.clear()
        self.summary.new += new
        self.summary.already_present += len(rows) - new
        self.rows.clear()
        self.rejected.clear()

    def finish(self) -> IngestSummary:
        self.summary.repeated_ids.extend(self.ledger.repeated_ids())
        return self.summary


def ingest_dask(
    store: Store,
    paths: Iterable[str | Path],
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    source: str | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
    batch_rows: int = BULK_ROWS,
) -> IngestSummary:
    """Ingest ``paths`` on a Dask cluster; the store and summary match ``ingest.run.ingest``.

    ``scheduler`` is the address of a running scheduler; without it a local cluster of
    ``workers`` processes is started for the run. ``chunk_bytes`` is the slice size for big CSV
    and JSON Lines archives.
    """
    paths = [str(p) for p in paths]
    with store.transaction() as conn:
        run_id = conn.execute(
            ingest_runs.insert().values(started_at=dt.datetime.now(dt.UTC), inputs=paths)
        ).inserted_primary_key[0]
    stopped_files: set[str] = set()
    planned = plan_partitions(
        paths, fmt, chunk_bytes=chunk_bytes, files_per_partition=files_per_partition
    )
    with RunLedger() as ledger, dask_client(scheduler, workers) as client:
        tally = _IngestTally(ledger)
        for part, (items, stopped) in ordered_map(
            client, _ingest_partition, planned, fmt, mapping, source
        ):
            if isinstance(part, Slice):
                # A single read gives up on a file at a line it refuses; so do we.
                if part.path in stopped_files:
                    continue
                if stopped:
                    stopped_files.add(part.path)
            for item in items:
                tally.add(item)
                if len(tally.rows) + len(tally.rejected) >= batch_rows:
                    tally.flush(store)
        tally.flush(store)
        summary = tally.finish()
    with store.transaction() as conn:
        conn.execute(
            ingest_runs.update()
            .where(ingest_runs.c.id == run_id)
            .values(finished_at=dt.datetime.now(dt.UTC), counts=summary.as_dict())
        )
    return summary


# ---------------------------------------------------------------- extract

_engines: dict[str, Engine] = {}


def _worker_engine(url: str) -> Engine:
    """One engine per worker process and store (pipelines and pools are reused across tasks)."""
    if url not in _engines:
        _engines[url] = create_store_engine(url)
    return _engines[url]


def _extract_partition(ids: tuple[str, ...], url: str) -> list[ExtractionRows]:
    """Worker: read these reports from the store, extract them, return rows to insert."""
    from trucewatch.extract import extract_many
    from trucewatch.store.reports import iter_reports

    with _worker_engine(url).connect() as conn:
        found = list(iter_reports(conn, list(ids)))
    out = []
    for report, extraction in extract_many(found):
        rid = report.id
        out.append(extraction_rows(rid, extraction.incidents, extraction.claims, _PLACEHOLDER_TIME))
    return out


def _id_pages(store: Store, redo: bool, size: int) -> Iterator[tuple[str, ...]]:
    """Report ids to extract, a page at a time (keyset pagination: no whole-corpus list)."""
    last = ""
    while True:
        query = select(reports.c.id).where(reports.c.id > last).order_by(reports.c.id).limit(size)
        if not redo:
            # NOT EXISTS probes the extractions key per candidate report; NOT IN would build the
            # whole set of extracted ids for every page (25 ms a page at 100k extracted on
            # SQLite, 2 ms this way), and that set grows as the backfill runs.
            done = exists().where(
                extractions.c.report_id == reports.c.id, extractions.c.extractor == EXTRACTOR
            )
            query = query.where(~done)
        with store.engine.connect() as conn:
            page = tuple(conn.execute(query).scalars())
        if not page:
            return
        yield page
        last = page[-1]


def worker_url(store: Store) -> str:
    """The store's URL as a worker process must open it (password kept, SQLite path absolute)."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("an in-memory SQLite store cannot be shared with Dask workers")
        url = url.set(database=str(Path(url.database).resolve()))
    return make_url(url).render_as_string(hide_password=False)


def _save_rows(store: Store, results: list[ExtractionRows]) -> None:
    """Replace these reports' extractions with the new rows, in one transaction."""
    with store.transaction() as conn:
        replace_extractions(conn, results, EXTRACTOR, dt.datetime.now(dt.UTC))


def extract_dask(
    store: Store,
    *,
    redo: bool = False,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = EXTRACT_PARTITION,
) -> ExtractSummary:
    """Extract stored reports on a Dask cluster; the store ends as ``extract_stored`` leaves it.

    Workers open the store themselves (by URL), so a remote cluster needs network access to the
    database; SQLite works for a local cluster on the same machine.
    """
    url = worker_url(store)
    summary = ExtractSummary()
    started = dt.datetime.now(dt.UTC)
    if redo:
        start_redo(store)
    with dask_client(scheduler, workers) as client:
        client.register_plugin(PipelineLoader())
        pages = _id_pages(store, redo, partition_size)
        for _ids, results in ordered_map(client, _extract_partition, pages, url):
            _save_rows(store, results)
            for x in results:
                summary.reports += 1
                summary.incidents += len(x.incidents)
                summary.claims += len(x.claims)
                for row in x.incidents:
                    summary.by_type[row["type"]] = summary.by_type.get(row["type"], 0) + 1
    finish_extract(store, summary, started)
    return summary
