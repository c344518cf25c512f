"""Build the main-incident ranker's weights (``trucewatch/extract/data/main_model.json``).

For each gold article with a main incident, the extractor runs up to the main choice; each
candidate incident (:func:`trucewatch.extract.incidents.main_candidates`) gets its features
(:func:`trucewatch.extract.main_choice.candidate_features`) and is labelled 1 when, as it would
be flagged main (placed by the headline if the text places it nowhere), it matches the gold main
incident the way ``trucewatch eval gold`` matches incidents: same type, same governorate, date
within a day or both null. A conditional logistic regression (a softmax over one article's
candidates, L2-penalised, fitted by Newton's method with numpy) learns the weights.

Before writing, the articles are split by article into ``--folds`` folds (a fixed seed); each
fold is scored by weights learned on the others and by the hand rule (``choose_main``), and the
weights are written only when the ranker picks the gold main more often than the rule across
the folds (``--force`` writes them anyway, ``--folds 0`` skips the check).

``--studied`` adds the FA-KES rows of the hand-judged sample scripts' studied batches
(``bench/*_sample.py``: a batch not in that script's ``BLIND``, and a row in no script's blind
batch): each judgement a script made of a row's main incident (its type and governorate, its
day, its place's governorate, its death toll, its stated perpetrator) must hold of a candidate
for it to be labelled 1 (:func:`fits_judgement`). Such a label is partial (a row judged only for
its day may label several candidates 1) and, like the gold's, also tests the extraction (a
candidate whose toll was misread does not fit a toll judgement).

The training articles are FA-KES rows (CC BY 4.0): only the weights are written, never text.
The model, its features and its cross-validated figures: docs/main-incident-model.md.

    .venv/bin/python scripts/build_main_model.py ../shared/data/fakes/gold-dev.jsonl \\
        ../shared/data/fakes/gold-dev-2.jsonl --half tune [--studied]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from trucewatch.extract.evaluate import default_fakes_csv, read_fakes
from trucewatch.extract.gold import (
    SPLIT_FILES,
    GoldFileError,
    day_agrees,
    load_gold_set,
    matches,
    toll_agrees,
)
from trucewatch.extract.incidents import flag_main, main_candidates
from trucewatch.extract.main_choice import FEATURES, candidate_features, read_headline
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import Incident, Place
from trucewatch.model.report import Report

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# The hand-judged sample scripts whose judgements say something of the main incident.
SAMPLE_SCRIPTS = ("date_sample", "toll_sample", "place_sample", "perp_sample")
DEFAULT_OUT = ROOT / "trucewatch" / "extract" / "data" / "main_model.json"
L2 = 1.0  # penalty on the weights (features are 0/1 or scaled to about 0..1)
SEED = 15  # fold assignment
DIGITS = 6  # weights are rounded so a rebuild writes the same bytes


@dataclass(slots=True)
class Example:
    """One gold article: its candidates' features and labels, and whether the rule's main is
    the gold main."""

    key: Any
    x: np.ndarray  # candidates × features
    y: np.ndarray  # 1 where the candidate, flagged main, matches the gold main
    rule_hit: bool
    rule_pick: int | None = None  # the candidate the hand rule flags main


def _run_to_main(report: Report):
    """The report's doc and incidents as the main choice receives them."""
    nlp = build_pipeline()
    doc = make_doc(nlp, report)
    for name, proc in nlp.pipeline:
        if name == "tw_main_incident":
            break
        doc = proc(doc)
    return doc, list(doc._.incidents or [])


def _fits_gold(incident: Incident, place: Place | None, gold_main: dict[str, Any]) -> bool:
    return matches(dataclasses.replace(incident, place=incident.place or place), gold_main)


