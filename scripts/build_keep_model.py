"""Build the incident filter's weights (``trucewatch/extract/data/keep_model.json``).

Every gold article is run through the extractor (without the filter); each incident the filter
would judge (not the main one, of a type the gold codes: ``keep_model.judged``) gets its features
(:func:`trucewatch.extract.keep_model.incident_features`) and is labelled 1 when ``trucewatch
eval gold``'s one-to-one matching (same type, same governorate, day within one or both null;
gold incidents in order, main first) pairs it with a gold incident. A logistic regression with
an L2 penalty learns the weights; it is fitted by the main-incident model's trainer
(``build_main_model.fit``): a conditional logit over two alternatives, the incident (its
features) and "drop it" (all zeros), is exactly a logistic regression.

Cross-validation is grouped by article (``--folds`` folds, articles assigned by a seeded
permutation, for each of ``--seeds``). In each fold the threshold is chosen inside the training
folds only (an inner cross-validation gives every training incident an out-of-fold score; the
threshold with the best incident F1 there wins, "no filter" included), the weights are fitted on
the training folds, and the held-out fold is scored: incident precision, recall and F1 over all
its articles (main incidents and unjudged types count as kept), with and without the filter and
at a few fixed thresholds.

The weights are written only when the filter's F1 beats no filter by at least ``MARGIN`` on
average over the seeds and on most seeds; otherwise nothing is written and the script says so
(exit 1; ``--force`` writes them for experiments).

Training gold: ``gold-dev.jsonl``, the tuning half of ``gold-dev-2.jsonl`` and batch 0 of the
recall sample (``bench/recall_sample_judged.jsonl``; no later batch is read), or with
``--studied`` every row of a studied batch judged for all its incidents (recall sample; date
sample rows with ``incidents``); a row any sample script keeps blind is never read. The articles are
FA-KES rows (CC BY 4.0): only the weights are written, never text. See
docs/incident-keep-model.md.

    .venv/bin/python scripts/build_keep_model.py ../shared/data/fakes/gold-dev.jsonl \\
        ../shared/data/fakes/gold-dev-2.jsonl --half tune --recall-batch0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_main_model import Example, fit, gold_articles, gold_sources  # shared trainer, reader

from trucewatch.extract.gold import GOLD_TYPES, matches
from trucewatch.extract.keep_model import FEATURES, MODEL_FILE, incident_features, judged
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import Incident
from trucewatch.model.report import Report

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "trucewatch" / "extract" / "data" / MODEL_FILE
RECALL_JUDGED = ROOT / "bench" / "recall_sample_judged.jsonl"
RECALL_BATCH = 0  # the only recall batch this model may learn from (later ones stay blind)
L2 = 1.0
SEEDS = (15, 1, 2, 3, 4)
FOLDS = 5
INNER_FOLDS = 4
# Thresholds tried (0.0: no filter, every incident kept); the fixed ones are also reported.
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
SHOWN = (0.2, 0.3, 0.4, 0.5)
MARGIN = 0.01  # F1 the filter must gain over no filter to ship
DIGITS = 6


@dataclass(slots=True)
class Article:
    """One gold article: its extracted incidents of the gold's types, their features and
    labels, which of them the filter judges, and the gold incidents."""

    key: Any
    source: str
    preds: list[Incident]
    golds: list[dict[str, Any]]
    x: np.ndarray  # preds × features
    y: np.ndarray  # 1 where eval gold's matching pairs the pred with a gold incident
    judged: np.ndarray  # bool per pred
    p: np.ndarray = field(default_factory=lambda: np.zeros(0))  # scratch: scores


def matched(preds: Sequence[Incident], golds: Sequence[dict[str, Any]]) -> list[bool]:
    """Which predictions ``eval gold``'s greedy one-to-one matching pairs with a gold incident
    (gold incidents in order, each taking the first free prediction that matches)."""
    free = list(range(len(preds)))
    hit = [False] * len(preds)
    for g in golds:
        k = next((k for k in free if matches(preds[k], g)), None)
        if k is not None:
            hit[k] = True
            free.remove(k)
    return hit


def _extract(report: Report):
    """The report's doc and incidents as the filter would receive them (the filter skipped)."""
    nlp = build_pipeline()
    doc = make_doc(nlp, report)
    for name, proc in nlp.pipeline:
        if name != "tw_keep_incidents":
            doc = proc(doc)
    return doc, list(doc._.incidents or [])


