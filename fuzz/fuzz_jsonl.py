"""Fuzz the JSON Lines reader: ``python fuzz/fuzz_jsonl.py -runs=N [corpus dir]``."""

from __future__ import annotations

import io

from fuzzlib import ORIGIN, Known, check_finish, check_items, run

from trucewatch.ingest.tabular import read_jsonl


def one_input(data: bytes) -> None:
    """Read one JSON Lines file's bytes; refusals name their line."""
    drafts = check_items(read_jsonl(io.BytesIO(data), ORIGIN))
    lines = data.count(b"\n") + 1
    assert all(0 <= (d.row or 0) < lines for d in drafts), "a report from a line past the end"
    check_finish(drafts)


# Open bug: deeply nested JSON on one line raises RecursionError out of read_jsonl.
KNOWN: tuple[Known, ...] = ()  # no open bugs

if __name__ == "__main__":
    run(one_input, KNOWN)