def example_of(
    report: Report,
    gold_main: dict[str, Any],
    key: Any,
    fits: Callable[[Incident, Place | None, dict[str, Any]], bool] = _fits_gold,
) -> Example:
    """The training example of one report whose gold main incident is ``gold_main`` (``fits``:
    whether a candidate, placed by the headline when the text places it nowhere, is it)."""
    doc, incidents = _run_to_main(report)
    ruled = copy.deepcopy(incidents)
    index = {id(inc): k for k, inc in enumerate(ruled)}
    flag_main(doc, ruled, None)
    main = next((i for i in ruled if i.main), None)
    headline = read_headline(report.title)
    keep, places = main_candidates(doc, incidents, [g for t in headline.tiers for g in t])
    chosen = [incidents[k] for k in keep]
    x = candidate_features(doc, chosen, headline, places)
    y = np.asarray(
        [float(fits(inc, place, gold_main)) for inc, place in zip(chosen, places, strict=True)]
    )
    pick = keep.index(index[id(main)]) if main is not None else None
    return Example(key, x, y, main is not None and fits(main, None, gold_main), pick)


def fits_judgement(incident: Incident, place: Place | None, judged: dict[str, Any]) -> bool:
    """Whether a candidate, flagged main (``place``: where the headline would place it when the
    text places it nowhere), fits every judgement of a sample row's main incident (keys of
    :func:`studied_judgements`): as ``eval gold`` and the sample scripts score them."""
    where = incident.place or place
    gov = where.governorate if where is not None else None
    if "type" in judged and incident.type.value != judged["type"]:
        return False
    if any(k in judged and gov != judged[k] for k in ("governorate", "place_governorate")):
        return False
    if "date" in judged and not day_agrees(incident.date, judged["date"]):
        return False
    if "killed" in judged and not toll_agrees(incident, *judged["killed"]):
        return False
    return "perpetrator" not in judged or incident.perpetrator == judged["perpetrator"]


def studied_judgements(n_rows: int) -> dict[int, dict[str, Any]]:
    """What the sample scripts' studied batches judged of each row's main incident, by FA-KES
    row: ``type`` and ``governorate`` (date sample rows judged for every incident), ``date``,
    ``place_governorate``, ``killed`` (low, high) and a stated ``perpetrator``; ``none`` when a
    row was judged to tell no incident. Blind batches, and rows any script keeps blind, are
    never read."""
    sys.path.insert(0, str(BENCH))
    from blind_rows import blind_rows

    blind = blind_rows(n_rows)
    out: dict[int, dict[str, Any]] = {}
    for name in SAMPLE_SCRIPTS:
        script = importlib.import_module(name)
        for j in script.read_judged(script.JUDGED):
            if j["batch"] in script.BLIND or j["row"] in blind:
                continue
            judged = out.setdefault(j["row"], {})
            if name == "date_sample":
                judged["date"] = j["date"]
                if j.get("incidents"):
                    judged["type"] = j["incidents"][0]["type"]
                    judged["governorate"] = j["incidents"][0]["governorate"]
                elif "incidents" in j:
                    judged["none"] = True
            elif name == "toll_sample":
                judged["killed"] = (j["killed_low"], j["killed_high"])
            elif name == "place_sample" and j["governorate"]:
                judged["place_governorate"] = j["governorate"]
            elif name == "perp_sample" and j["perpetrator"] and j["status"] == "stated":
                judged["perpetrator"] = j["perpetrator"]
    return out


def studied_examples(reports: dict[int, Report]) -> list[Example]:
    """One example per studied sample row whose main incident was judged (keys ``studied-ROW``),
    labelled by :func:`fits_judgement`."""
    out = []
    for row, judged in sorted(studied_judgements(len(reports)).items()):
        if judged and not judged.get("none"):
            out.append(example_of(reports[row], judged, f"studied-{row}", fits_judgement))
    return out


def load_examples(
    gold_paths: Sequence[str | Path],
    csv_path: str | Path | None = None,
    half: str | None = None,
    studied: bool = False,
) -> list[Example]:
    """One example per FA-KES gold article with a main incident, in file and row order; then,
    when ``studied``, one per studied sample row (:func:`studied_examples`)."""
    out = []
    articles, reports = gold_articles(gold_paths, csv_path, half, "main-incident model")
    for _, a, report in articles:
        if a["main"] is not None:
            out.append(example_of(report, a["incidents"][a["main"]], a["key"]))
    return out + (studied_examples(reports) if studied else [])


