"""Status machines (legal moves kept in history, illegal ones refused by name), accessions
feeding adjudication, the bulletin-style daily counts, and deliveries tied to access clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.centre import IllegalTransition, deliveries, parties, protection
from trucewatch.centre.users import SYSTEM
from trucewatch.model.centre import ACCESSION_FLOW, DELIVERY_FLOW, PROTECTION_FLOW

ME = SYSTEM
DAMASCUS = dt.timezone(dt.timedelta(hours=2))


def _at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2016, 2, day, hour, tzinfo=DAMASCUS)


def _request(conn, party: str = "Faction A", kind: str = "faction", day: int = 24) -> int:
    if parties.find_party(conn, party) is None:
        parties.add_party(conn, ME, party, kind, actor=f"{party} fighters")
    return parties.receive_accession(
        conn,
        ME,
        agreement="coh-2016-02",
        party=party,
        channel="message",
        sender="its commander",
        received_at=_at(day, 9),
        through="Russia",
    )


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["in_negotiation", "accepted", "withdrawn"], "accepted"),
        (["refused", "in_negotiation", "accepted"], "received"),
        (["accepted"], "in_negotiation"),
    ],
)
def test_accession_moves_along_its_machine_and_refuses_the_rest(store, path, refused):
    with store.transaction() as conn:
        rid = _request(conn)
        for step, to in enumerate(path):
            parties.change_accession(conn, ME, rid, to, reason=f"step {step}", at=_at(25, step))
        before = parties.get_accession(conn, ME, rid)
        with pytest.raises(IllegalTransition) as refusal:
            parties.change_accession(conn, ME, rid, refused, reason="no")
        assert refusal.value.from_state == path[-1] and refusal.value.to_state == refused
        assert f"from {path[-1]} to {refused}" in str(refusal.value)
        after = parties.get_accession(conn, ME, rid)
        history = parties.accession_history(conn, ME, rid)
    assert after == before and after.status == path[-1] and after.version == len(path) + 1
    moves = [(h.from_state, h.to_state, h.reason) for h in history if h.kind == "status"]
    assert moves == [
        (([None, "received", *path])[i + 1], to, f"step {i}") for i, to in enumerate(path)
    ]
    assert history[-1].effective_at == _at(25, len(path) - 1)


def test_every_refused_move_of_every_machine_is_refused(store):
    """Generated from the flows: each status × each status not allowed from it."""
    cases = [
        ("accession", ACCESSION_FLOW),
        ("protection", PROTECTION_FLOW),
        ("delivery", DELIVERY_FLOW),
    ]
    for name, flow in cases:
        for start in flow:
            for target in set(flow) - set(flow[start]):
                with store.engine.connect() as conn, conn.begin() as trans:
                    rid = _record_in(conn, name, start, flow)
                    with pytest.raises(IllegalTransition, match=f"from {start} to {target}"):
                        _move(conn, name, rid, target)
                    trans.rollback()


def _move(conn, name: str, rid: int, to: str) -> None:
    if name == "accession":
        parties.change_accession(conn, ME, rid, to, reason="test")
    elif name == "protection" and to == "assigned":
        protection.assign_protection(conn, ME, rid, "unit", reason="test")
    elif name == "protection":
        protection.change_protection(conn, ME, rid, to, reason="test")
    else:
        deliveries.change_delivery(conn, ME, rid, to, reason="test")


def _record_in(conn, name: str, state: str, flow) -> int:
    """A record brought to ``state`` by a shortest legal path from its first status."""
    first = next(iter(flow))
    if name == "accession":
        rid = _request(conn)
    elif name == "protection":
        rid = protection.receive_protection_request(
            conn, ME, requester="r", threat="t", received_at=_at(24, 9)
        )
    else:
        rid = deliveries.record_delivery(conn, ME, agency="WFP", place="p", method="convoy")
    paths, frontier = {first: []}, [first]
    while frontier:
        here = frontier.pop(0)
        for nxt in sorted(flow[here]):
            if nxt not in paths:
                paths[nxt] = [*paths[here], nxt]
                frontier.append(nxt)
    for to in paths[state]:
        _move(conn, name, rid, to)
    return rid


def test_accepted_accessions_feed_adjudication_with_withdrawals(store):
    with store.transaction() as conn:
        kept, left, pending = (
            _request(conn, "Faction A"),
            _request(conn, "Faction B"),
            _request(conn, "Faction C"),
        )
        parties.change_accession(conn, ME, kept, "accepted", reason="signed", at=_at(26, 11))
        parties.change_accession(conn, ME, left, "accepted", reason="signed", at=_at(26, 12))
        parties.change_accession(conn, ME, left, "withdrawn", reason="left", at=_at(29, 8))
        parties.change_accession(conn, ME, pending, "in_negotiation", reason="talks")
        in_force = parties.accessions_in_force(conn)
    got = [(a.party, a.status, a.at, a.through) for a in in_force]
    assert got == [
        ("Faction A fighters", "accepted", _at(26, 11), "Russia"),
        ("Faction B fighters", "accepted", _at(26, 12), "Russia"),
        ("Faction B fighters", "withdrawn", _at(29, 8), "Russia"),
    ]
    assert all(a.agreement == "coh-2016-02" and a.where.startswith("centre:") for a in in_force)


def test_accessions_in_force_drive_the_party_check(store):
    from trucewatch.adjudicate.parties import PartyStatus, party_status
    from trucewatch.adjudicate.timing import Span
    from trucewatch.model.agreement import Agreement

    coh = Agreement("coh-2016-02", "CoH", "terms", dt.datetime(2016, 2, 26, 22, tzinfo=dt.UTC))
    with store.transaction() as conn:
        rid = _request(conn)
        parties.change_accession(conn, ME, rid, "accepted", reason="signed", at=_at(26, 11))
        in_force = parties.accessions_in_force(conn)
    day = (dt.datetime(2016, 2, 28, tzinfo=dt.UTC), dt.datetime(2016, 2, 29, tzinfo=dt.UTC))
    after, before = Span(*day, "28 Feb"), Span(*(t - dt.timedelta(days=3) for t in day), "25 Feb")
    verdict = party_status(["Faction A fighters"], coh, {coh.id: coh}, in_force, after)
    assert verdict.status is PartyStatus.PARTY
    earlier = party_status(["Faction A fighters"], coh, {coh.id: coh}, in_force, before)
    assert earlier.status is PartyStatus.NOT_PARTY


def test_daily_counts_like_the_bulletins(store):
    with store.transaction() as conn:
        g1, g2 = _request(conn, "Faction A"), _request(conn, "Faction B")
        town = _request(conn, "Town council", kind="local_council")
        talks = _request(conn, "Faction C")
        parties.change_accession(conn, ME, g1, "accepted", reason="r", at=_at(26, 10))
        # 23:30 Damascus on the 26th is 21:30 UTC: the same local day.
        parties.change_accession(
            conn, ME, g2, "accepted", reason="r", at=_at(26, 23) + dt.timedelta(minutes=30)
        )
        parties.change_accession(conn, ME, town, "accepted", reason="r", at=_at(27, 1))
        parties.change_accession(conn, ME, talks, "in_negotiation", reason="r", at=_at(25, 9))
        day26 = parties.daily_counts(conn, dt.date(2016, 2, 26), "Asia/Damascus")
        day27 = parties.daily_counts(conn, dt.date(2016, 2, 27), "Asia/Damascus")
        utc27 = parties.daily_counts(conn, dt.date(2016, 2, 27), "UTC")
    assert (day26["groups_joined"], day26["groups_total"], day26["settlements_total"]) == (2, 2, 0)
    assert day26["negotiations_in_progress"] == 1
    assert (day27["groups_joined"], day27["settlements_reconciled"], day27["groups_total"]) == (
        0,
        1,
        2,
    )
    # In UTC the town's 01:00 acceptance falls on the 26th: nothing new on the 27th.
    assert utc27["settlements_reconciled"] == 0 and utc27["settlements_total"] == 1


def test_protection_request_from_receipt_to_closure(store):
    with store.transaction() as conn:
        parties.add_party(conn, ME, "Town council", "local_council")
        rid = protection.receive_protection_request(
            conn,
            ME,
            requester="head of the council",
            threat="threats for signing",
            place="a town",
            party="Town council",
            received_at=_at(28, 9),
        )
        protection.assign_protection(conn, ME, rid, "liaison team 2", reason="nearest team")
        protection.change_protection(conn, ME, rid, "in_follow_up", reason="visit planned")
        protection.follow_up(conn, ME, rid, "visited; guard posted")
        protection.change_protection(conn, ME, rid, "closed", reason="threat passed")
        [request] = protection.list_protection_requests(conn, ME)
        assert protection.list_protection_requests(conn, ME, open_only=True) == []
        steps = protection.protection_history(conn, ME, rid)
    assert request.status == "closed" and request.assigned_to == "liaison team 2"
    assert request.party == "Town council"
    assert [s.to_state or s.reason for s in steps] == [
        "received",
        "assigned",
        "in_follow_up",
        "visited; guard posted",
        "closed",
    ]
    assert steps[1].changes == {"assigned_to": [None, "liaison team 2"]}


def test_a_blocked_delivery_names_its_access_clause(store):
    with store.transaction() as conn:
        rid = deliveries.record_delivery(
            conn,
            ME,
            agency="UN convoy",
            place="a besieged town",
            method="convoy",
            trucks=30,
            date=dt.date(2016, 2, 25),
            agreement="coh-2016-02",
            access_clause="3",
        )
        deliveries.change_delivery(conn, ME, rid, "blocked", reason="turned back at a checkpoint")
        [blocked] = deliveries.blocked_deliveries(conn)
        with pytest.raises(ValueError, match="agreement"):
            deliveries.record_delivery(
                conn, ME, agency="x", place="y", method="convoy", access_clause="3"
            )
        with pytest.raises(ValueError, match="airdrop"):
            deliveries.record_delivery(conn, ME, agency="x", place="y", method="by sea")
        # Correcting a delivery cannot take away the place it went to (schemathesis found a 500).
        with pytest.raises(ValueError, match="place cannot be emptied"):
            deliveries.edit_delivery(conn, ME, rid, place=None)
    assert (blocked.agreement, blocked.access_clause, blocked.trucks) == ("coh-2016-02", "3", 30)


def test_times_without_a_zone_are_refused(store):
    with store.transaction() as conn, pytest.raises(ValueError, match="time zone"):
        protection.receive_protection_request(
            conn, ME, requester="r", threat="t", received_at=dt.datetime(2016, 2, 28, 9)
        )
