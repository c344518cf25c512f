"""FA-KES rows no one may read: every row in a blind batch of any hand-judged sample script.

Each sample script draws its own batches (``date_sample.draw_sample``), so a row one script
studies can sit in another script's blind batch. Listing that row's misses or text while
studying the first would unblind it for the second. The scripts ask :func:`blind_rows` before
they list a row of a studied batch.

    .venv/bin/python bench/blind_rows.py      # how many rows each script keeps blind
"""

from __future__ import annotations

import importlib
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The hand-judged sample scripts: each has sample_rows(n_rows) -> {row: batch} and BLIND.
SCRIPTS = ("date_sample", "toll_sample", "perp_sample", "place_sample", "recall_sample")


def blind_by_script(n_rows: int) -> dict[str, frozenset[int]]:
    """Each script's rows in its blind batches."""
    out = {}
    for name in SCRIPTS:
        script = importlib.import_module(name)
        rows = script.sample_rows(n_rows)
        out[name] = frozenset(row for row, batch in rows.items() if batch in script.BLIND)
    return out


@lru_cache(maxsize=4)
def blind_rows(n_rows: int) -> frozenset[int]:
    """Rows in a blind batch of any sample script (``n_rows``: rows in the FA-KES CSV)."""
    return frozenset().union(*blind_by_script(n_rows).values())


def main() -> int:
    """Print the count of blind rows per script and in all."""
    from date_sample import CSV

    from trucewatch.extract.evaluate import read_fakes

    n_rows = len(read_fakes(CSV))
    for name, rows in blind_by_script(n_rows).items():
        print(f"{name}: {len(rows)} blind rows")
    print(f"any script: {len(blind_rows(n_rows))} blind rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
