"""Main-incident dates on FA-KES articles outside the dev gold, judged by hand.

    .venv/bin/trucewatch extract ../shared/data/fakes/FA-KES-Dataset.csv --jsonl > out.jsonl
    .venv/bin/python bench/date_sample.py show out.jsonl      # read the sample to judge it
    .venv/bin/python bench/date_sample.py score out.jsonl     # score against the judgements

The sample is fixed: batch k of SIZES[k] rows drawn with ``random.Random(SEED + k)`` from
the FA-KES rows in neither dev gold file (so never tuned on) that earlier batches left.
Batches 0 and 1 (60 rows each) were judged at the start of round 9 on the extractor's output
and their errors sorted by cause, which then guided the round's changes; batch 2 (60 rows) was
judged afterwards from the texts alone (``show --blind`` hides the extractor's answer), so it
is round 9's unbiased check. Round 13 drew batch 3 (40 rows) and judged it blind before
changing any rule, this time with the day of every incident the text tells, not only the main
one; its misses were not used to find causes, so it is round 13's unbiased check. Round 16 drew
batch 4 (30 rows), judged the same way before changing any rule; it is in BLIND, so ``score``
prints only its figures, never its misses. Round 19 drew batch 5 (30 rows), judged the same way
(every incident, so it also gives main type) before changing any rule; it is in BLIND too.
Round 21 drew batch 6 (30 rows), judged the same way (every incident, main type and day) from
the texts alone before changing any rule; it is in BLIND, round 21's unbiased check of type.
Batches with every incident judged also give the main incident's type agreement (the first
judged incident's type; no incident judged agrees with no main flagged).

Judgements are in ``date_sample_judged.jsonl`` beside this script: one line per row with its
``batch``, the day the article states for its main incident (``date``, or null when the text
states none, by GOLD-DEV.md's conventions: "overnight", a multi-day wave, a day of speaking
only) and ``cause``, our short label of why the extractor's first answer was wrong (empty when
it was right). Rows judged for every incident (batch 3) also hold ``incidents``: each incident
the text tells as ``type`` (the gold's seven), ``governorate`` and ``date``, the main one
first (its ``date`` is the row's). Only row numbers, types, governorates, days and our labels
are stored; the texts are read from ../shared at run time.

``score`` counts a main incident as dated right when both are null or the days are within ±1
(as ``trucewatch eval gold`` does); it also gives exact-day agreement. Where ``incidents`` are
judged it pairs each other incident with a non-main incident the extractor found of the same
type and governorate and gives their days' agreement (±1, or both null); those it finds no
partner for are counted apart (a type, place or recall miss, not a date miss).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes"
CSV = SHARED / "FA-KES-Dataset.csv"
GOLDS = [SHARED / "gold-dev.jsonl", SHARED / "gold-dev-2.jsonl"]
JUDGED = Path(__file__).with_name("date_sample_judged.jsonl")
SEED = 1509
# batch sizes: 0-2 from round 9; 3 (40 rows, every incident's date judged blind) from round 13;
# 4 (30 rows, judged as batch 3) from round 16; 5 (30 rows, judged as batch 3) from round 19;
# 6 (30 rows, judged as batch 3) from round 21
SIZES = (60, 60, 60, 40, 30, 30, 30)
# batches judged blind whose misses are not listed (read for their figures only)
BLIND = frozenset({4, 5, 6})


def draw_sample(n_rows: int, seed: int, sizes: Sequence[int]) -> dict[int, int]:
    """A fixed sample of FA-KES rows outside both dev gold files: row -> batch, batch k of
    ``sizes[k]`` rows drawn with ``random.Random(seed + k)`` from the rows earlier batches left
    (every hand-judged sample script draws this way)."""
    gold = {json.loads(line)["row"] for p in GOLDS for line in p.read_text().splitlines() if line}
    pool = [r for r in range(n_rows) if r not in gold]
    rows: dict[int, int] = {}
    for k, size in enumerate(sizes):
        batch = random.Random(seed + k).sample(pool, size)
        rows.update((r, k) for r in batch)
        pool = [r for r in pool if r not in rows]
    return dict(sorted(rows.items()))


def sample_rows(n_rows: int) -> dict[int, int]:
    """This script's sample: batch k of SIZES[k] rows from SEED + k."""
    return draw_sample(n_rows, SEED, list(SIZES))


