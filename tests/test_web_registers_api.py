"""The registers' API under /api/v1: the forms' actions for API clients, through the same
services (so the same roles and the same audit entries); session callers need the CSRF header.
On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.test_web_api import RU, US
from tests.web_registers_matrix import REGISTER_WRITES
from tests.web_registers_seed import COH, World, build, logged_in
from trucewatch.centre import audit
from trucewatch.store import open_store
from trucewatch.web import create_app


@pytest.fixture
def world(store_url: str) -> Iterator[tuple[TestClient, World]]:
    store = open_store(store_url)
    seeded = build(store)
    store.close()
    app = create_app(store_url, secret_key="api", secure_cookies=False)
    with TestClient(app) as client:
        yield client, seeded
    app.state.store.close()


def call(client: TestClient, w: World, who: str, method: str, path: str, **kwargs):
    headers = {"authorization": f"Bearer {w.web.tokens[who]}"}
    return client.request(method, f"/api/v1{path}", headers=headers, **kwargs)


def actions(client: TestClient) -> list[str]:
    with client.app.state.store.engine.connect() as conn:
        return [e.action for e in audit.entries(conn)]


def test_records_are_created_and_moved_through_the_api(world) -> None:
    client, w = world
    before = len(actions(client))
    party = call(
        client, w, "analyst", "POST", "/parties", json={"name": "Faction Y", "kind": "faction"}
    )
    assert party.status_code == 201
    pid = party.json()["id"]
    edited = call(client, w, "analyst", "PATCH", f"/parties/{pid}", json={"actor": "Y", "seen": 1})
    assert edited.json() == {"id": pid, "version": 2}
    request = call(
        client,
        w,
        "ru",
        "POST",
        "/accession-requests",
        json={
            "agreement": COH,
            "party": "Faction Y",
            "channel": "hotline",
            "sender": "its emir",
            "received_at": "2016-03-02T09:30:00+02:00",
        },
    )
    assert request.status_code == 201
    rid = request.json()["id"]
    moved = call(
        client,
        w,
        "analyst",
        "POST",
        f"/accession-requests/{rid}/status",
        json={"to": "accepted", "reason": "signed", "at": "2016-03-03T12:00:00Z"},
    )
    assert moved.json() == {"id": rid, "version": 2}
    listed = call(client, w, "viewer", "GET", "/accession-requests", params={"status": "accepted"})
    assert [(a["party"], a["through"]) for a in listed.json()] == [("Faction Y", RU)]
    history = call(client, w, "viewer", "GET", f"/centre/accession/{rid}/history").json()
    assert [h["to_state"] for h in history] == ["received", "accepted"]

    meeting = call(
        client,
        w,
        "analyst",
        "POST",
        "/meetings",
        json={"place": "Hmeimim", "participants": ["Faction Y", "A mediator"]},
    )
    mid = meeting.json()["id"]
    call(client, w, "analyst", "PATCH", f"/meetings/{mid}", json={"outcome": "talks go on"})
    signed = call(
        client,
        w,
        "analyst",
        "POST",
        "/local-agreements",
        json={
            "title": "Truce",
            "meeting_id": mid,
            "signatories": [{"signer": "Its emir", "for_party": "Faction Y"}],
        },
    )
    assert signed.status_code == 201
    assert call(client, w, "viewer", "GET", "/meetings").json()[0]["outcome"] == "talks go on"
    assert call(client, w, "viewer", "GET", "/local-agreements").json()[0]["meeting_id"] == mid

    prot = call(
        client,
        w,
        "analyst",
        "POST",
        "/protection-requests",
        json={"requester": "A clinic", "threat": "snipers"},
    ).json()["id"]
    call(
        client,
        w,
        "analyst",
        "POST",
        f"/protection-requests/{prot}/assign",
        json={"to_whom": "Unit 2", "reason": "nearest"},
    )
    noted = call(
        client, w, "analyst", "POST", f"/protection-requests/{prot}/notes", json={"note": "called"}
    )
    assert noted.json() == {"id": prot, "version": 2}
    closed = call(
        client,
        w,
        "analyst",
        "POST",
        f"/protection-requests/{prot}/status",
        json={"to": "closed", "reason": "safe"},
    )
    assert closed.json()["version"] == 3
    assert (
        call(client, w, "viewer", "GET", "/protection-requests", params={"open_only": True}).json()
        == []
    )

    reviewed = call(
        client,
        w,
        "analyst",
        "POST",
        f"/rulings/{w.clash}/{COH}/review",
        json={"state": "overturned", "reason": "the group was a party"},
    )
    assert reviewed.json() == {"id": 0, "version": 2}  # created unreviewed, then moved
    assert (
        call(
            client,
            w,
            "viewer",
            "POST",
            f"/rulings/{w.clash}/{COH}/review",
            json={"state": "upheld", "reason": "r"},
        ).status_code
        == 403
    )
    convoy = call(
        client,
        w,
        "analyst",
        "POST",
        "/deliveries",
        json={
            "agency": "WFP",
            "place": "Madaya",
            "method": "convoy",
            "trucks": 40,
            "agreement": COH,
            "access_clause": "7",
        },
    )
    assert convoy.status_code == 201
    cid = convoy.json()["id"]
    blocked = call(
        client,
        w,
        "analyst",
        "POST",
        f"/deliveries/{cid}/status",
        json={"to": "blocked", "reason": "checkpoint"},
    )
    assert blocked.json() == {"id": cid, "version": 2}
    fixed = call(client, w, "admin", "PATCH", f"/deliveries/{cid}", json={"trucks": 38})
    assert fixed.json() == {"id": cid, "version": 3}
    [listed_convoy] = call(client, w, "viewer", "GET", "/deliveries").json()
    assert (listed_convoy["status"], listed_convoy["trucks"]) == ("blocked", 38)
    thread = call(
        client,
        w,
        "ru",
        "POST",
        "/hotline/threads",
        json={
            "subject": "Route",
            "participants": [US],
            "first": {"body": "Agreed?", "ack_hours": 2},
        },
    )
    assert thread.status_code == 201
    tid = thread.json()["thread_id"]
    reply = call(client, w, "us", "POST", f"/hotline/threads/{tid}/messages", json={"body": "Yes"})
    assert reply.status_code == 201
    messages = call(client, w, "ru", "GET", f"/hotline/threads/{tid}/messages").json()
    assert [(m["sender"], m["recipients"]) for m in messages] == [(RU, [US]), (US, [RU])]
    assert messages[0]["ack_due"] is not None and messages[1]["ack_due"] is None

    assert actions(client)[before:] == [
        "party.create",
        "party.edit",
        "accession.create",
        "accession.status",
        "meeting.create",
        "meeting.edit",
        "local_agreement.create",
        "protection.create",
        "protection.status",
        "protection.note",
        "protection.status",
        "ruling_review.create",
        "ruling_review.status",
        "delivery.create",
        "delivery.status",
        "delivery.edit",
        "hotline_thread.create",
        "hotline_message.create",
        "hotline_message.create",
    ]


def test_the_api_refuses_what_a_role_may_not_do_and_writes_nothing(world) -> None:
    client, w = world
    before = actions(client)
    refused = [
        call(client, w, "viewer", "POST", "/parties", json={"name": "Z", "kind": "faction"}),
        call(client, w, "ru", "POST", "/parties", json={"name": "Z", "kind": "faction"}),
        call(
            client,
            w,
            "viewer",
            "POST",
            "/accession-requests",
            json={"agreement": COH, "party": "Council of Test Town", "channel": "m", "sender": "s"},
        ),
        call(
            client,
            w,
            "ru",
            "POST",
            "/accession-requests",
            json={
                "agreement": COH,
                "party": "Council of Test Town",
                "channel": "m",
                "sender": "s",
                "through": US,
            },
        ),
        call(
            client,
            w,
            "ru",
            "POST",
            f"/accession-requests/{w.accession}/status",
            json={"to": "accepted", "reason": "r"},
        ),
        call(client, w, "viewer", "POST", "/meetings", json={"place": "p", "participants": ["x"]}),
        call(
            client,
            w,
            "viewer",
            "POST",
            "/protection-requests",
            json={"requester": "r", "threat": "t"},
        ),
        call(
            client,
            w,
            "analyst",
            "POST",
            "/hotline/threads",
            json={"subject": "s", "participants": [RU], "first": {"body": "b", "sender": US}},
        ),
        call(
            client,
            w,
            "us",
            "POST",
            f"/hotline/threads/{w.web.private_thread}/messages",
            json={"body": "let me in"},
        ),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused), [r.text for r in refused]
    untimed = call(
        client,
        w,
        "analyst",
        "POST",
        "/meetings",
        json={"place": "p", "participants": ["x"], "held_at": "2016-03-01T10:00:00"},
    )
    assert untimed.status_code == 422  # a time without its zone is not guessed
    assert actions(client) == before


def test_a_session_caller_needs_the_csrf_header(world) -> None:
    client, _ = world
    analyst, csrf = logged_in(client.app, "analyst")
    before = actions(client)
    for method, route in sorted(REGISTER_WRITES):
        if not route.startswith("/api/"):
            continue
        path = re.sub(r"{\w+}", "1", route)
        for headers in ({}, {"x-csrf-token": "forged"}):
            got = analyst.request(method, path, json={}, headers=headers)
            assert got.status_code == 403, (method, route, got.text)
    assert actions(client) == before
    body = {"name": "Faction Q", "kind": "faction"}
    made = analyst.post("/api/v1/parties", json=body, headers={"x-csrf-token": csrf})
    assert made.status_code == 201
