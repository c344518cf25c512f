"""Main-incident places on FA-KES articles outside the dev gold, judged by hand.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    .venv/bin/python bench/place_sample.py show out.jsonl --blind  # read the sample to judge it
    .venv/bin/python bench/place_sample.py score out.jsonl         # score against the judgements

The sample is fixed: batches of 40 rows, batch k drawn with ``random.Random(SEED + k)`` from
the FA-KES rows in neither dev gold file (so never tuned on) that earlier batches left, by
``date_sample.draw_sample``. Batch 0 was judged at the start of round 11 (issue 15) from the
texts alone (``show --blind`` hides the extractor's answer), before any place rule of that
round was changed; its misses' causes guided round 13's rules. Batch 1 was judged the same way
at the start of round 13, scored then and once more after the round's last change, and guided
no rule: it is the unbiased check of round 13's place changes. Round 16 drew batch 2 (40 rows)
and judged it blind the same way before changing any rule; it is scored only as a summary line
(batches in ``BLIND`` never list their rows), at the round's start and once at its end.
Round 19 drew batch 3 (40 rows) and judged it blind the same way before changing any rule, and
unblinded batch 1 (the oldest blind batch) to study its misses; batches 2 and 3 stay blind.
Round 19's scores, start -> end: batch 0 35/40 -> 34/40, batch 1 28/37 -> 28/37, batch 2
28/36 -> 28/36, batch 3 23/35 -> 23/35. Round 21 drew batch 4 (30 rows) and judged it blind
the same way (a multi-town series or a period's tally got no place; executions, which the
gold does not code, none either), at the start of the round, before any change: 20/26. It
guides nothing and stays blind.

Judgements are in ``place_sample_judged.jsonl`` beside this script: one line per row with its
``batch``, the place we judged the main incident's by GOLD-DEV.md's conventions (``place``: the
most specific place the text names for it, as the text spells it; a single toll spread over
several quarters of one city is the city; null when the article has no codable incident or
names no place for it), its ``governorate`` and ``cause``, our short label of why the
extractor's answer was wrong (filled in after the round's last change was scored, so they
guided nothing; empty when it was right). Only row
numbers, place names and our labels are stored; the texts are read from ../shared at run time.

``score`` counts a place right as ``trucewatch eval gold`` does (``gold.place_correct``: the
same name, or the same gazetteer place at the same level); a judged null place is left out, as
the gold's are. It also gives the governorate agreement over the same rows.
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

JUDGED = Path(__file__).with_name("place_sample_judged.jsonl")
SEED = 1511
# batch sizes: 0 from round 11, 1 from round 13, 2 from round 16, 3 from round 19, 4 from round 21
SIZES = (40, 40, 40, 40, 30)
# batches still blind: scored as summary lines only, their rows never listed
BLIND = {2, 3, 4}


def sample_rows(n_rows: int) -> dict[int, int]:
    """This script's sample: batch k of SIZES[k] rows from SEED."""
    return draw_sample(n_rows, SEED, SIZES)


def show(out_path: str, chars: int, batch: int | None, blind: bool) -> None:
    """Print the sample to judge, with (unless blind) the main incident's place and evidence."""
    print_sample(
        out_path,
        chars,
        batch,
        blind,
        sample_rows,
        lambda _rec, _report: "",
        lambda main: (
            f"{main['type']} {main['place']} / {main['governorate']} p{main['geo_precision']} "
            f"ev={_evidence(main, ('place',))}"
        ),
    )


def _place(main: dict[str, Any] | None) -> Any:
    """The main incident's place as the model's Place (what ``place_correct`` reads)."""
    from trucewatch.model.incident import GeoPrecision, Place

    if not main or not main.get("place"):
        return None
    return Place(
        name=main["place"],
        governorate=main.get("governorate"),
        geo_precision=GeoPrecision(main.get("geo_precision") or GeoPrecision.TOWN),
    )


def score(out_path: str) -> None:
    """Accuracy of the main incident's place against the hand judgements, batch by batch."""
    records = _load(out_path)
    judged = read_judged(JUDGED)
    hidden = blind_rows(len(records))  # studied here, blind in another script: never listed
    names = {
        0: "batch 0 (blind in round 11; causes studied since)",
        1: "batch 1 (blind in round 13; unblinded in round 19)",
        2: "batch 2 (blind, round 16)",
        3: "batch 3 (blind, round 19)",
        4: "batch 4 (blind, round 21)",
    }
    for k in sorted({j["batch"] for j in judged}):
        rows = [j for j in judged if j["batch"] == k]
        _score(records, rows, names.get(k, f"batch {k}"), list_rows=k not in BLIND, hidden=hidden)


def _score(
    records: dict[int, dict[str, Any]],
    judged: list[dict[str, Any]],
    name: str,
    list_rows: bool = True,
    hidden: frozenset[int] = frozenset(),
) -> None:
    from trucewatch.extract.gold import place_correct

    rows = [j for j in judged if j.get("place")]
    right = gov = 0
    wrong: Counter[str] = Counter()
    for j in rows:
        main = _main(records[j["row"]])
        ok = place_correct(_place(main), j["place"])
        right += ok
        gov += bool(main) and main.get("governorate") == j.get("governorate")
        if not ok:
            wrong[j.get("cause") or "?"] += 1
            if not list_rows or j["row"] in hidden:
                continue
            got = f"{main['place']} / {main['governorate']}" if main else "no main incident"
            print(f"row {j['row']}: got {got} want {j['place']} ({j.get('cause') or '?'})")
    n = len(rows)
    print(
        f"{name}: {n} rows with a judged place, main place correct {right}/{n} = "
        f"{right / n:.1%}; governorate {gov}/{n} = {gov / n:.1%}"
    )
    if list_rows:
        print_causes(wrong)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``show OUT.jsonl`` or ``score OUT.jsonl``."""
    return sample_command(__doc__, show, score, argv)


if __name__ == "__main__":
    sys.exit(main())