def _main(record: dict[str, Any]) -> dict[str, Any] | None:
    return next((i for i in record["incidents"] if i.get("main")), None)


def _load(path: str) -> dict[int, dict[str, Any]]:
    out = {}
    for line in Path(path).read_text().splitlines():
        rec = json.loads(line)
        out[rec["report"]["row"]] = rec
    return out


def print_sample(
    out_path: str,
    chars: int,
    batch: int | None,
    blind: bool,
    rows_of: Callable[[int], dict[int, int]],
    heading: Callable[[dict[str, Any], Any], str],
    main_line: Callable[[dict[str, Any]], str],
) -> None:
    """Print each sampled article (``rows_of``: row → batch) under ``heading``, the extractor's
    main incident in ``main_line``'s words unless ``blind``, then the article's first ``chars``
    characters; only batch ``batch`` when given. Shared by every hand-judged sample script."""
    from trucewatch.extract.evaluate import read_fakes

    reports = {r.row: r for r in read_fakes(CSV)}
    records = _load(out_path)
    for row, k in rows_of(len(reports)).items():
        if batch is not None and k != batch:
            continue
        rec, report = records[row], reports[row]
        print(f"=== row {row} (batch {k}) {heading(rec, report)}".rstrip())
        if not blind:
            main = _main(rec)
            print("MAIN: none" if main is None else f"MAIN: {main_line(main)}")
        print(" ".join(report.text[:chars].split()))
        print()


def _evidence(main: dict[str, Any], fields: tuple[str, ...]) -> list[tuple[str, int, str]]:
    return [(e["field"], e["start"], e["text"]) for e in main["evidence"] if e["field"] in fields]


def show(out_path: str, chars: int, batch: int | None, blind: bool) -> None:
    """Print the sample to judge, with (unless blind) the main incident's day and evidence."""
    print_sample(
        out_path,
        chars,
        batch,
        blind,
        sample_rows,
        lambda rec, _report: f"published {rec['report']['published']}",
        lambda main: (
            f"{main['type']} {main['place']} date={main['date']} basis={main['date_basis']} "
            f"ev={_evidence(main, ('type', 'date', 'place'))}"
        ),
    )


def read_judged(path: Path) -> list[dict[str, Any]]:
    """A sample's hand judgements: one JSON object per non-blank line."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def print_causes(wrong: Counter[str]) -> None:
    """The judged causes of the misses, most frequent first."""
    for cause, k in wrong.most_common():
        print(f"  wrong, judged cause {cause}: {k}")


def _day(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def score(out_path: str) -> None:
    """Accuracy of the main incident's day against the hand judgements, and (where judged)
    of every other incident's day."""
    from blind_rows import blind_rows  # here: blind_rows imports this module's draws

    records = _load(out_path)
    judged = read_judged(JUDGED)
    hidden = blind_rows(len(records))
    for name, batches in (
        ("batches 0-1 (causes found here)", {0, 1}),
        ("batch 2 (blind)", {2}),
        ("batch 3 (blind in round 13, studied since)", {3}),
        ("batch 4 (blind, round 16, figures only)", {4}),
        ("batch 5 (blind, round 19, figures only)", {5}),
        ("batch 6 (blind, round 21, figures only)", {6}),
    ):
        rows = [j for j in judged if j["batch"] in batches]
        listed = not batches & BLIND
        if rows:
            # studied here, blind in another script: scored, never listed
            rows = [{**j, "hidden": j["row"] in hidden} for j in rows]
            _score(records, rows, name, listed)
            if any("incidents" in j for j in rows):
                _score_types(records, rows, name, listed)
                _score_others(records, rows, name, listed)


def _near(got: dt.date | None, want: dt.date | None) -> bool:
    return got == want if got is None or want is None else abs((got - want).days) <= 1


