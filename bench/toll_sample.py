"""Main-incident death tolls on FA-KES articles outside the dev gold, judged by hand.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    .venv/bin/python bench/toll_sample.py show out.jsonl      # read the sample to judge it
    .venv/bin/python bench/toll_sample.py score out.jsonl     # score against the judgements

The sample is fixed: batch k is drawn with ``random.Random(SEED + k)`` from the FA-KES rows in
neither dev gold file (so never tuned on) that earlier batches left; batch 0 has 50 rows,
batches 1 to 7 have 30. Batch 0 was judged at the start of round 10 on the extractor's output
and its errors sorted by cause, which then guided the round's toll changes; batch 1 was judged
from the texts alone (``show --blind`` hides the extractor's answer) after those changes, and
its misses then guided two more (so it is no longer blind); batch 2 was judged blind at the
end of the round and guided nothing: it is the unbiased check. Batch 3 was drawn and judged
blind at the start of round 11, before that round's toll changes, and guided nothing either:
it is round 11's unbiased after-figure. Batch 4 was drawn and judged blind at the start of
round 13 (branch x-toll3), before that round's toll changes, and guided nothing: it is round
13's unbiased after-figure (20/30 before the changes and 20/30 after; its misses' causes were
labelled only after that last score, for the next round to study). Round 14 (x-toll4) drew no
new batch: it studied batches 0-3 and took batch 4's summary line as its after-figure only
(``score`` prints no row of it): 20/30 at the start, 22/30 at the end. Batch 5 (30 rows) was
drawn and judged blind at the start of round 16 (branch r16-toll), before that round's toll
changes; it guided nothing and stays blind (``score`` prints its summary only). Batch 6 (30
rows) was drawn and judged blind at the start of round 19 (branch r19-toll), before that round's
toll changes; it guided nothing and stays blind. Round 19 unblinded batch 4 (the oldest blind
batch) to study its misses, so batch 4 is no longer an unbiased check. Batch 7 (30 rows) was
drawn and judged blind at the start of round 21 (branch r21-toll), from the texts alone and
before that round's toll changes; it guided nothing and stays blind.

Judgements are in ``toll_sample_judged.jsonl`` beside this script: one line per row with its
``batch``, the main incident's ``killed_low`` and ``killed_high`` read by GOLD-DEV.md's
conventions (exact N → N/N, "at least N" → N/null, "about N" → N/N, "dozens" → 24/null,
sources differing → smallest/largest, an update replacing the earlier count; both null when
the article gives no death toll for its main incident or has none) and ``cause``, our short
label of why the extractor's first answer was wrong (empty when it was right). Only row
numbers, figures and our labels are stored; the texts are read from ../shared at run time.

``score`` counts the toll right as ``trucewatch eval gold`` does: the predicted best (else
low) killed lies within the judged range, and a judged null wants no killed figure at all.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from blind_rows import blind_rows
from date_sample import (
    _evidence,
    _load,
    _main,
    draw_sample,
    print_causes,
    print_sample,
    read_judged,
    sample_command,
)

JUDGED = Path(__file__).with_name("toll_sample_judged.jsonl")
SEED = 1510
SIZES = (50, 30, 30, 30, 30, 30, 30, 30)
# Batches still blind: ``score`` prints only their summary line (no rows, no causes), so a
# round may take its after-figure without reading which rows were missed.
BLIND = frozenset({5, 6, 7})


def sample_rows(n_rows: int) -> dict[int, int]:
    """This script's sample: batch k of SIZES[k] rows from SEED."""
    return draw_sample(n_rows, SEED, SIZES)


def show(out_path: str, chars: int, batch: int | None, blind: bool) -> None:
    """Print the sample to judge, with (unless blind) the main incident's toll and evidence."""
    print_sample(
        out_path,
        chars,
        batch,
        blind,
        sample_rows,
        lambda _rec, _report: "",
        lambda main: (
            f"{main['type']} {main['place']} killed={main['killed']} "
            f"ev={_evidence(main, ('killed',))}"
        ),
    )


def toll_right(main: dict[str, Any] | None, low: int | None, high: int | None) -> bool:
    """Whether the predicted killed figure fits the judged range (``eval gold``'s reading)."""
    killed = (main or {}).get("killed") or {}
    point = killed.get("best") if killed.get("best") is not None else killed.get("low")
    if low is None and high is None:
        return point is None and killed.get("high") is None
    if point is None:
        return False
    return (low is None or point >= low) and (high is None or point <= high)


def score(out_path: str) -> None:
    """Accuracy of the main incident's death toll against the hand judgements."""
    records = _load(out_path)
    judged = read_judged(JUDGED)
    hidden = blind_rows(len(records))
    names = ("batch 0 (causes found here)", "batch 1 (judged blind, then two causes fixed)")
    blind = (
        "batch 2 (blind)",
        "batch 3 (blind, round 11)",
        "batch 4 (studied, round 19)",
        "batch 5 (blind, round 16)",
        "batch 6 (blind, round 19)",
        "batch 7 (blind, round 21)",
    )
    for batch, name in enumerate((*names, *blind)):
        rows = [j for j in judged if j["batch"] == batch]
        if not rows:
            continue
        right = 0
        wrong: Counter[str] = Counter()
        for j in rows:
            main = _main(records[j["row"]])
            ok = toll_right(main, j["killed_low"], j["killed_high"])
            right += ok
            if not ok and batch not in BLIND:
                wrong[j.get("cause") or "?"] += 1
                if j["row"] in hidden:
                    continue  # studied here, blind in another script: counted, never listed
                got = (main or {}).get("killed")
                want = (j["killed_low"], j["killed_high"])
                print(f"row {j['row']}: got {got} want {want} ({j.get('cause') or '?'})")
        n = len(rows)
        print(f"{name}: {n} rows, main toll in range {right}/{n} = {right / n:.1%}")
        print_causes(wrong)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``show OUT.jsonl`` or ``score OUT.jsonl``."""
    return sample_command(__doc__, show, score, argv)


if __name__ == "__main__":
    sys.exit(main())
