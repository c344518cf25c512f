"""Pipeline stages over the store, shared by the CLI, the demo and the watch loop: each reads what
the stage before it stored and writes its own results in small transactions, so a killed run
resumes. Every stage records its run in the ledger (``store.stages``); ``--redo`` replaces a
stage's whole output and marks the later stages stale; :func:`run_stages` runs whatever is stale
or new, in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.store import Store
from trucewatch.store.incidents import (
    delete_all_extractions,
    iter_incidents,
    save_extraction,
    unextracted_report_ids,
)
from trucewatch.store.reports import iter_reports, report_ids
from trucewatch.store.rulings import save_rulings
from trucewatch.store.stages import (
    adjudicate_context_hash,
    adjudicate_input_hash,
    corroborate_input_hash,
    last_run,
    later_stages,
    mark_stale,
    record_run,
    runs_since,
    stale_reason,
)

EXTRACT_BATCH = 100
# A stage whose code changes gets a new version, so a store built by an older release is
# brought up to date by `trucewatch run` (reports re-read, events rebuilt, every event ruled on).
EXTRACTOR = "trucewatch-extract-12"  # extraction round 26 (issue 15)
CORROBORATOR = "trucewatch-corroborate-5"  # towns of one rare attack a report lists: one event
ADJUDICATOR = "trucewatch-adjudicate-3"  # rulings per event, only changed events ruled again
WRITTEN_LISTED = 5_000  # events a corroboration run lists as written (more: adjudicate all)


@dataclass
class ExtractSummary:
    """What an extraction run over the store did."""

    reports: int = 0
    incidents: int = 0
    claims: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    read_hash: str = ""  # a hash of the set of report ids read: the ledger's input

    def note_read(self, report_id: str) -> None:
        """Count one report read and add its id to the run's input hash (a sum of hashes, so
        the order reports are read in, one process or many, does not change it)."""
        self.reports += 1
        total = int(self.read_hash or "0", 16) + int(
            hashlib.sha256(report_id.encode()).hexdigest(), 16
        )
        self.read_hash = f"{total % 2**256:064x}"


def extract_stored(
    store: Store,
    *,
    redo: bool = False,
    on_report: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ExtractSummary:
    """Extract the stored reports this extractor version has not read yet.

    With ``redo``, every extraction is first removed (children first, in one transaction) and
    every report read again. Either way, when anything was extracted, corroboration and
    adjudication are marked stale.
    """
    from trucewatch.extract import extract_many

    started = dt.datetime.now(dt.UTC)
    if redo:
        start_redo(store)
    with store.engine.connect() as conn:
        ids = report_ids(conn) if redo else unextracted_report_ids(conn, EXTRACTOR)
    if on_total is not None:
        on_total(len(ids))
    summary = ExtractSummary()
    if not ids:
        finish_extract(store, summary, started)
        return summary
    for start in range(0, len(ids), EXTRACT_BATCH):
        batch = ids[start : start + EXTRACT_BATCH]
        with store.engine.connect() as conn:
            reports = list(iter_reports(conn, batch))
        with store.transaction() as conn:
            for report, extraction in extract_many(reports):
                save_extraction(conn, report.id, extraction.incidents, extraction.claims, EXTRACTOR)
                summary.note_read(report.id)
                summary.incidents += len(extraction.incidents)
                summary.claims += len(extraction.claims)
                for incident in extraction.incidents:
                    kind = incident.type.value
                    summary.by_type[kind] = summary.by_type.get(kind, 0) + 1
                if on_report is not None:
                    on_report()
            if start + EXTRACT_BATCH >= len(ids):  # the ledger entry commits with the last batch
                record_extract(conn, summary, started)
    return summary


def start_redo(store: Store) -> None:
    """``extract --redo``: remove every extraction in foreign-key order and mark the later
    stages stale, in one transaction (the local and the Dask paths both start this way)."""
    with store.transaction() as conn:
        delete_all_extractions(conn)
        mark_stale(conn, later_stages("extract"), "extract --redo replaced every extraction")


def finish_extract(store: Store, summary: ExtractSummary, started: dt.datetime) -> None:
    """Record an extraction run (local or Dask) in its own transaction."""
    with store.transaction() as conn:
        record_extract(conn, summary, started)


def record_extract(conn, summary: ExtractSummary, started: dt.datetime) -> None:
    """Record an extraction run and mark the later stages stale if it read anything."""
    record_run(
        conn,
        "extract",
        version=EXTRACTOR,
        input_hash=summary.read_hash or "nothing read",
        started_at=started,
        summary={"reports": summary.reports, "incidents": summary.incidents},
    )
    if summary.reports:
        mark_stale(conn, later_stages("extract"), f"extract read {summary.reports} report(s) anew")


def extract_due(store: Store) -> str | None:
    """Why extraction should run (reports it has not read), or None."""
    with store.engine.connect() as conn:
        waiting = len(unextracted_report_ids(conn, EXTRACTOR))
        reason = stale_reason(conn, "extract")
    if waiting:
        return f"{waiting} report(s) not yet extracted"
    return reason


def corroborate_due(store: Store) -> str | None:
    """Why corroboration should run (never ran, stale, or its inputs changed), or None."""
    with store.engine.connect() as conn:
        reason = stale_reason(conn, "corroborate")
        last = last_run(conn, "corroborate")
        if reason is None and (last is None or last.version != CORROBORATOR):
            reason = "never run" if last is None else f"new version {CORROBORATOR}"
        changed = reason is None and last is not None
        if changed and corroborate_input_hash(conn) != last.input_hash:  # type: ignore[union-attr]
            reason = "its inputs changed"
    return reason


def corroborate_stage(store: Store):
    """Run corroboration and record it in the ledger; adjudication is then stale."""
    from trucewatch.corroborate.stage import corroborate_stored

    started = dt.datetime.now(dt.UTC)
    summary = corroborate_stored(store)
    with store.transaction() as conn:
        record_run(
            conn,
            "corroborate",
            version=CORROBORATOR,
            input_hash=corroborate_input_hash(conn),
            started_at=started,
            summary={
                "events": summary.merged,
                "incidents": summary.incidents,
                # What adjudication must rule on again (None: too many to list, rule on all).
                "written": summary.written if len(summary.written) <= WRITTEN_LISTED else None,
            },
        )
        if summary.written:
            mark_stale(
                conn,
                later_stages("corroborate"),
                f"corroboration wrote {len(summary.written)} new or changed event(s)",
            )
    return summary


@dataclass
class AdjudicateSummary:
    """What an adjudication run over the store did (it rules on events)."""

    events: int = 0
    rulings: int = 0
    new_versions: int = 0
    tally: dict[str, object] = field(default_factory=dict)
    stored_events: int = 0  # events in the store (``events`` is those ruled on)
    why_all: str = ""  # why every event was ruled on, when it was

    @property
    def incidents(self) -> int:
        """The events ruled on (the old name, kept for callers that count units)."""
        return self.events


def adjudicate_stored(
    store: Store, agreements_dir: Path, *, every: bool = True
) -> AdjudicateSummary:
    """Rule on the stored events under the agreements in ``agreements_dir``: one ruling per
    event and agreement, with its members' evidence.

    With ``every`` off, only the events corroboration wrote (new or changed) since the last
    adjudication are ruled on, when nothing else adjudication reads changed since (the same
    folder and version, agreement files, accessions, analysts' overrides, corrections and
    reviews); otherwise every event is. A ruling depends only on its event, its members and
    those, so both ways store the same rulings.

    Who was a party when comes from the accessions the agreement files cite and those the centre
    recorded. Rulings are versioned: one is stored again only when its verdict or reasons changed
    (new facts, new terms, a new accession), so running this twice adds nothing. The folder is
    recorded in the ledger, so ``trucewatch run`` can rule again without being told it.
    """
    from trucewatch.adjudicate.tally import tally
    from trucewatch.store.events import iter_events

    started = dt.datetime.now(dt.UTC)
    with store.engine.connect() as conn:
        context = adjudicate_context_hash(conn, agreements_dir)
        wanted, why_all = (
            (None, "asked to") if every else _changed_since(conn, agreements_dir, context)
        )
        found = list(iter_events(conn, wanted))
        results, actors = _rule(conn, found, agreements_dir, every=wanted is None)
        stored = len(found) if wanted is None else _count_events(conn)
    counted = tally(((incident, rulings) for _, incident, rulings in results), actors, "events")
    summary = AdjudicateSummary(
        events=len(results),
        rulings=sum(len(r) for _, _, r in results),
        tally=counted.as_dict(),
        stored_events=stored,
        why_all=why_all or "",
    )
    with store.transaction() as conn:
        summary.new_versions = save_rulings(conn, [r for _, _, rulings in results for r in rulings])
        record_run(
            conn,
            "adjudicate",
            version=ADJUDICATOR,
            input_hash=adjudicate_input_hash(conn, agreements_dir),
            started_at=started,
            options={"agreements": str(agreements_dir.resolve()), "context": context},
            summary={"events": summary.events, "rulings": summary.rulings},
        )
    return summary


def _changed_since(conn, agreements_dir: Path, context: str) -> tuple[list[str] | None, str | None]:
    """The events to rule on again (None: all of them) and, when all, why: those corroboration
    wrote since the last adjudication, when that adjudication ruled under this version, this
    folder and this context (:func:`adjudicate_context_hash`)."""
    last = last_run(conn, "adjudicate")
    if last is None:
        return None, "never adjudicated"
    if last.version != ADJUDICATOR:
        return None, f"new version {ADJUDICATOR}"
    if last.options.get("agreements") != str(agreements_dir.resolve()):
        return None, "another agreements folder"
    if last.options.get("context") != context:
        return None, "agreement files, accessions or analysts' settings changed"
    runs = runs_since(conn, "corroborate", "adjudicate") or []
    written: set[str] = set()
    for run in runs:
        listed = run.summary.get("written")
        if listed is None:
            return None, "corroboration rewrote too many events to list"
        written.update(listed)
    return sorted(written), None


def _count_events(conn) -> int:
    from sqlalchemy import func, select

    from trucewatch.store.corroboration_tables import events

    return conn.execute(select(func.count()).select_from(events)).scalar_one()


def _rule(conn, found: list, agreements_dir: Path, *, every: bool = False) -> tuple[list, Any]:
    """Rule on ``found`` events (read with their members through ``conn``; ``every``: they are
    all the stored events) under the agreements in ``agreements_dir``: ``(event, incident,
    rulings)`` triples and the actor lookup used."""
    from trucewatch.adjudicate.actors import make_lookup
    from trucewatch.adjudicate.rules import adjudicate_events
    from trucewatch.agreements import load_record
    from trucewatch.centre.parties import accessions_in_force

    record = load_record(agreements_dir)
    actors = make_lookup()
    ids = None if every else sorted({m for e in found for m in e.members})
    members = {i.id: i for i in iter_incidents(conn, ids)} if found else {}
    recorded = accessions_in_force(conn)
    pairs = [(e, [members[m] for m in e.members if m in members]) for e in found]
    results = list(
        adjudicate_events(
            pairs,
            record,
            accessions=recorded,
            resolve=actors.resolve,
            lineage=actors.lineage,
        )
    )
    return results, actors


@dataclass(frozen=True, slots=True)
class RuledAgain:
    """What ruling again on some events (after a correction) did, or why it did not."""

    rulings: tuple = ()
    new_versions: int = 0
    note: str = ""


def rule_again(conn, event_ids: list[str], agreements_dir: Path | None = None) -> RuledAgain:
    """Rule again at once on ``event_ids`` (an analyst corrected them), inside the caller's
    transaction, under ``agreements_dir`` or the folder the last adjudication used.

    When adjudication was up to date before the change, the ledger records this run with the
    new input hash, so ``trucewatch run`` does not rule on every event again for one correction.
    ``up_to_date`` must be read before the change: see :func:`adjudication_current`.
    """
    from trucewatch.store.events import iter_events

    folder = agreements_dir or _recorded_folder(conn)
    if folder is None or not folder.is_dir():
        return RuledAgain(
            note="not ruled again: no agreements folder recorded by an "
            "adjudication; run `trucewatch adjudicate --agreements DIR`"
        )
    found = list(iter_events(conn, event_ids))
    results, _ = _rule(conn, found, folder)
    rulings = tuple(r for _, _, rs in results for r in rs)
    new = save_rulings(conn, rulings)
    return RuledAgain(rulings, new, f"ruled again under {folder}: {new} new or changed ruling(s)")


def adjudication_current(conn, agreements_dir: Path | None = None) -> bool:
    """Whether adjudication is up to date (its last run's inputs are what is stored now)."""
    folder = agreements_dir or _recorded_folder(conn)
    last = last_run(conn, "adjudicate")
    if folder is None or not folder.is_dir() or last is None or last.version != ADJUDICATOR:
        return False
    if stale_reason(conn, "adjudicate") is not None:
        return False
    return adjudicate_input_hash(conn, folder) == last.input_hash


def record_ruled_again(conn, event_ids: list[str], agreements_dir: Path | None = None) -> None:
    """Record in the ledger that adjudication is current again after ruling on ``event_ids``
    (call only when it was current before the change)."""
    folder = agreements_dir or _recorded_folder(conn)
    if folder is None:
        return
    now = dt.datetime.now(dt.UTC)
    record_run(
        conn,
        "adjudicate",
        version=ADJUDICATOR,
        input_hash=adjudicate_input_hash(conn, folder),
        started_at=now,
        options={
            "agreements": str(folder.resolve()),
            "context": adjudicate_context_hash(conn, folder),
        },
        summary={"events": len(event_ids), "ruled_again": list(event_ids)},
    )


def _recorded_folder(conn) -> Path | None:
    last = last_run(conn, "adjudicate")
    folder = (last.options.get("agreements") if last else None) or None
    return Path(folder) if folder else None


def adjudicate_due(store: Store, agreements_dir: Path) -> str | None:
    """Why adjudication should run under ``agreements_dir``, or None."""
    with store.engine.connect() as conn:
        reason = stale_reason(conn, "adjudicate")
        last = last_run(conn, "adjudicate")
        if reason is None and (last is None or last.version != ADJUDICATOR):
            reason = "never run" if last is None else f"new version {ADJUDICATOR}"
        changed = reason is None and last is not None
        if changed and adjudicate_input_hash(conn, agreements_dir) != last.input_hash:  # type: ignore[union-attr]
            reason = "the events, agreement files, accessions or corrections changed"
    return reason


def recorded_agreements(store: Store) -> Path | None:
    """The agreements folder the last adjudication used, if any."""
    with store.engine.connect() as conn:
        return _recorded_folder(conn)


@dataclass(frozen=True, slots=True)
class StageReport:
    """What ``run_stages`` did with one stage: ran it (and what it did) or why it did not."""

    stage: str
    ran: bool
    lines: tuple[str, ...]


def run_stages(
    store: Store,
    agreements: Path | None = None,
    on_stage: Callable[[StageReport], None] | None = None,
    on_start: Callable[[str, str], None] | None = None,
) -> list[StageReport]:
    """Run every stale or new stage in order (extract, corroborate, adjudicate) and say what
    each did, or that it was up to date. The one entry point a deployment schedules and the
    watch loop calls.

    ``agreements`` is the folder to rule under; by default the one the last adjudication used,
    and without either adjudication is skipped (and says so). ``on_start(stage, why)`` is called
    before a stage runs, ``on_stage(report)`` after each stage.
    """
    from trucewatch.store.orphans import list_orphans

    out: list[StageReport] = []

    def done(report: StageReport) -> None:
        out.append(report)
        if on_stage is not None:
            on_stage(report)

    def step(stage: str, why: str | None, work: Callable[[], tuple[str, ...]], idle: str) -> None:
        if why is None:
            done(StageReport(stage, False, (idle,)))
            return
        if on_start is not None:
            on_start(stage, why)
        lines = work()
        done(StageReport(stage, True, (f"{why}: {lines[0]}", *lines[1:])))

    def extract() -> tuple[str, ...]:
        summary = extract_stored(store)
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_type.items())) or "none"
        return (
            f"read {summary.reports} report(s), {summary.incidents} incidents ({kinds}), "
            f"{summary.claims} claims",
        )

    def corroborate() -> tuple[str, ...]:
        return tuple(corroborate_stage(store).lines())

    step("extract", extract_due(store), extract, "up to date")
    step("corroborate", corroborate_due(store), corroborate, "up to date")

    folder = agreements or recorded_agreements(store)
    if folder is None:
        done(StageReport("adjudicate", False, ("skipped: no --agreements given or recorded",)))
    elif not folder.is_dir():
        done(
            StageReport(
                "adjudicate",
                False,
                (
                    f"skipped: {folder}, the agreements the last adjudication used, is gone; "
                    "give --agreements",
                ),
            )
        )
    else:

        def adjudicate() -> tuple[str, ...]:
            ruled = adjudicate_stored(store, folder, every=False)
            by_ruling = ruled.tally.get("by_ruling") or {}
            counts = ", ".join(f"{k} {v}" for k, v in by_ruling.items()) or "none"  # type: ignore[union-attr]
            which = (
                f"{ruled.events} events"
                if ruled.why_all
                else f"{ruled.events} new or changed of {ruled.stored_events} events"
            )
            return (
                f"{which}, {ruled.rulings} rulings ({counts}), "
                f"{ruled.new_versions} new or changed (agreements {folder})",
            )

        step(
            "adjudicate",
            adjudicate_due(store, folder),
            adjudicate,
            f"up to date (agreements {folder})",
        )
    with store.engine.connect() as conn:
        lines = [f"{o.kind} on {o.target_id} (event gone): {o.detail}" for o in list_orphans(conn)]
    if lines:
        done(StageReport("orphans", False, tuple(lines[:50])))
    return out
