"""Reports in over the web (API with a token, and the form), live status, and the event stream."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from trucewatch.centre.users import SYSTEM, add_user, issue_token
from trucewatch.store import Store
from trucewatch.store.live import add_feed
from trucewatch.store.schema import quarantine, reports
from trucewatch.web import create_app
from trucewatch.web.stream import MAX_STREAMS

PASSWORD = "a long enough password"
TEXT = "Shelling hit the village of Kafr Nabl in Idlib on 9 March 2016, a council said."


@pytest.fixture
def site(store: Store, store_url: str):
    tokens = {}
    with store.transaction() as conn:
        for name, role, guarantor in (
            ("analyst", "analyst", None),
            ("field", "reporter", None),
            ("viewer", "viewer", None),
            ("us", "liaison", "United States"),
        ):
            add_user(
                conn,
                SYSTEM,
                name,
                role,
                guarantor=guarantor,
                password=PASSWORD if name == "analyst" else None,
            )
            tokens[name] = issue_token(conn, SYSTEM, name)
        add_feed(conn, "wire", "rss", "http://127.0.0.1:9/feed.xml", every=60)
    app = create_app(store_url, secure_cookies=False, secret_key="live")
    with TestClient(app) as client:
        yield client, tokens
    app.state.store.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_posted_report_is_stored_once_and_a_reporter_may_only_submit(site, store: Store):
    client, tokens = site
    body = {"text": TEXT, "title": "Kafr Nabl", "published": "2016-03-09", "attachments": ["a.jpg"]}
    first = client.post("/api/v1/reports", json=body, headers=bearer(tokens["analyst"]))
    assert first.status_code == 201 and first.json()["status"] == "new"
    again = client.post("/api/v1/reports", json=body, headers=bearer(tokens["analyst"]))
    assert again.status_code == 200
    assert again.json() == {
        "status": "duplicate",
        "report_id": first.json()["report_id"],
        "reason": None,
    }

    field = client.post("/api/v1/reports", json=body, headers=bearer(tokens["field"]))
    assert field.status_code == 201  # another source (the reporter): another report
    assert client.get("/api/v1/incidents", headers=bearer(tokens["field"])).status_code == 403
    assert client.get("/api/v1/status", headers=bearer(tokens["field"])).status_code == 403
    assert (
        client.post("/api/v1/reports", json=body, headers=bearer(tokens["viewer"])).status_code
        == 403
    )
    assert client.post("/api/v1/reports", json=body).status_code == 401

    with store.engine.connect() as conn:
        stored = conn.execute(
            select(reports).where(reports.c.id == first.json()["report_id"])
        ).one()
    assert stored.text == TEXT and stored.published_date.isoformat() == "2016-03-09"
    assert stored.annotations == {"submitted_by": "analyst", "attachments": "a.jpg"}


@pytest.mark.parametrize(
    ("text", "why"),
    [("\x00\x01PK binary", "NUL"), ("   https://example.org/x  ", "no report text")],
)
def test_what_cannot_be_read_goes_to_quarantine(site, store: Store, text: str, why: str):
    client, tokens = site
    got = client.post("/api/v1/reports", json={"text": text}, headers=bearer(tokens["field"]))
    assert got.status_code == 422 and got.json()["status"] == "quarantined"
    assert why in got.json()["reason"]
    with store.engine.connect() as conn:
        (row,) = conn.execute(select(quarantine)).all()
        assert conn.execute(select(reports)).all() == []
    assert row.origin == "submitted by field" and why in row.reason


def test_status_shows_feeds_and_queues_to_analysts_only(site):
    client, tokens = site
    got = client.get("/api/v1/status", headers=bearer(tokens["analyst"]))
    assert got.status_code == 200
    (feed,) = got.json()["feeds"]
    assert (feed["name"], feed["health"], feed["last_poll"]) == ("wire", "new", None)
    assert got.json()["queue"] == {"reports_awaiting_pipeline": 0, "alerts_pending": 0}
    assert client.get("/api/v1/status", headers=bearer(tokens["us"])).status_code == 403


def test_the_form_submits_with_the_session(site):
    client, _ = site
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post(
        "/login",
        data={"username": "analyst", "password": PASSWORD, "csrf_token": token, "next": "/"},
    )
    form = client.get("/reports/new")
    assert form.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    sent = client.post("/reports/new", data={"text": TEXT, "csrf_token": token})
    assert sent.status_code == 201 and "Stored as report" in sent.text
    twice = client.post("/reports/new", data={"text": TEXT, "csrf_token": token})
    assert twice.status_code == 200 and "Already stored" in twice.text
    assert client.post("/reports/new", data={"text": TEXT}).status_code == 403  # no CSRF token


def test_the_event_stream_needs_a_session_and_has_its_own_limit(site):
    client, _ = site
    assert client.get("/live/stream").status_code == 401
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post(
        "/login",
        data={"username": "analyst", "password": PASSWORD, "csrf_token": token, "next": "/"},
    )
    client.app.state.live_streams = MAX_STREAMS
    assert client.get("/live/stream").status_code == 503


def test_the_event_stream_says_changed_when_a_ruling_is_made(store: Store, monkeypatch):
    import asyncio
    import datetime as dt
    from types import SimpleNamespace

    from trucewatch.store.schema import incidents, rulings, sources
    from trucewatch.web import stream

    monkeypatch.setattr(stream, "POLL", 0.01)
    state = SimpleNamespace(store=store, live_streams=1)

    async def connected() -> bool:
        return False

    request = SimpleNamespace(app=SimpleNamespace(state=state), is_disconnected=connected)
    now = dt.datetime(2016, 3, 9, tzinfo=dt.UTC)

    async def follow() -> list[str]:
        events = stream._events(request, stream.store_version(request))
        got = [await anext(events)]
        with store.transaction() as conn:  # a report, its incident, and a ruling on it
            conn.execute(sources.insert().values(id=1, name="wire"))
            conn.execute(
                reports.insert().values(
                    id="r1",
                    source_id=1,
                    content_hash="h",
                    text=TEXT,
                    raw=b"",
                    language="en",
                    published_basis="unknown",
                    annotations={},
                    repairs=[],
                    ingested_at=now,
                )
            )
            conn.execute(
                incidents.insert().values(
                    id="r1-i0",
                    report_id="r1",
                    seq=0,
                    type="shelling",
                    main=True,
                    extracted_at=now,
                )
            )
            conn.execute(
                rulings.insert().values(
                    event_id="e-r1-i0",
                    agreement="coh-2016-02",
                    ruling="violation",
                    reasons=[],
                    version=1,
                    basis_hash="x",
                    ruled_at=now,
                )
            )
        got.append(await anext(events))
        await events.aclose()
        return got

    hello, changed = asyncio.run(follow())
    assert hello.startswith("retry: 5000\nevent: hello")
    assert changed.startswith("event: changed\ndata: ")
    assert state.live_streams == 0  # the closed stream gave its place back
