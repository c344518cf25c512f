"""Error analysis of incident detection against the hand-made gold (tuning sets by default).

    .venv/bin/python bench/incident_errors.py [--half tune|check] [--show] [GOLD...]

Matches predictions to gold as ``trucewatch eval gold`` does (same type, governorate, date ±1)
and sorts every false and missed incident by its likeliest cause:

- ``date``: type and governorate agree with an unmatched partner, only the day is off;
- ``governorate``: type and day agree, the governorate differs (or is missing);
- ``type``: governorate and day agree, the type differs;
- ``split``: a false incident of the same type and governorate as one already matched;
- ``discourse`` / ``no-incident row``: any incident on a row whose gold codes none;
- ``spurious`` (false) / ``not found`` (missed): none of the above.

A pair explained as date, governorate or type is counted once on each side. ``--show`` prints
each error with the sentence behind it (texts are read from ../shared at run time, never
stored).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from trucewatch.extract.evaluate import _extract_all, _statement_report, read_fakes
from trucewatch.extract.gold import load_gold_set
from trucewatch.model.incident import Incident

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = [
    SHARED / "fakes" / "gold-dev.jsonl",
    SHARED / "fakes" / "gold-dev-2.jsonl",
    SHARED / "statements" / "statements-dev.jsonl",
]


def _day(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= 1


def _gov(p: Incident) -> str | None:
    return p.place.governorate if p.place else None


def _key(p: Incident, g: dict[str, Any], *, type_: bool, gov: bool, date: bool) -> bool:
    ok = True
    if type_:
        ok &= str(p.type) == g["type"]
    if gov:
        ok &= _gov(p) == g.get("governorate")
    if date:
        ok &= _near(p.date, _day(g.get("date")))
    return ok


def classify(article: dict[str, Any], preds: list[Incident]) -> list[tuple[str, str, Any]]:
    """(side, cause, item) for each false ("false") and missed ("missed") incident."""
    golds = list(article["incidents"])
    free = list(preds)
    matched: list[dict[str, Any]] = []
    missed = []
    for g in golds:
        hit = next((p for p in free if _key(p, g, type_=True, gov=True, date=True)), None)
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            matched.append(g)
    out: list[tuple[str, str, Any]] = []
    for cause, flags in (
        ("date", dict(type_=True, gov=True, date=False)),
        ("governorate", dict(type_=True, gov=False, date=True)),
        ("type", dict(type_=False, gov=True, date=True)),
    ):
        for g in list(missed):
            p = next((p for p in free if _key(p, g, **flags)), None)
            if p is not None:
                free.remove(p)
                missed.remove(g)
                out += [("missed", cause, g), ("false", cause, p)]
    for p in free:
        if not golds:
            cause = "discourse" if article["kind"] == "discourse" else "no-incident row"
        elif any(_key(p, g, type_=True, gov=True, date=False) for g in matched):
            cause = "split"
        else:
            cause = "spurious"
        out.append(("false", cause, p))
    out += [("missed", "not found", g) for g in missed]
    return out


def _sentence(text: str, start: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    b = min((i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0), default=-1)
    return " ".join(text[a : b if b >= 0 else len(text)].split())[:260]


def main(argv: list[str] | None = None) -> int:
    """Print the error counts by cause per set (and each error with ``--show``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--half", default="tune")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--main", action="store_true", help="also list main incidents of wrong type")
    args = ap.parse_args(argv)
    csv = SHARED / "fakes" / "FA-KES-Dataset.csv"
    fakes = {r.row: r for r in read_fakes(csv)}
    for path in args.gold:
        gs = load_gold_set(path, args.half)
        if gs.kind == "statements":
            reports = {a["key"]: _statement_report(a) for a in gs.articles}
        else:
            reports = {a["key"]: fakes[a["key"]] for a in gs.articles}
        preds = _extract_all(list(reports.values()))
        counts: Counter[tuple[str, str]] = Counter()
        lines = []
        for a in gs.articles:
            text = reports[a["key"]].text
            mine = [p for p in preds.get(a["key"]).incidents if str(p.type) in gs.scope]
            for side, cause, item in classify(a, mine):
                counts[(side, cause)] += 1
                if isinstance(item, Incident):
                    ev = next((m for m in item.evidence if m.field == "type"), None)
                    where = item.place.name if item.place else None
                    desc = f"{item.type} {where}/{_gov(item)} {item.date} k={item.killed.low}"
                    ctx = _sentence(text, ev.start) if ev else ""
                else:
                    desc = (
                        f"{item['type']} {item.get('place')}/{item.get('governorate')} "
                        f"{item.get('date')} k={item.get('killed_low')}"
                    )
                    ctx = item.get("evidence") or ""
                lines.append(f"  {a['key']} [{a['kind']}] {side:6} {cause:12} {desc}\n      {ctx}")
        print(f"## {gs.name}")
        for (side, cause), n in sorted(counts.items()):
            print(f"  {side:6} {cause:16} {n}")
        if args.show:
            print("\n".join(lines))
        if args.main:
            print("\n".join(_main_type_errors(gs.articles, preds)))
    return 0


def _main_type_errors(articles: list[dict[str, Any]], preds: dict[Any, Any]) -> list[str]:
    """One line per article whose main incident has another type than the gold's main."""
    out = []
    for a in articles:
        if a["main"] is None:
            continue
        want = a["incidents"][a["main"]]
        got = next((i for i in preds[a["key"]].incidents if i.main), None)
        if got is None or str(got.type) != want["type"]:
            where = got.place.name if got is not None and got.place else None
            have = f"{got.type} {where} {got.date}" if got is not None else "none"
            out.append(
                f"  MAIN {a['key']}: gold {want['type']} {want.get('place')} {want.get('date')}"
                f" | got {have}"
            )
    return out


if __name__ == "__main__":
    raise SystemExit(main())