def article_of(report: Report, golds: list[dict[str, Any]], key: Any, source: str) -> Article:
    """The training article of one report whose gold incidents are ``golds``."""
    doc, incidents = _extract(report)
    x_all = incident_features(doc, incidents)
    scope = [k for k, inc in enumerate(incidents) if str(inc.type) in GOLD_TYPES]
    preds = [incidents[k] for k in scope]
    return Article(
        key=key,
        source=source,
        preds=preds,
        golds=list(golds),
        x=x_all[scope].reshape(len(scope), len(FEATURES)),
        y=np.asarray(matched(preds, golds), dtype=float),
        judged=np.asarray([judged(p) for p in preds], dtype=bool),
    )


def _blind(n_rows: int) -> frozenset[int]:
    """Rows in any sample script's blind batch (``bench/blind_rows.py``): never learned from."""
    sys.path.insert(0, str(ROOT / "bench"))
    from blind_rows import blind_rows

    return blind_rows(n_rows)


def recall_batch0(path: Path = RECALL_JUDGED, n_rows: int = 804) -> list[dict[str, Any]]:
    """The recall sample's batch 0 judgements (row, incidents), less the rows another sample
    script keeps blind; later batches are not read."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    blind = _blind(n_rows)
    return [r for r in rows if r["batch"] == RECALL_BATCH and r["row"] not in blind]


def studied_incidents(n_rows: int = 804) -> list[tuple[dict[str, Any], str]]:
    """Every studied sample row judged for every incident it tells, with its source: the
    recall sample's studied batches and the date sample's rows judged for every incident in
    its studied batches (``incidents``, main first), each row once (the recall sample's first),
    never a row any sample script keeps blind."""
    sys.path.insert(0, str(ROOT / "bench"))
    import date_sample
    import recall_sample

    blind = _blind(n_rows)
    out, seen = [], set()
    for script, name in ((recall_sample, "recall"), (date_sample, "date")):
        for r in script.read_judged(script.JUDGED):
            if r["batch"] in script.BLIND or r["row"] in blind or r["row"] in seen:
                continue
            if "incidents" in r:
                seen.add(r["row"])
                out.append((r, f"{name} b{r['batch']}"))
    return out


def load_articles(
    gold_paths: Sequence[str | Path],
    csv_path: str | Path | None = None,
    half: str | None = None,
    recall: bool = False,
    studied: bool = False,
) -> list[Article]:
    """One article per FA-KES gold row (rows with no codable incident included: all their
    incidents are false), then the recall sample's batch 0 when ``recall``, or every studied
    sample row judged for all its incidents when ``studied`` (:func:`studied_incidents`)."""
    found, reports = gold_articles(gold_paths, csv_path, half, "keep model")
    out = [article_of(report, a["incidents"], a["key"], name) for name, a, report in found]
    seen = {a.key for a in out}
    if studied:
        extra = studied_incidents(len(reports))
    elif recall:
        extra = [(r, "recall b0") for r in recall_batch0(n_rows=len(reports))]
    else:
        extra = []
    for r, source in extra:
        if r["row"] not in seen:
            out.append(article_of(reports[r["row"]], r["incidents"], r["row"], source))
    return out


# --- training and scoring ------------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """L2 logistic regression weights by the main-incident trainer: each row competes with a
    zero "drop" alternative, so softmax(x·w, 0) is the logistic function of x·w."""
    zero = np.zeros(x.shape[1])
    pairs = [
        Example(None, np.vstack([row, zero]), np.asarray([label, 1.0 - label]), False)
        for row, label in zip(x, y, strict=True)
    ]
    if not pairs:
        return np.zeros(len(FEATURES))
    return fit(pairs, l2)


def _training_rows(articles: Sequence[Article]) -> tuple[np.ndarray, np.ndarray]:
    xs = [a.x[a.judged] for a in articles]
    ys = [a.y[a.judged] for a in articles]
    return (
        np.vstack(xs) if xs else np.zeros((0, len(FEATURES))),
        np.concatenate(ys) if ys else np.zeros(0),
    )


def _probabilities(a: Article, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(a.x @ w)))


def counts(articles: Sequence[Article], threshold: float) -> tuple[int, int, int]:
    """(matched, predicted, gold) over the articles with incidents judged and scored
    (``a.p``) below ``threshold`` dropped, matched again as ``eval gold`` would."""
    tp = n_pred = n_gold = 0
    for a in articles:
        keep = [not j or p >= threshold for j, p in zip(a.judged, a.p, strict=True)]
        preds = [inc for inc, k in zip(a.preds, keep, strict=True) if k]
        tp += sum(matched(preds, a.golds))
        n_pred += len(preds)
        n_gold += len(a.golds)
    return tp, n_pred, n_gold


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    """Incident F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fold_of(n: int, folds: int, seed: int) -> np.ndarray:
    """Fold index per item, by a seeded permutation (the main-incident model's assignment)."""
    order = np.random.default_rng(seed).permutation(n)
    out = np.empty(n, dtype=int)
    out[order] = np.arange(n) % folds
    return out


def choose_threshold(
    articles: Sequence[Article], folds: int = INNER_FOLDS, seed: int = 0, l2: float = L2
) -> float:
    """The threshold with the best incident F1 on the articles' out-of-fold scores (an inner
    cross-validation by article); ties go to the lower threshold (less dropped)."""
    g = fold_of(len(articles), folds, seed)
    for f in range(folds):
        w = fit_logistic(
            *_training_rows([a for a, k in zip(articles, g, strict=True) if k != f]), l2
        )
        for a, k in zip(articles, g, strict=True):
            if k == f:
                a.p = _probabilities(a, w)
    scores = [(f1(*counts(articles, t)), -t) for t in THRESHOLDS]
    return -max(scores)[1]


@dataclass(slots=True)
class FoldResult:
    """One held-out fold: counts with no filter, at the fixed thresholds and at the chosen one."""

    articles: int
    threshold: float
    none: tuple[int, int, int]
    chosen: tuple[int, int, int]
    fixed: dict[float, tuple[int, int, int]]
    by_source: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]]


