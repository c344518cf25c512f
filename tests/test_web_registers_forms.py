"""The registers' forms: each works for a role that may use it and leaves one audit entry per
change; a viewer is refused (403) and nothing is written; no form works without the session's
CSRF token. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from tests.test_web_api import RU, US
from tests.web_registers_seed import COH, World, build, logged_in
from trucewatch.centre import audit
from trucewatch.store import open_store
from trucewatch.web import create_app


@pytest.fixture
def world(store_url: str) -> Iterator[tuple[object, World]]:
    store = open_store(store_url)
    seeded = build(store)
    store.close()
    app = create_app(store_url, secret_key="forms", secure_cookies=False)
    yield app, seeded
    app.state.store.close()


def audit_trail(app) -> list[audit.AuditEntry]:
    with app.state.store.engine.connect() as conn:
        return audit.entries(conn)


def first_id(client: TestClient, path: str, key: str, inner: str) -> int:
    """The id of the newest record a register's JSON twin lists."""
    return client.get(f"{path}.json").json()[key][-1][inner]["id"]


def last_delivery(client: TestClient) -> int:
    return int(first_id(client, "/centre/deliveries", "deliveries", "delivery"))


# fmt: off
# (what, who may, path or a function of the client giving it, form data, audit actions written)
Path = str | Callable[[TestClient, World], str]
FORMS: list[tuple[str, str, Path, dict, list[str]]] = [
    ("add a party", "analyst", "/centre/parties", {"name": "Faction X", "kind": "faction"},
     ["party.create"]),
    ("correct a party", "analyst",
     lambda c, w: f"/centre/parties/{first_id(c, '/centre/parties', 'parties', 'party')}",
     {"kind": "faction", "actor": "Faction X", "reason": "it fights", "seen": "1"},
     ["party.edit"]),
    ("log an accession request", "ru", "/centre/accessions",
     {"agreement": COH, "party": "Council of Test Town", "channel": "hotline",
      "sender": "its head", "received_at": "2016-03-02T09:30", "tz": "Asia/Damascus"},
     ["accession.create"]),
    ("accept an accession", "analyst", lambda c, w: f"/centre/accessions/{w.accession}/status",
     {"to": "accepted", "reason": "signed", "at": "2016-03-03T12:00", "tz": "UTC", "seen": "1"},
     ["accession.status"]),
    ("log a meeting", "analyst", "/centre/meetings",
     {"place": "Hmeimim", "participants": "Council of Test Town\nA mediator",
      "held_at": "2016-03-04T10:00", "tz": "Asia/Damascus"},
     ["meeting.create"]),
    ("correct a meeting", "admin",
     lambda c, w: f"/centre/meetings/{first_id(c, '/centre/meetings', 'meetings', 'meeting')}",
     {"place": "Hmeimim air base", "outcome": "talks go on", "reason": "the minutes"},
     ["meeting.edit"]),
    ("log a local agreement", "analyst", "/centre/local-agreements",
     {"title": "Truce of Test Town", "signed_by": "Its head | Council of Test Town",
      "agreement": COH},
     ["local_agreement.create"]),
    ("log a protection request", "analyst", "/centre/protection",
     {"requester": "A school", "threat": "shelling nearby", "place": "Test Town"},
     ["protection.create"]),
    ("assign a protection request", "analyst",
     lambda c, w: f"/centre/protection/{first_id(c, '/centre/protection', 'requests', 'request')}"
     "/assign",
     {"to_whom": "Unit 4", "reason": "nearest"}, ["protection.status"]),
    ("follow a protection request up", "analyst",
     lambda c, w: f"/centre/protection/{first_id(c, '/centre/protection', 'requests', 'request')}"
     "/status",
     {"to": "in_follow_up", "reason": "visited"}, ["protection.status"]),
    ("note a follow-up", "analyst",
     lambda c, w: f"/centre/protection/{first_id(c, '/centre/protection', 'requests', 'request')}"
     "/notes",
     {"note": "called the school"}, ["protection.note"]),
    ("log a delivery", "analyst", "/centre/deliveries",
     {"agency": "WFP", "place": "Madaya", "method": "convoy", "date": "2016-03-05",
      "trucks": "40", "agreement": COH, "access_clause": "7"},
     ["delivery.create"]),
    ("mark a delivery blocked", "analyst",
     lambda c, w: f"/centre/deliveries/{last_delivery(c)}/status",
     {"to": "blocked", "reason": "held at a checkpoint", "seen": "1"}, ["delivery.status"]),
    ("correct a delivery", "admin",
     lambda c, w: f"/centre/deliveries/{last_delivery(c)}",
     {"trucks": "38", "notes": "two turned back", "reason": "the agency's count"},
     ["delivery.edit"]),
    ("review a ruling", "analyst", lambda c, w: f"/rulings/{w.clash}/{COH}/review",
     {"state": "under_review", "reason": "a second look", "back": "ruling=out_of_scope"},
     ["ruling_review.create", "ruling_review.status"]),
    ("open a hotline thread", "ru", "/hotline/compose",
     {"subject": "Convoy route", "participants": US, "body": "Route agreed?", "ack_hours": "2"},
     ["hotline_thread.create", "hotline_message.create"]),
    ("reply on a thread", "ru",
     lambda c, w: f"/hotline/{c.get('/api/v1/hotline/threads').json()[0]['id']}/reply",
     {"body": "We are checking the bakery strike."}, ["hotline_message.create"]),
]
# fmt: on


