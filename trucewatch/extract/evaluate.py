"""Scoring the extractor: ``trucewatch eval fakes`` and ``trucewatch eval gold``.

The scoring functions are pure (rows and gold in, :class:`EvalTable` out); :func:`eval_fakes`
and :func:`eval_gold` add the reading of the files and the extraction run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.extract.spans import Extraction
from trucewatch.model.incident import Incident
from trucewatch.model.report import Report

# FA-KES ``location`` values → the governorates they accept ("damascus" is city + countryside).
FAKES_GOVERNORATES: dict[str, frozenset[str]] = {
    "aleppo": frozenset({"Aleppo"}),
    "damascus": frozenset({"Damascus", "Rif Dimashq"}),
    "idlib": frozenset({"Idlib"}),
    "deir ezzor": frozenset({"Deir ez-Zor"}),
    "raqqa": frozenset({"Raqqa"}),
    "homs": frozenset({"Homs"}),
    "hasakeh": frozenset({"Hasakah"}),
    "hama": frozenset({"Hama"}),
    "daraa": frozenset({"Daraa"}),
    "lattakia": frozenset({"Latakia"}),
    "quneitra": frozenset({"Quneitra"}),
    "tartous": frozenset({"Tartus"}),
    "suwayda": frozenset({"Suwayda"}),
}


GOLD_TYPES = frozenset(
    {
        "air_strike",
        "shelling",
        "armed_clash",
        "explosion",
        "chemical_attack",
        "territory_taken",
        "humanitarian_delivery",
    }
)


@dataclass(slots=True)
class EvalTable:
    """A titled table of figures with notes, printable as Markdown."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    notes: list[str] = field(default_factory=list)

    def to_markdown(self) -> str:
        """The table as GitHub Markdown, notes as a list below it."""

        def cell(v: Any) -> str:
            if isinstance(v, float):
                return f"{v:.1%}" if v <= 1.0 else f"{v:.1f}"
            return "–" if v is None else str(v)

        lines = [f"### {self.title}", "", "| " + " | ".join(self.columns) + " |"]
        lines.append("|" + "---|" * len(self.columns))
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in self.rows]
        if self.notes:
            lines.append("")
            lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def read_fakes(csv_path: str | Path) -> list[Report]:
    """FA-KES rows as Reports, read by the project's one reader (:func:`read_inputs`).

    Each Report keeps its 0-based data ``row`` and the crowd columns in ``annotations``
    (``date``, ``location``, ``labels``, ``unit_id``); rows the reader rejects are left out
    (it rejects none of the 804)."""
    from trucewatch.ingest import read_inputs

    return [r for r in read_inputs([csv_path]) if isinstance(r, Report)]