def cross_validate(
    articles: Sequence[Article], folds: int = FOLDS, seed: int = SEEDS[0], l2: float = L2
) -> list[FoldResult]:
    """Grouped cross-validation by article: per held-out fold, the threshold chosen inside the
    training folds, weights fitted on them, and the fold scored with and without the filter."""
    g = fold_of(len(articles), folds, seed)
    out = []
    for f in range(folds):
        train = [a for a, k in zip(articles, g, strict=True) if k != f]
        test = [a for a, k in zip(articles, g, strict=True) if k == f]
        threshold = choose_threshold(train, seed=seed + 1000 * (f + 1), l2=l2)
        w = fit_logistic(*_training_rows(train), l2)
        for a in test:
            a.p = _probabilities(a, w)
        sources = sorted({a.source for a in test})
        out.append(
            FoldResult(
                articles=len(test),
                threshold=threshold,
                none=counts(test, 0.0),
                chosen=counts(test, threshold),
                fixed={t: counts(test, t) for t in SHOWN},
                by_source={
                    s: (
                        counts([a for a in test if a.source == s], 0.0),
                        counts([a for a in test if a.source == s], threshold),
                    )
                    for s in sources
                },
            )
        )
    return out


def hold_out(articles: Sequence[Article], source: str, l2: float = L2) -> FoldResult:
    """The filter learned on every other gold source (threshold chosen there) and scored on
    ``source``'s articles: does what the tuning gold teaches hold on other articles?"""
    train = [a for a in articles if a.source != source]
    test = [a for a in articles if a.source == source]
    threshold = choose_threshold(train, seed=SEEDS[0], l2=l2)
    w = fit_logistic(*_training_rows(train), l2)
    for a in test:
        a.p = _probabilities(a, w)
    none, chosen = counts(test, 0.0), counts(test, threshold)
    return FoldResult(len(test), threshold, none, chosen, {t: counts(test, t) for t in SHOWN}, {})


def _sum(triples: Sequence[tuple[int, int, int]]) -> tuple[int, int, int]:
    return tuple(int(sum(t[i] for t in triples)) for i in range(3))  # type: ignore[return-value]


def _cell(c: tuple[int, int, int]) -> str:
    tp, n_pred, n_gold = c
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return f"{p:.1%} / {r:.1%} / {f1(*c):.3f}"


def cv_markdown(cv: Sequence[FoldResult]) -> str:
    """Per fold and overall: P / R / F1 with no filter, at the chosen threshold and the fixed
    ones."""
    head = ["fold", "articles", "no filter", "chosen t", "filter (chosen t)"]
    head += [f"t = {t}" for t in SHOWN]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for k, r in enumerate(cv):
        cells = [str(k + 1), str(r.articles), _cell(r.none), f"{r.threshold:g}", _cell(r.chosen)]
        cells += [_cell(r.fixed[t]) for t in SHOWN]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["all", str(sum(r.articles for r in cv)), _cell(_sum([r.none for r in cv])), "–"]
    cells.append(_cell(_sum([r.chosen for r in cv])))
    cells += [_cell(_sum([r.fixed[t] for r in cv])) for t in SHOWN]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def source_markdown(cv: Sequence[FoldResult]) -> str:
    """Overall P / R / F1 per gold source, no filter against the filter at each fold's chosen
    threshold."""
    names = sorted({s for r in cv for s in r.by_source})
    lines = ["| gold | no filter | filter |", "|---|---|---|"]
    for s in names:
        none = _sum([r.by_source[s][0] for r in cv if s in r.by_source])
        chosen = _sum([r.by_source[s][1] for r in cv if s in r.by_source])
        lines.append(f"| {s} | {_cell(none)} | {_cell(chosen)} |")
    return "\n".join(lines)


