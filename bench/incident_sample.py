"""Print a seeded random sample of FA-KES articles outside the dev gold with the violent
incidents extracted from each, for judging precision and main type by hand.

    trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    python bench/incident_sample.py out.jsonl --seed 10 --n 50

Each incident shows its type, date, place and toll and the text around its type evidence, so a
reader can judge whether it is a real, new happening of that type (GOLD-DEV.md conventions).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from trucewatch.model.incident import NON_VIOLENT, IncidentType

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes"


def gold_rows() -> set[int]:
    """Rows of both dev gold files: never in the sample."""
    rows: set[int] = set()
    for name in ("gold-dev.jsonl", "gold-dev-2.jsonl"):
        for line in (SHARED / name).read_text().splitlines():
            if line.strip():
                rows.add(json.loads(line)["row"])
    return rows


def texts() -> list[str]:
    raw = (SHARED / "FA-KES-Dataset.csv").read_bytes().decode("cp1252", errors="replace")
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    return [r["article_content"] for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extracted")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--lead", type=int, default=500, help="characters of each article shown")
    args = ap.parse_args()
    out = [json.loads(x) for x in Path(args.extracted).read_text().splitlines() if x.strip()]
    gold = gold_rows()
    pool = sorted(o["report"]["row"] for o in out if o["report"]["row"] not in gold)
    rows = sorted(random.Random(args.seed).sample(pool, args.n))
    by_row = {o["report"]["row"]: o for o in out}
    content = texts()
    violent = {t.value for t in IncidentType if t not in NON_VIOLENT}
    for row in rows:
        o = by_row[row]
        text = content[row]
        print(
            f"=== row {row} {o['report']['source']} {o['report']['published']}: "
            f"{o['report']['title']}"
        )
        print("   ", " ".join(text[: args.lead].split()))
        for inc in o["incidents"]:
            if inc["type"] not in violent:
                continue
            ev = next((e for e in inc["evidence"] if e["field"] == "type"), None)
            ctx = ""
            if ev is not None:
                ctx = " ".join(text[max(0, ev["start"] - 160) : ev["end"] + 100].split())
            mark = "*" if inc["main"] else "-"
            print(
                f" {mark} {inc['type']} {inc['date']} {inc['place']} "
                f"k={inc['killed']['low']}/{inc['killed']['high']} @{ev and ev['start']}"
            )
            print(f"      ...{ctx}...")
        print()


if __name__ == "__main__":
    main()