def _score_types(
    records: dict[int, dict[str, Any]], judged: list[dict[str, Any]], name: str, listed: bool
) -> None:
    """Agreement of the main incident's type with the judged main (the first of ``incidents``);
    a row judged with no incident agrees when the extractor flags no main."""
    agree = 0
    rows = [j for j in judged if "incidents" in j]
    for j in rows:
        main = _main(records[j["row"]])
        want = j["incidents"][0]["type"] if j["incidents"] else None
        got = main["type"] if main else None
        agree += got == want
        if got != want and listed and not j.get("hidden"):
            print(f"row {j['row']}: main type got {got} want {want}")
    print(f"{name}: main type {agree}/{len(rows)} = {agree / len(rows):.1%}")


def _score_others(
    records: dict[int, dict[str, Any]],
    judged: list[dict[str, Any]],
    name: str,
    listed: bool = True,
) -> None:
    """The days of the judged incidents after the first (the main one): each is paired with an
    unpaired non-main incident the extractor found of the same type and governorate, a partner
    whose day agrees (±1, or both null) taken first; judged incidents with no such partner are
    counted apart (a type, place or recall miss, not a date miss)."""
    paired = near = unpaired = 0
    for j in judged:
        others = j.get("incidents", [])[1:]
        pool = [i for i in records[j["row"]]["incidents"] if not i.get("main")]
        for want in sorted(others, key=lambda w: w["date"] is None):
            same = [
                i
                for i in pool
                if i["type"] == want["type"] and i["governorate"] == want["governorate"]
            ]
            if not same:
                unpaired += 1
                continue
            agree = [i for i in same if _near(_day(i["date"]), _day(want["date"]))]
            got = (agree or same)[0]
            pool.remove(got)
            paired += 1
            near += bool(agree)
            if not agree and listed and not j.get("hidden"):
                print(
                    f"row {j['row']}: other {want['type']} {want['governorate']}: "
                    f"got {got['date']} want {want['date']}"
                )
    total = paired + unpaired
    rate = f"{near / paired:.1%}" if paired else "-"
    print(
        f"{name}: {total} other incidents judged, {paired} found by type and governorate, "
        f"their date ±1 {near}/{paired} = {rate}"
    )


def _score(
    records: dict[int, dict[str, Any]], judged: list[dict[str, Any]], name: str, listed: bool = True
) -> None:
    near = exact = 0
    wrong: Counter[str] = Counter()
    for j in judged:
        main = _main(records[j["row"]])
        got, want = _day(main["date"] if main else None), _day(j["date"])
        ok = _near(got, want)
        near += ok
        exact += got == want
        if not ok:
            wrong[j.get("cause") or "?"] += 1
            if listed and not j.get("hidden"):
                print(f"row {j['row']}: got {got} want {want} ({j.get('cause') or '?'})")
    n = len(judged)
    print(f"{name}: {n} rows, main date ±1 {near}/{n} = {near / n:.1%}; exact {exact / n:.1%}")
    if listed:
        print_causes(wrong)


def sample_command(doc: str, show_rows, score_rows, argv: list[str] | None = None) -> int:
    """The command line every hand-judged sample script shares (dates, perpetrators, tolls):
    ``show OUT.jsonl [--batch K] [--blind]`` prints the rows to judge, ``score OUT.jsonl`` the
    figure against the judgements."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("mode", choices=("show", "score"))
    ap.add_argument("output", help="trucewatch extract --jsonl output for FA-KES-Dataset.csv")
    ap.add_argument("--chars", type=int, default=1500, help="characters of text shown")
    ap.add_argument("--batch", type=int, help="show only this batch")
    ap.add_argument("--blind", action="store_true", help="show the texts without the answers")
    args = ap.parse_args(argv)
    if args.mode == "show":
        show_rows(args.output, args.chars, args.batch, args.blind)
    else:
        score_rows(args.output)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``show OUT.jsonl`` or ``score OUT.jsonl``."""
    return sample_command(__doc__, show, score, argv)


if __name__ == "__main__":
    sys.exit(main())
