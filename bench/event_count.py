"""Count the events one real-world incident became, from an events export (issue 14's check).

    trucewatch ingest ../shared/data/fakes/FA-KES-Dataset.csv --db sqlite:////tmp/fk.db
    trucewatch run --db sqlite:////tmp/fk.db --agreements examples/syria-2016/agreements
    trucewatch export events --format jsonl --db sqlite:////tmp/fk.db > /tmp/events.jsonl
    .venv/bin/python bench/event_count.py /tmp/events.jsonl \\
        --type chemical_attack --gov "Rif Dimashq" --gov Damascus \\
        --from 2013-08-20 --to 2013-08-22

Defaults are the 21 August 2013 Ghouta chemical attack. One line per matching event (best day,
place, killed, how many reports tell it); the count should be 1 when reports of one attack are
each read as one incident and corroborated together.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def matching(path: Path, kind: str, govs: set[str], first: str, last: str) -> list[dict]:
    """The exported events of that type, in those governorates, with a best day in range."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as err:
            raise SystemExit(f"{path}:{n}: not JSON ({err})") from None
        day = e.get("event_date") or ""
        if e.get("type") == kind and e.get("governorate") in govs and first <= day <= last:
            out.append(e)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the matching events and their count."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=Path, help="JSONL from `trucewatch export events`")
    ap.add_argument("--type", default="chemical_attack")
    ap.add_argument("--gov", action="append", help="governorate (repeat); default Ghouta's")
    ap.add_argument("--from", dest="first", default="2013-08-20")
    ap.add_argument("--to", dest="last", default="2013-08-22")
    args = ap.parse_args(argv)
    govs = set(args.gov or ["Rif Dimashq", "Damascus"])
    events = matching(args.events, args.type, govs, args.first, args.last)
    for e in events:
        k = e.get("killed") or {}
        print(
            f"{e['event_date']}  {e.get('place')}  killed {k.get('low')}-{k.get('high')}  "
            f"reports {len(e.get('report_ids') or [])}"
        )
    print(f"{len(events)} event(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
