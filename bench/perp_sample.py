"""Main-incident perpetrators on FA-KES articles outside the dev gold, judged by hand.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    .venv/bin/python bench/perp_sample.py show out.jsonl --batch 0   # read a batch to judge it
    .venv/bin/python bench/perp_sample.py score out.jsonl            # score against judgements

The sample is fixed, drawn as bench/date_sample.py draws its own: batch k of SIZES[k] rows
drawn with ``random.Random(SEED + k)`` from the FA-KES rows in neither dev gold file (so never
tuned on) that earlier batches left. Batch 0 was judged at the start of round 10 on the
extractor's output and its errors sorted by cause, which guided the round's changes; batch 1
was judged afterwards from the texts alone (``show --blind`` hides the extractor's answer), so
it is the unbiased check. Round 11 drew batch 2 (30 rows) and judged it blind before changing
any rule, then sorted its misses by cause to guide the round's changes; it then drew batch 3
(30 rows) and judged it blind too; its misses were read only after the rules of commits up to
"an act named again 'in what ... was'" were final, so batch 3 is the unbiased check of those.
Batch 4 (20 rows) was then drawn and judged blind before the round's last rule (a doubt about
who acted leaves the perpetrator open), which it alone checks without bias. Round 12 drew
batch 5 (30 rows) and judged it blind before changing any rule; its misses were not used to
find causes (the round worked from the misses earlier batches left), so it is round 12's
unbiased check. Round 13 drew batch 6 (30 rows) and judged it blind before changing any rule;
its misses were not used to find causes, so it is round 13's unbiased check (its causes were
labelled only after the round's last rule). Round 16 drew batch 7 (30 rows) and judged it blind
before changing any rule; its misses were not read, so it is round 16's unbiased check. Round 19
drew batch 8 (30 rows) and judged it blind before changing any rule; its misses were not read, so
it is round 19's unbiased check; round 19 also unblinded batch 6 to study its misses. Round 21
drew batch 9 (30 rows) and judged it blind from the texts alone before changing any rule; its
misses are not read, so it is round 21's unbiased check.

Judgements are in ``perp_sample_judged.jsonl`` beside this script, one line per row: its
``batch``; ``perpetrator``, the canonical party the text (or a source it quotes) names as
having carried out the article's main incident by GOLD-DEV.md's conventions (joint attribution:
the first named; either/or: ``Unknown``, which ``score`` counts as agreeing with a first-named
party that keeps the others as alternatives, the extractor's way of telling an either/or;
government media's "terrorists": Syrian opposition), or null when no party is named for it or
the article tells no codable incident; ``status``
(stated, alleged, denied, disputed, or null); and ``cause``, our short label of why the
extractor's first answer was wrong (empty when it was right). Only row numbers, party names
and our labels are stored; the texts are read from ../shared at run time.

``score`` gives the measure ``trucewatch eval gold`` gives ("main stated perpetrator": over
rows whose judged perpetrator is named, the extractor's main incident names the same party)
and, over rows with none named, how often the extractor names one anyway.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

# the FA-KES file, the dev gold files, and how a main incident and the output are read: as for
# the date sample (run as a script, bench/ is on the path)
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

JUDGED = Path(__file__).with_name("perp_sample_judged.jsonl")
SEED = 1510
# batch sizes: 0 and 1 from round 10; 2, 3 (30 rows) and 4 (20 rows), judged blind, from round 11;
# 5 (30 rows), judged blind before any rule of round 12 changed, from round 12; 6 (30 rows), judged
# blind before any rule of round 13 changed, from round 13; 7 (30 rows), judged blind before any
# rule of round 16 changed, from round 16; 8 (30 rows), judged blind before any rule of round 19
# changed, from round 19; 9 (30 rows), judged blind before any rule of round 21 changed
SIZES = (50, 50, 30, 30, 20, 30, 30, 30, 30, 30)
# batches still blind: scored as summary lines only, their rows never listed (round 14 scores
# batch 6 once at its end as an after-measure; round 16 scores batch 7 so; round 19 unblinds
# batch 6 to study its misses)
BLIND = {7, 8, 9}


def sample_rows(n_rows: int) -> dict[int, int]:
    """This script's sample: batch k of SIZES[k] rows from SEED + k."""
    return draw_sample(n_rows, SEED, list(SIZES))


