"""``make demo``: the whole pipeline on examples/syria-2016 into a fresh SQLite store.

Each stage is one entry in ``STAGES``; a stage reads what the ones before it stored and returns the
lines it prints. New pipeline stages join the demo by adding an entry here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.centre.audit_key import KEY_ENV, key_file
from trucewatch.console import console
from trucewatch.store import Store, open_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria-2016"
# Demo store only: a local, throwaway database. Real stores get users from `trucewatch users add`.
DEMO_LOGIN = ("demo-admin", "ceasefire-demo")


@dataclass
class Demo:
    """What the stages share: the store, where outputs go, and notes for the closing summary."""

    store: Store
    out: Path
    example: Path = EXAMPLE
    notes: dict[str, object] = field(default_factory=dict)


Stage = Callable[[Demo], list[str]]


def stage_ingest(demo: Demo) -> list[str]:
    from trucewatch.ingest.run import ingest

    summary = ingest(demo.store, [demo.example / "reports"])
    lines = [
        f"read {summary.read} reports, stored {summary.new}, quarantined {summary.quarantined}",
    ]
    with demo.store.engine.connect() as conn:
        from trucewatch.store.reports import iter_reports

        reports = list(iter_reports(conn))
    inferred = [r for r in reports if r.published.date is None]
    lines.append(
        f"{len(reports) - len(inferred)} with a stated publication date; "
        f"{len(inferred)} without one (inferred range or unknown, with the reason kept)"
    )
    for report in inferred[:3]:
        lines.append(f"  {report.title or report.id}: {report.published.reason}")
    return lines


def stage_extract(demo: Demo) -> list[str]:
    from trucewatch.pipeline import extract_stored

    summary = extract_stored(demo.store)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_type.items()))
    return [
        f"{summary.incidents} incidents from {summary.reports} reports ({kinds})",
        f"{summary.claims} attributed numeric claims",
    ]


def stage_corroborate(demo: Demo) -> list[str]:
    from trucewatch.pipeline import corroborate_stage

    return corroborate_stage(demo.store).lines()


def stage_centre(demo: Demo) -> list[str]:
    import datetime as dt

    from trucewatch.centre import hotline
    from trucewatch.centre.commands import seed_demo
    from trucewatch.centre.deliveries import list_deliveries
    from trucewatch.centre.meetings import list_meetings
    from trucewatch.centre.parties import list_accessions
    from trucewatch.centre.protection import list_protection_requests
    from trucewatch.centre.users import SYSTEM, set_password

    seed_demo(demo.store)
    with demo.store.transaction() as conn:  # a known password so the demo's web pages can be opened
        set_password(conn, SYSTEM, DEMO_LOGIN[0], DEMO_LOGIN[1])
    now = dt.datetime(2016, 2, 29, 12, tzinfo=dt.UTC)  # the demo's "now": the truce's third day
    with demo.store.engine.connect() as conn:
        late = hotline.overdue(conn, SYSTEM, now)
        return [
            f"accession requests {len(list_accessions(conn, SYSTEM))}, "
            f"meetings {len(list_meetings(conn, SYSTEM))}, "
            f"protection requests {len(list_protection_requests(conn, SYSTEM))}, "
            f"deliveries {len(list_deliveries(conn, SYSTEM))}",
            f"hotline messages overdue at {now:%Y-%m-%d %H:%M} UTC: {len(late)}",
            "see them with: trucewatch centre hotline --as demo-admin "
            f"--db {demo.out / 'trucewatch.db'}",
        ]


def stage_adjudicate(demo: Demo) -> list[str]:
    from trucewatch.pipeline import adjudicate_stored
    from trucewatch.store.events import iter_events
    from trucewatch.store.rulings import current_rulings

    summary = adjudicate_stored(demo.store, demo.example / "agreements")
    demo.notes["tally"] = summary.tally
    tally = summary.tally
    lines = [
        f"{summary.rulings} rulings on {summary.events} events: "
        + ", ".join(f"{k} {v}" for k, v in tally["by_ruling"].items()),
        f"events with a violation: {tally['events_with_violation']}; with an alleged violation "
        f"only (one source, attribution not stated): {tally['events_with_alleged_violation']}",
    ]
    for key in ("by_party", "by_governorate", "by_agreement"):
        counts = ", ".join(f"{k} {v}" for k, v in tally[key].items()) or "none"
        lines.append(f"  violations {key.replace('_', ' ')}: {counts}")
    with demo.store.engine.connect() as conn:
        events = {e.id: e for e in iter_events(conn)}
        breaches: dict[str, list[str]] = {}
        for stored in current_rulings(conn):
            r = stored.ruling
            if r.incident in events and r.ruling.value in ("violation", "alleged_violation"):
                breaches.setdefault(r.incident, []).append(f"{r.agreement}: {r.ruling.value}")
    for event_id, verdicts in sorted(breaches.items()):
        e = events[event_id]
        where = e.place.name if e.place else "no place"
        toll = "/".join(str(v) for v in (e.killed.low, e.killed.high) if v is not None)
        lines.append(
            f"  {event_id}: {e.type.value} at {where}, {e.window.describe()}, "
            f"{e.sources} source(s), killed {toll or 'unknown'}, by {e.perpetrator or '?'} "
            f"({e.attribution.value if e.attribution else 'no attribution'}) — "
            + "; ".join(verdicts)
        )
    return lines


def stage_report(demo: Demo) -> list[str]:
    import datetime as dt

    from trucewatch.agreements import load_record
    from trucewatch.report.daily import collect
    from trucewatch.report.period import Period
    from trucewatch.report.render import write_report
    from trucewatch.report.settings import load_settings

    # The mission's header, marking, cut-off and zone, as a deployment's trucewatch.toml gives them.
    settings = load_settings(demo.example / "trucewatch.toml")

    by_day = dict(demo.notes.get("tally", {}).get("by_day", {}))
    by_day.pop("unknown", None)
    # the day with the most violations, so the demo's report has something to show
    day = max(by_day, key=lambda d: (by_day[d], d)) if by_day else "2016-03-01"
    period = Period(
        dt.date.fromisoformat(day), dt.date.fromisoformat(day), settings.cutoff, settings.tz
    )
    with demo.store.engine.connect() as conn:
        report = collect(conn, period, load_record(demo.example / "agreements"), settings=settings)
    written = write_report(report, demo.out)
    figures = ", ".join(f"{f.name} {f.shown()} ({f.change_shown()})" for f in report.headline)
    return [f"{report.title}: {figures}", f"wrote {written.html}", f"wrote {written.pdf}"]


STAGES: list[tuple[str, Stage]] = [
    ("ingest", stage_ingest),
    ("extract", stage_extract),
    ("corroborate", stage_corroborate),
    ("centre", stage_centre),
    ("adjudicate", stage_adjudicate),
    ("daily report", stage_report),
]


def run(out: Path) -> Demo:
    """Run every stage into a fresh store under ``out`` and print what each did."""
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob("trucewatch.db*"):
        leftover.unlink()
    demo = Demo(store=open_store(f"sqlite:///{out / 'trucewatch.db'}"), out=out)
    # The demo signs its audit log with a key of its own (or the one configured), never with the
    # key in the user's config folder that guards their real stores.
    key = Path(os.environ.get(KEY_ENV) or out / "audit.key")
    with key_file(key):
        for name, stage in STAGES:
            console.rule(f"[bold]{name}")
            for line in stage(demo):
                console.print(line, markup=False)
    console.rule("[bold]done")
    console.print(f"store: {out / 'trucewatch.db'}", markup=False)
    console.print(
        f"serve it: {KEY_ENV}={key} .venv/bin/trucewatch serve --db {out / 'trucewatch.db'}  "
        f"(then open http://127.0.0.1:8000 and log in as {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]})",
        markup=False,
    )
    return demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("demo-output"))
    run(parser.parse_args().out)


if __name__ == "__main__":
    main()
