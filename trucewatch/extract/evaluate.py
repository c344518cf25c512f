"""Scoring the extractor: ``trucewatch eval fakes`` and ``trucewatch eval gold``.

The scoring functions are pure (rows and gold in, :class:`EvalTable` out); :func:`eval_fakes`
and :func:`eval_gold` add the reading of the files and the extraction run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.extract.gold import (
    GOLD_TYPES,
    HALVES,
    GoldFileError,
    GoldSet,
    GoldTally,
    gold_set,
    load_gold_set,
    main_incident,
    ratio,
    tally_gold,
)
from trucewatch.extract.spans import Extraction
from trucewatch.model.report import Report

__all__ = ["GOLD_TYPES", "EvalTable", "GoldFileError", "eval_fakes", "eval_gold", "read_fakes"]

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
    (``date``, ``location``, ``labels``, ``unit_id``). A file or row the reader rejects raises
    :class:`GoldFileError` naming it: a score over fewer rows than the file holds would be
    silently wrong (the reader rejects none of the 804)."""
    from trucewatch.ingest import Rejected, read_inputs

    reports: list[Report] = []
    for item in read_inputs([csv_path]):
        if isinstance(item, Rejected):
            raise GoldFileError(f"{item.origin}: {item.location}: {item.reason}")
        reports.append(item)
    return reports


