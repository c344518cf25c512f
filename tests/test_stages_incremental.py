"""Issue 14, incremental stages: after new reports arrive, ``trucewatch run`` writes only the
events whose content changed and rules only on those, and the store ends exactly where a fresh
build over every report ends (events, members, reuse clusters, comparisons and rulings), on
SQLite and PostgreSQL; an analyst's correction stays laid over its event.

The stores are built from the example reports in ``examples/syria-2016`` (our own texts).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from tests import test_crash_stages
from tests.test_events_pipeline import AGREEMENTS, _some_reports, snapshot
from trucewatch.centre import corrections
from trucewatch.ingest.run import ingest
from trucewatch.model.centre import Role, User
from trucewatch.pipeline import adjudicate_stored, run_stages
from trucewatch.store import Store, open_store
from trucewatch.store.corroboration_tables import (
    claim_comparisons,
    events,
    reuse_members,
    reuse_passages,
)
from trucewatch.store.events import get_event, iter_events

from .conftest import EXAMPLES

ANALYST = User("analyst", Role.ANALYST)
reference_url = test_crash_stages.reference_url  # a second empty store of the same kind


def _derived(store: Store) -> tuple:
    """Everything corroboration and adjudication derive, without surrogate keys or times."""
    with store.engine.connect() as conn:
        clusters = sorted(tuple(r) for r in conn.execute(select(reuse_members)))
        passages = sorted(
            tuple(v for k, v in r._mapping.items() if k != "id")
            for r in conn.execute(select(reuse_passages))
        )
        compared = sorted(
            repr(tuple(v for k, v in r._mapping.items() if k != "id"))
            for r in conn.execute(select(claim_comparisons))
        )
    return snapshot(store), clusters, passages, compared


def _written_at(store: Store) -> dict[str, dt.datetime]:
    with store.engine.connect() as conn:
        return dict(conn.execute(select(events.c.id, events.c.corroborated_at)).all())


def test_an_incremental_run_after_new_reports_equals_a_fresh_build(
    store_url: str, reference_url: str, tmp_path: Path
) -> None:
    everything = [EXAMPLES / "reports"]
    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    run_stages(store, AGREEMENTS)
    before = _written_at(store)
    assert before

    ingest(store, everything)  # the rest of the example reports arrive
    ran = {r.stage: r for r in run_stages(store)}
    assert all(ran[s].ran for s in ("extract", "corroborate", "adjudicate"))
    incremental = _derived(store)
    after = _written_at(store)
    # Events nothing new touched were not written again; adjudication ruled only on the others.
    kept = [e for e in before if e in after and after[e] == before[e]]
    assert kept, "every event was written again"
    with store.engine.connect() as conn:
        stored = len(list(iter_events(conn)))
    assert f"new or changed of {stored} events" in ran["adjudicate"].lines[0]
    store.close()

    # A fresh build over every report, in a store of its own.
    fresh = open_store(reference_url)
    ingest(fresh, everything)
    run_stages(fresh, AGREEMENTS)
    assert _derived(fresh) == incremental
    # And ruling on every event again changes nothing.
    assert adjudicate_stored(fresh, AGREEMENTS).new_versions == 0
    fresh.close()


def test_a_correction_stays_on_its_event_through_an_incremental_run(
    store_url: str, tmp_path: Path
) -> None:
    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    run_stages(store, AGREEMENTS)
    with store.engine.connect() as conn:
        target = next(e for e in iter_events(conn) if e.type.violent and e.place is not None)
    fields = corrections.parse_fields(killed="3-5")
    with store.transaction() as conn:
        corrections.correct(conn, ANALYST, target.id, fields, reason="hospital list checked")
    ingest(store, [EXAMPLES / "reports"])
    ran = {r.stage: r for r in run_stages(store)}
    assert ran["corroborate"].ran
    with store.engine.connect() as conn:
        event = get_event(conn, target.id)
    assert event is not None and (event.killed.low, event.killed.high) == (3, 5)
    store.close()


def test_when_too_many_events_changed_to_list_every_event_is_ruled_on(
    store_url: str, tmp_path: Path, monkeypatch
) -> None:
    from trucewatch import pipeline

    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    run_stages(store, AGREEMENTS)
    monkeypatch.setattr(pipeline, "WRITTEN_LISTED", 1)
    ingest(store, [EXAMPLES / "reports"])
    ran = {r.stage: r for r in run_stages(store)}
    with store.engine.connect() as conn:
        stored = len(list(iter_events(conn)))
    line = ran["adjudicate"].lines[0]
    assert f": {stored} events," in line and "new or changed of" not in line
    store.close()
