"""``trucewatch run`` on FA-KES: from an empty store, then incrementally after 10 new reports.

The CSV is split in two (all rows but the last ``--new``, then those), so the second ingest
brings reports the store has never seen. Prints the wall time of each stage and of the whole run,
and what each stage did. With ``--check``, a second store is built fresh from every row and
compared with the incremental one (events, members, rulings, reuse clusters and passages, claim
comparisons): the incremental run must end where a fresh build ends. Figures go to
docs/benchmarks.md.

    .venv/bin/python bench/run_bench.py --csv ../shared/data/fakes/FA-KES-Dataset.csv --check
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from trucewatch.ingest.run import ingest
from trucewatch.ingest.tabular import BUILTIN_MAPPINGS
from trucewatch.pipeline import StageReport, run_stages
from trucewatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _split(source: Path, new: int, out: Path) -> tuple[Path, Path]:
    csv.field_size_limit(sys.maxsize)
    # latin-1 maps every byte to one character, so the split keeps the bytes as they were.
    with source.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    first, second = out / "first.csv", out / "new.csv"
    for path, part in ((first, body[:-new]), (second, body[-new:])):
        with path.open("w", encoding="latin-1", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(part)
    return first, second


def _timed_run(store, agreements: Path) -> tuple[float, list[tuple[StageReport, float]]]:
    marks: list[tuple[StageReport, float]] = []
    last = time.perf_counter()
    start = last

    def done(report: StageReport) -> None:
        nonlocal last
        now = time.perf_counter()
        marks.append((report, now - last))
        last = now

    run_stages(store, agreements, on_stage=done)
    return time.perf_counter() - start, marks


def _derived(store) -> tuple:
    """What corroboration and adjudication derive, without surrogate keys or times of writing."""
    from sqlalchemy import select

    from trucewatch.store.corroboration_tables import (
        claim_comparisons,
        event_members,
        events,
        reuse_members,
        reuse_passages,
    )
    from trucewatch.store.rulings import current_rulings

    def rows(table, skip=("id", "corroborated_at")) -> list:
        return sorted(
            repr(tuple(v for k, v in r._mapping.items() if k not in skip))
            for r in conn.execute(select(table))
        )

    with store.engine.connect() as conn:
        skip_events = ("corroborated_at",)
        out = [rows(events, skip_events), rows(event_members, ())]
        out += [rows(t) for t in (reuse_members, reuse_passages, claim_comparisons)]
        live = {r.id for r in conn.execute(select(events.c.id))}
        out.append(
            sorted(
                repr((s.ruling.incident, s.ruling.agreement, s.ruling.ruling, s.ruling.reasons))
                for s in current_rulings(conn)
                if s.ruling.incident in live
            )
        )
    return tuple(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default a temporary SQLite)")
    parser.add_argument("--agreements", type=Path, default=ROOT / "examples/syria-2016/agreements")
    parser.add_argument("--check", action="store_true", help="compare with a fresh build")
    parser.add_argument(
        "--fresh-db", default=None, help="empty store for --check (default a temporary SQLite)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        first, second = _split(args.csv, args.new, Path(tmp))
        store = open_store(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}")
        for label, feed in (("empty store", first), (f"after {args.new} new reports", second)):
            t0 = time.perf_counter()
            summary = ingest(store, [feed], mapping=BUILTIN_MAPPINGS["fakes"])
            took = time.perf_counter() - t0
            print(f"== {label}: ingest {summary.new} new reports in {took:.1f} s")
            total, marks = _timed_run(store, args.agreements)
            for report, seconds in marks:
                state = "ran" if report.ran else "skipped"
                print(f"  {report.stage:12} {state:8} {seconds:7.1f} s  {report.lines[0][:90]}")
            print(f"  run total {total:.1f} s")
        if args.check:
            fresh = open_store(args.fresh_db or f"sqlite:///{Path(tmp) / 'fresh.db'}")
            ingest(fresh, [first, second], mapping=BUILTIN_MAPPINGS["fakes"])
            took, _ = _timed_run(fresh, args.agreements)
            same = _derived(store) == _derived(fresh)
            print(f"== fresh build over every row: {took:.1f} s; the same as incremental: {same}")
            fresh.close()
        store.close()


if __name__ == "__main__":
    main()
