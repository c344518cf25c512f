"""Time text reuse detection at growing corpus sizes and report the growth exponent.

Usage::

    .venv/bin/python bench/make_corpus.py --n 100000 --out /tmp/reuse-100k.jsonl
    .venv/bin/python bench/reuse_bench.py --corpus /tmp/reuse-100k.jsonl --sizes 10000 100000

Each size takes the first N reports of the corpus (a prefix keeps reprint families intact, since a
report is only derived from earlier ones). Without ``--corpus`` a corpus of the largest size is
generated first. Prints, per size: seconds for ``find_reuse``, reports per second, clusters found,
and pair precision/recall against the generator's ``derived_from`` links (two reports are a true
pair when they are in one family: linked by derivations). Then the log-log slope of time against
size: 1.0 is linear; the target is at most 1.15.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# The generator sits next to this script; import it by file location, not as a package "bench"
# (a namespace package that any bench.py elsewhere on the path would shadow).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import DEFAULT_FAKES, generate

from trucewatch.corroborate.reuse import ReuseDoc, find_reuse


def load(path: Path, n: int) -> tuple[list[ReuseDoc], dict[str, list[str]]]:
    """The first ``n`` reports of a corpus file and their ``derived_from`` links."""
    docs: list[ReuseDoc] = []
    links: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            row = json.loads(line)
            published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
            docs.append(ReuseDoc(row["id"], row["text"], published, row.get("source")))
            links[row["id"]] = row.get("derived_from", [])
    return docs, links


def true_pairs(links: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Pairs of reports in one family (connected by derivations)."""
    parent = {i: i for i in links}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for child, sources in links.items():
        for s in sources:
            if s in parent:
                parent[find(child)] = find(s)
    families: dict[str, list[str]] = defaultdict(list)
    for i in links:
        families[find(i)].append(i)
    return {
        tuple(sorted(p))  # type: ignore[misc]
        for members in families.values()
        if len(members) > 1
        for p in itertools.combinations(members, 2)
    }


def slope(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    """Command line: run the benchmark and print one line per size, then the exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--corpus", type=Path, help="JSONL from make_corpus.py (else generated)")
    parser.add_argument("--fakes", type=Path, default=DEFAULT_FAKES)
    args = parser.parse_args()

    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.gettempdir()) / f"trucewatch-reuse-{max(args.sizes)}.jsonl"
        if not corpus.exists():
            with corpus.open("w", encoding="utf-8") as out:
                for report in generate(max(args.sizes), 0.1, 2016, args.fakes):
                    out.write(report.to_json() + "\n")

    print(f"corpus: {corpus}")
    header = ("reports", "seconds", "reports/s", "clusters", "precision", "recall")
    print("{:>9} {:>9} {:>10} {:>9} {:>9} {:>7}".format(*header))
    timings: list[float] = []
    for n in args.sizes:
        docs, links = load(corpus, n)
        start = time.perf_counter()
        clusters = find_reuse(docs)
        elapsed = time.perf_counter() - start
        timings.append(elapsed)
        found = {tuple(sorted(p)) for c in clusters for p in itertools.combinations(c.members, 2)}
        truth = true_pairs(links)
        hits = len(found & truth)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(truth) if truth else 1.0
        print(
            f"{len(docs):>9} {elapsed:>9.1f} {len(docs) / elapsed:>10.0f} {len(clusters):>9} "
            f"{precision:>9.3f} {recall:>7.3f}",
            flush=True,
        )
    if len(args.sizes) > 1:
        print(f"growth exponent (log-log slope of time vs size): {slope(args.sizes, timings):.3f}")


if __name__ == "__main__":
    main()
