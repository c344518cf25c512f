"""Incident recall on FA-KES articles outside the dev gold, judged by hand.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    .venv/bin/python bench/recall_sample.py show out.jsonl --blind   # read the texts to judge
    .venv/bin/python bench/recall_sample.py show out.jsonl           # ... with the extraction
    .venv/bin/python bench/recall_sample.py score out.jsonl          # recall and precision

The sample is fixed: batches of 30 rows (batch 3: 25), batch k drawn with
``random.Random(SEED + k)`` from the FA-KES rows in neither dev gold file that earlier batches
left (``date_sample.draw_sample``).
Batch 0 was judged at the start of round 11 from the texts alone (``show --blind``), before any
rule was changed; its misses were studied in round 13. Batch 1 was judged blind at the start of
round 13 with the code as it was then and guided no rule: ``score`` gives only its figures.
Batch 2 was judged blind the same way at the start of round 16 (branch r16-recall) and likewise
guides no rule. Batch 3 (25 rows) was judged blind at the start of round 19 (branch r19-recall)
and guides no rule; batch 1 was unblinded then to study its misses. Batch 4 (30 rows) was
judged blind at the start of round 21 (branch r21-recall), scored with the start code before any
rule changed, and guides no rule.

Judgements are in ``recall_sample_judged.jsonl`` beside this script: one line per row with its
``batch``, the article's ``kind`` (incident / roundup / discourse) and ``incidents``, a list of
the codable incidents by GOLD-DEV.md and GOLD-DEV-2.md conventions (at most 6, the most
prominent), each only as ``type``, ``governorate`` (or null) and ``date`` (or null). Only row
numbers and those labels are stored; the texts are read from ../shared at run time.

``score`` matches as ``trucewatch eval gold`` does: same type, same governorate, day within ±1
or both null, each judged incident paired with at most one extracted one. It prints, batch by
batch, recall (judged incidents found), precision (extracted incidents of the seven FA-KES types
that match a judged one; an extraction may be right yet unjudged because only the most prominent
six are coded, so this is a lower bound) and, for the studied batches, every miss.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from blind_rows import blind_rows
from date_sample import CSV, _load, draw_sample, read_judged, sample_command

from trucewatch.extract.gold import GOLD_TYPES

JUDGED = Path(__file__).with_name("recall_sample_judged.jsonl")
SEED = 1511
SIZES = (30, 30, 30, 25, 30)
# Batches judged blind and kept out of the search for causes: scored for their figures only.
BLIND = frozenset({2, 3, 4})
# The seven types FA-KES gold codes; truces and accessions are left out on both sides.
SCORED = GOLD_TYPES


def sample_rows(n_rows: int) -> dict[int, int]:
    """This script's sample: batch k of SIZES[k] rows from SEED."""
    return draw_sample(n_rows, SEED, SIZES)


def _scored(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in rec["incidents"] if i["type"] in SCORED]


def show(out_path: str, chars: int, batch: int | None, blind: bool) -> None:
    """Print each sampled article (title and text) and, unless blind, its extracted incidents."""
    from trucewatch.extract.evaluate import read_fakes

    reports = {r.row: r for r in read_fakes(CSV)}
    records = _load(out_path)
    for row, k in sample_rows(len(reports)).items():
        if batch is not None and k != batch:
            continue
        rep = reports[row]
        print(f"=== row {row} (batch {k}) {rep.title}")
        print(" ".join(rep.text[:chars].split()))
        if not blind:
            for inc in _scored(records[row]):
                print(f"  -> {inc['type']} {inc['governorate']} {inc['date']} ({inc['place']})")
        print()


def _day(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _match(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred["type"] != gold["type"] or pred["governorate"] != gold["governorate"]:
        return False
    a, b = _day(pred["date"]), _day(gold["date"])
    return a == b if a is None or b is None else abs((a - b).days) <= 1


def score(out_path: str) -> None:
    """Recall and (lower-bound) precision of the extracted incidents against the judgements,
    batch by batch; the misses are listed only for the batches studied (BLIND is read for its
    figures alone)."""
    records = _load(out_path)
    judged = read_judged(JUDGED)
    hidden = blind_rows(len(records))  # studied here, blind in another script: never listed
    for k in sorted({j["batch"] for j in judged}):
        rows = [j for j in judged if j["batch"] == k]
        name = f"batch {k} (blind, figures only)" if k in BLIND else f"batch {k} (causes studied)"
        _score(records, rows, name, list_misses=k not in BLIND, hidden=hidden)


def _score(
    records: dict[int, dict[str, Any]],
    judged: list[dict[str, Any]],
    name: str,
    list_misses: bool,
    hidden: frozenset[int] = frozenset(),
) -> None:
    found = n_gold = right = n_pred = 0
    false_on_empty = 0
    for j in judged:
        preds = _scored(records[j["row"]])
        listed = list_misses and j["row"] not in hidden
        free = list(range(len(preds)))
        for g in j["incidents"]:
            hit = next((i for i in free if _match(preds[i], g)), None)
            n_gold += 1
            if hit is None:
                if listed:
                    print(f"row {j['row']}: missed {g['type']} {g['governorate']} {g['date']}")
                continue
            free.remove(hit)
            found += 1
        if listed:
            for i in free:
                p = preds[i]
                told = f"{p['type']} {p['governorate']} {p['date']} ({p['place']})"
                print(f"row {j['row']}: false {told}")
        n_pred += len(preds)
        right += len(preds) - len(free)
        if not j["incidents"]:
            false_on_empty += len(preds)
    print(f"{name}: {len(judged)} rows")
    print(f"  recall {found}/{n_gold} = {found / max(n_gold, 1):.1%}")
    print(f"  precision (lower bound) {right}/{n_pred} = {right / max(n_pred, 1):.1%}")
    print(f"  incidents on rows judged to have none: {false_on_empty}")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``show OUT.jsonl [--blind]`` or ``score OUT.jsonl``."""
    return sample_command(__doc__, show, score, argv)


if __name__ == "__main__":
    sys.exit(main())
