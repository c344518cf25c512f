"""Corrections on the web, on the demo's reports: the API's PATCH answers the new ruling and every
view then shows the corrected values, the event page shows extraction's value beside the
correction, a viewer is refused; and, on the pages this work owns, the dashboard's "in force"
follows supersession, the agreements list says when each text stopped applying, and errors are
pages for browsers and JSON for API clients.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.test_events_pipeline import AGREEMENTS
from tests.web_registers_seed import PASSWORD, logged_in
from trucewatch.centre.users import SYSTEM, add_user, issue_token
from trucewatch.ingest.run import ingest
from trucewatch.pipeline import run_stages
from trucewatch.store import open_store
from trucewatch.web import create_app

from .conftest import EXAMPLES

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('corrections') / 'demo.db'}"
    store = open_store(url)
    ingest(store, [EXAMPLES / "reports"])
    run_stages(store, AGREEMENTS)
    tokens = {}
    with store.transaction() as conn:
        for name, role in (("analyst", "analyst"), ("viewer", "viewer")):
            add_user(conn, SYSTEM, name, role, password=PASSWORD)
            tokens[name] = issue_token(conn, SYSTEM, name)
    store.close()
    app = create_app(url, AGREEMENTS, secret_key="corrections", secure_cookies=False)
    yield app, tokens
    app.state.store.close()


def _auth(tokens: dict, who: str) -> dict:
    return {"Authorization": f"Bearer {tokens[who]}"}


def _idlib(client: TestClient, tokens: dict) -> dict:
    found = client.get(
        "/api/v1/events",
        params={"date_from": "2016-03-01", "date_to": "2016-03-01", "governorate": "Idlib"},
        headers=_auth(tokens, "analyst"),
    ).json()
    items = found["items"] if isinstance(found, dict) else found
    (event,) = [e for e in items if e["place"] == "Idlib"]
    return event


def test_patch_corrects_rules_again_and_every_view_shows_it(demo_app) -> None:
    app, tokens = demo_app
    with TestClient(app) as client:
        idlib = _idlib(client, tokens)
        path = f"/api/v1/events/{idlib['id']}"
        body = {"place": "Saraqib", "reason": "the strike hit Saraqib, not the city"}
        refused = client.patch(path, json=body, headers=_auth(tokens, "viewer"))
        assert refused.status_code == 403
        unknown = client.patch(
            path, json={"place": "Atlantis", "reason": "x"}, headers=_auth(tokens, "analyst")
        )
        assert unknown.status_code == 400 and "not in the gazetteer" in unknown.json()["detail"]
        assert client.get(path, headers=_auth(tokens, "analyst")).json()["place"] == "Idlib"

        done = client.patch(path, json=body, headers=_auth(tokens, "analyst"))
        assert done.status_code == 200, done.text
        answer = done.json()
        assert "ruled again" in answer["ruled"]
        assert {"agreement": "coh-2016-02", "ruling": "alleged_violation"} in answer["rulings"]
        (field,) = answer["correction"]["fields"]
        assert (field["words"], field["extracted_words"]) == ("Saraqib, Idlib", "Idlib")
        assert answer["event"]["place"] == "Saraqib"

        # The API detail, the list and the map data read the corrected event.
        detail = client.get(path, headers=_auth(tokens, "analyst")).json()
        assert detail["place"] == "Saraqib" and detail["lat"] == pytest.approx(35.86, abs=0.01)
        coh = [r for r in detail["rulings"] if r["agreement"] == "coh-2016-02"]
        assert "Saraqib" in str(coh)
        assert _idlib_or_none(client, tokens) is None  # no longer in Idlib city
        listed = client.get(
            "/api/v1/corrections", params={"event_id": idlib["id"]}, headers=_auth(tokens, "viewer")
        ).json()
        assert [c["reason"] for c in listed] == [body["reason"]]

        # The event page: the corrected value with extraction's beside it, who and why.
        client_analyst, _ = logged_in(app, "analyst")
        page = client_analyst.get(f"/events/{idlib['id']}").text
        assert "extraction said Idlib" in page and body["reason"] in page
        assert 'id="correct"' in page  # an analyst gets the form
        viewer, _ = logged_in(app, "viewer")
        assert 'id="correct"' not in viewer.get(f"/events/{idlib['id']}").text


def _idlib_or_none(client: TestClient, tokens: dict) -> dict | None:
    try:
        return _idlib(client, tokens)
    except ValueError:
        return None


def test_session_writes_need_the_sessions_csrf_token(demo_app) -> None:
    app, tokens = demo_app
    analyst, csrf = logged_in(app, "analyst")
    with TestClient(app) as client:
        event = _first_event(client, tokens)
    body = {"target": "a bakery", "reason": "photos"}
    forged = analyst.patch(
        f"/api/v1/events/{event['id']}", json=body, headers={"X-CSRF-Token": "forged"}
    )
    assert forged.status_code == 403
    bare = analyst.post(f"/events/{event['id']}/corrections", data=body, follow_redirects=False)
    assert bare.status_code == 403
    with TestClient(app) as client:
        after = client.get(f"/api/v1/events/{event['id']}", headers=_auth(tokens, "viewer"))
        assert after.json()["target"] == event["target"]  # nothing was written
    done = analyst.post(
        f"/events/{event['id']}/corrections",
        data={**body, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert done.status_code == 303 and "#correction-" in done.headers["location"]
    withdrawn = analyst.post(
        done.headers["location"].split("#")[1].replace("correction-", "/corrections/")
        + "/withdraw",
        data={"csrf_token": csrf, "reason": "wrong event"},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    with TestClient(app) as client:
        back = client.get(f"/api/v1/events/{event['id']}", headers=_auth(tokens, "viewer"))
        assert back.json()["target"] == event["target"]


def _first_event(client: TestClient, tokens: dict) -> dict:
    some = client.get("/api/v1/events", headers=_auth(tokens, "viewer")).json()
    items = some["items"] if isinstance(some, dict) else some
    return next(e for e in items if e["place"] != "Saraqib")


def test_a_viewer_posting_the_form_is_refused_and_nothing_changes(demo_app) -> None:
    app, tokens = demo_app
    viewer, csrf = logged_in(app, "viewer")
    with TestClient(app) as client:
        event = _first_event(client, tokens)
    refused = viewer.post(
        f"/events/{event['id']}/corrections",
        data={"csrf_token": csrf, "target": "a school", "reason": "photos"},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert "text/html" in refused.headers["content-type"]
    with TestClient(app) as client:
        after = client.get(f"/api/v1/events/{event['id']}", headers=_auth(tokens, "viewer"))
    assert after.json()["target"] == event["target"]


def test_in_force_follows_supersession_and_the_agreements_list_says_when_each_ended(
    demo_app,
) -> None:
    app, _ = demo_app
    client, _ = logged_in(app, "analyst")
    later = client.get("/", params={"day": "2017-12-13"}).text
    tile = later.split("In force", 1)[1].split("</div>", 1)[0]
    assert "coh-2016-02" not in tile and ">none<" in tile  # superseded on 2016-09-12
    week = client.get("/", params={"day": "2016-09-15"}).text
    tile = week.split("In force", 1)[1].split("</div>", 1)[0]
    assert "arrangement-2016-09" in tile and "coh-2016-02" not in tile
    during = client.get("/", params={"day": "2016-03-01"}).text
    assert "coh-2016-02" in during.split("In force", 1)[1].split("</div>", 1)[0]
    listing = client.get("/agreements").text
    row = listing.split('href="/agreements/coh-2016-02"', 1)[1].split("</tr>", 1)[0]
    assert "2016-09-12" in row and "superseded by arrangement-2016-09" in row


def test_unknown_paths_are_pages_for_browsers_and_json_for_api_clients(demo_app) -> None:
    app, tokens = demo_app
    client, _ = logged_in(app, "analyst")
    for path in ("/nowhere", "/events/e-none.json", "/centre/nothing.json", "/api/v1/nowhere"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 404, path
        assert page.headers["content-type"].startswith("text/html"), path
        assert "not found" in page.text
    api = TestClient(app)
    for path in ("/api/v1/nowhere", "/nowhere.json", "/centre/nothing.json"):
        answer = api.get(path, headers={"accept": "application/json", **_auth(tokens, "analyst")})
        assert answer.status_code == 404, path
        assert answer.headers["content-type"].startswith("application/json"), path
        assert "detail" in answer.json()
    plain = api.get("/api/v1/nowhere")  # no Accept at all: an API path answers JSON
    assert plain.status_code == 404 and plain.json()
