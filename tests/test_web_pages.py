"""The pages: login with CSRF, throttling and a fresh session; evidence highlighted and escaped;
no inline script anywhere; the hotline acknowledged through its form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_web_api import PASSWORD, XSS_TITLE, Seeded, seed
from trucewatch.store import open_store
from trucewatch.web import create_app
from trucewatch.web.auth import SESSION_COOKIE
from trucewatch.web.evidence import highlight
from trucewatch.web.pages import day_chart

PAGES = (
    "/",
    "/events",
    "/incidents",
    "/agreements",
    "/agreements/coh-2016-02",
    "/claims",
    "/hotline",
    "/deliveries",
    "/daily",
)


@pytest.fixture
def site(tmp_path: Path) -> tuple[TestClient, Seeded]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = open_store(url)
    seeded = seed(store, login=("admin", "analyst", "ru", "viewer"))
    store.close()
    app = create_app(url, secret_key="test-secret", secure_cookies=False, login_limit=3)
    with TestClient(app) as client:
        yield client, seeded
    app.state.store.close()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client: TestClient, name: str = "admin", password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )


def test_pages_need_a_login_and_come_back_after_it(site) -> None:
    client, _ = site
    first = client.get("/incidents?ruling=violation", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Fincidents%3Fruling%3Dviolation"
    token = csrf_of(client.get(first.headers["location"]).text)
    done = client.post(
        "/login",
        data={
            "username": "admin",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/incidents?ruling=violation",
        },
        follow_redirects=False,
    )
    assert done.headers["location"] == "/incidents?ruling=violation"
    # An absolute or protocol-relative next is not followed off the site.
    token = csrf_of(client.get("/login").text)
    away = client.post(
        "/login",
        data={
            "username": "admin",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert away.headers["location"] == "/"


def test_login_refuses_a_missing_csrf_token_and_wrong_passwords(site) -> None:
    client, _ = site
    client.get("/login")
    no_token = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert no_token.status_code == 403
    assert log_in(client, password="wrong password").status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_is_throttled_after_repeated_failures(site) -> None:
    client, _ = site
    for _ in range(3):
        assert log_in(client, "viewer", "guess").status_code == 401
    blocked = log_in(client, "viewer", PASSWORD)  # even the right password waits
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


def test_login_starts_a_new_session(site) -> None:
    client, _ = site
    client.get("/login")
    before = client.cookies.get(SESSION_COOKIE)
    token_before = csrf_of(client.get("/login").text)
    assert log_in(client).status_code == 303
    after = client.cookies.get(SESSION_COOKIE)
    assert after and after != before
    assert csrf_of(client.get("/").text) != token_before
    # The pre-login cookie (which an attacker could have planted) is not logged in.
    stranger = TestClient(client.app)
    stranger.cookies.set(SESSION_COOKIE, before)
    assert stranger.get("/", follow_redirects=False).status_code == 303
    # Logging out ends the session.
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_forged_session_cookie_is_ignored(site) -> None:
    client, _ = site
    client.cookies.set(SESSION_COOKIE, '{"u": "admin", "c": "x"}')
    assert client.get("/", follow_redirects=False).status_code == 303


def test_every_page_renders_without_inline_script_or_handlers(site) -> None:
    client, _ = site
    log_in(client)
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        html = page.text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path  # scripts are files
        assert not re.search(r"\son[a-z]+\s*=", html.split("<main>")[0]), path  # no handlers
        assert "style=" not in html, path
        assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html), path  # all local


def test_incident_page_highlights_evidence_and_keeps_markup_inert(site) -> None:
    client, seeded = site
    log_in(client)
    html = client.get(f"/incidents/{seeded.shelling}").text
    marks = re.findall(r'<mark data-field="([^"]*)"[^>]*>(.*?)</mark>', html, re.S)
    assert ("type", "Shells hit Douma") in marks
    assert ("injured", "2 people were injured") in marks
    assert ("place", "&lt;script&gt;alert(2)&lt;/script&gt;") in marks
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=" in html
    listing = client.get("/incidents").text
    assert XSS_TITLE not in listing  # the title is only ever shown escaped


def test_incident_page_shows_rulings_with_reasons_and_history(site) -> None:
    client, seeded = site
    log_in(client)
    html = client.get(f"/incidents/{seeded.strike}").text
    assert "air strike on civilians" in html  # the current reason
    history = html.split("Ruling history")[1]
    assert history.count("<tr><td>") == 2  # both versions
    assert "two independent outlets" in html  # the grade change and its reason


def test_incidents_list_filters_and_counts(site) -> None:
    client, seeded = site
    log_in(client)
    html = client.get("/incidents?governorate=Idlib").text
    assert "1 report accounts match" in html and seeded.clash in html
    assert seeded.strike not in html
    assert f'href="/events/{seeded.events[1]}"' in html  # each account links to its event
    # Nonsense values are dropped, not errors.
    assert client.get("/incidents?ruling=bogus&date_from=yesterday&page=x").status_code == 200


def test_filter_menus_keep_the_chosen_values_selected(site) -> None:
    client, _ = site
    log_in(client)
    html = client.get("/events?governorate=Idlib&ruling=violation").text
    assert re.search(r"<option selected>Idlib</option>", html)
    assert re.search(r'<option value="violation" selected>', html)
    assert not re.search(r'<option value="alleged_violation" selected>', html)


def test_pages_read_repeated_filters_as_any_of_and_keep_them_in_links(site) -> None:
    client, seeded = site
    log_in(client)
    one = client.get("/events?governorate=Idlib").text
    both = client.get("/events?governorate=Idlib&governorate=Aleppo").text
    assert f'href="/events/{seeded.events[1]}"' in one
    assert f'href="/events/{seeded.events[0]}"' not in one
    assert all(f'href="/events/{e}"' in both for e in seeded.events[:2])
    assert (
        "governorate=Idlib&amp;governorate=Aleppo"
        in client.get("/?governorate=Idlib&governorate=Aleppo").text
    )  # the dashboard's links keep both values


def test_events_list_counts_events_in_words(site) -> None:
    client, seeded = site
    log_in(client)
    html = client.get("/events?ruling=violation").text
    assert "1 event matches" in html and f'href="/events/{seeded.events[0]}"' in html
    row = html.split(f'href="/events/{seeded.events[0]}"')[1].split("</tr>")[0]
    assert "air strike" in row and "(stated)" in row and 'title="independent sources">1<' in row
    table = html.split('id="events"')[1].split("</table>")[0]
    assert "air_strike" not in re.sub(r'class="[^"]*"', "", table)  # words, not codes
    assert client.get("/events?ruling=bogus&date_from=yesterday&page=x").status_code == 200


def test_dashboard_counts_against_the_previous_day(site) -> None:
    client, _ = site
    log_in(client)
    html = client.get("/?day=2016-03-08").text
    assert re.search(r'id="count-events">1<', html)
    assert re.search(r'id="count-alleged">0<', html)
    assert re.search(r'id="count-violations">0<', html)
    assert "-1 on the day before (1)" in html  # one violation on 7 March, none on the 8th
    assert "<svg" in html and html.count('class="bar-violation"') == 3


def test_hotline_page_orders_overdue_first_and_acknowledges_with_csrf(site) -> None:
    client, seeded = site
    log_in(client, "ru")
    html = client.get("/hotline").text
    assert html.index("Strike on a bakery") < html.index("Local council talks")
    assert "&lt;b&gt;bakery&lt;/b&gt;" in html
    path = f"/hotline/messages/{seeded.message_to_ru}/acknowledge"
    assert client.post(path, data={"reply": "ok"}).status_code == 403  # no CSRF token
    done = client.post(path, data={"reply": "Looking into it", "csrf_token": csrf_of(html)})
    assert done.status_code == 200
    assert "Acknowledged" in done.text and "Looking into it" in done.text


def test_a_refused_request_gives_its_connection_back_at_once(site) -> None:
    """A page or API call that ends in an error returns its connection to the pool before the
    answer: one left checked out sits idle in a transaction (on PostgreSQL holding locks)."""
    client, seeded = site
    pool = client.app.state.store.engine.pool
    log_in(client, "viewer")
    assert client.get("/hotline").status_code == 403
    assert client.get("/events/no-such-event").status_code == 404
    token = {"Authorization": f"Bearer {seeded.tokens['viewer']}"}
    assert client.get("/api/v1/users", headers=token).status_code == 403
    assert client.get("/api/v1/events/no-such-event", headers=token).status_code == 404
    assert pool.checkedout() == 0


def test_viewer_cannot_open_the_hotline(site) -> None:
    client, _ = site
    log_in(client, "viewer")
    assert client.get("/hotline").status_code == 403
    assert 'href="/hotline"' not in client.get("/").text


def test_highlight_merges_overlaps_and_skips_stale_offsets() -> None:
    text = "a < b & c"
    out = highlight(
        text,
        [
            {"start": 0, "end": 5, "field": "x", "text": "a < b"},
            {"start": 4, "end": 9, "field": "y"},
            {"start": 2, "end": 3, "field": "z", "text": "not what is there"},
            {"start": 5, "end": 99, "field": "w"},
        ],
    )
    assert out.placed == 2 and out.skipped == 2
    assert str(out.html) == (
        '<mark data-field="x" title="x">a &lt; </mark>'
        '<mark data-field="x y" title="x y">b</mark>'
        '<mark data-field="y" title="y"> &amp; c</mark>'
    )


def test_day_chart_leaves_gaps_for_days_without_events() -> None:
    import datetime as dt

    chart = day_chart(
        [
            {"date": dt.date(2016, 3, 1), "events": 2, "violations": 1, "alleged_violations": 0},
            {"date": dt.date(2016, 3, 4), "events": 4, "violations": 0, "alleged_violations": 1},
        ]
    )
    assert [b["events"] for b in chart["bars"]] == [2, 0, 0, 4]
    assert chart["bars"][3]["h_all"] == chart["height"] - 20  # the busiest day is full height


def test_event_page_shows_members_values_rulings_in_words_and_grade_history(
    tmp_path: Path,
) -> None:
    """A second outlet reports the bakery strike with another toll; Airwars holds it too."""
    import datetime as dt

    from tests.test_report_fixtures import make_event, save_event_rulings, stored_incidents
    from tests.test_web_api import _report, _span
    from trucewatch.model.event import Sided
    from trucewatch.model.incident import GeoPrecision, Incident, IncidentType, Place, Toll
    from trucewatch.store.corroboration_tables import (
        grade_history,
        reference_incidents,
        reference_links,
    )
    from trucewatch.store.events import replace_events
    from trucewatch.store.incidents import save_extraction
    from trucewatch.store.reports import save_reports

    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = open_store(url)
    seeded = seed(store, login=("admin",))
    text = "Aircraft bombed a bakery in Aleppo on Monday; 9 people were killed, medics said."
    second = _report("D", text, "Nine dead at Aleppo bakery", dt.date(2016, 3, 8))
    strike = Incident(
        IncidentType.AIR_STRIKE,
        date=dt.date(2016, 3, 7),
        place=Place("Aleppo", "Aleppo", 36.2, 37.16, GeoPrecision.TOWN),
        killed=Toll(9, 9, 9),
        main=True,
        evidence=[_span(text, "Aircraft bombed", "type"), _span(text, "9 people", "killed")],
    )
    at = dt.datetime(2016, 3, 9, 6, tzinfo=dt.UTC)
    with store.transaction() as conn:
        save_reports(conn, [second])
        save_extraction(conn, second.id, [strike], [], "test")
        members = [*_strike_of(conn, seeded), stored_incidents(conn, second.id)[0]]
        event = make_event(
            members, grade="corroborated", attribution="alleged", killed=Toll(4, 4, 9)
        )
        event.killed_values = (
            Sided(Toll(4, 4, 4), (members[0].report_id or "",), (members[0].id or "",)),
            Sided(Toll(9, 9, 9), (second.id,), (members[1].id or "",), "contradicted", "9 people"),
        )
        event.provenance = {"killed": (members[0].id or "", members[1].id or "")}
        others = [make_event([i]) for i in _others_of(conn, seeded)]
        replace_events(conn, [event, *others])
        save_event_rulings(conn, [(event.id, "coh-2016-02", "alleged_violation")])
        conn.execute(
            grade_history.insert(),
            [{"event_id": event.id, "kind": "computed", "grade": "corroborated",
              "why": "two independent outlets agree", "by": "trucewatch", "at": at}],
        )  # fmt: skip
        conn.execute(
            reference_incidents.insert(),
            [{"id": "airwars:RS9001", "dataset": "airwars", "code": "RS9001",
              "date": dt.date(2016, 3, 7), "location": "Aleppo", "belligerents": ["Russia"],
              "killed_min": 4, "killed_max": 9, "grade": "Fair", "imported_at": at}],
        )  # fmt: skip
        conn.execute(
            reference_links.insert(),
            [{"event_id": event.id, "reference_id": "airwars:RS9001", "days_apart": 0,
              "km_apart": 0.5, "score": 0.9, "reason": "same day and place", "linked_at": at}],
        )  # fmt: skip
    store.close()

    app = create_app(url, secret_key="test-secret", secure_cookies=False)
    with TestClient(app) as client:
        log_in(client)
        html = client.get(f"/events/{event.id}").text
        listing = client.get("/events?governorate=Aleppo").text
        account = client.get(f"/incidents/{seeded.strike}").text
    app.state.store.close()
    assert "1 event matches" in listing and 'title="independent sources">2<' in listing
    assert "2 independent sources" in html
    assert "Nine dead at Aleppo bakery" in html and "Bakery struck in Aleppo" in html
    assert "Wire A, Wire D" in html  # the killed range came from both outlets
    assert "contradicted" in html and "“9 people”" in html  # each toll with its words
    rulings = html.split('id="rulings"')[1].split("</section>")[0]
    assert "alleged violation" in rulings and "Cessation of Hostilities in Syria" in rulings
    assert "alleged_violation" not in html.split("<main>")[1].replace(
        "ruling-alleged_violation", ""
    )
    assert "two independent outlets agree" in html.split('id="grades"')[1]
    assert "airwars RS9001" in html and "graded Fair" in html
    assert html.count('<mark data-field="killed"') == 2  # each member's evidence, highlighted
    assert f'href="/events/{event.id}"' in account  # the report's account links to its event


def _strike_of(conn, seeded: Seeded) -> list:
    from trucewatch.store.incidents import iter_incidents

    return list(iter_incidents(conn, [seeded.strike]))


def _others_of(conn, seeded: Seeded) -> list:
    from trucewatch.store.incidents import iter_incidents

    return list(iter_incidents(conn, [seeded.clash, seeded.shelling]))


def test_more_page_requests_than_connections_and_threads_all_get_answers(site) -> None:
    """Pages wait for a connection the way API requests do, never holding a thread meanwhile."""
    import asyncio

    import anyio
    import httpx
    from sqlalchemy import create_engine

    from trucewatch.store import Store
    from trucewatch.store.db import database_url

    client, seeded = site
    log_in(client)
    cookie = client.cookies.get(SESSION_COOKIE)
    app = client.app
    url = app.state.store.engine.url.render_as_string(hide_password=False)
    app.state.store.close()
    app.state.store = Store(
        create_engine(database_url(url), pool_size=2, max_overflow=0, pool_timeout=5)
    )
    app.state.read_slots = anyio.Semaphore(2)

    async def many() -> list[int]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 2
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", cookies={SESSION_COOKIE: cookie}
        ) as browser:
            pages = await asyncio.gather(
                *(browser.get(f"/incidents/{seeded.strike}") for _ in range(16))
            )
        return [p.status_code for p in pages]

    assert asyncio.run(asyncio.wait_for(many(), timeout=60)) == [200] * 16