def test_each_form_works_for_its_role_and_is_audited_and_refused_to_a_viewer(world) -> None:
    app, w = world
    viewer, viewer_csrf = logged_in(app, "viewer")
    clients = {name: logged_in(app, name) for name in ("admin", "analyst", "ru")}
    for what, who, path, data, actions in FORMS:
        client, csrf = clients[who]
        url = path(client, w) if callable(path) else path
        before = audit_trail(app)

        refused = viewer.post(url, data={**data, "csrf_token": viewer_csrf})
        assert refused.status_code == 403, (what, refused.text[:200])
        assert "text/html" in refused.headers["content-type"]  # a page, not a raw error
        no_token = client.post(url, data=data)
        assert no_token.status_code == 403, what
        wrong_token = client.post(url, data={**data, "csrf_token": viewer_csrf})
        assert wrong_token.status_code == 403, what
        assert audit_trail(app) == before, f"{what}: a refused form wrote something"

        done = client.post(url, data={**data, "csrf_token": csrf}, follow_redirects=False)
        assert done.status_code == 303, (what, done.text[:300])
        added = audit_trail(app)[len(before) :]
        assert [e.action for e in added] == actions, what
        assert {e.actor for e in added} == {who}, what


def test_the_forms_record_what_was_entered(world) -> None:
    app, _ = world
    ru, ru_csrf = logged_in(app, "ru")
    analyst, csrf = logged_in(app, "analyst")
    logged = ru.post(
        "/centre/accessions",
        data={
            "csrf_token": ru_csrf,
            "agreement": COH,
            "party": "Council of Test Town",
            "channel": "hotline",
            "sender": "its head",
            "received_at": "2016-03-02T09:30",
            "tz": "Asia/Damascus",
        },
        follow_redirects=False,
    )
    new = int(logged.headers["location"].rsplit("-", 1)[1])
    moved = analyst.post(
        f"/centre/accessions/{new}/status",
        data={"csrf_token": csrf, "to": "accepted", "reason": "signed", "seen": "1"},
    )
    assert moved.status_code == 200  # followed back to the register
    request = next(
        r
        for r in analyst.get("/centre/accessions.json").json()["requests"]
        if r["request"]["id"] == new
    )
    assert request["request"]["through"] == RU  # a liaison's request comes through its side
    assert request["request"]["received_at"] == "2016-03-02T07:30:00+00:00"  # Damascus is UTC+2
    assert request["request"]["status"] == "accepted"
    assert [h["to_state"] for h in request["history"]] == ["received", "accepted"]
    assert request["history"][1]["reason"] == "signed"


def test_refusals_a_role_may_meet(world) -> None:
    app, w = world
    ru, csrf = logged_in(app, "ru")
    analyst, analyst_csrf = logged_in(app, "analyst")
    before = audit_trail(app)
    # A liaison logs requests only through its own guarantor...
    other_side = ru.post(
        "/centre/accessions",
        data={
            "csrf_token": csrf,
            "agreement": COH,
            "party": "Council of Test Town",
            "channel": "message",
            "sender": "s",
            "through": US,
        },
    )
    assert other_side.status_code == 403
    # ...and moves none on; an analyst sends nothing on the hotline.
    assert (
        ru.post(
            f"/centre/accessions/{w.accession}/status",
            data={"csrf_token": csrf, "to": "accepted", "reason": "r"},
        ).status_code
        == 403
    )
    assert (
        analyst.post(
            "/hotline/compose",
            data={
                "csrf_token": analyst_csrf,
                "subject": "s",
                "participants": RU,
                "sender": US,
                "body": "b",
            },
        ).status_code
        == 403
    )
    # A move the status machine forbids, and a stale edit, are refused with a reason.
    analyst.post(
        f"/centre/accessions/{w.accession}/status",
        data={"csrf_token": analyst_csrf, "to": "refused", "reason": "no"},
    )
    illegal = analyst.post(
        f"/centre/accessions/{w.accession}/status",
        data={"csrf_token": analyst_csrf, "to": "withdrawn", "reason": "r"},
    )
    assert illegal.status_code == 409 and "in_negotiation" in illegal.text
    stale = analyst.post(
        f"/centre/accessions/{w.accession}/status",
        data={"csrf_token": analyst_csrf, "to": "in_negotiation", "reason": "r", "seen": "1"},
    )
    assert stale.status_code == 409 and "changed meanwhile" in stale.text
    assert [e.action for e in audit_trail(app)[len(before) :]] == ["accession.status"]
    # A form without what it needs says so, and writes nothing.
    empty = analyst.post("/centre/protection", data={"csrf_token": analyst_csrf})
    assert empty.status_code == 400 and "requester is required" in empty.text
    untimed = analyst.post(
        "/centre/meetings",
        data={
            "csrf_token": analyst_csrf,
            "place": "p",
            "participants": "x",
            "held_at": "yesterday",
        },
    )
    assert untimed.status_code == 400 and "not a date and time" in untimed.text
    assert len(audit_trail(app)) == len(before) + 1
