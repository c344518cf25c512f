"""Peak memory of a streaming ingest at growing corpus sizes: it should stay flat.

    .venv/bin/python bench/memory.py --sizes 10000 100000 [--corpus FILE] [--engine dask]

Each size runs in a fresh child process (so peaks do not carry over) that ingests the first N
reports of a generated JSONL corpus into a new SQLite store and reports its peak resident set
(VmHWM), beside its resident set after imports. With ``--engine dask`` the figure is the
driver's (the process that plans partitions and writes); workers hold one partition at a time.
Without ``--corpus`` the corpus is generated with ``bench/make_corpus.py``. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def peak_mb() -> float:
    """This process's peak resident set so far, in MB.

    VmHWM belongs to this program alone; ``ru_maxrss`` would carry over the parent's peak
    across ``exec`` on Linux.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(corpus: Path, db: Path, engine: str) -> None:
    """Ingest ``corpus`` into a new store at ``db``; print the figures as JSON."""
    from trucewatch.ingest.run import ingest
    from trucewatch.scale import ingest_dask
    from trucewatch.store import open_store

    store = open_store(f"sqlite:///{db}")
    baseline = peak_mb()
    t0 = time.perf_counter()
    if engine == "dask":
        summary = ingest_dask(store, [corpus], workers=2, chunk_bytes=2_000_000)
    else:
        summary = ingest(store, [corpus])
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {"read": summary.read, "seconds": seconds, "baseline": baseline, "peak": peak_mb()}
        )
    )


def head(corpus: Path, n: int, out: Path) -> Path:
    """The first ``n`` lines of ``corpus`` (streamed)."""
    with corpus.open("rb") as src, out.open("wb") as dst:
        dst.writelines(itertools.islice(src, n))
    return out


def main() -> None:
    """Command line: run one child per size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--corpus", type=Path, help="JSONL corpus with at least max(sizes) lines")
    parser.add_argument("--engine", choices=("single", "dask"), default="single")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.engine)
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(BENCH))
            from throughput import write_corpus

            corpus = write_corpus(max(args.sizes), folder / "corpus.jsonl")
        results = []
        for n in args.sizes:
            part = head(corpus, n, folder / f"head-{n}.jsonl")
            db = folder / f"store-{n}.db"
            out = subprocess.run(
                [sys.executable, __file__, "--engine", args.engine, "--child", str(part), str(db)],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            results.append((n, part.stat().st_size, figures))
            part.unlink()
            db.unlink()

    print(f"{args.engine} ingest, SQLite, load average {os.getloadavg()[0]:.1f} at the end.")
    print()
    print("| reports | input MB | seconds | reports/s | RSS after imports MB | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for n, size, f in results:
        print(
            f"| {n:,} | {size / 1e6:.0f} | {f['seconds']:.1f} | {f['read'] / f['seconds']:.0f} "
            f"| {f['baseline']:.0f} | {f['peak']:.0f} |"
        )
    if len(results) > 1:
        (n0, _, a), (n1, _, b) = results[0], results[-1]
        print(f"\nPeak RSS grew {b['peak'] / a['peak']:.2f}× while the input grew {n1 / n0:.0f}×.")


if __name__ == "__main__":
    main()
