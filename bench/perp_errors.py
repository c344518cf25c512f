"""Perpetrator errors on every matched incident of the tuning sets, not only the main one.

    .venv/bin/python bench/perp_errors.py [--half tune] [GOLD...]

Pairs predictions with gold incidents as ``trucewatch eval gold`` does (``gold.matches``) and
lists, for each gold incident whose perpetrator the text states, the extractor's answer when it
differs, with the sentence behind the extractor's attribution (or its type evidence). Texts are
read from ../shared at run time, never stored. A wider view than the main-incident figure: who
acts in a sentence is read the same way for every incident.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from incident_errors import DEFAULT, SHARED, _sentence

from trucewatch.extract.evaluate import _extract_all, read_fakes
from trucewatch.extract.gold import load_gold_set, matches


def main(argv: list[str] | None = None) -> int:
    """Print each stated-perpetrator disagreement and the totals per gold file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT[:2])
    ap.add_argument("--half", default="tune")
    args = ap.parse_args(argv)
    fakes = {r.row: r for r in read_fakes(SHARED / "fakes" / "FA-KES-Dataset.csv")}
    for path in args.gold:
        gs = load_gold_set(path, args.half)
        reports = {a["key"]: fakes[a["key"]] for a in gs.articles}
        preds = _extract_all(list(reports.values()))
        right = total = 0
        lines = []
        for a in gs.articles:
            free = [p for p in preds[a["key"]].incidents if str(p.type) in gs.scope]
            for i, g in enumerate(a["incidents"]):
                hit = next((p for p in free if matches(p, g)), None)
                if hit is None:
                    continue
                free.remove(hit)
                if not g.get("perpetrator_stated") or g.get("perpetrator") in (None, "Unknown"):
                    continue
                total += 1
                got = hit.perpetrator
                if got == g["perpetrator"]:
                    right += 1
                    continue
                ev = next(
                    (m for m in hit.evidence if m.field == "perpetrator"),
                    next((m for m in hit.evidence if m.field == "type"), None),
                )
                ctx = _sentence(reports[a["key"]].text, ev.start) if ev else ""
                lines.append(
                    f"  {a['key']}#{i}{' MAIN' if i == a['main'] else ''} {g['type']}: "
                    f"got {got} want {g['perpetrator']}\n      gold: {g.get('evidence')}\n"
                    f"      ours: {ctx}"
                )
        print(f"## {gs.name}: stated perpetrator on matched incidents {right}/{total}")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
