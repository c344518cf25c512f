"""Why an incident is (not) extracted: the pipeline's path for one FA-KES row, sentence by sentence.

    .venv/bin/python bench/recall_trace.py ROW [ROW ...] [--grep WORD]

For each sentence that holds a trigger it prints the sentence (cut), its role (context /
summary), each trigger (type, words, strength), whether the sentence tells each type as a
happening (``roles.is_happening``), then the drafts that survive drafting and merging and the
incidents given. ``--grep`` keeps only sentences holding that word. A reading aid for the
recall work: it changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from date_sample import CSV

from trucewatch.extract import drafts as drafts_mod
from trucewatch.extract import roles
from trucewatch.extract.pipeline import build_pipeline, make_doc


def trace(row: int, grep: str | None) -> None:
    """Print the pipeline's path for one FA-KES row."""
    from trucewatch.extract.evaluate import read_fakes

    report = next(r for r in read_fakes(CSV) if r.row == row)
    happening: dict[tuple[int, str], bool] = {}
    original = roles.is_happening

    def spy(doc, sent, kind, triggers):
        out = original(doc, sent, kind, triggers)
        happening[(sent.index, kind.value)] = out
        return out

    drafts_mod.is_happening = spy
    pending_seen: list = []
    ground = drafts_mod.ground_pending

    def keep_pending(doc, drafts, pending, quantities):
        pending_seen.extend(pending)
        return ground(doc, drafts, pending, quantities)

    drafts_mod.ground_pending = keep_pending
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, report))
    drafts_mod.is_happening = original
    drafts_mod.ground_pending = ground
    text = doc.text
    print(f"=== row {row}: {report.title}")
    by_sent: dict[int, list] = {}
    for t in doc._.triggers or ():
        by_sent.setdefault(t.sent, []).append(t)
    for s in doc._.sentences:
        if s.index not in by_sent:
            continue
        words = text[s.start : s.end]
        if grep and grep.lower() not in words.lower():
            continue
        role = doc._.roles[s.index]
        flags = ",".join(k for k in ("context", "summary") if getattr(role, k))
        print(f"[{s.index}] ({flags}) {words[:260]}")
        for t in by_sent[s.index]:
            told = happening.get((s.index, t.type.value), "-")
            print(f"    trigger {t.type.value} {t.text!r} s={t.strength} happening={told}")
    print("pending (neither place nor figure):")
    for d in pending_seen:
        print(f"    [{d.sent}] {d.type.value} {d.trigger.text!r} date={d.date is not None}")
    print("drafts after drafting:")
    for d in drafts_mod.draft_incidents(doc):
        place = d.place.text if d.place else None
        print(f"    [{d.sent}] {d.type.value} {place} {d.killed} date={d.date is not None}")
    print("incidents:")
    for inc in doc._.incidents or ():
        place = f"{inc.place.name}/{inc.place.governorate}" if inc.place else None
        print(
            f"    {'*' if inc.main else ' '} {inc.type.value} {place} {inc.date} k={inc.killed.low}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: ``ROW [ROW ...] [--grep WORD]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rows", type=int, nargs="+")
    ap.add_argument("--grep")
    args = ap.parse_args(argv)
    for row in args.rows:
        trace(row, args.grep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
