"""The role × action matrix: every role against every action, checked against expectations
written out here independently of ``permissions.MATRIX``, then enforced by the real services."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.centre import (
    PermissionDenied,
    corrections,
    deliveries,
    hotline,
    meetings,
    parties,
    protection,
    users,
    verification,
)
from trucewatch.centre.audit import verify
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.live import intake
from trucewatch.model.centre import Role, User
from trucewatch.store.schema import incidents, reports, sources

US, RU = "United States", "Russia"

# fmt: off
# Written by hand from issue 6, not derived from MATRIX: "A" any record, "O" own guarantor only.
EXPECTED = {
    #                           admin analyst liaison viewer reporter
    "centre.read":             ("A", "A", "A", "A", "-"),
    "party.record":            ("A", "A", "-", "-", "-"),
    "accession.record":        ("A", "A", "O", "-", "-"),
    "accession.change":        ("A", "A", "-", "-", "-"),
    "meeting.record":          ("A", "A", "-", "-", "-"),
    "protection.record":       ("A", "A", "-", "-", "-"),
    "protection.change":       ("A", "A", "-", "-", "-"),
    "hotline.read":            ("A", "A", "O", "-", "-"),
    "hotline.send":            ("A", "-", "O", "-", "-"),
    "hotline.acknowledge":     ("A", "-", "O", "-", "-"),
    "hotline.escalate":        ("A", "-", "O", "-", "-"),
    "position.respond":        ("A", "-", "O", "-", "-"),
    "delivery.record":         ("A", "A", "-", "-", "-"),
    "delivery.change":         ("A", "A", "-", "-", "-"),
    "verification.grade":      ("A", "A", "-", "-", "-"),
    "verification.review":     ("A", "A", "-", "-", "-"),
    "user.manage":             ("A", "-", "-", "-", "-"),
    "audit.verify":            ("A", "A", "-", "-", "-"),
    "report.submit":           ("A", "A", "A", "-", "A"),
    "live.status":             ("A", "A", "-", "-", "-"),
    "report.generate":         ("A", "A", "-", "-", "-"),
    "event.correct":           ("A", "A", "-", "-", "-"),
}
# fmt: on
ROLES = (Role.ADMIN, Role.ANALYST, Role.LIAISON, Role.VIEWER, Role.REPORTER)


def _user(role: Role) -> User:
    return User(f"a-{role}", role, US if role is Role.LIAISON else None)


def test_expectations_cover_every_action():
    assert set(EXPECTED) == {a.value for a in Action}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_every_role_against_every_action(role, action):
    expected = EXPECTED[action.value][ROLES.index(role)]
    user = _user(role)
    own, other = allowed(user, action, [US]), allowed(user, action, [RU])
    assert (own, other) == {"A": (True, True), "O": (True, False), "-": (False, False)}[expected]
    if expected == "-":
        with pytest.raises(PermissionDenied, match=f"{role}.*may not {action}"):
            require(user, action)


def test_a_disabled_user_may_do_nothing():
    ghost = User("ghost", Role.ADMIN, active=False)
    assert not any(allowed(ghost, a) for a in Action)
    with pytest.raises(PermissionDenied, match="disabled"):
        require(ghost, Action.CENTRE_READ)


def test_a_liaison_may_act_on_a_shared_thread_of_other_guarantors():
    liaison = _user(Role.LIAISON)
    assert allowed(liaison, Action.HOTLINE_READ, ["Turkey", RU], shared=True)
    assert not allowed(liaison, Action.HOTLINE_READ, ["Turkey", RU])


T0 = dt.datetime(2016, 2, 27, 8, tzinfo=dt.UTC)


def _world(conn) -> dict:
    """A small store: one party, an accession, a thread with a message and positions, a
    delivery, a protection request, an incident with a ruling."""
    from trucewatch.store.schema import rulings

    admin = users.SYSTEM
    parties.add_party(conn, admin, "Council of a test town", "local_council")
    w = {
        "accession": parties.receive_accession(
            conn,
            admin,
            agreement="coh-2016-02",
            party="Council of a test town",
            channel="message",
            sender="its head",
            received_at=T0,
            through=US,
        ),
        "thread": hotline.open_thread(conn, admin, subject="t", participants=[US, RU]),
        "delivery": deliveries.record_delivery(
            conn, admin, agency="WFP", place="X", method="convoy", trucks=10
        ),
        "protection": protection.receive_protection_request(
            conn, admin, requester="r", threat="t", received_at=T0
        ),
    }
    w["message"] = hotline.send_message(
        conn,
        admin,
        w["thread"],
        sender=RU,
        recipients=[US],
        body="b",
        sent_at=T0,
        ack_due=T0 + dt.timedelta(hours=4),
    )
    w["positions"] = hotline.share_positions(
        conn, admin, w["message"], control_area="a", description="d"
    )
    source = conn.execute(sources.insert().values(name="test")).inserted_primary_key[0]
    conn.execute(
        reports.insert().values(
            id="r1",
            source_id=source,
            content_hash="h",
            text="t",
            raw=b"t",
            language="en",
            published_basis="unknown",
            annotations={},
            repairs=[],
            ingested_at=T0,
        )
    )
    conn.execute(
        incidents.insert().values(
            id="r1-i0", report_id="r1", seq=0, type="shelling", main=True, extracted_at=T0
        )
    )
    conn.execute(
        rulings.insert().values(
            event_id="r1-i0",
            agreement="coh-2016-02",
            ruling="violation",
            reasons=[],
            version=1,
            basis_hash="x",
            ruled_at=T0,
        )
    )
    from trucewatch.model.dates import DateBasis, DateWindow
    from trucewatch.model.event import Event
    from trucewatch.model.incident import IncidentType
    from trucewatch.store.events import replace_events

    window = DateWindow(None, None, None, None, DateBasis.UNKNOWN)
    event = Event("e-r1-i0", IncidentType.SHELLING, window, ("r1-i0",), ("r1",), 1)
    replace_events(conn, [event])
    w["event"] = event.id
    return w


# One real service call per action, run as the user under test (the US liaison's own records).
CALLS = {
    Action.CENTRE_READ: lambda c, u, w: parties.list_accessions(c, u),
    Action.PARTY_RECORD: lambda c, u, w: parties.add_party(c, u, f"p-{u.name}", "faction"),
    Action.ACCESSION_RECORD: lambda c, u, w: parties.receive_accession(
        c,
        u,
        agreement="coh-2016-02",
        party="Council of a test town",
        channel="message",
        sender="s",
        received_at=T0,
        through=US,
    ),
    Action.ACCESSION_CHANGE: lambda c, u, w: parties.change_accession(
        c, u, w["accession"], "in_negotiation", reason="talks"
    ),
    Action.MEETING_RECORD: lambda c, u, w: meetings.record_meeting(
        c, u, held_at=T0, place="p", participants=["Council of a test town"]
    ),
    Action.PROTECTION_RECORD: lambda c, u, w: protection.receive_protection_request(
        c, u, requester="r", threat="t", received_at=T0
    ),
    Action.PROTECTION_CHANGE: lambda c, u, w: protection.assign_protection(
        c, u, w["protection"], "unit", reason="r"
    ),
    Action.HOTLINE_READ: lambda c, u, w: hotline.thread_messages(c, u, w["thread"]),
    Action.HOTLINE_SEND: lambda c, u, w: hotline.send_message(
        c, u, w["thread"], sender=US, recipients=[RU], body="b", sent_at=T0
    ),
    Action.HOTLINE_ACK: lambda c, u, w: hotline.acknowledge(c, u, w["message"], at=T0),
    Action.HOTLINE_ESCALATE: lambda c, u, w: hotline.escalate(
        c, u, w["thread"], "ministers", reason="r"
    ),
    Action.POSITION_RESPOND: lambda c, u, w: hotline.respond_to_positions(
        c, u, w["positions"], "accepted", text="ok", side=US
    ),
    Action.DELIVERY_RECORD: lambda c, u, w: deliveries.record_delivery(
        c, u, agency="WFP", place="Y", method="airdrop", tonnes=1.0
    ),
    Action.DELIVERY_CHANGE: lambda c, u, w: deliveries.change_delivery(
        c, u, w["delivery"], "blocked", reason="checkpoint"
    ),
    Action.GRADE_CHANGE: lambda c, u, w: verification.set_grade(
        c, u, "r1-i0", "corroborated", reason="second outlet"
    ),
    Action.REVIEW_CHANGE: lambda c, u, w: verification.review_ruling(
        c, u, "r1-i0", "coh-2016-02", "upheld", reason="checked"
    ),
    Action.USER_MANAGE: lambda c, u, w: users.add_user(c, u, f"new-{u.name}", "viewer"),
    Action.AUDIT_VERIFY: lambda c, u, w: require(u, Action.AUDIT_VERIFY) and verify(c),
    Action.REPORT_SUBMIT: lambda c, u, w: intake.submit_report(
        c, u, intake.Submission(f"Shelling hit a village, {u.name} reports.")
    ),
    Action.LIVE_STATUS: lambda c, u, w: intake.live_status(c, u),
    # The archive's generator checks it first (tests/test_web_registers_archive.py writes one).
    Action.REPORT_GENERATE: lambda c, u, w: require(u, Action.REPORT_GENERATE),
    Action.CORRECT: lambda c, u, w: corrections.correct(
        c, u, w["event"], {"target": "a bakery"}, reason="photos from the scene"
    ),
}


def test_every_action_has_a_service_call():
    assert set(CALLS) == set(Action)


@pytest.mark.parametrize("role", ROLES)
def test_services_enforce_the_matrix(store, role):
    user = _user(role)
    for action in Action:
        expected = EXPECTED[action.value][ROLES.index(role)]
        # Each action runs on a fresh copy of the same small world, rolled back after.
        with store.engine.connect() as conn:
            trans = conn.begin()
            world = _world(conn)
            if expected == "-":
                with pytest.raises(PermissionDenied):
                    CALLS[action](conn, user, world)
            else:
                CALLS[action](conn, user, world)
            trans.rollback()


def test_a_liaison_is_refused_the_other_guarantors_records(store):
    liaison = User("us-cell", Role.LIAISON, US)
    with store.engine.connect() as conn, conn.begin():
        w = _world(conn)
        private = hotline.open_thread(
            conn, users.SYSTEM, subject="RU–party", participants=[RU, "Council of a test town"]
        )
        with pytest.raises(PermissionDenied, match="Russia"):
            hotline.thread_messages(conn, liaison, private)
        with pytest.raises(PermissionDenied):  # sending as the other guarantor
            hotline.send_message(
                conn, liaison, w["thread"], sender=RU, recipients=[US], body="b", sent_at=T0
            )
        with pytest.raises(PermissionDenied):  # an accession through the other guarantor
            parties.receive_accession(
                conn,
                liaison,
                agreement="coh-2016-02",
                party="Council of a test town",
                channel="m",
                sender="s",
                received_at=T0,
                through=RU,
            )
        ru_liaison = User("ru-cell", Role.LIAISON, RU)
        with pytest.raises(PermissionDenied, match="other side"):  # RU shared these positions
            hotline.respond_to_positions(conn, ru_liaison, w["positions"], "accepted", text="x")
