"""Every page one view, two renderings (issue 16): the dashboard, daily counts, events and an
event, what each report said and one account, agreements and one agreement, claims, hotline and
deliveries each answer ``<path>.json`` (and ``Accept: application/json``) with the data the page
shows. And the words those pages use: places written one way, lists sorted by the server,
claims paged and linked to what their report told, agreements naming whom they exclude."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import ROOT
from tests.test_web_api import Seeded, seed
from tests.test_web_pages import log_in
from trucewatch.report.words import place_words
from trucewatch.store import open_store
from trucewatch.store.schema import claims, incidents
from trucewatch.store.schema import rulings as ruling_table
from trucewatch.web import create_app


@pytest.fixture
def site(tmp_path: Path) -> tuple[TestClient, Seeded]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = open_store(url)
    seeded = seed(store, login=("admin", "viewer"))
    store.close()
    app = create_app(url, secret_key="test-secret", secure_cookies=False)
    with TestClient(app) as client:
        yield client, seeded
    app.state.store.close()


def twin(client: TestClient, path: str) -> dict:
    """The page's JSON twin, checked to be the same by suffix and by Accept."""
    base, _, query = path.partition("?")
    suffixed = ("/.json" if base == "/" else f"{base}.json") + (f"?{query}" if query else "")
    by_suffix = client.get(suffixed)
    assert by_suffix.status_code == 200, (suffixed, by_suffix.text[:300])
    assert by_suffix.headers["content-type"].startswith("application/json")
    by_accept = client.get(path, headers={"accept": "application/json"})
    same = {k: v for k, v in by_suffix.json().items() if k != "now"}  # the clock moves on
    assert by_accept.status_code == 200, path
    assert {k: v for k, v in by_accept.json().items() if k != "now"} == same, path
    return by_suffix.json()


def linked(html: str, prefix: str) -> set[str]:
    """The ids a page links to under ``prefix`` (``/events/``)."""
    return set(re.findall(rf'href="{prefix}([^"?#/]+)"', html))


def test_each_page_has_a_json_twin_with_the_data_it_shows(site) -> None:
    client, seeded = site
    log_in(client)
    # Lists: the twin's items are the rows the page links to.
    events = twin(client, "/events")
    assert {e["id"] for e in events["events"]} == linked(client.get("/events").text, "/events/")
    assert events["total"] == 3 and all("outlets" in e for e in events["events"])
    accounts = twin(client, "/incidents")
    shown = linked(client.get("/incidents").text, "/incidents/")
    assert {i["id"] for i in accounts["incidents"]} == shown
    # The filters the page was asked for are the twin's too.
    only = twin(client, "/events?ruling=violation")
    assert [e["id"] for e in only["events"]] == [seeded.events[0]]
    assert only["filters"] == {"ruling": "violation"}
    # One event and one account.
    event = twin(client, f"/events/{quote(seeded.events[0])}")["event"]
    assert event["id"] == seeded.events[0] and event["members"] and event["rulings"]
    assert event["place_words"] in client.get(f"/events/{quote(seeded.events[0])}").text
    account = twin(client, f"/incidents/{quote(seeded.strike)}")
    assert account["incident"]["id"] == seeded.strike
    assert account["event"]["id"] == seeded.events[0] and account["incident"]["evidence"]
    # The dashboard's tiles and the daily counts.
    board = twin(client, "/")
    page = client.get("/").text
    assert board["day"] == "2016-03-09"
    assert f'id="count-events">{board["today"]["events"]}<' in page
    assert {a["id"] for a in board["in_force"]} <= linked(page, "/agreements/")
    daily = twin(client, "/daily")
    assert [d["date"] for d in daily["days"]] == ["2016-03-09", "2016-03-08", "2016-03-07"]
    # Agreements, claims, hotline, deliveries.
    agreements = twin(client, "/agreements")["agreements"]
    assert {a["id"] for a in agreements} == linked(client.get("/agreements").text, "/agreements/")
    one = twin(client, "/agreements/coh-2016-02")
    assert one["agreement"]["id"] == "coh-2016-02" and one["agreement"]["clauses"]
    assert "groups" in twin(client, "/claims")
    threads = twin(client, "/hotline")["threads"]
    hotline = client.get("/hotline").text
    assert threads and all(f'id="thread-{t["id"]}"' in hotline for t in threads)
    assert all(m["id"] for t in threads for m in t["messages"])
    assert isinstance(twin(client, "/deliveries")["deliveries"], list)


