"""Which FA-KES rows a change to extraction touched, with hidden rows kept hidden.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > before.jsonl
    (change the code)
    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > after.jsonl
    .venv/bin/python bench/change_review.py before.jsonl after.jsonl [--claims] [--show]

Each row's incidents are reduced to a signature (type, governorate, place, date, best killed,
perpetrator; with ``--claims`` also each claim's quantity and claimant) and rows whose signature
changed are listed by standing:

- ``tuning``: rows of gold-dev.jsonl and the even (tuning) half of gold-dev-2.jsonl;
- ``hidden``: the odd (checking) half of gold-dev-2.jsonl and every row in a blind batch of a
  hand-judged sample script (``blind_rows.py``): only counted, never printed;
- ``unseen``: every other row, the ones a change is judged on.

``--show`` prints the before and after signatures of tuning and unseen rows (no article text).
A rule that changes only the rows it was built on is a case fix, not a method.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind_rows import blind_rows

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes"


def _gold_rows(name: str) -> list[int]:
    """FA-KES row numbers of a gold file, in line order."""
    with open(SHARED / name, encoding="utf-8") as fh:
        return [json.loads(line)["row"] for line in fh if line.strip()]


def standing_of_rows(n_rows: int) -> dict[int, str]:
    """Each gold or blind row's standing; rows missing from the map are unseen."""
    out: dict[int, str] = {row: "tuning" for row in _gold_rows("gold-dev.jsonl")}
    for i, row in enumerate(_gold_rows("gold-dev-2.jsonl")):
        out[row] = "tuning" if i % 2 == 0 else "hidden"
    for row in blind_rows(n_rows):
        out[row] = "hidden"
    return out


def signature(record: dict, claims: bool) -> list[str]:
    """A row's incidents (and claims) as sorted strings, so two runs compare line by line."""
    sig = []
    for inc in record["incidents"]:
        toll = inc["killed"]
        killed = toll["best"] if toll["best"] is not None else toll["low"]
        main = "*" if inc.get("main") else " "
        sig.append(
            f"{main}{inc['type']} | {inc['governorate']} | {inc['place']} | {inc['date']} | "
            f"killed {killed} | by {inc['perpetrator']}"
        )
    if claims:
        for claim in record["claims"]:
            sig.append(f"  claim {claim['quantity']:g} {claim['unit']} by {claim['claimant']}")
    return sorted(sig)


def _read(path: str) -> dict[int, dict]:
    with open(path, encoding="utf-8") as fh:
        records = (json.loads(line) for line in fh if line.strip())
        return {rec["report"]["row"]: rec for rec in records}


def main(argv: list[str] | None = None) -> int:
    """Print the changed rows per standing (and, with --show, the visible ones in full)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--claims", action="store_true", help="compare claims too")
    parser.add_argument("--show", action="store_true", help="print tuning and unseen changes")
    args = parser.parse_args(argv)
    before, after = _read(args.before), _read(args.after)
    standing = standing_of_rows(len(after))
    changed: dict[str, list[int]] = {"tuning": [], "unseen": [], "hidden": []}
    for row in sorted(set(before) | set(after)):
        old = signature(before[row], args.claims) if row in before else []
        new = signature(after[row], args.claims) if row in after else []
        if old != new:
            changed[standing.get(row, "unseen")].append(row)
    counts = Counter({k: len(v) for k, v in changed.items()})
    print(", ".join(f"{k}: {counts[k]}" for k in ("tuning", "unseen", "hidden")), "rows changed")
    for kind in ("tuning", "unseen"):
        print(f"{kind} rows: {' '.join(map(str, changed[kind])) or '-'}")
        if not args.show:
            continue
        for row in changed[kind]:
            print(f"\n## row {row} ({kind}): {after[row]['report']['title']}")
            for line in signature(before[row], args.claims):
                print(f"  - {line}")
            for line in signature(after[row], args.claims):
                print(f"  + {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