def gold_sources(gold_paths: Sequence[Path], half: str | None) -> list[str]:
    """The gold files a weights file was learned from, as it records them ("gold-dev-2.jsonl
    (tune half)")."""
    halved = {p.name for p in gold_paths if half and p.name in SPLIT_FILES}
    return [p.name + (f" ({half} half)" if p.name in halved else "") for p in gold_paths]


def gold_articles(
    gold_paths: Sequence[str | Path],
    csv_path: str | Path | None,
    half: str | None,
    learner: str,
) -> tuple[list[tuple[str, dict[str, Any], Report]], dict[int, Report]]:
    """Each FA-KES gold article with its set's name and its report, in file and row order,
    and every FA-KES report by row (the learned models learn from FA-KES gold files only)."""
    sets = [load_gold_set(p, half) for p in gold_paths]
    if any(s.kind != "fakes" for s in sets):
        raise GoldFileError(f"the {learner} learns from FA-KES gold files only")
    csv = Path(csv_path) if csv_path else default_fakes_csv(gold_paths[0])
    if not csv.is_file():
        raise GoldFileError(f"{csv}: FA-KES CSV not found (give it with --csv)")
    reports = {r.row: r for r in read_fakes(csv)}
    out = []
    for s in sets:
        for a in s.articles:
            if a["key"] not in reports:
                raise GoldFileError(f"{s.name}: row {a['key']} is not in {csv}")
            out.append((s.name, a, reports[a["key"]]))
    return out, reports


def fit(examples: Sequence[Example], l2: float = L2, iterations: int = 100) -> np.ndarray:
    """Weights of the conditional logit: each article's candidates compete in a softmax whose
    target spreads evenly over the candidates labelled 1; articles with none teach nothing."""
    d = examples[0].x.shape[1] if examples else len(FEATURES)
    w = np.zeros(d)
    groups = [(e.x, e.y / e.y.sum()) for e in examples if e.y.sum() > 0 and len(e.y) > 1]
    for _ in range(iterations):
        grad, hess = l2 * w, l2 * np.eye(d)
        for x, q in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad = grad + x.T @ (p - q)
            hess = hess + x.T @ (np.diag(p) - np.outer(p, p)) @ x
        step = np.linalg.solve(hess, grad)
        w = w - step
        if float(np.abs(step).max()) < 1e-10:
            break
    return w


def hit(example: Example, w: np.ndarray) -> bool:
    """Whether the weights' best candidate is the gold main (no candidate: a miss)."""
    if not len(example.y):
        return False
    return bool(example.y[int(np.argmax(example.x @ w))])


def cross_validate(
    examples: Sequence[Example], folds: int = 5, seed: int = SEED, l2: float = L2
) -> list[dict[str, int]]:
    """Per fold (articles assigned by a seeded permutation): articles, rule hits, model hits,
    and articles where some candidate is the gold main (the ceiling of any choice)."""
    order = np.random.default_rng(seed).permutation(len(examples))
    fold_of = np.empty(len(examples), dtype=int)
    fold_of[order] = np.arange(len(examples)) % folds
    table = []
    for f in range(folds):
        train = [e for e, g in zip(examples, fold_of, strict=True) if g != f]
        test = [e for e, g in zip(examples, fold_of, strict=True) if g == f]
        w = fit(train, l2)
        table.append(
            {
                "articles": len(test),
                "rule": sum(e.rule_hit for e in test),
                "model": sum(hit(e, w) for e in test),
                "ceiling": sum(bool(e.y.sum()) for e in test),
            }
        )
    return table


def beats_rule(cv: Sequence[dict[str, int]]) -> bool:
    """Whether the ranker picked the gold main more often than the hand rule over the folds
    (no cross-validation: nothing to compare, the weights are written)."""
    return not cv or sum(r["model"] for r in cv) > sum(r["rule"] for r in cv)


