"""The audit log: every change appended to a hash chain; ``verify`` proves it intact or names the
first broken entry, however the table was tampered with; concurrent writers never fork it."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import delete, select, update

from trucewatch.centre import audit, deliveries, parties
from trucewatch.centre.audit_key import KEY_ENV
from trucewatch.centre.users import SYSTEM
from trucewatch.store.centre_tables import audit_head, audit_log

T0 = dt.datetime(2016, 2, 24, 9, tzinfo=dt.UTC)


def _some_changes(conn) -> None:
    rid = deliveries.record_delivery(
        conn,
        SYSTEM,
        agency="WFP",
        place="Deir ez-Zor",
        method="airdrop",
        tonnes=21.0,
        date=T0.date(),
    )
    deliveries.change_delivery(conn, SYSTEM, rid, "done", reason="dropped", at=T0)
    deliveries.edit_delivery(conn, SYSTEM, rid, notes="first UN airdrop there")
    parties.add_party(conn, SYSTEM, "Faction A", "faction")


def test_every_change_is_in_an_intact_chain(store):
    with store.transaction() as conn:
        _some_changes(conn)
    with store.engine.connect() as conn:
        verdict = audit.verify(conn)
        log = audit.entries(conn)
    assert verdict.ok and verdict.checked == 4
    assert [e.action for e in log] == [
        "delivery.create",
        "delivery.status",
        "delivery.edit",
        "party.create",
    ]
    assert [e.prev_hash for e in log[1:]] == [e.hash for e in log[:-1]]
    assert log[0].prev_hash == audit.GENESIS
    assert log[1].detail["from"] == "planned" and log[1].detail["to"] == "done"
    assert log[2].detail["changes"] == {"notes": [None, "first UN airdrop there"]}


def _tampered(store, change) -> audit.ChainVerdict:
    with store.transaction() as conn:
        _some_changes(conn)
    with store.transaction() as conn:
        change(conn)
    with store.engine.connect() as conn:
        return audit.verify(conn)


def test_an_edited_detail_is_named(store):
    forged = '{"changes":{"notes":[null,"nothing dropped"]},"reason":null,"version":3}'
    verdict = _tampered(
        store,
        lambda c: c.execute(update(audit_log).where(audit_log.c.seq == 3).values(detail=forged)),
    )
    assert not verdict.ok and verdict.broken_at == 3 and verdict.checked == 2
    assert "entry 3 (delivery.edit delivery 1) was altered" in verdict.problem


def test_an_edited_actor_is_named(store):
    verdict = _tampered(
        store,
        lambda c: c.execute(
            update(audit_log).where(audit_log.c.seq == 2).values(actor="someone else")
        ),
    )
    assert (verdict.ok, verdict.broken_at) == (False, 2)


def test_a_rehashed_entry_breaks_the_next_link(store, tmp_path, monkeypatch):
    # An unsigned log (no key): the links alone show it. A signed one is caught at the entry
    # itself (tests/test_audit_keyed.py).
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "no.key"))

    def rehash(conn) -> None:
        row = conn.execute(select(audit_log).where(audit_log.c.seq == 2)).one()
        fake = audit.entry_hash(
            2,
            row.at,
            "someone else",
            row.action,
            row.register,
            row.record_id,
            row.detail,
            row.prev_hash,
            row.state,
        )
        conn.execute(
            update(audit_log).where(audit_log.c.seq == 2).values(actor="someone else", hash=fake)
        )

    verdict = _tampered(store, rehash)
    assert (verdict.ok, verdict.broken_at) == (False, 3)
    assert "does not link to entry 2" in verdict.problem


def test_a_deleted_entry_is_named(store):
    verdict = _tampered(store, lambda c: c.execute(delete(audit_log).where(audit_log.c.seq == 2)))
    assert (verdict.ok, verdict.broken_at, verdict.problem) == (False, 2, "entry 2 is missing")


def test_entries_cut_from_the_end_are_noticed(store):
    verdict = _tampered(store, lambda c: c.execute(delete(audit_log).where(audit_log.c.seq == 4)))
    assert not verdict.ok and verdict.broken_at == 4 and "removed" in verdict.problem


def test_concurrent_writers_extend_one_chain(store):
    """Four threads, each in its own transactions, append at once; the chain has no fork."""
    failures: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(5):
                with store.transaction() as conn:
                    parties.add_party(conn, SYSTEM, f"party {n}-{i}", "faction")
        except BaseException as problem:  # reported below; a thread cannot raise into the test
            failures.append(problem)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with store.engine.connect() as conn:
        verdict = audit.verify(conn)
        head = conn.execute(select(audit_head.c.seq)).scalar_one()
    assert verdict.ok and verdict.checked == 20 and head == 20