def test_twins_answer_an_api_token_and_refuse_no_login(site) -> None:
    client, seeded = site
    refused = client.get("/events.json")
    assert refused.status_code == 401  # an API client is not sent to a login page
    token = {"authorization": f"Bearer {seeded.tokens['viewer']}"}
    ok = client.get("/events.json", headers=token)
    assert ok.status_code == 200 and ok.json()["total"] == 3
    assert client.get(f"/events/{quote(seeded.events[0])}.json", headers=token).status_code == 200
    missing = client.get("/events/nope.json", headers=token)
    assert missing.status_code == 404 and missing.json() == {"detail": "no such event"}


def test_places_are_written_one_way() -> None:
    assert place_words("Ashrafiyeh (Aleppo)", "Aleppo", 1) == "Ashrafiyeh, Aleppo"
    assert place_words("Aleppo", "Aleppo", 1) == "Aleppo"
    assert place_words("Aleppo", "Aleppo", 3) == "Aleppo governorate"
    assert place_words("Damascus", "Rif Dimashq", 2) == "near Damascus, Rif Dimashq"
    assert place_words("Douma", "Rif Dimashq", 1) == "Douma, Rif Dimashq"
    assert place_words(None, "Idlib", None) == "Idlib governorate"
    assert place_words(None, None, None) == "—"


def test_a_title_says_in_a_place_or_near_it() -> None:
    from fastapi.templating import Jinja2Templates

    from trucewatch.web.page_base import configure_templates

    templates = Jinja2Templates(directory=str(ROOT / "trucewatch" / "web" / "templates"))
    configure_templates(templates)
    where = templates.env.filters["where"]
    assert where({"place": "Damascus", "governorate": "Rif Dimashq", "geo_precision": 2}) == (
        "near Damascus, Rif Dimashq"
    )
    assert where({"place": "Douma", "governorate": "Rif Dimashq", "geo_precision": 1}) == (
        "in Douma, Rif Dimashq"
    )


def test_lists_write_places_the_one_way_and_days_on_one_line(site) -> None:
    client, _ = site
    log_in(client)
    for path in ("/events", "/incidents"):
        html = client.get(path).text
        assert "Douma, Rif Dimashq" in html and "Douma (Rif Dimashq)" not in html, path
        assert re.search(r'<td class="date">2016-03-0\d', html), path


def test_lists_sort_on_the_server_by_a_whitelisted_column(site) -> None:
    client, seeded = site
    log_in(client)
    newest = [e["id"] for e in twin(client, "/events")["events"]]
    oldest = [e["id"] for e in twin(client, "/events?sort=date")["events"]]
    assert oldest == list(reversed(newest))
    by_place = twin(client, "/incidents?sort=place")["incidents"]
    assert [i["place"] for i in by_place] == ["Aleppo", "Douma", "Saraqeb"]
    backwards = twin(client, "/incidents?sort=-place")["incidents"]
    assert [i["place"] for i in backwards] == ["Saraqeb", "Douma", "Aleppo"]
    by_toll = twin(client, "/events?sort=-killed")["events"]
    assert by_toll[0]["id"] == seeded.events[0]  # the only event with dead comes first
    # A column not on the list, or SQL, is ignored: the list keeps its own order.
    for bogus in ("report_id", "date;drop table events", "-(select 1)"):
        body = twin(client, f"/events?sort={quote(bogus)}")
        assert body["sort"] is None and [e["id"] for e in body["events"]] == newest
    # The headers link to the other direction and keep the filters.
    html = client.get("/incidents?sort=place&governorate=Aleppo&governorate=Idlib").text
    assert 'aria-sort="ascending"' in html
    assert "governorate=Aleppo&amp;governorate=Idlib&amp;sort=-place" in html