def model_json(
    w: np.ndarray, examples: Sequence[Example], sources: Sequence[str], cv: list[dict[str, int]]
) -> dict[str, Any]:
    """The weights file: features and weights, and how they were learned (no text)."""
    return {
        "about": "Main-incident ranker of trucewatch (conditional logistic regression), built "
        "by scripts/build_main_model.py from hand-made gold on FA-KES articles ('FA-KES: A Fake "
        "News Dataset around the Syrian War', Abu Salem, Al Feel, Elbassuoni, Jaber and Farah, "
        "ICWSM 2019; Zenodo 2607278; CC BY 4.0); weights only, no text.",
        "features": list(FEATURES),
        "weights": {n: round(float(v), DIGITS) + 0.0 for n, v in zip(FEATURES, w, strict=True)},
        "training": {
            "gold": list(sources),
            "articles": len(examples),
            "candidates": int(sum(len(e.y) for e in examples)),
            "l2": L2,
        },
        "cross_validation": {
            "folds": len(cv),
            "seed": SEED,
            "articles": sum(r["articles"] for r in cv),
            "rule": sum(r["rule"] for r in cv),
            "model": sum(r["model"] for r in cv),
            "ceiling": sum(r["ceiling"] for r in cv),
        },
    }


def cv_markdown(cv: list[dict[str, int]]) -> str:
    """The cross-validation table as Markdown."""
    lines = [
        "| fold | articles | hand rule | ranker | some candidate is the gold main |",
        "|---|---|---|---|---|",
    ]
    rows = [(str(k + 1), r) for k, r in enumerate(cv)]
    rows.append(("all", {k: sum(r[k] for r in cv) for k in cv[0]}))
    for label, r in rows:
        n = r["articles"]
        cells = [f"{r[k] / n:.1%} ({r[k]}/{n})" if n else "–" for k in ("rule", "model", "ceiling")]
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def seed_table(
    examples: Sequence[Example], seeds: Sequence[int], folds: int = 5
) -> list[tuple[int, int, int, int]]:
    """Rule hits, ranker hits and the ceiling over all folds, per fold-assignment seed: the
    ranker's figure moves with the split (the rule's does not), so one seed is no verdict."""
    out = []
    for seed in seeds:
        cv = cross_validate(examples, folds, seed)
        out.append((seed, *(sum(r[k] for r in cv) for k in ("rule", "model", "ceiling"))))
    return out


def rule_misses(examples: Sequence[Example]) -> list[tuple[Any, bool]]:
    """The articles (gold keys) whose main the hand rule misses, each with whether some
    candidate is the gold main (a choice cause) or none is (a detection or typing cause)."""
    return [(e.key, bool(e.y.sum())) for e in examples if not e.rule_hit]


def main(argv: list[str] | None = None) -> int:
    """Learn, cross-validate and write the weights; 1 when the ranker does not beat the rule."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="FA-KES gold files (gold-dev*.jsonl)")
    parser.add_argument("--csv", type=Path, default=None, help="FA-KES-Dataset.csv")
    parser.add_argument("--half", choices=("tune", "check"), default=None)
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="write even if the rule wins")
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=None, help="also cross-validate with these seeds"
    )
    parser.add_argument(
        "--misses", action="store_true", help="list the gold keys the hand rule misses"
    )
    parser.add_argument(
        "--studied",
        action="store_true",
        help="also learn from the sample scripts' studied batches (never their blind ones)",
    )
    args = parser.parse_args(argv)
    examples = load_examples(args.gold, args.csv, args.half, args.studied)
    for seed, rule, model, ceiling in seed_table(examples, args.seeds or (), max(args.folds, 2)):
        print(f"seed {seed}: hand rule {rule}, ranker {model}, ceiling {ceiling}")
    if args.misses:
        for key, choice in rule_misses(examples):
            cause = "a candidate is the gold main" if choice else "no candidate is"
            print(f"rule misses {key}: {cause}")
    cv = cross_validate(examples, args.folds) if args.folds > 1 else []
    if cv:
        print(cv_markdown(cv))
    if not beats_rule(cv) and not args.force:
        print("the ranker does not beat the hand rule: weights not written", file=sys.stderr)
        return 1
    sources = gold_sources(args.gold, args.half)
    sources += ["studied batches of bench/*_sample.py (partial labels)"] if args.studied else []
    data = model_json(fit(examples), examples, sources, cv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(examples)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
