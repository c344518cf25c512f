"""The long-running ``watch`` loop: cycles until told to stop (SIGTERM or Ctrl-C).

Between cycles it sleeps until the next feed or alert retry is due (at most ``TICK`` seconds, so
reports posted to the API and hotline deadlines are seen within a tick). A stop request lets the
cycle in progress finish; a kill does not need to: the next start finishes the work.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading

from sqlalchemy import func, select

from trucewatch.live.cycle import CycleOptions, log, run_cycle
from trucewatch.store import Store
from trucewatch.store.live_tables import alert_outbox, live_feeds

TICK = 5.0  # seconds: the longest sleep between two looks at the store
CHANGES_EVERY = 60.0  # seconds: look for grade overrides and hotline deadlines this often


def _next_due(store: Store) -> dt.datetime | None:
    with store.engine.connect() as conn:
        feed = conn.execute(select(func.min(live_feeds.c.next_due))).scalar()
        alert = conn.execute(
            select(func.min(alert_outbox.c.next_attempt)).where(alert_outbox.c.status == "pending")
        ).scalar()
    times = [t if t.tzinfo else t.replace(tzinfo=dt.UTC) for t in (feed, alert) if t is not None]
    return min(times) if times else None


def watch(store: Store, options: CycleOptions, *, once: bool = False, tick: float = TICK) -> int:
    """Run cycles until stopped (or one with ``once``); return how many ran."""
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        log("stopping", signal=signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
    cycles = 0
    last_changes = 0.0
    log("watching", once=once, agreements=str(options.agreements or ""), every=options.every)
    while not stop.is_set():
        now = dt.datetime.now(dt.UTC).timestamp()
        check = once or now - last_changes >= CHANGES_EVERY
        try:
            summary = run_cycle(store, options, check_changes=check)
        except Exception as exc:  # a store hiccup must not end a service; the next cycle retries
            log("cycle_failed", error=f"{exc.__class__.__name__}: {exc}")
            if once:
                raise
            stop.wait(tick)
            continue
        if check:
            last_changes = now
        cycles += 1
        log(
            "cycle",
            new_reports=summary.new_reports,
            changes=summary.changes,
            delivered=summary.delivery.delivered,
            seconds=round(summary.seconds, 3),
        )
        if once:
            break
        due = _next_due(store)
        wait = tick if due is None else (due - dt.datetime.now(dt.UTC)).total_seconds()
        stop.wait(max(0.2, min(tick, wait)))
    return cycles