def test_claims_come_fifty_a_page_each_linked_to_its_incident(site, tmp_path: Path) -> None:
    client, seeded = site
    log_in(client)
    store = client.app.state.store
    with store.transaction() as conn:
        report = conn.execute(
            select(incidents.c.report_id).where(incidents.c.id == seeded.strike)
        ).scalar_one()
        conn.execute(
            claims.insert(),
            [
                {"id": f"c{n:03}", "report_id": report, "seq": n, "claimant": f"Council {n % 3}",
                 "quantity": n, "unit": "people killed" if n % 2 else "buildings"}
                for n in range(60)
            ],
        )  # fmt: skip
    first = twin(client, "/claims")
    assert first["total"] == 60 and first["pages"] == 2
    shown = [c for g in first["groups"] for c in g["claims"]]
    assert len(shown) == 50
    second = twin(client, "/claims?page=2")
    assert len([c for g in second["groups"] for c in g["claims"]]) == 10
    about = shown[0]["incidents"]
    assert [(i["id"], i["event_id"]) for i in about] == [(seeded.strike, seeded.events[0])]
    html = client.get("/claims").text
    assert html.count('class="claim"') == 50 and 'rel="next"' in html
    assert f'href="/incidents/{seeded.strike}"' in html
    assert f'href="/events/{seeded.events[0]}"' in html
    narrowed = twin(client, "/claims?claimant=Council%201")
    assert narrowed["total"] == 20


def test_agreement_page_names_the_excluded_groups_and_each_party_once(site) -> None:
    client, _ = site
    log_in(client)
    html = client.get("/agreements/coh-2016-02").text
    excluded = html.split("<dt>Excluded</dt>")[1].split("</dd>")[0]
    assert "ISIL" in excluded and "Jabhat al-Nusra" in excluded
    assert not re.search(r">\s*UNSC\s*<", excluded)  # the list's key is not a group
    assert "in_negotiation" not in html and "attack_on_civilians" not in html
    assert "attack on civilians" in html
    body = twin(client, "/agreements/coh-2016-02")
    parties = [p["party"] for p in body["parties"]]
    assert len(parties) == len(set(parties))
    assert {g["actor"] for g in body["excluded_groups"]} >= {"ISIL", "Jabhat al-Nusra"}
    assert body["agreement"]["ends_at"]  # superseded: the page says when, not "to —"
    assert " to —" not in html.split("<dt>In force</dt>")[1].split("</dd>")[0]


def test_event_page_puts_the_ruling_that_matters_first(site) -> None:
    client, seeded = site
    log_in(client)
    # Two later texts were not in force on the day; their ids sort before the violation's.
    with client.app.state.store.transaction() as conn:
        conn.execute(
            ruling_table.insert(),
            [
                {"event_id": seeded.events[0], "agreement": agreement, "ruling": "not_in_force",
                 "reasons": [{"rule": "in_force", "fact": "not yet in force"}], "version": 1,
                 "basis_hash": "x" * 64, "ruled_at": dt.datetime(2016, 3, 8, tzinfo=dt.UTC)}
                for agreement in ("arrangement-2016-09", "calm-aleppo-2016-05-05")
            ],
        )  # fmt: skip
    html = client.get(f"/events/{quote(seeded.events[0])}").text
    rulings = html.split('id="rulings"')[1].split("</section>")[0]
    shown = re.findall(r'class="pill ruling-(\w+)"', rulings)
    assert shown[0] == "violation" and "not_in_force" in shown  # gravest first
    # The agreements not in force then are folded under one line, after it.
    live, folded = rulings.split('<details class="not-in-force">')
    assert "ruling-not_in_force" not in live and "ruling-violation" not in folded
    assert "Not in force at the time" in folded
