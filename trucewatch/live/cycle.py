"""One cycle of ``watch``: poll what is due, run the pipeline on what is new, queue and deliver
alerts. Every step is safe to cut short: the next cycle finishes the work and repeats nothing.

The pipeline call is ``run_pipeline``: ``trucewatch run``'s stages, each on what is new or stale.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.live.changes import queue_changes
from trucewatch.live.deliver import RETRY_DELAYS, DeliverySummary, deliver_due
from trucewatch.live.feeds import Limits, PollResult, poll_all
from trucewatch.store import Store
from trucewatch.store.live import DEFAULT_EVERY, due_feeds, mark_pipeline_done, pipeline_pending


def log(event: str, **fields: object) -> None:
    """One structured log line (JSON) on stderr: what a service manager's journal keeps."""
    line = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "event": event, **fields}
    sys.stderr.write(json.dumps(line, default=str, ensure_ascii=False) + "\n")
    sys.stderr.flush()


def run_pipeline(store: Store, agreements_dir: Path | None) -> list[str]:
    """Every stale or new stage on what is new (``trucewatch run``'s ``run_stages``), one line
    per stage. Without ``agreements_dir`` adjudication uses the folder the last one recorded."""
    from trucewatch.pipeline import run_stages

    return [f"{r.stage}: {'; '.join(r.lines)}" for r in run_stages(store, agreements_dir)]


@dataclass
class CycleSummary:
    """What one cycle did."""

    polls: list[PollResult] = field(default_factory=list)
    pipeline: list[str] = field(default_factory=list)
    changes: int = 0
    queued: int = 0
    delivery: DeliverySummary = field(default_factory=DeliverySummary)
    seconds: float = 0.0

    @property
    def new_reports(self) -> int:
        return sum(len(p.new_reports) for p in self.polls)


@dataclass
class CycleOptions:
    """How ``watch`` runs its cycles."""

    agreements: Path | None = None
    limits: Limits = field(default_factory=Limits)
    every: int = DEFAULT_EVERY  # for feeds added without their own interval
    retry_delays: tuple[int, ...] = RETRY_DELAYS
    # Called between stages (tests use it to stop a cycle where a kill would).
    checkpoint: Callable[[str], None] = lambda _stage: None


def run_cycle(store: Store, options: CycleOptions, *, check_changes: bool = True) -> CycleSummary:
    """Poll due feeds, run the pipeline when reports wait for it, queue alerts, deliver them.

    ``check_changes`` False skips the look for changes when the pipeline did not run (the idle
    ticks of a long-running ``watch``); a pipeline run always ends with it.
    """
    started = time.monotonic()
    summary = CycleSummary()
    now = dt.datetime.now(dt.UTC)
    with store.engine.connect() as conn:
        due = due_feeds(conn, now)
    summary.polls = poll_all(store, due, options.limits, options.every)
    for poll in summary.polls:
        log(
            "poll",
            feed=poll.feed,
            items=poll.items,
            new=poll.new_items,
            reports=len(poll.new_reports),
            quarantined=poll.quarantined,
            not_modified=poll.not_modified,
            error=poll.error,
            seconds=round(poll.seconds, 3),
        )
    options.checkpoint("ingested")
    with store.engine.connect() as conn:
        pending = pipeline_pending(conn)
    if pending:
        summary.pipeline = run_pipeline(store, options.agreements)
        log("pipeline", stages=summary.pipeline)
        options.checkpoint("pipeline")
    if pending or check_changes:
        now = dt.datetime.now(dt.UTC)
        with store.transaction() as conn:  # the alerts and "the pipeline is done", together
            summary.changes, summary.queued = queue_changes(conn, now)
            if pending:
                mark_pipeline_done(conn, now)
        if summary.changes:
            log("changes", changes=summary.changes, alerts_queued=summary.queued)
        options.checkpoint("queued")
    summary.delivery = deliver_due(store, delays=options.retry_delays)
    d = summary.delivery
    if d.delivered or d.retrying or d.dead:
        log("deliveries", delivered=d.delivered, retrying=d.retrying, dead=d.dead)
    summary.seconds = time.monotonic() - started
    return summary
