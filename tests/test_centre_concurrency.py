"""Two users editing the same record from two connections: neither change is lost.

Interleavings are forced, not hoped for: a hook runs one user's whole edit (committed) just
before the other's UPDATE reaches the database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from trucewatch.centre import IllegalTransition, StaleRecord, deliveries, meetings, parties
from trucewatch.centre.users import SYSTEM
from trucewatch.model.centre import Role, User

ALICE, BOB = User("alice", Role.ANALYST), User("bob", Role.ANALYST)
T0 = dt.datetime(2016, 2, 25, 13, tzinfo=dt.UTC)


def _meeting(store) -> int:
    with store.transaction() as conn:
        return meetings.record_meeting(
            conn, SYSTEM, held_at=T0, place="Hmeimim", participants=["centre", "a council"]
        )


def _just_before_update(conn, table: str, other_edit) -> None:
    """Run ``other_edit`` once, right before ``conn`` sends its first UPDATE of ``table``."""
    fired = []

    def hook(_conn, _cursor, statement, *_args) -> None:
        if not fired and statement.lstrip().upper().startswith(f"UPDATE {table.upper()}"):
            fired.append(True)
            other_edit()

    event.listen(conn, "before_cursor_execute", hook)


def test_edits_to_different_fields_both_survive_a_race(store):
    mid = _meeting(store)

    def alice_edits() -> None:
        with store.transaction() as conn:
            meetings.edit_meeting(conn, ALICE, mid, outcome="agreed to join")

    with store.engine.connect() as conn:
        _just_before_update(conn, "meetings", alice_edits)
        with conn.begin():
            version = meetings.edit_meeting(conn, BOB, mid, notes="next meeting on Monday")
    with store.engine.connect() as conn:
        final = meetings.get_meeting(conn, SYSTEM, mid)
        edits = [
            (h.by, sorted(h.changes))
            for h in meetings.records.history(conn, meetings.MEETINGS, mid)[1:]
        ]
    assert (final.outcome, final.notes) == ("agreed to join", "next meeting on Monday")
    assert version == final.version == 3
    assert edits == [("alice", ["outcome"]), ("bob", ["notes"])]


def test_the_same_field_from_a_stale_view_is_refused_not_overwritten(store):
    mid = _meeting(store)
    with store.engine.connect() as a, store.engine.connect() as b:
        seen_by_bob = meetings.get_meeting(b, SYSTEM, mid).version
        b.rollback()
        with a.begin():
            meetings.edit_meeting(a, ALICE, mid, outcome="agreed to join", seen=seen_by_bob)
        with b.begin(), pytest.raises(StaleRecord, match="outcome changed by alice"):
            meetings.edit_meeting(b, BOB, mid, outcome="refused", seen=seen_by_bob)
        with b.begin():  # a different field from the same stale view merges
            meetings.edit_meeting(b, BOB, mid, notes="tense", seen=seen_by_bob)
    with store.engine.connect() as conn:
        final = meetings.get_meeting(conn, SYSTEM, mid)
    assert (final.outcome, final.notes, final.version) == ("agreed to join", "tense", 3)


def test_racing_status_changes_are_rechecked_against_the_new_status(store):
    with store.transaction() as conn:
        parties.add_party(conn, SYSTEM, "Faction A", "faction")
        rid = parties.receive_accession(
            conn,
            SYSTEM,
            agreement="coh-2016-02",
            party="Faction A",
            channel="m",
            sender="s",
            received_at=T0,
            through="Russia",
        )

    def alice_accepts() -> None:
        with store.transaction() as conn:
            parties.change_accession(conn, ALICE, rid, "accepted", reason="signed")

    with store.engine.connect() as conn:
        _just_before_update(conn, "accession_requests", alice_accepts)
        # Bob's move to in_negotiation was legal from "received"; after Alice's acceptance it
        # is not, and he is told so instead of silently undoing her change.
        with (
            conn.begin(),
            pytest.raises(IllegalTransition, match="from accepted to in_negotiation"),
        ):
            parties.change_accession(conn, BOB, rid, "in_negotiation", reason="talks")
    with store.engine.connect() as conn:
        final = parties.get_accession(conn, SYSTEM, rid)
    assert (final.status, final.version) == ("accepted", 2)


def test_a_status_change_decided_on_a_stale_status_is_refused(store):
    with store.transaction() as conn:
        did = deliveries.record_delivery(
            conn, SYSTEM, agency="UN", place="a town", method="convoy", trucks=20
        )
        seen = deliveries.list_deliveries(conn, SYSTEM)[0].version
    with store.transaction() as conn:
        deliveries.change_delivery(conn, ALICE, did, "blocked", reason="checkpoint", seen=seen)
    with (
        store.transaction() as conn,
        pytest.raises(StaleRecord, match="planned to blocked by alice"),
    ):
        deliveries.change_delivery(conn, BOB, did, "cancelled", reason="called off", seen=seen)
    with store.transaction() as conn:  # a detail edit from the same view is fine
        deliveries.edit_delivery(conn, BOB, did, trucks=18, seen=seen)
        [final] = deliveries.list_deliveries(conn, SYSTEM)
    assert (final.status, final.trucks, final.version) == ("blocked", 18, 3)
