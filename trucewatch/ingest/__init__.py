"""Ingest: read reports from text, HTML, CSV and JSON Lines into the store, idempotently.

``read_inputs`` yields finished Reports (identity and publication time resolved) and Rejected
inputs; ``trucewatch.ingest.run.ingest`` stores them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from trucewatch.ingest.records import Rejected, finish
from trucewatch.ingest.tabular import BUILTIN_MAPPINGS, ColumnMapping
from trucewatch.model.report import Report

__all__ = ["BUILTIN_MAPPINGS", "ColumnMapping", "Rejected", "read_inputs"]


def read_inputs(
    paths: Iterable[str | Path],
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    source: str | None = None,
) -> Iterator[Report | Rejected]:
    """Read every report in ``paths``; ``source`` names the sender when the input does not."""
    from trucewatch.ingest.readers import read_drafts

    for item in read_drafts(paths, fmt, mapping):
        if isinstance(item, Rejected):
            yield item
        else:
            yield finish(item, default_source=source or "unknown")
