"""Throughput of the extraction pipeline on FA-KES, beside spaCy blank tokenisation alone.

    .venv/bin/python bench/extract_bench.py [../shared/data/fakes/FA-KES-Dataset.csv]

Single process. Loading the gazetteers happens once, before the clock starts (reported apart).
Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from trucewatch.extract.evaluate import read_fakes
from trucewatch.extract.pipeline import build_pipeline, extract_many
from trucewatch.model.report import Report, Source

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared/data/fakes/FA-KES-Dataset.csv"


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """The fastest of several timed runs (seconds): the least disturbed by other load."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(csv_path: Path = DEFAULT_CSV, runs: int = 3) -> str:
    """Measure and return the Markdown table."""
    reports = read_fakes(csv_path)
    texts = [r.text for r in reports]
    n = len(texts)
    chars = sum(len(t) for t in texts)

    t0 = time.perf_counter()
    build_pipeline()
    list(extract_many([Report(source=Source("warm-up"), text="Shells hit Aleppo.")]))
    load = time.perf_counter() - t0

    blank = spacy.blank("en")
    tok = best_of(runs, lambda: list(blank.pipe(texts, batch_size=64)))
    full = best_of(runs, lambda: list(extract_many(reports, batch_size=64)))
    rows = [
        ("spaCy blank('en') tokenisation only", tok),
        ("full trucewatch extraction pipeline", full),
    ]
    lines = [
        f"FA-KES: {n} articles, {chars / 1e6:.2f} M characters; best of {runs} runs, "
        f"one process; gazetteer and pipeline load {load:.2f} s (once, not timed).",
        "",
        "| pipeline | seconds | articles/s |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {secs:.2f} | {n / secs:.0f} |" for name, secs in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV))
