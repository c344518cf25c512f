"""Fuzz the CSV reader: ``python fuzz/fuzz_csv.py -runs=N [corpus dir]``."""

from __future__ import annotations

import io

from fuzzlib import ORIGIN, Known, check_finish, check_items, run

from trucewatch.ingest.tabular import read_csv


def one_input(data: bytes) -> None:
    """Read one CSV file's bytes; rows come back in order, refusals name their row and line."""
    drafts = check_items(read_csv(io.BytesIO(data), ORIGIN))
    rows = [d.row for d in drafts]
    assert rows == sorted(set(rows)), f"rows out of order or repeated: {rows}"
    check_finish(drafts)


KNOWN: tuple[Known, ...] = ()  # no open bugs

if __name__ == "__main__":
    run(one_input, KNOWN)
