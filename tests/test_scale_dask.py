"""Backfills on Dask: a real local cluster leaves the store exactly as a single-process run does.

The input mixes the real seed articles, a slice of the real FA-KES archive (cut into several
slices so that row and line numbers must be shifted back), a JSON Lines file of our own passages,
a copied file, a repeated archive row and unreadable rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import FAKES_CSV, SEEDS, needs
from trucewatch.ingest.run import ingest
from trucewatch.pipeline import extract_stored
from trucewatch.scale import extract_dask, ingest_dask
from trucewatch.scale.cluster import PipelineLoader, local_cluster
from trucewatch.store import Store
from trucewatch.store.bulk import insert_all, insert_ignoring_conflicts
from trucewatch.store.schema import (
    claims,
    extractions,
    incidents,
    ingest_runs,
    mentions,
    quarantine,
    report_origins,
    reports,
    sources,
)

FAKES_ROWS = 40
OUR_PASSAGES = [
    "Rockets struck a market in Douma on Monday, killing four civilians, medics said.",
    "Government aircraft bombed a bakery in Aleppo; at least seven people were injured.",
    "The monitoring group said clashes near Palmyra left twelve fighters dead.",
    "A convoy of twenty trucks reached Madaya with flour and medicine.",
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One real two-worker local cluster of processes for the module (its start is slow), started
    as ``--engine dask`` starts one."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def _fakes_slice(rows: int) -> bytes:
    """The FA-KES header and first ``rows`` records, byte for byte (cp1252 bytes kept)."""
    text = needs(FAKES_CSV).read_bytes().decode("latin-1")  # one char per byte: lossless
    records = list(csv.reader(io.StringIO(text, newline="")))[: rows + 1]
    records.insert(12, ["only", "three", "cells"])  # a malformed row in the second slice
    records.append(records[5])  # the same article again, further down
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue().encode("latin-1")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of mixed inputs, written once for the module."""
    root = tmp_path_factory.mktemp("corpus")
    for seed in sorted(needs(SEEDS).glob("0*.txt")):
        shutil.copy(seed, root / seed.name)
    first = sorted(SEEDS.glob("0*.txt"))[0]
    shutil.copy(first, root / "zz_copy_of_first.txt")
    (root / "archive.csv").write_bytes(_fakes_slice(FAKES_ROWS))
    lines = [json.dumps({"text": t, "source": "field-team"}) for t in OUR_PASSAGES * 3]
    lines.insert(5, "{not json")
    (root / "notes.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _snapshot(store: Store) -> dict[str, list[tuple]]:
    """The store's content, without autoincrement ids and clock times (they differ by run)."""
    with store.engine.connect() as conn:
        report_rows = conn.execute(
            select(reports, sources.c.name)
            .join(sources, sources.c.id == reports.c.source_id)
            .order_by(reports.c.id)
        ).all()
        drop = {"source_id", "ingested_at"}
        snap = {
            "reports": [
                tuple(v for k, v in r._mapping.items() if k not in drop) for r in report_rows
            ],
            "quarantine": conn.execute(
                select(
                    quarantine.c.id, quarantine.c.origin, quarantine.c.location, quarantine.c.reason
                ).order_by(quarantine.c.id)
            ).all(),
            "incidents": [
                tuple(v for k, v in r._mapping.items() if k != "extracted_at")
                for r in conn.execute(select(incidents).order_by(incidents.c.id))
            ],
            "claims": conn.execute(select(claims).order_by(claims.c.id)).all(),
            # Mention ids are autoincrement; their order within one incident or claim matters.
            "mentions": conn.execute(
                select(
                    mentions.c.report_id,
                    mentions.c.incident_id,
                    mentions.c.claim_id,
                    mentions.c.field,
                    mentions.c.start,
                    mentions.c.end,
                    mentions.c.text,
                ).order_by(mentions.c.incident_id, mentions.c.claim_id, mentions.c.id)
            ).all(),
            "extractions": conn.execute(
                select(
                    extractions.c.report_id,
                    extractions.c.extractor,
                    extractions.c.incidents,
                    extractions.c.claims,
                ).order_by(extractions.c.report_id)
            ).all(),
            "runs": conn.execute(select(ingest_runs.c.counts).order_by(ingest_runs.c.id)).all(),
        }
    return {k: [tuple(r) for r in v] for k, v in snap.items()}


def _wipe(store: Store) -> None:
    with store.transaction() as conn:
        tables = (mentions, claims, incidents, extractions, report_origins, reports, sources)
        for table in (*tables, quarantine):
            conn.execute(table.delete())
        conn.execute(ingest_runs.delete())


def test_dask_backfill_matches_single_process(store: Store, corpus: Path, scheduler: str) -> None:
    single_ingest = ingest(store, [corpus])
    single_extract = extract_stored(store)
    expected = _snapshot(store)
    _wipe(store)

    # Tiny slices and file groups, so the archive is cut in several places.
    dask_ingest = ingest_dask(
        store, [corpus], scheduler=scheduler, chunk_bytes=20_000, files_per_partition=2
    )
    dask_extract = extract_dask(store, scheduler=scheduler, partition_size=7)
    got = _snapshot(store)

    assert dask_ingest == single_ingest
    assert dask_extract == single_extract
    for table in expected:
        assert got[table] == expected[table], table
    # The input really exercised the awkward cases.
    assert single_ingest.repeated_in_input >= 2 and single_ingest.quarantined == 2
    assert any(r.location.startswith("row 11 ") for r in single_ingest.rejections)
    assert single_ingest.repeated_ids and single_extract.incidents > 0


def test_dask_runs_resume_and_redo_without_duplicates(
    store: Store, corpus: Path, scheduler: str
) -> None:
    first = ingest_dask(store, [corpus], scheduler=scheduler, chunk_bytes=20_000)
    extract_dask(store, scheduler=scheduler)
    before = _snapshot(store)

    again = ingest_dask(store, [corpus], scheduler=scheduler, chunk_bytes=20_000)
    assert again.new == 0 and again.already_present == first.new
    assert extract_dask(store, scheduler=scheduler).reports == 0  # nothing left to extract
    redone = extract_dask(store, scheduler=scheduler, redo=True)
    assert redone.reports == first.new

    after = _snapshot(store)
    for table in ("reports", "quarantine", "incidents", "claims", "mentions", "extractions"):
        assert after[table] == before[table], table


@pytest.mark.slow  # starts a cluster or renders a PDF: full `make test` only
def test_ingest_dask_starts_its_own_local_cluster(tmp_path: Path) -> None:
    from trucewatch.store import open_store

    notes = tmp_path / "notes.jsonl"
    notes.write_text("\n".join(json.dumps({"text": t}) for t in OUR_PASSAGES) + "\n")
    store = open_store(f"sqlite:///{tmp_path / 'own.db'}")
    summary = ingest_dask(store, [notes], workers=1)
    assert (summary.read, summary.new) == (len(OUR_PASSAGES), len(OUR_PASSAGES))
    store.close()


@pytest.mark.slow  # starts a cluster or renders a PDF: full `make test` only
def test_workers_joining_later_get_the_pipeline_ready() -> None:
    # A backfill on an adaptive or remote cluster gains workers mid-run: each must build the
    # pipeline as it joins, not in the middle of its first partition.
    import time

    from distributed import Client

    from trucewatch.extract.pipeline import build_pipeline

    def pipelines_built() -> int:
        return build_pipeline.cache_info().currsize

    with local_cluster(1) as cluster, Client(cluster) as client:
        assert set(client.run(pipelines_built).values()) == {0}  # nothing loads it by itself
        client.register_plugin(PipelineLoader())
        cluster.scale(2)
        client.wait_for_workers(2, timeout=60)
        # The scheduler counts a worker as soon as it registers; its plugins run just after.
        deadline = time.monotonic() + 30
        while (built := list(client.run(pipelines_built).values())) != [1, 1]:
            assert time.monotonic() < deadline, built
            time.sleep(0.2)


def test_bulk_insert_skips_stored_keys_and_keeps_types(store: Store) -> None:
    now = dt.datetime(2016, 2, 27, 0, 0, tzinfo=dt.UTC)
    with store.transaction() as conn:
        conn.execute(sources.insert().values(id=1, name="wire-a"))

    def row(n: int) -> dict:
        return {
            "id": f"r{n}",
            "source_id": 1,
            "content_hash": f"h{n}",
            "title": None,
            "url": None,
            "text": f"Shelling in Daraa, report {n}.",
            "raw": b"\x93quoted\x94 \x00bytes",
            "language": "en",
            "published_date": dt.date(2016, 3, n),
            "published_earliest": None,
            "published_latest": None,
            "published_basis": "metadata",
            "published_reason": None,
            "origin": "a.csv",
            "row": n,
            "external_id": None,
            "annotations": {"location": "Daraa", "n": n},
            "repairs": ["cp1252 byte repaired"],
            "ingested_at": now,
        }

    with store.transaction() as conn:
        assert insert_ignoring_conflicts(conn, reports, [row(1), row(2), row(1)]) == 2
    with store.transaction() as conn:
        assert insert_ignoring_conflicts(conn, reports, [row(2), row(3)]) == 1
        mention_rows = [
            {"report_id": "r3", "field": "place", "start": s, "end": s + 5, "text": "Daraa"}
            for s in (30, 10, 20)
        ]
        assert insert_all(conn, mentions, mention_rows) == 3
    with store.engine.connect() as conn:
        stored = conn.execute(select(reports).where(reports.c.id == "r3")).one()
        starts = conn.execute(select(mentions.c.start).order_by(mentions.c.id)).scalars().all()
    assert stored.raw == b"\x93quoted\x94 \x00bytes"
    assert stored.annotations == {"location": "Daraa", "n": 3}
    assert stored.repairs == ["cp1252 byte repaired"]
    assert stored.published_date == dt.date(2016, 3, 3)
    assert starts == [30, 10, 20]  # autoincrement ids follow the input order