def _crowd_date(value: str) -> dt.date | None:
    try:
        month, day, year = (int(x) for x in value.strip().split("/"))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def score_fakes(pairs: Iterable[tuple[Report, Extraction]]) -> EvalTable:
    """Governorate and date agreement of the main incident with the FA-KES crowd columns."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0] * 7)

    def near(day: dt.date | None, crowd: dt.date | None) -> bool:
        return day is not None and crowd is not None and abs((day - crowd).days) <= 1

    for report, extraction in pairs:
        main = main_incident(extraction)
        gov = main.place.governorate if main and main.place else None
        accepted = FAKES_GOVERNORATES.get(report.annotations.get("location", "").strip().lower())
        crowd = _crowd_date(report.annotations.get("date", ""))
        # The best day of the main incident's window (model.dates): what every view counts by.
        best = main.window.event_date if main and main.window else (main.date if main else None)
        for key in (report.source.name, "ALL"):
            t = tally[key]
            t[0] += 1
            t[1] += int(accepted is not None and gov in accepted)
            t[2] += int(main is not None and main.date is not None)
            t[3] += int(best is not None and best == crowd)
            t[4] += int(near(best, crowd))
            t[5] += int(main is not None)
            t[6] += int(near(report.published.date, crowd))
    rows = []
    for key in sorted(tally, key=lambda k: (k == "ALL", -tally[k][0], k)):
        n, gov_ok, dated, exact, close, with_main, dateline = tally[key]
        rows.append(
            [
                key,
                n,
                ratio(gov_ok, n),
                ratio(with_main, n),
                ratio(dated, n),
                ratio(exact, n),
                ratio(close, n),
                ratio(dateline, n),
            ]
        )
    return EvalTable(
        title="FA-KES: main incident vs crowd annotations",
        columns=[
            "outlet",
            "articles",
            "governorate",
            "has main",
            "text dates main",
            "best day exact",
            "best day ±1",
            "dateline ±1",
        ],
        rows=rows,
        notes=[
            "governorate: the main incident's governorate is in the crowd `location` "
            "(`damascus` accepts Damascus and Rif Dimashq); no main incident counts as a miss.",
            "best day: the main incident's window's best day (the day the text states, else its "
            "report's publication date) vs the crowd `date` (noisy: often days or weeks off the "
            "text); no main incident or no day counts as a miss. 'text dates main': the text "
            "states the main incident's day. 'dateline ±1': the baseline of taking the report's "
            "publication date.",
        ],
    )


def eval_fakes(csv_path: str | Path) -> EvalTable:
    """Run the extractor over FA-KES and score the main incidents against the crowd columns."""
    from trucewatch.extract.pipeline import extract_many

    reports = read_fakes(csv_path)
    return score_fakes(extract_many(reports))


def default_fakes_csv(gold_path: str | Path) -> Path:
    """The FA-KES file that sits beside the gold file."""
    return Path(gold_path).with_name("FA-KES-Dataset.csv")


# (measure, target, value and count of one tally)
_MEASURES: list[tuple[str, float | None, Any]] = [
    ("incident precision", None, lambda t: (t.tp, t.n_pred)),
    ("incident recall", None, lambda t: (t.tp, t.n_gold)),
    ("incident F1", 0.80, lambda t: t.f1),
    ("main type", 0.90, lambda t: (t.main_type, t.n_main)),
    ("main governorate", None, lambda t: (t.main_gov, t.n_main)),
    ("main date ±1 day", 0.85, lambda t: (t.main_date, t.n_main)),
    ("main toll in range", 0.85, lambda t: (t.toll, t.n_main)),
    ("main stated perpetrator", 0.85, lambda t: (t.perp, t.perp_n)),
    ("main place correct", 0.70, lambda t: (t.place, t.place_n)),
    ("discourse rows with a violent incident", 0.0,
     lambda t: (t.discourse_violent_rows, t.discourse)),
    ("false incidents on rows with none", None,
     lambda t: f"{t.empty_false} on {t.empty} rows" if t.empty else None),
    ("claims found (same quantity)", None, lambda t: (t.claims_found, t.claims)),
    ("claimant correct", 0.85, lambda t: (t.claimant_ok, t.claims)),
    ("claims with a forbidden claimant (must_not)", None,
     lambda t: str(t.must_not_claimants) if t.claims else None),
    ("incidents with a forbidden toll (must_not)", None,
     lambda t: str(t.must_not_tolls) if t.claims else None),
]  # fmt: skip

#: Claim and must_not misses listed under the table, per set.
MAX_MISSES = 40

GOLD_NOTES = [
    "incident match: same type, same governorate, date within ±1 day or both null. FA-KES gold "
    "(gold-dev*.jsonl) scores the seven types it codes; truces and accessions are left out on "
    "both sides, as before. The statements gold also codes truces and accessions reported as "
    "done, so there they are scored.",
    "rows with `main: null` (no codable incident) score only their false incidents; the "
    "statements gold codes no main incident, so its main-incident rows stay empty.",
    "main date ±1: both null also counts; toll: predicted best (else low) killed within the "
    "annotated range, or both unknown; perpetrator: over main incidents whose perpetrator the "
    "text states; place: the main incident's place against the gold `place`, normalised and "
    "matched through the gazetteer's aliases at the same level (town vs governorate).",
    "discourse rows: articles whose `kind` is discourse, counted when the extractor gives any "
    "air strike, shelling, clash, explosion, chemical attack or territory taken.",
    "claimant correct: gold claims (statements gold) paired with a predicted claim of the same "
    "quantity whose claimant is the same name or the same actor in the actor gazetteer (an "
    "official for their body, a surname for the full name, the name given more fully with the "
    "same head: 'Syrian state television' for 'state television'); a claim not found is a miss.",
    'must_not (statements gold): predicted claims whose claimant a row forbids ("claimant '
    "'GENEVA' (dateline city)\") and incidents whose killed figure is one a row forbids (\"any "
    'incident with 250,000 killed").',
]


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, tuple):
        hits, total = value
        return f"{hits / total:.1%} ({hits}/{total})" if total else "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def gold_table(tallies: Sequence[tuple[str, GoldTally]]) -> EvalTable:
    """One column per gold set (file or half), one row per measure, with its target."""
    rows = []
    for label, target, get in _MEASURES:
        cells = [_cell(get(t)) for _, t in tallies]
        if all(c == "–" for c in cells):
            continue
        shown = None if target is None else (f"{target:.2f}" if label == "incident F1" else target)
        rows.append([label, shown, *cells])
    misses = [
        f"misses in {name}: "
        + "; ".join(t.misses[:MAX_MISSES])
        + (f"; ... and {len(t.misses) - MAX_MISSES} more" if len(t.misses) > MAX_MISSES else "")
        for name, t in tallies
        if t.misses
    ]
    return EvalTable(
        title="Hand-made gold: incidents, main incident, discourse and claims",
        columns=["measure", "target", *(name for name, _ in tallies)],
        rows=rows,
        notes=[*GOLD_NOTES, *misses],
    )


def score_gold(
    gold: Sequence[dict[str, Any]] | GoldSet, predictions: dict[Any, Extraction]
) -> EvalTable:
    """Score one gold set (a GoldSet, or gold-dev rows as read) and return its table."""
    if not isinstance(gold, GoldSet):
        gold = gold_set("gold", list(gold))
    return gold_table([(gold.name, tally_gold(gold, predictions))])


def _statement_report(article: dict[str, Any]) -> Report:
    from trucewatch.model.report import Published, PublishedBasis, Source

    day = dt.date.fromisoformat(article["published"]) if article.get("published") else None
    published = Published(PublishedBasis.METADATA, date=day) if day else Published.unknown()
    return Report(
        source=Source("statements"),
        text=article["text"],
        title=article.get("title"),
        published=published,
        id=article["key"],
    )


def _extract_all(reports: list[Report]) -> dict[Any, Extraction]:
    from rich.progress import track

    from trucewatch.extract.pipeline import extract_many

    out: dict[Any, Extraction] = {}
    for report, extraction in track(
        extract_many(reports), total=len(reports), description="extracting", transient=True
    ):
        out[report.row if report.row is not None else report.id] = extraction
    return out


def eval_gold_sets(
    gold_paths: Sequence[str | Path],
    csv_path: str | Path | None = None,
    half: str | None = None,
) -> tuple[EvalTable, list[tuple[str, GoldTally]]]:
    """Extract each gold set's articles and score each set apart (the table and the tallies).

    FA-KES gold rows are read from ``csv_path`` (default: FA-KES-Dataset.csv beside the first
    FA-KES gold file); statement gold carries its own texts.
    """
    if half is not None and half not in HALVES:
        raise GoldFileError(f"--half must be one of {', '.join(HALVES)}, not {half!r}")
    sets = [load_gold_set(p, half) for p in gold_paths]
    fakes_sets = [(Path(p), s) for p, s in zip(gold_paths, sets, strict=True) if s.kind == "fakes"]
    fakes_preds: dict[Any, Extraction] = {}
    if fakes_sets:
        csv = Path(csv_path) if csv_path else default_fakes_csv(fakes_sets[0][0])
        if not csv.is_file():
            raise GoldFileError(f"{csv}: FA-KES CSV not found (give it with --csv)")
        wanted = {a["key"] for _, s in fakes_sets for a in s.articles}
        fakes_preds = _extract_all([r for r in read_fakes(csv) if r.row in wanted])
    tallies = []
    for s in sets:
        if s.kind == "statements":
            preds = _extract_all([_statement_report(a) for a in s.articles])
        else:
            preds = fakes_preds
        tallies.append((s.name, tally_gold(s, preds)))
    return gold_table(tallies), tallies


def eval_gold(
    gold_path: str | Path | Sequence[str | Path],
    csv_path: str | Path | None = None,
    half: str | None = None,
) -> EvalTable:
    """Run the extractor over one or more gold files and score each apart."""
    paths = [gold_path] if isinstance(gold_path, (str, Path)) else list(gold_path)
    return eval_gold_sets(paths, csv_path, half)[0]


def main(argv: list[str] | None = None) -> int:
    """``python -m trucewatch.extract.evaluate fakes|gold FILE... [--csv CSV] [--half H]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m trucewatch.extract.evaluate")
    parser.add_argument("what", choices=["fakes", "gold"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--half", choices=HALVES, default=None)
    args = parser.parse_args(argv)
    if args.what == "fakes":
        table = eval_fakes(args.files[0])
    else:
        table = eval_gold(args.files, args.csv, args.half)
    print(table.to_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