def gain(cv: Sequence[FoldResult]) -> float:
    """Overall F1 with the filter minus F1 without it, over one cross-validation's folds."""
    return f1(*_sum([r.chosen for r in cv])) - f1(*_sum([r.none for r in cv]))


def ships(gains: Sequence[float], margin: float = MARGIN) -> bool:
    """Whether the filter ships: its F1 gain is at least ``margin`` on average over the seeds
    and on most seeds."""
    if not gains:
        return False
    most = sum(g >= margin for g in gains) * 2 > len(gains)
    return float(np.mean(gains)) >= margin and most


def model_json(
    w: np.ndarray, threshold: float, articles: Sequence[Article], sources: Sequence[str],
    gains: Sequence[float], seeds: Sequence[int], l2: float = L2,
) -> dict[str, Any]:  # fmt: skip
    """The weights file: features, weights, threshold and how they were learned (no text)."""
    _, y = _training_rows(articles)
    return {
        "about": "Incident filter of trucewatch (L2 logistic regression), built by "
        "scripts/build_keep_model.py from hand-made gold on FA-KES articles ('FA-KES: A Fake "
        "News Dataset around the Syrian War', Abu Salem, Al Feel, Elbassuoni, Jaber and Farah, "
        "ICWSM 2019; Zenodo 2607278; CC BY 4.0); weights only, no text.",
        "features": list(FEATURES),
        "weights": {n: round(float(v), DIGITS) + 0.0 for n, v in zip(FEATURES, w, strict=True)},
        "threshold": threshold,
        "training": {
            "gold": list(sources),
            "articles": len(articles),
            "incidents_judged": len(y),
            "positives": int(y.sum()),
            "l2": l2,
        },
        "cross_validation": {
            "folds": FOLDS,
            "seeds": list(seeds),
            "f1_gain": [round(g, 4) for g in gains],
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Learn, cross-validate and write the weights; 1 when the filter does not beat no filter."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="FA-KES gold files (gold-dev*.jsonl)")
    parser.add_argument("--csv", type=Path, default=None, help="FA-KES-Dataset.csv")
    parser.add_argument("--half", choices=("tune",), default=None)
    parser.add_argument(
        "--recall-batch0", action="store_true", help="also learn from recall sample batch 0"
    )
    parser.add_argument(
        "--studied",
        action="store_true",
        help="also learn from every studied sample row judged for all its incidents",
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="write even if no filter wins")
    parser.add_argument("--weights", action="store_true", help="print the full-data weights")
    parser.add_argument(
        "--hold-out", default=None, help="also learn on the other sources and score this one"
    )
    args = parser.parse_args(argv)
    articles = load_articles(args.gold, args.csv, args.half, args.recall_batch0, args.studied)
    x, y = _training_rows(articles)
    print(
        f"{len(articles)} articles, {len(x)} judged incidents ({int(y.sum())} matched), "
        f"{sum(len(a.golds) for a in articles)} gold incidents"
    )
    gains = []
    for seed in args.seeds:
        cv = cross_validate(articles, FOLDS, seed, args.l2)
        gains.append(gain(cv))
        print(f"\nseed {seed}: F1 gain {gains[-1]:+.3f}")
        print(cv_markdown(cv))
        print(source_markdown(cv))
    print(f"\nmean F1 gain over seeds {np.mean(gains):+.3f}; seeds gaining >= {MARGIN}: "
          f"{sum(g >= MARGIN for g in gains)}/{len(gains)}")  # fmt: skip
    if args.hold_out:
        print(f"\nlearned on the other sources, scored on {args.hold_out}:")
        print(cv_markdown([hold_out(articles, args.hold_out, args.l2)]))
    w = fit_logistic(x, y, args.l2)
    if args.weights:
        for name, v in sorted(zip(FEATURES, w, strict=True), key=lambda t: -abs(t[1])):
            print(f"  {name:24s} {v:+.3f}")
    if not ships(gains) and not args.force:
        print("the filter does not beat no filter: weights not written", file=sys.stderr)
        return 1
    threshold = choose_threshold(articles, seed=args.seeds[0], l2=args.l2)
    sources = gold_sources(args.gold, args.half)
    if args.studied:
        sources.append("studied batches of bench/recall_sample.py and bench/date_sample.py")
    elif args.recall_batch0:
        sources.append("bench/recall_sample_judged.jsonl (batch 0)")
    data = model_json(w, threshold, articles, sources, gains, args.seeds, args.l2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {threshold:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
