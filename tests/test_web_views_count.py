"""Every view counts the same events for a date range (issue 14): the event list (API and page),
the map's points plus those it cannot place, the daily counts, the export and the situation
report, with undated reports' events counted on their window's best day and flagged when that
window reaches outside the range. Two reports of one strike count once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_report_fixtures import (
    make_event,
    make_report,
    save_event_rulings,
    stored_incidents,
)
from trucewatch.centre.users import SYSTEM, add_user, issue_token
from trucewatch.model.incident import GeoPrecision, Incident, IncidentType, Place, Toll
from trucewatch.report.daily import collect
from trucewatch.report.exports import event_rows
from trucewatch.report.period import Period
from trucewatch.store import Store, open_store
from trucewatch.store.events import iter_events, replace_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports
from trucewatch.web import create_app

FIRST, LAST = dt.date(2016, 3, 1), dt.date(2016, 3, 2)
ALEPPO = Place("Aleppo", "Aleppo", 36.2, 37.16, GeoPrecision.TOWN)
HOMS = Place("Homs", "Homs", None, None, GeoPrecision.REGION)


def _build(store: Store) -> dict[str, str]:
    """Six events: a strike two outlets tell (1 March), an undated raid in a report of 2 March
    (its week, best day 2 March), a clash with no place coordinates (2 March), a delivery
    (1 March), a shelling on 5 March, and a clash with no date and no publication date."""
    reports = {
        "a": make_report("strike-a", "Outlet A", "Constructed: a strike hit Aleppo.", FIRST),
        "b": make_report("strike-b", "Outlet B", "Constructed: jets struck Aleppo.", FIRST),
        "c": make_report("raid", "Outlet C", "Constructed: raids, no day given.", LAST),
        "d": make_report("later", "Outlet A", "Constructed: shelling on the 5th.", LAST),
    }
    found = {
        "a": [
            Incident(IncidentType.AIR_STRIKE, date=FIRST, place=ALEPPO, killed=Toll(3, 3, 3)),
            Incident(IncidentType.HUMANITARIAN_DELIVERY, date=FIRST, place=ALEPPO),
        ],
        "b": [Incident(IncidentType.AIR_STRIKE, date=FIRST, place=ALEPPO, killed=Toll(5, 5, 5))],
        "c": [
            Incident(IncidentType.AIR_STRIKE, place=ALEPPO, perpetrator="Russian Aerospace Forces"),
            Incident(IncidentType.ARMED_CLASH, date=LAST, place=HOMS),
        ],
        "d": [
            Incident(IncidentType.SHELLING, date=dt.date(2016, 3, 5), place=ALEPPO),
            Incident(IncidentType.ARMED_CLASH, place=HOMS),
        ],
    }
    with store.transaction() as conn:
        save_reports(conn, list(reports.values()))
        for key, incidents in found.items():
            save_extraction(conn, reports[key].id, incidents, [], "test")
        a, b, c, d = (stored_incidents(conn, reports[k].id) for k in "abcd")
        events = {
            "strike": make_event([a[0], b[0]], killed=Toll(3, 3, 5)),
            "delivery": make_event([a[1]]),
            "raid": make_event([c[0]], published=LAST, attribution="alleged"),
            "clash": make_event([c[1]]),
            "later": make_event([d[0]]),
            "undated": make_event([d[1]]),  # no day, no publication date: window unknown
        }
        replace_events(conn, list(events.values()))
        save_event_rulings(
            conn,
            [
                (events["strike"].id, "coh-2016-02", "violation"),
                (events["raid"].id, "coh-2016-02", "alleged_violation"),
            ],
        )
        add_user(conn, SYSTEM, "viewer", "viewer")
        token = issue_token(conn, SYSTEM, "viewer")
    return {"token": token, **{k: e.id for k, e in events.items()}}


@pytest.fixture
def built(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'views.db'}"
    store = open_store(url)
    ids = _build(store)
    yield store, url, ids
    store.close()


def test_every_view_counts_the_same_events_for_a_date_range(built) -> None:
    store, url, ids = built
    expected = {ids["strike"], ids["delivery"], ids["raid"], ids["clash"]}
    query = {"date_from": FIRST.isoformat(), "date_to": LAST.isoformat()}
    app = create_app(url, secret_key="test-secret", secure_cookies=False)
    auth = {"Authorization": f"Bearer {ids['token']}"}
    with TestClient(app) as client:
        listed = client.get("/api/v1/events", params=query, headers=auth).json()
        points = client.get("/api/v1/map/events", params=query, headers=auth).json()
        days = client.get("/api/v1/stats/daily", params=query, headers=auth).json()
        everything = client.get("/api/v1/events", headers=auth).json()
    app.state.store.close()

    assert {e["id"] for e in listed["items"]} == expected and listed["total"] == 4
    strike = next(e for e in listed["items"] if e["id"] == ids["strike"])
    assert strike["sources"] == 2 and strike["reports"] == 2  # two reports, one event
    raid = next(e for e in listed["items"] if e["id"] == ids["raid"])
    assert raid["event_date"] == "2016-03-02" and raid["date_basis"] == "dateline_week"
    assert raid["window_straddles"] is True  # its week reaches back before 1 March
    assert not any(e["window_straddles"] for e in listed["items"] if e["id"] != ids["raid"])
    assert raid["ruling"] == "alleged_violation"

    placed = {f["properties"]["id"] for f in points["features"]}
    assert placed == expected - {ids["clash"]} and points["unplaced"] == 1
    assert sum(d["events"] for d in days) == 4
    assert sum(d["violations"] for d in days) == 1
    assert sum(d["alleged_violations"] for d in days) == 1

    with store.engine.connect() as conn:
        exported = event_rows(iter_events(conn), {}, FIRST, LAST)
        report = collect(conn, Period(FIRST, LAST))
    assert {r["event_id"] for r in exported} == expected
    assert {r["event_id"] for r in exported if r["window_straddles"]} == {ids["raid"]}
    assert {r.id for r in report.counted} == expected
    assert {r.id for r in report.counted if r.straddles} == {ids["raid"]}
    assert sum(c.events for c in report.trend) + len(report.other_events) == 4

    # Without a date range every event counts, the one with no known day too.
    assert everything["total"] == 6 and ids["undated"] in {e["id"] for e in everything["items"]}


def test_the_event_list_page_counts_as_the_api_does(built) -> None:
    import re

    from trucewatch.centre.users import set_password

    store, url, _ = built
    with store.transaction() as conn:
        set_password(conn, SYSTEM, "viewer", "a long enough password")
    app = create_app(url, secret_key="test-secret", secure_cookies=False)
    with TestClient(app) as client:
        login = client.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
        client.post(
            "/login",
            data={"username": "viewer", "password": "a long enough password", "csrf_token": csrf},
        )
        html = client.get("/events", params={"date_from": "2016-03-01", "date_to": "2016-03-02"})
        daily = client.get("/daily").text
    app.state.store.close()
    assert "4 events match" in html.text
    assert html.text.count("window reaches outside the range</span>") == 1  # the undated raid
    assert "1 event with no known day" in daily
