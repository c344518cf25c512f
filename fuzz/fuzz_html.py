"""Fuzz the html reader: ``python fuzz/fuzz_html.py -runs=N [corpus dir]``."""

from __future__ import annotations

from fuzzlib import ORIGIN, Known, check_finish, check_items, run

from trucewatch.ingest.html import read_html


def one_input(data: bytes) -> None:
    """Read one html file's bytes; every outcome must be a storable report or a clear rejection."""
    check_finish(check_items(read_html(data, ORIGIN)))


KNOWN: tuple[Known, ...] = ()  # no open bugs

if __name__ == "__main__":
    run(one_input, KNOWN)