def _crowd_date(value: str) -> dt.date | None:
    try:
        month, day, year = (int(x) for x in value.strip().split("/"))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def main_incident(extraction: Extraction) -> Incident | None:
    """The incident flagged main, if any."""
    return next((i for i in extraction.incidents if i.main), None)


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def score_fakes(pairs: Iterable[tuple[Report, Extraction]]) -> EvalTable:
    """Governorate and date agreement of the main incident with the FA-KES crowd columns."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for report, extraction in pairs:
        main = main_incident(extraction)
        gov = main.place.governorate if main and main.place else None
        accepted = FAKES_GOVERNORATES.get(report.annotations.get("location", "").strip().lower())
        crowd = _crowd_date(report.annotations.get("date", ""))
        guessed = main.date if main else None
        for key in (report.source.name, "ALL"):
            t = tally[key]
            t[0] += 1
            t[1] += int(accepted is not None and gov in accepted)
            t[2] += int(guessed is not None)
            t[3] += int(guessed is not None and guessed == crowd)
            t[4] += int(
                guessed is not None and crowd is not None and abs((guessed - crowd).days) <= 1
            )
            t[5] += int(main is not None)
    rows = []
    for key in sorted(tally, key=lambda k: (k == "ALL", -tally[k][0], k)):
        n, gov_ok, dated, exact, near, with_main = tally[key]
        rows.append(
            [
                key,
                n,
                _ratio(gov_ok, n),
                _ratio(with_main, n),
                _ratio(dated, n),
                _ratio(exact, n),
                _ratio(near, n),
            ]
        )
    return EvalTable(
        title="FA-KES: main incident vs crowd annotations",
        columns=[
            "outlet",
            "articles",
            "governorate",
            "has main",
            "main dated",
            "date exact",
            "date ±1",
        ],
        rows=rows,
        notes=[
            "governorate: the main incident's governorate is in the crowd `location` "
            "(`damascus` accepts Damascus and Rif Dimashq); no main incident counts as a miss.",
            "date: the main incident's date vs the crowd `date` (noisy: often days or weeks off "
            "the text); an undated main incident counts as a miss.",
        ],
    )


def _within(a: dt.date | None, b: dt.date | None, days: int = 1) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= days


def _gold_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _matches(pred: Incident, gold: dict[str, Any]) -> bool:
    gov = pred.place.governorate if pred.place else None
    return (
        str(pred.type) == gold["type"]
        and gov == gold.get("governorate")
        and _within(pred.date, _gold_date(gold.get("date")))
    )


def _toll_ok(pred: Incident, gold: dict[str, Any]) -> bool:
    low, high = gold.get("killed_low"), gold.get("killed_high")
    point = pred.killed.best if pred.killed.best is not None else pred.killed.low
    if low is None and high is None:
        return not pred.killed.known
    if point is None:
        return False
    return (low is None or point >= low) and (high is None or point <= high)


def score_gold(gold: Sequence[dict[str, Any]], predictions: dict[int, Extraction]) -> EvalTable:
    """Incident P/R/F1 and main-incident accuracies against the hand-made gold."""
    tp = n_pred = n_gold = 0
    main_type = main_gov = main_date = toll = perp = perp_n = n_main = 0
    for article in gold:
        extraction = predictions.get(article["row"], Extraction())
        # the gold codes the seven violent/delivery types only; truces and accessions are
        # outside its scope, so they are neither hits nor false alarms here
        preds = [i for i in extraction.incidents if str(i.type) in GOLD_TYPES]
        golds = list(article["incidents"])
        n_pred += len(preds)
        n_gold += len(golds)
        free = list(preds)
        for g in golds:  # greedy one-to-one matching in gold order (main first)
            hit = next((p for p in free if _matches(p, g)), None)
            if hit is not None:
                tp += 1
                free.remove(hit)
        g_main = golds[article.get("main", 0)]
        p_main = main_incident(extraction)
        n_main += 1
        if p_main is None:
            perp_n += int(bool(g_main.get("perpetrator_stated")))
            continue
        main_type += int(str(p_main.type) == g_main["type"])
        p_gov = p_main.place.governorate if p_main.place else None
        main_gov += int(p_gov == g_main.get("governorate"))
        main_date += int(_within(p_main.date, _gold_date(g_main.get("date"))))
        toll += int(_toll_ok(p_main, g_main))
        if g_main.get("perpetrator_stated"):
            perp_n += 1
            perp += int(p_main.perpetrator == g_main.get("perpetrator"))
    precision = _ratio(tp, n_pred) or 0.0
    recall = _ratio(tp, n_gold) or 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rows = [
        ["incident precision", precision, f"{tp}/{n_pred}", None],
        ["incident recall", recall, f"{tp}/{n_gold}", None],
        ["incident F1", round(f1, 3), "", 0.75],
        ["main type", _ratio(main_type, n_main), f"{main_type}/{n_main}", 0.85],
        ["main governorate", _ratio(main_gov, n_main), f"{main_gov}/{n_main}", None],
        ["main date ±1 day", _ratio(main_date, n_main), f"{main_date}/{n_main}", 0.80],
        ["main toll in range", _ratio(toll, n_main), f"{toll}/{n_main}", 0.80],
        ["main stated perpetrator", _ratio(perp, perp_n), f"{perp}/{perp_n}", 0.80],
    ]
    return EvalTable(
        title="Dev gold (gold-dev.jsonl): incidents and main incident",
        columns=["measure", "value", "count", "target"],
        rows=rows,
        notes=[
            "incident match: same type, same governorate, date within ±1 day or both null; "
            "only the seven types the gold codes are scored (truces and accessions are not).",
            "main date ±1: both null also counts; toll: predicted best (else low) killed within "
            "the annotated range, or both unknown; perpetrator: over main incidents whose "
            "perpetrator the text states.",
        ],
    )


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The gold articles, one JSON object per line."""
    lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def eval_fakes(csv_path: str | Path) -> EvalTable:
    """Run the extractor over FA-KES and score the main incidents against the crowd columns."""
    from trucewatch.extract.pipeline import extract_many

    reports = read_fakes(csv_path)
    return score_fakes(extract_many(reports))


def default_fakes_csv(gold_path: str | Path) -> Path:
    """The FA-KES file that sits beside the gold file."""
    return Path(gold_path).with_name("FA-KES-Dataset.csv")


def eval_gold(gold_path: str | Path, csv_path: str | Path | None = None) -> EvalTable:
    """Run the extractor over the gold's FA-KES rows and score against the gold."""
    from trucewatch.extract.pipeline import extract_many

    gold = read_gold(gold_path)
    wanted = {a["row"] for a in gold}
    reports = [r for r in read_fakes(csv_path or default_fakes_csv(gold_path)) if r.row in wanted]
    predictions = {r.row: e for r, e in extract_many(reports)}
    return score_gold(gold, predictions)


def main(argv: list[str] | None = None) -> int:
    """``python -m trucewatch.extract.evaluate fakes|gold FILE [CSV]``: print the table."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in ("fakes", "gold"):
        print("usage: python -m trucewatch.extract.evaluate fakes|gold FILE [FAKES_CSV]")
        return 2
    if args[0] == "fakes":
        table = eval_fakes(args[1])
    else:
        table = eval_gold(args[1], args[2] if len(args) > 2 else None)
    print(table.to_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
