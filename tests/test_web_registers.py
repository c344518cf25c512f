"""Every register a page (issue 16): each answers an analyst, its ``.json`` twin (and
``Accept: application/json``) carries the same records the page shows, and the rulings
register filters per event, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.web_registers_seed import COH, World, build, logged_in
from trucewatch.store import open_store
from trucewatch.web import create_app

REGISTERS = (
    "/rulings",
    "/reports",
    "/centre",
    "/centre/parties",
    "/centre/accessions",
    "/centre/meetings",
    "/centre/local-agreements",
    "/centre/protection",
    "/centre/deliveries",
    "/archive",
)


@pytest.fixture
def world(store_url: str, tmp_path, monkeypatch) -> Iterator[tuple[object, World]]:
    monkeypatch.setenv("TRUCEWATCH_REPORTS", str(tmp_path / "reports"))
    store = open_store(store_url)
    seeded = build(store)
    store.close()
    app = create_app(store_url, secret_key="registers", secure_cookies=False)
    yield app, seeded
    app.state.store.close()


def test_each_register_answers_an_analyst_and_its_twin_holds_the_same_data(world) -> None:
    app, _ = world
    client, _ = logged_in(app, "analyst")
    for path in REGISTERS:
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:300])
        assert page.headers["content-type"].startswith("text/html")
        twin = client.get(f"{path}.json")
        assert twin.status_code == 200, path
        asked = client.get(path, headers={"accept": "application/json"})
        assert twin.json() == asked.json(), path


def test_the_twins_carry_what_the_pages_show(world) -> None:
    app, w = world
    client, _ = logged_in(app, "analyst")
    rulings = client.get("/rulings.json").json()
    assert rulings["total"] == 3
    html = client.get("/rulings").text
    for row in rulings["rulings"]:
        assert f'href="/events/{row["event_id"]}"' in html
    strike = next(r for r in rulings["rulings"] if r["event_id"] == w.strike)
    assert strike["version"] == 2  # only the event's current version is listed
    assert strike["reasons"][0]["fact"] == "on civilians"
    assert strike["review"] == "upheld" and strike["event_date"] == "2016-03-07"

    accessions = client.get("/centre/accessions.json").json()
    [request] = accessions["requests"]
    assert request["request"]["party"] == "Council of Test Town"
    assert request["history"][0]["kind"] == "create"
    assert set(request["next"]) == {"in_negotiation", "accepted", "refused", "withdrawn"}
    assert f'id="accession-{w.accession}"' in client.get("/centre/accessions").text

    parties = client.get("/centre/parties.json").json()["parties"]
    assert [p["party"]["name"] for p in parties] == ["Council of Test Town"]
    assert "Council of Test Town" in client.get("/centre/parties").text


def test_the_rulings_register_filters_per_event(world) -> None:
    app, w = world
    client, _ = logged_in(app, "viewer")

    def events(**params) -> set[str]:
        body = client.get("/rulings.json", params=params).json()
        return {r["event_id"] for r in body["rulings"]}

    everything = {w.strike, w.clash, w.shelling}
    assert events() == everything
    assert events(agreement=COH) == everything
    assert events(agreement="no-such-agreement") == set()
    assert events(ruling="violation") == {w.strike}
    assert events(party="jabhat al-nusra") == {w.clash}  # case-blind
    assert events(party="civilians") == {w.strike}  # the target is a party to it too
    assert events(governorate="Rif Dimashq") == {w.shelling}
    assert events(date_from="2016-03-08") == {w.clash, w.shelling}
    assert events(date_from="2016-03-08", date_to="2016-03-08") == {w.clash}
    assert events(review="upheld") == {w.strike}
    assert events(review="unreviewed") == {w.clash, w.shelling}
    assert events(ruling="not-a-ruling") == everything  # nonsense is dropped, not an error
    page = client.get("/rulings", params={"ruling": "violation"})
    assert w.strike in page.text and w.clash not in page.text


def test_the_reports_register_shows_extractions_and_reuse(world) -> None:
    app, w = world
    client, _ = logged_in(app, "viewer")
    body = client.get("/reports.json").json()
    assert body["total"] == 3 and body["pages"] == 1
    by_id = {r["id"]: r for r in body["reports"]}
    copy = by_id[w.copied_report]
    assert copy["reuse_cluster"] and copy["reuse_original"] != copy["id"]
    assert copy["incident_count"] == 1 and copy["extractor"] == "test"
    [incident] = copy["incidents"]
    assert incident["event_id"] == w.shelling
    html = client.get("/reports").text
    assert "copy of" in html and f'href="/events/{w.shelling}"' in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html  # the hostile title, inert
    searched = client.get("/reports.json", params={"q": "Saraqeb"}).json()
    assert [r["title"] for r in searched["reports"]] == ["Clashes near Saraqeb"]


def test_a_twin_answers_a_bearer_token_and_refuses_no_login(world) -> None:
    app, w = world
    client = TestClient(app)
    refused = client.get("/centre/accessions.json")
    assert refused.status_code == 401
    token = w.web.tokens["viewer"]
    ok = client.get("/centre/accessions.json", headers={"authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.json()["requests"]
    # A browser without a session is sent to log in, not shown a JSON error.
    page = client.get("/centre/accessions", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_a_viewer_sees_no_forms(world) -> None:
    app, _ = world
    viewer, _ = logged_in(app, "viewer")
    analyst, _ = logged_in(app, "analyst")
    for path in (
        "/centre/parties",
        "/centre/accessions",
        "/centre/meetings",
        "/centre/protection",
        "/centre/deliveries",
    ):
        assert 'method="post" action="/centre' not in viewer.get(path).text, path
        assert 'method="post" action="/centre' in analyst.get(path).text, path
    assert 'action="/archive"' not in viewer.get("/archive").text
    assert 'action="/archive"' in analyst.get("/archive").text
