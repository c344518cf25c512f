"""Web security, from the outside: stored and reflected XSS inert on every page, SQL injection
through every filter and path parameter, body limits, path traversal, CSRF on every state-changing
route, session fixation and revocation, login throttling, headers and cookie flags.

The hostile store (``build_hostile``) puts every payload of ``tests/web_payloads.py`` into every
field a page shows; the browser test (``test_web_xss_browser.py``) reuses it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
import shutil
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import yaml
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, create_engine, select

from tests.test_report_fixtures import make_event, save_event_rulings, stored_incidents
from tests.test_web_api import PASSWORD, US, Seeded, seed
from tests.web_payloads import LEAKED, SQL, TRAVERSAL, XSS
from tests.web_registers_matrix import PATH_DEFAULTS, REGISTER_WRITES
from trucewatch.centre import deliveries, hotline
from trucewatch.centre.users import SYSTEM, add_user, get_user, issue_token
from trucewatch.centre.verification import set_grade
from trucewatch.model.incident import Claim, GeoPrecision, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Mention, Published, PublishedBasis, Report, Source
from trucewatch.store import open_store
from trucewatch.store.events import replace_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports
from trucewatch.web import create_app
from trucewatch.web.auth import SESSION_COOKIE, LoginThrottle, SessionCodec
from trucewatch.web.security import MAX_BODY

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_AGREEMENTS = ROOT / "examples" / "syria-2016" / "agreements"
RU = "Russia"


# --- the hostile store ----------------------------------------------------------------------------


@dataclass
class Hostile:
    """A store and agreement directory with a payload in every field the pages show."""

    url: str
    agreements: Path
    incidents: list[str]  # one incident per payload, same order as XSS
    events: list[str]  # the event of each incident, same order
    agreement_ids: list[str]
    token: str  # the admin's API token


def _report(i: int, payload: str) -> tuple[Report, str]:
    text = f"Shelling was reported on day {i}. A witness wrote {payload} on a wall nearby."
    digest = hashlib.sha256(text.encode()).hexdigest()
    report = Report(
        source=Source(f"{payload} wire {i}"),
        text=text,
        title=payload,
        url=f"https://example.org/{quote(payload)}",
        published=Published(PublishedBasis.METADATA, date=dt.date(2016, 3, 1 + i)),
        raw=text.encode(),
        content_hash=digest,
        id=digest[:24],
    )
    return report, text


def _agreement_files(directory: Path) -> list[str]:
    shutil.copytree(EXAMPLE_AGREEMENTS, directory)
    ids = []
    accessions = []
    for i, payload in enumerate(XSS):
        ident = f"hostile-{i}"
        ids.append(ident)
        lon, lat = 36.0 + (i % 5) * 0.6, 33.0 + (i // 5) * 0.6
        ring = [[lon, lat], [lon + 0.4, lat], [lon + 0.4, lat + 0.4], [lon, lat + 0.4], [lon, lat]]
        doc = {
            "id": ident,
            "kind": "regime",
            "title": payload,
            "instrument": payload,
            "guarantors": ["United States", "Russia"],
            "local_tz": "Asia/Damascus",
            "effective": {"from": "2016-03-01T22:00:00Z", "to": "2016-03-31T22:00:00Z"},
            "territory": {
                "country": "Syria",
                "places": [payload],
                "polygons": [{"type": "Polygon", "coordinates": [ring]}],
            },
            "clauses": [{"number": "1", "text": payload, "prohibits": ["all_violent"]}],
            "relations": {"parent": "coh-2016-02"},
            "sources": [payload],
        }
        (directory / f"{ident}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
        accessions.append(
            {
                "agreement": ident,
                "party": payload,
                "at": "2016-03-02",
                "through": "Russia",
                "status": "accepted",
                "source": payload,
            }
        )
    text = yaml.safe_dump({"accessions": accessions})
    (directory / "hostile-accessions.yaml").write_text(text, encoding="utf-8")
    return ids


def build_hostile(directory: Path, users: tuple[str, ...] = ("admin",)) -> Hostile:
    """A SQLite store and agreement files carrying every XSS payload, in every shown field."""
    url = f"sqlite:///{directory / 'hostile.db'}"
    store = open_store(url)
    agreement_ids = _agreement_files(directory / "agreements")
    incident_ids = []
    found_events = []
    with store.transaction() as conn:
        for name, role in (("admin", "admin"), ("analyst", "analyst"), ("ru", "liaison")):
            password = PASSWORD if name in users else None
            add_user(
                conn,
                SYSTEM,
                name,
                role,
                guarantor=RU if role == "liaison" else None,
                password=password,
            )
        token = issue_token(conn, SYSTEM, "admin")
        analyst = get_user(conn, "analyst")
        sent = dt.datetime(2016, 3, 2, 9, tzinfo=dt.UTC)
        for i, payload in enumerate(XSS):
            report, text = _report(i, payload)
            save_reports(conn, [report])
            at = text.index(payload)
            incident = Incident(
                IncidentType.SHELLING,
                date=dt.date(2016, 3, 1 + i),
                place=Place(
                    payload, payload, 33.2 + (i // 5) * 0.6, 36.2 + (i % 5) * 0.6, GeoPrecision.TOWN
                ),
                perpetrator=payload,
                target=f"{payload} (target)",
                killed=Toll(1, 2, 3),
                main=True,
                evidence=[
                    Mention("type", 0, len("Shelling"), "Shelling"),
                    Mention(payload, at, at + len(payload), payload),
                ],
            )
            claim = Claim(payload, 1000 + i, payload, period=payload, subject=payload)
            save_extraction(conn, report.id, [incident], [claim], "hostile")
            stored = stored_incidents(conn, report.id)[0]
            iid = stored.id or ""
            incident_ids.append(iid)
            found_events.append(make_event([stored], attribution="alleged"))
            replace_events(conn, found_events)
            save_event_rulings(
                conn,
                [(found_events[-1].id, agreement_ids[i], "violation")],
                payload,
                payload,
                (payload,),
            )
            set_grade(conn, analyst, iid, "contested", reason=payload)
            thread = hotline.open_thread(
                conn, SYSTEM, subject=payload, participants=[US, RU], opened_at=sent
            )
            message = hotline.send_message(
                conn,
                SYSTEM,
                thread,
                sender=US,
                recipients=[RU],
                body=payload,
                sent_at=sent,
                ack_due=sent + dt.timedelta(hours=1),
                subject_incidents=[iid],
            )
            if i % 2:  # half acknowledged with the payload as the reply, half left open
                hotline.acknowledge(
                    conn, SYSTEM, message, at=sent + dt.timedelta(minutes=5), reply=payload
                )
            deliveries.record_delivery(
                conn,
                SYSTEM,
                agency=payload,
                place=payload,
                method="convoy",
                date=dt.date(2016, 3, 1 + i),
                governorate=payload,
                notes=payload,
                trucks=3,
            )
    store.close()
    event_ids = [e.id for e in found_events]
    return Hostile(url, directory / "agreements", incident_ids, event_ids, agreement_ids, token)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def app_for(h: Hostile, **options):
    options.setdefault("secret_key", "security-test")
    options.setdefault("secure_cookies", False)
    return create_app(h.url, h.agreements, **options)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def log_in(client: TestClient, name: str = "admin", password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )


# --- stored and reflected XSS, server side --------------------------------------------------------

FORBIDDEN_TAGS = {"iframe", "img", "details", "math", "mglyph", "style", "object", "embed", "base"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href"}


class LiveMarkup(HTMLParser):
    """Collects anything in a page that a browser would run, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.live.append(f"<script> {values}")
        if tag in FORBIDDEN_TAGS:
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.live.append(f"{tag} {name}={value!r}")
            if name in URL_ATTRS and (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"{tag} {name}={value!r}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def inert(html: str) -> tuple[list[str], str]:
    """What would run in ``html``, and its text (entities decoded, tags dropped)."""
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.live, "".join(parser.text)


def hostile_pages(h: Hostile) -> dict[str, tuple[str, ...]]:
    """Every page, with the payloads each must show as typed."""
    pages: dict[str, tuple[str, ...]] = {
        "/": XSS,  # filter menus: governorates and actors
        "/incidents": XSS,
        "/events": XSS,
        "/agreements": XSS,
        "/claims": XSS,
        "/hotline": XSS,
        "/deliveries": XSS,
        "/daily": (),
    }
    for payload, iid, eid, aid in zip(XSS, h.incidents, h.events, h.agreement_ids, strict=True):
        pages[f"/incidents/{quote(iid)}"] = (payload,)
        pages[f"/events/{quote(eid)}"] = (payload,)
        pages[f"/agreements/{quote(aid)}"] = (payload,)
        reflected = "&".join(
            f"{k}={quote(payload)}" for k in ("q", "governorate", "actor", "agreement", "page")
        )
        pages[f"/incidents?{reflected}"] = ()
        pages[f"/events?{reflected}"] = ()
        pages[f"/?{reflected}&day={quote(payload)}"] = ()
        pages[f"/incidents/{quote(payload, safe='')}"] = ()  # 404 pages
        pages[f"/events/{quote(payload, safe='')}"] = ()
        pages[f"/agreements/{quote(payload, safe='')}"] = ()
    return pages


def test_stored_and_reflected_markup_is_inert_on_every_page(hostile: Hostile) -> None:
    app = app_for(hostile)
    checked = 0
    with TestClient(app) as client:
        assert log_in(client).status_code == 303
        for path, shown in hostile_pages(hostile).items():
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            live, text = inert(response.text)
            assert not live, (path, live)
            for payload in shown:  # shown as typed: escaped, not stripped, not evaluated
                assert payload.strip() in text, (path, payload)  # loaders trim text
            checked += 1
        # The login page reflects ``next`` into a hidden field.
        client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
        for payload in XSS:
            live, _ = inert(client.get(f"/login?next={quote('/' + payload)}").text)
            assert not live, payload
            checked += 1
    app.state.store.close()
    assert checked >= 6 * len(XSS)


def test_api_answers_are_json_that_a_browser_will_not_sniff_as_html(hostile: Hostile) -> None:
    app = app_for(hostile)
    auth = {"Authorization": f"Bearer {hostile.token}"}
    with TestClient(app) as client:
        for path in (
            "/api/v1/incidents",
            f"/api/v1/incidents/{hostile.incidents[0]}",
            "/api/v1/events",
            f"/api/v1/events/{hostile.events[0]}",
            "/api/v1/claims",
            "/api/v1/hotline/threads",
            f"/api/v1/agreements/{hostile.agreement_ids[0]}",
            "/api/v1/map/events",
            "/api/v1/map/zones",
            f"/api/v1/incidents/{quote(XSS[0], safe='')}",  # a 404 echoing the id
        ):
            response = client.get(path, headers=auth)
            assert response.headers["content-type"].startswith("application/json"), path
            assert response.headers["x-content-type-options"] == "nosniff"
        body = client.get("/api/v1/map/events", headers=auth).json()
        places = {f["properties"]["place"] for f in body["features"]}
        assert set(XSS) <= places  # the data is returned as data, for map.js to set as text
    app.state.store.close()


# --- SQL injection --------------------------------------------------------------------------------


def routes_of(app) -> list[tuple[str, APIRoute]]:
    """(full path, route) for every route of the app, also those FastAPI keeps under included
    routers, so a route added anywhere is found."""
    found: list[tuple[str, APIRoute]] = []

    def walk(routes, prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.append((prefix + route.path, route))
            inner = getattr(route, "original_router", None)
            if inner is not None:
                context = getattr(route, "include_context", None)
                walk(inner.routes, prefix + getattr(context, "prefix", ""))

    walk(app.routes, "")
    return found


def fingerprint(url: str) -> dict[str, str]:
    """A digest of every row of every table: any write at all (but a token's last use) changes
    it."""
    engine = create_engine(url)
    meta = MetaData()
    with warnings.catch_warnings():  # expression indexes are not reflected; rows are all we need
        warnings.simplefilter("ignore")
        meta.reflect(engine)
    digests = {}
    with engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            # When a token was last used is bookkeeping the API writes by design, not data.
            columns = [c for c in table.c if (name, c.name) != ("api_tokens", "last_used_at")]
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(*columns)))
            digests[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    engine.dispose()
    return digests


def injection_targets(app, seeded: Seeded) -> list[tuple[str, str, str]]:
    """(method, path template, parameter) for every query and path parameter of every API route,
    and of the pages' filters, read from the app so a new parameter is covered at once."""
    targets = []
    for path, route in routes_of(app):
        method = sorted(route.methods - {"HEAD"})[0]
        for param in route.dependant.query_params + route.dependant.path_params:
            targets.append((method, path, param.alias))
        for dep in route.dependant.dependencies:  # the filters are a dependency
            for param in dep.query_params:
                targets.append((method, path, param.alias))
    page_filters = (
        "date_from",
        "date_to",
        "governorate",
        "type",
        "actor",
        "ruling",
        "grade",
        "agreement",
        "q",
    )
    for path in ("/", "/incidents", "/events"):
        targets += [("GET", path, name) for name in (*page_filters, "page", "day")]
    targets.append(("GET", "/login", "next"))
    return sorted(set(targets))


def _fill(path: str, seeded: Seeded, name: str, payload: str) -> tuple[str, dict]:
    """The concrete path and query for a template with ``payload`` in parameter ``name``."""
    defaults = {
        **PATH_DEFAULTS,  # first: the values below win where both name a parameter
        "incident_id": seeded.strike,
        "event_id": seeded.events[0],
        "report_id": seeded.strike.rsplit("-", 1)[0],
        "agreement_id": "coh-2016-02",
        "thread_id": str(seeded.private_thread),
        "message_id": str(seeded.message_to_us),
    }
    params = {}
    for key in re.findall(r"{(\w+)}", path):
        value = payload if key == name else defaults[key]
        path = path.replace(f"{{{key}}}", quote(value, safe=""))
    if f"{{{name}}}" not in path and name not in defaults:
        params[name] = payload
    return path, params


@pytest.mark.slow  # tens of seconds: `make test` runs it, the quick lane does not
def test_sql_injection_through_every_parameter_changes_nothing(
    store_url: str, tmp_path: Path
) -> None:
    store = open_store(store_url)
    seeded = seed(store, login=("admin",))
    store.close()
    before = fingerprint(store_url)
    app = create_app(store_url, secret_key="sqli", secure_cookies=False)
    auth = {"Authorization": f"Bearer {seeded.tokens['admin']}"}
    targets = injection_targets(app, seeded)
    assert len(targets) >= 30  # every filter of every list, every path parameter
    tried = 0
    with TestClient(app) as client:
        assert log_in(client).status_code == 303  # the pages are tried logged in
        for method, template, name in targets:
            for payload in SQL:
                path, params = _fill(template, seeded, name, payload)
                if method == "POST":
                    continue  # the acknowledgement's id is tried below, without writing
                response = client.get(path, params=params, headers=auth)
                assert response.status_code < 500, (template, name, payload, response.text)
                if response.status_code == 200 and "items" in response.text[:20]:
                    # A tautology that matched would list rows no payload text is in.
                    assert response.json()["total"] == 0 or payload in ("%", "_", "*"), (
                        template,
                        name,
                        payload,
                    )
                tried += 1
        for payload in SQL:  # path parameter of the write, as a viewer (refused before writing)
            path = f"/api/v1/hotline/messages/{quote(payload, safe='')}/acknowledge"
            response = client.post(
                path, json={}, headers={"Authorization": f"Bearer {seeded.tokens['viewer']}"}
            )
            assert response.status_code in (403, 404, 422), (payload, response.status_code)
            tried += 1
    app.state.store.close()
    assert fingerprint(store_url) == before  # nothing written, dropped or altered
    print(f"SQL injection: {tried} requests ({len(targets)} parameters x {len(SQL)} payloads)")


# --- bodies, paths --------------------------------------------------------------------------------


def test_request_bodies_over_the_limit_are_refused(hostile: Hostile) -> None:
    app = app_for(hostile)
    auth = {"Authorization": f"Bearer {hostile.token}"}
    big = "x" * (MAX_BODY + 1)
    with TestClient(app) as client:
        login = client.post("/login", data={"username": "admin", "password": big})
        assert login.status_code == 413
        assert login.headers["x-frame-options"] == "DENY"  # refusals carry the headers too
        ack = "/api/v1/hotline/messages/1/acknowledge"
        assert client.post(ack, json={"reply": big}, headers=auth).status_code == 413
        # A body without a Content-Length (chunked) is cut off as it arrives.
        chunks = (b"reply=" + b"y" * 4096 for _ in range(MAX_BODY // 4096 + 2))
        streamed = client.post(
            "/login",
            content=chunks,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert streamed.status_code == 413
        # A lying, non-numeric length is not served either.
        odd = client.post("/login", content=b"a=b", headers={"content-length": "many"})
        assert odd.status_code in (400, 413)
        # An ordinary request still goes through: a reply at its own 4,000-character cap.
        fine = client.post(ack, json={"reply": "r" * 4000}, headers=auth)
        assert fine.status_code in (200, 409), fine.text
    app.state.store.close()


def _raw_get(app, target: str) -> tuple[int, bytes]:
    """Send ``target`` as typed (no client-side normalising of ``..``), as uvicorn would."""
    path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "root_path": "",
    }
    status = 0
    body = b""
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status, body
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return status, body


def test_static_files_do_not_leave_their_directory(hostile: Hostile) -> None:
    app = app_for(hostile)
    assert _raw_get(app, "/static/app.css")[0] == 200  # the channel works
    for target in TRAVERSAL:
        status, body = _raw_get(app, target)
        assert status in (400, 404, 405), (target, status)
        assert not any(marker.encode() in body for marker in LEAKED), target
    # Path parameters name records, never files: a traversal id is just an unknown id.
    auth = {"Authorization": f"Bearer {hostile.token}"}
    with TestClient(app) as client:
        for ident in ("../../etc/passwd", "..%2f..%2fpyproject.toml", "coh-2016-02/../x"):
            for route in (
                "/api/v1/agreements/",
                "/api/v1/reports/",
                "/api/v1/incidents/",
                "/api/v1/events/",
            ):
                response = client.get(route + quote(ident, safe=""), headers=auth)
                assert response.status_code == 404, (route, ident)
    app.state.store.close()


# --- CSRF -----------------------------------------------------------------------------------------

UNSAFE_ROUTES = {
    ("POST", "/login"),
    ("POST", "/logout"),
    ("POST", "/hotline/messages/{message_id}/acknowledge"),
    ("POST", "/api/v1/hotline/messages/{message_id}/acknowledge"),
    ("POST", "/reports/new"),  # issue 17: report intake, form and API
    # issue 16: corrections (their CSRF checks: tests/test_web_corrections.py)
    ("PATCH", "/api/v1/events/{event_id}"),
    ("POST", "/events/{event_id}/corrections"),
    ("POST", "/corrections/{correction_id}/withdraw"),
    ("POST", "/api/v1/corrections/{correction_id}/withdraw"),
    ("POST", "/api/v1/reports"),
} | REGISTER_WRITES


def test_every_state_changing_route_needs_the_sessions_csrf_token(hostile: Hostile) -> None:
    app = app_for(hostile)
    found = {
        (method, path)
        for path, route in routes_of(app)
        for method in route.methods - {"GET", "HEAD", "OPTIONS"}
    }
    assert found == UNSAFE_ROUTES  # a new write route must be added here, and so tested
    with TestClient(app) as client, TestClient(app) as other:
        auth = {"Authorization": f"Bearer {hostile.token}"}
        message = max(m["id"] for m in client.get("/api/v1/hotline/overdue", headers=auth).json())
        page_ack = f"/hotline/messages/{message}/acknowledge"
        api_ack = f"/api/v1/hotline/messages/{message}/acknowledge"
        other.get("/login")
        foreign = csrf_of(other.get("/login").text)  # a real token, of another session
        assert log_in(client, "admin").status_code == 303
        own = csrf_of(client.get("/").text)
        for bad in ({}, {"csrf_token": ""}, {"csrf_token": "forged"}, {"csrf_token": foreign}):
            assert client.post(page_ack, data={"reply": "x", **bad}).status_code == 403
            assert client.post("/logout", data=bad, follow_redirects=False).status_code == 403
            header = {"X-CSRF-Token": bad["csrf_token"]} if bad else {}
            assert client.post(api_ack, json={}, headers=header).status_code == 403
            login = client.post("/login", data={"username": "admin", "password": PASSWORD, **bad})
            assert login.status_code == 403
            report = {"text": "Shelling hit a village, forged."}
            assert client.post("/reports/new", data={**report, **bad}).status_code == 403
            assert client.post("/api/v1/reports", json=report, headers=header).status_code == 403
        # The form's token in a header does not stand in for the API's, or vice versa: both
        # are the one session token, so the real one works once.
        assert client.get("/api/v1/me").json()["name"] == "admin"  # still logged in
        threads = client.get("/api/v1/hotline/threads").json()
        assert threads and all(t["subject"] for t in threads)
        first = client.get("/api/v1/hotline/overdue").json()
        assert message in {m["id"] for m in first}  # nothing was acknowledged by the forgeries
        done = client.post(api_ack, json={}, headers={"X-CSRF-Token": own})
        assert done.status_code == 200
    app.state.store.close()


# --- sessions -------------------------------------------------------------------------------------


def test_a_planted_session_is_worthless_after_login_and_logout_revokes(hostile: Hostile) -> None:
    app = app_for(hostile)
    with TestClient(app) as attacker, TestClient(app) as victim:
        attacker.get("/login")
        planted = attacker.cookies.get(SESSION_COOKIE)
        planted_csrf = csrf_of(attacker.get("/login").text)
        victim.cookies.set(SESSION_COOKIE, planted, domain="testserver.local")  # fixed
        done = victim.post(
            "/login",
            data={"username": "admin", "password": PASSWORD, "csrf_token": planted_csrf},
            follow_redirects=False,
        )
        assert done.status_code == 303
        issued = victim.cookies.get(SESSION_COOKIE)
        assert issued and issued != planted
        codec: SessionCodec = app.state.codec
        assert codec.loads(issued).sid != codec.loads(planted).sid
        # The attacker's copy is still anonymous, and its CSRF token is not the victim's.
        assert attacker.get("/", follow_redirects=False).status_code == 303
        assert attacker.get("/api/v1/me").status_code == 401
        forged = victim.post("/hotline/messages/3/acknowledge", data={"csrf_token": planted_csrf})
        assert forged.status_code == 403
        # A copy of the logged-in cookie stops working once its owner logs out.
        stolen = issued
        victim.post("/logout", data={"csrf_token": csrf_of(victim.get("/").text)})
        attacker.cookies.set(SESSION_COOKIE, stolen)
        assert attacker.get("/", follow_redirects=False).status_code == 303
        assert attacker.get("/api/v1/me").status_code == 401
    app.state.store.close()


def test_session_cookie_flags(hostile: Hostile, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUCEWATCH_INSECURE_COOKIES", raising=False)
    app = app_for(hostile, secure_cookies=None)  # the default: HTTPS-only cookies
    with TestClient(app, base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"]
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"httponly", "secure", "samesite", "path", "max-age"} <= flags
        assert "samesite=lax" in cookie.lower()
        assert not client.get("/static/app.css").headers.get("set-cookie")
        api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {hostile.token}"})
        assert not api.headers.get("set-cookie")  # the API never hands out a session
    app.state.store.close()


def test_next_after_login_never_leaves_the_site() -> None:
    from trucewatch.web.auth import safe_next

    for away in (
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        " /x",
        "/\x00/x",
    ):
        assert safe_next(away) == "/", repr(away)
    assert safe_next("/incidents?ruling=violation") == "/incidents?ruling=violation"


# --- login throttling -----------------------------------------------------------------------------


def test_login_is_throttled_by_address_and_name_together(hostile: Hostile) -> None:
    app = app_for(hostile, login_limit=3)
    with TestClient(app) as client:
        for _ in range(3):
            assert log_in(client, "admin", "guess").status_code == 401
        blocked = log_in(client, "admin", PASSWORD)  # the right password waits too
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    app.state.store.close()


def test_throttle_slows_a_pair_progressively_and_forgets_it() -> None:
    throttle = LoginThrottle(limit=2, window=80)
    throttle.failed("10.0.0.1", "Admin", now=0)
    assert throttle.retry_after("10.0.0.1", "admin", now=1) == 0
    throttle.failed("10.0.0.1", "admin", now=1)  # the limit: now a wait of window/8
    assert throttle.retry_after("10.0.0.1", "ADMIN", now=2) == 10
    assert throttle.retry_after("10.0.0.1", "other", now=2) == 0
    throttle.failed("10.0.0.1", "admin", now=12)  # one more: twice as long
    assert throttle.retry_after("10.0.0.1", "admin", now=12) == 21
    assert throttle.retry_after("10.0.0.1", "admin", now=12 + 20 + 80 + 1) == 0  # forgotten


# --- headers --------------------------------------------------------------------------------------


def _csp(value: str) -> dict[str, list[str]]:
    policy = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def test_every_kind_of_response_carries_the_security_headers(hostile: Hostile) -> None:
    app = app_for(hostile, login_limit=1)
    auth = {"Authorization": f"Bearer {hostile.token}"}
    with TestClient(app) as client:
        anonymous = [
            client.get("/login"),
            client.get("/", follow_redirects=False),  # 303 to login
            client.get("/api/v1/incidents"),  # 401
            client.get("/openapi.json"),
            client.get("/nowhere"),  # 404
            client.put("/api/v1/me"),  # 405
            client.post("/login", data={"username": "x"}),  # 403, no CSRF token
            client.post("/login", content=b"x" * (MAX_BODY + 1)),  # 413
            client.get("/static/app.css"),
            client.get("/static/map.js"),
        ]
        api = [
            client.get("/api/v1/incidents", headers=auth),
            client.get("/api/v1/incidents?limit=0", headers=auth),  # 422
            client.get("/api/v1/incidents/none", headers=auth),  # 404
        ]
        assert log_in(client, "admin").status_code == 303
        pages = [client.get(path) for path in ("/", "/incidents", "/hotline", "/daily")]
    app.state.store.close()
    throttled = app_for(hostile, login_limit=1)
    with TestClient(throttled) as client:
        log_in(client, "ru", "guess")
        anonymous.append(log_in(client, "ru", "guess"))  # 429
    throttled.state.store.close()
    statuses = {r.status_code for r in anonymous + api + pages}
    assert {200, 303, 401, 403, 404, 405, 413, 422, 429} <= statuses
    for response in anonymous + api + pages:
        where = (response.request.url.path, response.status_code)
        policy = _csp(response.headers["content-security-policy"])
        assert policy["script-src"] == ["'self'"], where
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert not any("unsafe" in w for words in policy.values() for w in words), where
        assert response.headers["x-frame-options"] == "DENY", where
        assert response.headers["x-content-type-options"] == "nosniff", where
        assert response.headers["referrer-policy"] in ("same-origin", "no-referrer"), where
        if not response.request.url.path.startswith("/static/"):
            assert "no-store" in response.headers["cache-control"], where
