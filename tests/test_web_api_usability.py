"""The API as a client uses it (issue 16, part 6): repeated filters mean any of them, places and
actors are found by the gazetteer's names, rulings are embedded only on request, and lists page
by a cursor that survives rows stored in between. On SQLite and PostgreSQL (``store_url``).

The store is the one ``tests/test_web_api.seed`` writes: an air strike in Aleppo ruled a
violation, a clash in Idlib out of scope, shelling in Rif Dimashq undetermined.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, update
from starlette.datastructures import QueryParams

from tests.test_web_api import Seeded, seed
from trucewatch.store import Store
from trucewatch.store.corroboration_tables import events
from trucewatch.web import create_app
from trucewatch.web.filters import IncidentFilter, from_query
from trucewatch.web.paging import Cursor


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store, login=())


@pytest.fixture
def client(store_url: str, seeded: Seeded) -> TestClient:
    app = create_app(store_url, secret_key="test-secret", secure_cookies=False)
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def call(client: TestClient, seeded: Seeded, path: str, query: str = ""):
    """GET ``path?query`` as the viewer; ``query`` written out so parameters can repeat."""
    headers = {"Authorization": f"Bearer {seeded.tokens['viewer']}"}
    return client.get(f"{path}?{query}" if query else path, headers=headers)


def found(client: TestClient, seeded: Seeded, path: str, query: str) -> set[str]:
    response = call(client, seeded, path, query)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_a_repeated_filter_means_any_of_its_values(client: TestClient, seeded: Seeded) -> None:
    strike_event, clash_event, shelling_event = seeded.events
    path = "/api/v1/incidents"
    assert found(client, seeded, path, "type=air_strike&type=shelling") == {
        seeded.strike,
        seeded.shelling,
    }
    assert found(client, seeded, "/api/v1/events", "type=air_strike&type=shelling") == {
        strike_event,
        shelling_event,
    }
    query = "governorate=Aleppo&governorate=idlib"
    assert found(client, seeded, path, query) == {seeded.strike, seeded.clash}
    query = "ruling=violation&ruling=out_of_scope"
    assert found(client, seeded, "/api/v1/events", query) == {strike_event, clash_event}
    # Different filters still all apply: any of two types, and in Aleppo.
    query = "type=air_strike&type=shelling&governorate=Aleppo"
    assert found(client, seeded, path, query) == {seeded.strike}
    rulings = call(client, seeded, "/api/v1/rulings", "ruling=violation&ruling=undetermined")
    assert {r["event_id"] for r in rulings.json()["items"]} == {strike_event, shelling_event}
    # The schema says so, for the docs page and generated clients.
    schema = client.get("/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert params["type"]["schema"]["anyOf"][0]["type"] == "array"
    assert "type=a&type=b" in params["type"]["description"]


def test_places_and_actors_are_found_by_the_gazetteers_names(
    client: TestClient, seeded: Seeded, store: Store
) -> None:
    strike_event, clash_event, _ = seeded.events
    assert found(client, seeded, "/api/v1/incidents", "governorate=Halab") == {seeded.strike}
    assert found(client, seeded, "/api/v1/events", "governorate=Halab") == {strike_event}
    # The strike's report names the Syrian Arab Air Force, an alias of the government forces.
    assert found(client, seeded, "/api/v1/incidents", "actor=regime") == {seeded.strike}
    assert found(client, seeded, "/api/v1/incidents", "actor=Nusra Front") == {seeded.clash}
    with store.engine.begin() as conn:  # corroboration stores the canonical name on the event
        conn.execute(
            update(events).where(events.c.id == clash_event).values(perpetrator="Russian forces")
        )
    assert found(client, seeded, "/api/v1/events", "actor=Russia") == {clash_event}
    assert found(client, seeded, "/api/v1/events", "actor=Russian military") == {clash_event}
    # A unit under the Russian forces is narrower than them: it does not find their events.
    assert found(client, seeded, "/api/v1/events", "actor=VKS") == set()
    assert found(client, seeded, "/api/v1/events", "actor=Russia&actor=regime") == {
        strike_event,
        clash_event,
    }


def test_rulings_are_embedded_only_on_request(client: TestClient, seeded: Seeded) -> None:
    for path in ("/api/v1/events", "/api/v1/incidents"):
        lean = call(client, seeded, path)
        full = call(client, seeded, path, "include=rulings")
        assert all("rulings" not in item for item in lean.json()["items"])
        by_id = {item["id"]: item for item in full.json()["items"]}
        for item in lean.json()["items"]:
            # The gravest ruling stays on every item; the rulings with reasons on request.
            assert item["ruling"] == by_id[item["id"]]["ruling"]
            assert {r["ruling"] for r in by_id[item["id"]]["rulings"]} >= {item["ruling"]}
        assert len(lean.content) < len(full.content)
    one = call(client, seeded, f"/api/v1/events/{seeded.events[0]}").json()
    assert [r["ruling"] for r in one["rulings"]] == ["violation"]  # one event: always all
    assert call(client, seeded, "/api/v1/events", "include=everything").status_code == 422


def _walk(client: TestClient, seeded: Seeded, path: str, query: str) -> list[str]:
    """Every id of a list, one page of one at a time, following ``next``."""
    seen: list[str] = []
    page = call(client, seeded, path, query).json()
    while True:
        seen += [item["id"] for item in page["items"]]
        if page["next"] is None:
            assert page["next_url"] is None
            return seen
        page = call(client, seeded, path, f"{query}&{urlencode({'after': page['next']})}").json()


def test_a_cursor_walks_the_list_in_order(client: TestClient, seeded: Seeded) -> None:
    for path in ("/api/v1/events", "/api/v1/incidents"):
        by_offset = [
            call(client, seeded, path, f"limit=1&offset={i}").json()["items"][0]["id"]
            for i in range(3)
        ]
        assert _walk(client, seeded, path, "limit=1") == by_offset
        filtered = _walk(client, seeded, path, "limit=1&type=air_strike&type=shelling")
        assert filtered == [i for i in by_offset if i not in (seeded.clash, seeded.events[1])]
        first = call(client, seeded, path, "limit=1&type=shelling&type=air_strike").json()
        # next_url is this request with the cursor: it keeps the filters and the limit.
        assert "type=shelling" in first["next_url"] and "offset" not in first["next_url"]
        headers = {"Authorization": f"Bearer {seeded.tokens['viewer']}"}
        last = client.get(first["next_url"], headers=headers).json()
        assert [i["id"] for i in first["items"] + last["items"]] == filtered
        assert last["next"] is None


def test_a_cursor_neither_repeats_nor_skips_when_events_arrive(
    client: TestClient, seeded: Seeded, store: Store
) -> None:
    path = "/api/v1/events"
    first = call(client, seeded, path, "limit=1").json()  # the newest: the shelling
    with store.engine.begin() as conn:
        row = dict(
            conn.execute(select(events).where(events.c.id == seeded.events[2])).one()._mapping
        )
        for n, day in ((1, dt.date(2016, 3, 10)), (2, dt.date(2016, 3, 8)), (3, None)):
            conn.execute(insert(events).values({**row, "id": f"e-new-{n}", "event_date": day}))
    after = urlencode({"after": first["next"]})
    rest = _walk(client, seeded, path, f"limit=1&{after}")
    # The newer event lands before the cursor (the next walk from the top sees it); the one on
    # the clash's day sorts by id after it; the undated one comes last.
    assert [first["items"][0]["id"], *rest] == [
        seeded.events[2],
        seeded.events[1],
        "e-new-2",
        seeded.events[0],
        "e-new-3",
    ]
    by_offset = [i["id"] for i in call(client, seeded, path, "limit=10").json()["items"]]
    assert by_offset == ["e-new-1", first["items"][0]["id"], *rest]


def test_cursors_this_api_did_not_give_are_refused(client: TestClient, seeded: Seeded) -> None:
    events_next = call(client, seeded, "/api/v1/events", "limit=1").json()["next"]
    for path, query in (
        ("/api/v1/incidents", urlencode({"after": events_next})),  # another list's cursor
        ("/api/v1/events", "after=bm9wZQ"),  # base64 of a word, not a cursor
        ("/api/v1/events", "after=%21%21"),
        # A cursor's form with a NUL in its id (PostgreSQL would fail on it, not miss).
        ("/api/v1/events", urlencode({"after": Cursor("events", None, "e-\x00").token()})),
        ("/api/v1/events", f"offset=1&{urlencode({'after': events_next})}"),
    ):
        response = call(client, seeded, path, query)
        assert response.status_code == 422, (path, query, response.text)
        assert "after" in response.text


def test_pages_read_repeated_filters_as_the_api_does() -> None:
    params = QueryParams("type=air_strike&type=nonsense&type=shelling&governorate=Halab&q=%00")
    f = from_query(params)
    assert f.type == ("air_strike", "shelling")  # a value no menu offers is dropped
    assert f.governorate == ("Halab",) and "aleppo" in f.governorates()
    assert f.q is None
    assert f.active() == {"type": ["air_strike", "shelling"], "governorate": "Halab"}
    assert IncidentFilter(type="shelling").type == ("shelling",)  # one value is still fine
