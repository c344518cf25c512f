"""Main-incident place misses against the hand-made gold (tuning sets by default).

    .venv/bin/python bench/place_errors.py [--half tune|check] [--all] [GOLD...]

Lists, for each gold row with a main incident, the gold place and governorate beside the
extractor's main incident's place (name, governorate, geo_precision) and whether
``trucewatch eval gold`` counts it correct; ``--all`` prints the correct ones too. Texts are
read from ../shared at run time, never stored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trucewatch.extract.evaluate import _extract_all, default_fakes_csv, read_fakes
from trucewatch.extract.gold import load_gold_set, main_incident, place_correct

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes"
DEFAULT = [SHARED / "gold-dev.jsonl", SHARED / "gold-dev-2.jsonl"]


def main(argv: list[str] | None = None) -> int:
    """Print the main-place misses of the FA-KES gold files given (default: both dev files)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--half", default="tune")
    parser.add_argument("--all", action="store_true", help="print correct rows too")
    args = parser.parse_args(argv)
    sets = [load_gold_set(p, args.half) for p in args.gold]
    wanted = {a["key"] for s in sets for a in s.articles}
    preds = _extract_all(
        [r for r in read_fakes(default_fakes_csv(args.gold[0])) if r.row in wanted]
    )
    for s in sets:
        ok = n = 0
        for a in s.articles:
            if a["main"] is None:
                continue
            g = a["incidents"][a["main"]]
            if not g.get("place"):
                continue
            p = main_incident(preds[a["key"]])
            place = p.place if p else None
            hit = place_correct(place, g["place"])
            n += 1
            ok += hit
            if hit and not args.all:
                continue
            got = (
                f"{place.name} / {place.governorate} / p{int(place.geo_precision)}"
                if place
                else "-"
            )
            mark = "ok  " if hit else "MISS"
            print(
                f"{mark} {s.name}:{a['key']}  gold {g['place']!r} ({g.get('governorate')})  "
                f"got {got}"
            )
        print(f"== {s.name}: {ok}/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
