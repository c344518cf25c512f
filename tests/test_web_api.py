"""The JSON API: token auth, filters and pagination done in the database, permissions per role,
and the hotline acknowledgement, on SQLite and PostgreSQL.

The store is seeded with short reports we wrote (``seed``), which the page, browser and
schemathesis tests reuse.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from dataclasses import dataclass

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from tests.test_report_fixtures import make_event, save_event_rulings, stored_incidents
from trucewatch.centre import hotline
from trucewatch.centre.users import SYSTEM, add_user, get_user, issue_token
from trucewatch.centre.verification import set_grade
from trucewatch.model.incident import GeoPrecision, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Mention, Published, PublishedBasis, Report, Source
from trucewatch.store import Store
from trucewatch.store.db import database_url
from trucewatch.store.events import replace_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports
from trucewatch.web import create_app, queries

PASSWORD = "a long enough password"
XSS_TITLE = '<script>alert("title")</script> Shelling report'
US, RU = "United States", "Russia"


@dataclass
class Seeded:
    """Ids and tokens a test needs from the seeded store."""

    tokens: dict[str, str]
    strike: str  # incident ruled a violation, in Aleppo
    clash: str  # incident ruled out of scope, in Idlib
    shelling: str  # incident with hostile markup in its report, in Rif Dimashq
    shelling_text: str
    message_to_ru: int  # overdue message from the US to Russia
    message_to_us: int  # message from Russia to the US
    private_thread: int  # a thread between Russia and a party, which the US liaison may not read
    events: list[str]  # the events of the strike, the clash and the shelling, in that order


def _report(key: str, text: str, title: str, day: dt.date) -> Report:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Report(
        source=Source(f"Wire {key}"),
        text=text,
        title=title,
        published=Published(PublishedBasis.METADATA, date=day),
        raw=text.encode(),
        content_hash=digest,
        id=digest[:24],
    )


def _span(text: str, words: str, field: str) -> Mention:
    start = text.index(words)
    return Mention(field, start, start + len(words), words)


def seed(store: Store, login: tuple[str, ...] = ("ru",)) -> Seeded:
    """Three reports we wrote, their incidents, rulings, a grade, users and a hotline thread.

    Only the users in ``login`` get a password: argon2 is slow on purpose, tests need few.
    """
    strike_text = (
        "Warplanes struck a bakery in Aleppo on Monday, killing 4 people, a local council said."
    )
    clash_text = "Fighters clashed near Saraqeb in Idlib on Tuesday; no casualties were given."
    shelling_text = (
        'Shells hit Douma on Wednesday. A post claimed <img src=x onerror="alert(1)"> and '
        "<script>alert(2)</script> were there; 2 people were injured in the 100% rural quarter."
    )
    reports = [
        _report("A", strike_text, "Bakery struck in Aleppo", dt.date(2016, 3, 7)),
        _report("B", clash_text, "Clashes near Saraqeb", dt.date(2016, 3, 8)),
        _report("C", shelling_text, XSS_TITLE, dt.date(2016, 3, 9)),
    ]
    rows = [
        (
            reports[0],
            Incident(
                IncidentType.AIR_STRIKE,
                date=dt.date(2016, 3, 7),
                place=Place("Aleppo", "Aleppo", 36.2, 37.16, GeoPrecision.TOWN),
                perpetrator="Syrian Arab Air Force",
                target="civilians",
                killed=Toll(4, 4, 4),
                main=True,
                evidence=[
                    _span(strike_text, "Warplanes struck", "type"),
                    _span(strike_text, "Aleppo", "place"),
                    _span(strike_text, "killing 4 people", "killed"),
                ],
            ),
        ),
        (
            reports[1],
            Incident(
                IncidentType.ARMED_CLASH,
                date=dt.date(2016, 3, 8),
                place=Place("Saraqeb", "Idlib", 35.86, 36.8, GeoPrecision.TOWN),
                perpetrator="Jabhat al-Nusra",
                main=True,
                evidence=[_span(clash_text, "clashed", "type")],
            ),
        ),
        (
            reports[2],
            Incident(
                IncidentType.SHELLING,
                date=dt.date(2016, 3, 9),
                place=Place("Douma", "Rif Dimashq", 33.57, 36.4, GeoPrecision.TOWN),
                injured=Toll(2, 2, 2),
                main=True,
                evidence=[
                    _span(shelling_text, "Shells hit Douma", "type"),
                    _span(shelling_text, "<script>alert(2)</script>", "place"),
                    _span(shelling_text, "2 people were injured", "injured"),
                ],
            ),
        ),
    ]
    with store.transaction() as conn:
        save_reports(conn, reports)
        for report, incident in rows:
            save_extraction(conn, report.id, [incident], [], "test")
        found = [stored_incidents(conn, r.id)[0] for r, _ in rows]
        ids = [i.id or "" for i in found]
        # One event per report here (tests/test_web_events.py has events of several reports).
        events = [
            make_event([found[0]], grade="corroborated", attribution="stated"),
            make_event([found[1]]),
            make_event([found[2]]),
        ]
        replace_events(conn, events)
    event_ids = [e.id for e in events]
    coh = "coh-2016-02"
    with store.transaction() as conn:
        save_event_rulings(
            conn,
            [
                (event_ids[0], coh, "violation"),
                (event_ids[1], coh, "out_of_scope"),
                (event_ids[2], coh, "undetermined"),
            ],
        )
        # A second version of the strike's ruling: history keeps both, the list shows the newest.
        save_event_rulings(conn, [(event_ids[0], coh, "violation")], "air strike on civilians")
        tokens = {}
        for name, role, guarantor in (
            ("admin", "admin", None),
            ("analyst", "analyst", None),
            ("viewer", "viewer", None),
            ("us", "liaison", US),
            ("ru", "liaison", RU),
        ):
            password = PASSWORD if name in login else None
            add_user(conn, SYSTEM, name, role, guarantor=guarantor, password=password)
            tokens[name] = issue_token(conn, SYSTEM, name)
        analyst = get_user(conn, "analyst")
        set_grade(conn, analyst, ids[0], "corroborated", reason="two independent outlets")
        sent = dt.datetime(2016, 3, 7, 12, tzinfo=dt.UTC)
        thread = hotline.open_thread(
            conn, SYSTEM, subject="Strike on a bakery", participants=[US, RU], opened_at=sent
        )
        to_ru = hotline.send_message(
            conn,
            SYSTEM,
            thread,
            sender=US,
            recipients=[RU],
            body="Please look into the <b>bakery</b> strike.",
            sent_at=sent,
            ack_due=sent + dt.timedelta(hours=2),
            subject_incidents=[ids[0]],
        )
        to_us = hotline.send_message(
            conn,
            SYSTEM,
            thread,
            sender=RU,
            recipients=[US],
            body="Received; checking.",
            sent_at=sent + dt.timedelta(hours=1),
            ack_due=sent + dt.timedelta(hours=3),
        )
        private = hotline.open_thread(
            conn,
            SYSTEM,
            subject="Local council talks",
            participants=[RU, "Council"],
            opened_at=sent,
        )
    return Seeded(tokens, ids[0], ids[1], ids[2], shelling_text, to_ru, to_us, private, event_ids)


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store)


@pytest.fixture
def client(store_url: str, seeded: Seeded) -> TestClient:
    app = create_app(store_url, secret_key="test-secret", secure_cookies=False)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def get(client: TestClient, seeded: Seeded, path: str, who: str = "viewer", **params):
    headers = {"Authorization": f"Bearer {seeded.tokens[who]}"}
    return client.get(path, params=params, headers=headers)


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_api_refuses_requests_without_a_valid_token(client: TestClient, seeded: Seeded) -> None:
    assert client.get("/api/v1/incidents").status_code == 401
    bad = client.get("/api/v1/incidents", headers={"Authorization": "Bearer tw_forged"})
    assert bad.status_code == 401
    assert bad.headers["www-authenticate"] == "Bearer"
    assert get(client, seeded, "/api/v1/me", "us").json() == {
        "name": "us",
        "role": "liaison",
        "guarantor": US,
    }


def test_incident_filters_each_narrow_the_list(client: TestClient, seeded: Seeded) -> None:
    path = "/api/v1/incidents"
    everything = ids(get(client, seeded, path))
    assert everything == {seeded.strike, seeded.clash, seeded.shelling}
    assert ids(get(client, seeded, path, ruling="violation")) == {seeded.strike}
    assert ids(get(client, seeded, path, ruling="out_of_scope")) == {seeded.clash}
    assert ids(get(client, seeded, path, governorate="idlib")) == {seeded.clash}
    assert ids(get(client, seeded, path, type="shelling")) == {seeded.shelling}
    assert ids(get(client, seeded, path, actor="Jabhat al-Nusra")) == {seeded.clash}
    assert ids(get(client, seeded, path, actor="civilians")) == {seeded.strike}  # a target
    assert ids(get(client, seeded, path, grade="corroborated")) == {seeded.strike}
    # Never graded counts as unverified: a single report until someone says otherwise.
    assert ids(get(client, seeded, path, grade="unverified")) == {seeded.clash, seeded.shelling}
    window = ids(get(client, seeded, path, date_from="2016-03-08", date_to="2016-03-09"))
    assert window == {seeded.clash, seeded.shelling}
    assert ids(get(client, seeded, path, q="BAKERY")) == {seeded.strike}  # title, any case
    assert ids(get(client, seeded, path, q="Saraqeb", ruling="violation")) == set()


def test_text_search_treats_sql_and_wildcards_as_plain_text(
    client: TestClient, seeded: Seeded
) -> None:
    path = "/api/v1/incidents"
    assert ids(get(client, seeded, path, q="100%")) == {seeded.shelling}
    assert ids(get(client, seeded, path, q="%")) == {seeded.shelling}  # only the text with a %
    assert ids(get(client, seeded, path, q="_")) == set()
    for attack in ("' OR '1'='1", "x'); DROP TABLE incidents; --", '" OR 1=1 --'):
        assert ids(get(client, seeded, path, q=attack)) == set()
        assert ids(get(client, seeded, path, governorate=attack)) == set()
    assert len(ids(get(client, seeded, path))) == 3  # the table is still there


def test_pagination_reports_the_total_and_pages_without_overlap(
    client: TestClient, seeded: Seeded
) -> None:
    first = get(client, seeded, "/api/v1/incidents", limit=2, offset=0).json()
    second = get(client, seeded, "/api/v1/incidents", limit=2, offset=2).json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    # Newest first.
    assert [i["date"] for i in first["items"]] == ["2016-03-09", "2016-03-08"]
    assert get(client, seeded, "/api/v1/incidents", limit=0).status_code == 422
    assert get(client, seeded, "/api/v1/incidents", limit=100000).status_code == 422


def test_incident_total_past_the_count_limit_says_more_than(
    client: TestClient, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    def page(**params) -> tuple[int, bool, int]:
        body = get(client, seeded, "/api/v1/incidents", **params).json()
        return body["total"], body["total_exact"], len(body["items"])

    assert page(limit=1) == (3, True, 1)  # under the limit: counted exactly
    # A store with more matches than the limit (three here, against a limit of two).
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    assert page(limit=1) == (2, False, 1)  # more than 2 match
    assert page(limit=1, offset=1) == (2, False, 1)
    assert page(limit=2, offset=2) == (3, True, 1)  # the last page knows where the list ends
    assert page(limit=2, offset=10) == (2, False, 0)  # past the end: still "more than 2"
    assert page(limit=1, ruling="violation") == (1, True, 1)
    assert page(limit=1, governorate="Nowhere") == (0, True, 0)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 3)
    assert page(limit=1) == (3, True, 1)  # exactly the limit is still exact


def test_incident_detail_has_evidence_offsets_and_every_ruling_version(
    client: TestClient, seeded: Seeded
) -> None:
    detail = get(client, seeded, f"/api/v1/incidents/{seeded.strike}").json()
    assert detail["ruling"] == "violation"
    assert detail["grade"] == "corroborated"
    assert detail["killed"] == {"low": 4, "best": 4, "high": 4}
    report = get(client, seeded, f"/api/v1/reports/{detail['report_id']}").json()
    for span in detail["evidence"]:
        assert report["text"][span["start"] : span["end"]] == span["text"]
    versions = [r["version"] for r in detail["ruling_history"]]
    assert versions == [1, 2]
    assert [r["version"] for r in detail["rulings"]] == [2]  # only the current one
    assert get(client, seeded, "/api/v1/incidents/nope").status_code == 404


def test_map_and_counts(client: TestClient, seeded: Seeded) -> None:
    points = get(client, seeded, "/api/v1/map/events", ruling="violation").json()
    assert [f["properties"]["id"] for f in points["features"]] == [seeded.events[0]]
    assert points["features"][0]["geometry"]["coordinates"] == [37.16, 36.2]
    # The popup's sources: the outlets by name, and how many of them are independent.
    assert points["features"][0]["properties"]["sources"] == ["Wire A"]
    assert points["features"][0]["properties"]["independent_sources"] == 1
    assert points["unplaced"] == 0
    days = get(client, seeded, "/api/v1/stats/daily").json()
    assert days == [
        {"date": "2016-03-07", "events": 1, "violations": 1, "alleged_violations": 0},
        {"date": "2016-03-08", "events": 1, "violations": 0, "alleged_violations": 0},
        {"date": "2016-03-09", "events": 1, "violations": 0, "alleged_violations": 0},
    ]


def test_more_requests_than_connections_and_threads_all_get_answers(
    store_url: str, seeded: Seeded
) -> None:
    """Requests beyond the pool wait their turn; none holds a thread while it waits (issue 9)."""
    app = create_app(store_url, secret_key="test-secret", secure_cookies=False)
    app.state.store.close()
    # Two connections, two threads and a short pool timeout: a thread blocked on the empty pool
    # while the requests holding connections wait for a thread would fail within 5 s.
    app.state.store = Store(
        create_engine(database_url(store_url), pool_size=2, max_overflow=0, pool_timeout=5)
    )
    app.state.read_slots = anyio.Semaphore(2)
    headers = {"Authorization": f"Bearer {seeded.tokens['viewer']}"}

    async def many() -> list[int]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 2
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            responses = await asyncio.gather(
                *(client.get("/api/v1/incidents", headers=headers) for _ in range(24))
            )
        return [r.status_code for r in responses]

    try:
        assert asyncio.run(asyncio.wait_for(many(), timeout=60)) == [200] * 24
    finally:
        app.state.store.close()


def test_rulings_list_shows_current_versions(client: TestClient, seeded: Seeded) -> None:
    page = get(client, seeded, "/api/v1/rulings", agreement="coh-2016-02").json()
    assert page["total"] == 3
    strike = [r for r in page["items"] if r["event_id"] == seeded.events[0]]
    assert [r["version"] for r in strike] == [2]
    assert strike[0]["reasons"][0]["fact"] == "air strike on civilians"


def test_agreements_come_from_the_agreements_directory(client: TestClient, seeded: Seeded) -> None:
    listed = get(client, seeded, "/api/v1/agreements").json()
    assert "coh-2016-02" in {a["id"] for a in listed}
    coh = get(client, seeded, "/api/v1/agreements/coh-2016-02").json()
    assert coh["clauses"] and coh["whole_country"]
    zones = get(client, seeded, "/api/v1/map/zones").json()
    regimes = {f["properties"]["agreement"] for f in zones["features"]}
    assert {a["id"] for a in listed if a["kind"] == "regime"} <= regimes
    assert get(client, seeded, "/api/v1/agreements/none-such").status_code == 404


def test_users_are_for_admins_only(client: TestClient, seeded: Seeded) -> None:
    assert get(client, seeded, "/api/v1/users", "admin").status_code == 200
    for who in ("analyst", "viewer", "us"):
        assert get(client, seeded, "/api/v1/users", who).status_code == 403


def test_hotline_is_narrowed_to_the_liaisons_guarantor(client: TestClient, seeded: Seeded) -> None:
    threads = get(client, seeded, "/api/v1/hotline/threads", "us").json()
    assert seeded.private_thread not in {t["id"] for t in threads}
    ru_threads = {t["id"] for t in get(client, seeded, "/api/v1/hotline/threads", "ru").json()}
    assert seeded.private_thread in ru_threads
    other = f"/api/v1/hotline/threads/{seeded.private_thread}/messages"
    assert get(client, seeded, other, "us").status_code == 403
    assert get(client, seeded, "/api/v1/hotline/threads", "viewer").status_code == 403
    overdue = get(client, seeded, "/api/v1/hotline/overdue", "admin").json()
    assert [m["id"] for m in overdue][:1] == [seeded.message_to_ru]  # earliest deadline first


def test_acknowledging_a_hotline_message(client: TestClient, seeded: Seeded) -> None:
    path = f"/api/v1/hotline/messages/{seeded.message_to_ru}/acknowledge"

    def post(who: str, reply: str = "Seen") -> int:
        headers = {"Authorization": f"Bearer {seeded.tokens[who]}"}
        return client.post(path, json={"reply": reply}, headers=headers).status_code

    assert post("viewer") == 403
    assert post("us") == 403  # the US sent it; only Russia, the recipient, acknowledges
    response = client.post(
        path, json={"reply": "Seen"}, headers={"Authorization": f"Bearer {seeded.tokens['ru']}"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["acked_by"] == "ru" and response.json()["reply"] == "Seen"
    assert response.json()["overdue"] is False
    assert post("ru") == 409  # acknowledged once
    overdue = get(client, seeded, "/api/v1/hotline/overdue", "admin").json()
    assert seeded.message_to_ru not in {m["id"] for m in overdue}


def test_session_writes_need_the_csrf_header(client: TestClient, seeded: Seeded) -> None:
    page = client.get("/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": "ru", "password": PASSWORD, "csrf_token": csrf})
    assert client.get("/api/v1/me").json()["name"] == "ru"  # the session works for reads
    new_csrf = client.get("/").text.split('name="csrf_token" value="')[1].split('"')[0]
    path = f"/api/v1/hotline/messages/{seeded.message_to_ru}/acknowledge"
    assert client.post(path, json={}).status_code == 403
    assert client.post(path, json={}, headers={"X-CSRF-Token": csrf}).status_code == 403  # old
    assert client.post(path, json={}, headers={"X-CSRF-Token": new_csrf}).status_code == 200


def test_every_response_carries_the_security_headers(client: TestClient, seeded: Seeded) -> None:
    for response in (
        client.get("/login"),
        client.get("/api/v1/incidents"),  # a 401
        get(client, seeded, "/api/v1/incidents"),
        client.get("/static/app.css"),
    ):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"]


def test_grade_filter_uses_the_events_grade_when_no_analyst_graded(
    client: TestClient, seeded: Seeded, store: Store
) -> None:
    from sqlalchemy import update

    from trucewatch.store.corroboration_tables import events

    path = "/api/v1/incidents"
    assert ids(get(client, seeded, path, grade="unverified")) == {seeded.clash, seeded.shelling}
    with store.engine.begin() as conn:  # a computed grade, as corroboration stores it
        conn.execute(
            update(events).where(events.c.id == seeded.events[1]).values(grade="contested")
        )
    assert ids(get(client, seeded, path, grade="contested")) == {seeded.clash}
    assert ids(get(client, seeded, "/api/v1/events", grade="contested")) == {seeded.events[1]}
    # the analyst's grade on the strike still wins over whatever was computed for it
    assert ids(get(client, seeded, path, grade="corroborated")) == {seeded.strike}


def _as_the_model_had_it(row: dict) -> dict:
    """An incident row shaped as the endpoints handed it to FastAPI before issue 9: every
    column, extra ones included, with the tolls nested; the response model picked from it."""
    out = dict(row)
    for which in ("killed", "injured"):
        out[which] = {k: row[f"{which}_{k}"] for k in ("low", "best", "high")}
    return out


def test_incident_bodies_are_what_the_response_models_write(
    client: TestClient, seeded: Seeded
) -> None:
    """The incident endpoints skip response-model validation (issue 9): their bodies must be
    byte for byte what FastAPI wrote through ``CursorPage[IncidentOut]`` (rulings left out
    unless asked for) and ``IncidentDetail``."""
    from pydantic import TypeAdapter

    from trucewatch.web.schemas import CursorPage, IncidentDetail, IncidentOut

    model = TypeAdapter(CursorPage[IncidentOut])
    for include in (None, "rulings"):
        params = {"limit": 2} | ({"include": include} if include else {})
        response = get(client, seeded, "/api/v1/incidents", **params)
        assert response.headers["content-type"] == "application/json"
        with client.app.state.store.engine.connect() as conn:
            f = queries.IncidentFilter()
            rows = queries.incident_page(conn, f, 2, 0, rulings=include is not None)
            total, exact = queries.count_incidents(conn, f, up_to=1000)
            one = queries.get_incident(conn, seeded.strike)
            evidence = queries.incident_mentions(conn, seeded.strike)
            history = queries.ruling_versions(conn, one["event_id"])
        assert any(r["lat"] is not None for r in rows)  # floats and tolls are compared too
        assert ("rulings" in rows[0]) == (include is not None)
        links = {k: response.json()[k] for k in ("next", "next_url")}
        page = {"total": total, "total_exact": exact, "limit": 2, "offset": 0, **links}
        page["items"] = [_as_the_model_had_it(r) for r in rows]
        expected = model.dump_json(model.validate_python(page), exclude_unset=True)
        assert response.content == expected

    detail = {**_as_the_model_had_it(one), "evidence": evidence, "ruling_history": history}
    expected = IncidentDetail.model_validate(detail).model_dump_json().encode()
    assert get(client, seeded, f"/api/v1/incidents/{seeded.strike}").content == expected