def show(out_path: str, chars: int, batch: int | None, blind: bool) -> None:
    """Print the sample to judge (titles too), with (unless blind) the main incident's
    perpetrator and evidence."""
    print_sample(
        out_path,
        chars,
        batch,
        blind,
        sample_rows,
        lambda _rec, report: report.title or "",
        lambda main: (
            f"{main['type']} {main['place']} perp={main['perpetrator']} "
            f"({main['attribution']}, alt={main['perpetrator_alternatives']}) "
            f"ev={_evidence(main, ('type', 'perpetrator', 'attribution'))}"
        ),
    )


def score(out_path: str) -> None:
    """Agreement of the main incident's perpetrator with the hand judgements."""
    records = _load(out_path)
    judged = read_judged(JUDGED)
    hidden = blind_rows(len(records))  # studied here, blind in another script: never listed
    names = (
        ("batch 0 (causes found here)", {0}),
        ("batch 1 (blind, round 10)", {1}),
        ("batch 2 (blind; round 11's causes found here)", {2}),
        ("batch 3 (blind, round 11's check for its first rules)", {3}),
        ("batch 4 (blind, round 11's check for its doubt rule)", {4}),
        ("batch 5 (blind, round 12's check)", {5}),
        ("batch 6 (blind, round 13's check)", {6}),
        ("batch 7 (blind, round 16's check)", {7}),
        ("batch 8 (blind, round 19's check)", {8}),
        ("batch 9 (blind, round 21's check)", {9}),
    )
    for name, batches in names:
        rows = [j for j in judged if j["batch"] in batches]
        if rows:
            _score(records, rows, name, list_rows=not batches & BLIND, hidden=hidden)


def _score(
    records: dict[int, dict[str, Any]],
    judged: list[dict[str, Any]],
    name: str,
    list_rows: bool,
    hidden: frozenset[int] = frozenset(),
) -> None:
    """Print one group's figures; its rows (misses, status misses) only when ``list_rows``,
    and never a row in ``hidden`` (blind in another sample script)."""
    named = right = none = false = status_ok = 0
    wrong: Counter[str] = Counter()
    for j in judged:
        main = _main(records[j["row"]])
        listed = list_rows and j["row"] not in hidden
        got = main["perpetrator"] if main else None
        want = j["perpetrator"]
        if want is None:
            none += 1
            false += got is not None
            if got is not None:
                wrong[j.get("cause") or "?"] += 1
                if listed:
                    print(f"row {j['row']}: got {got}, none named ({j.get('cause') or '?'})")
            continue
        named += 1
        # the gold's "Unknown" for an either/or ("Syrian or Russian jets") is the extractor's
        # first-named party with the others kept as alternatives
        ok = got == want or (
            want == "Unknown" and main is not None and bool(main["perpetrator_alternatives"])
        )
        right += ok
        status_right = ok and main is not None and main["attribution"] == j.get("status")
        status_ok += status_right
        if ok and not status_right and listed and main is not None:
            print(f"row {j['row']}: status {main['attribution']} want {j.get('status')}")
        if not ok:
            wrong[j.get("cause") or "?"] += 1
            if listed:
                print(f"row {j['row']}: got {got} want {want} ({j.get('cause') or '?'})")
    print(
        f"{name}: {len(judged)} rows; stated perpetrator {right}/{named} = "
        f"{right / max(named, 1):.1%} (status too: {status_ok}/{named}); "
        f"a party given where none is named: {false}/{none}"
    )
    if list_rows:
        print_causes(wrong)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``show OUT.jsonl`` or ``score OUT.jsonl``."""
    return sample_command(__doc__, show, score, argv)


if __name__ == "__main__":
    sys.exit(main())
