"""The full role × endpoint matrix, through the API, on SQLite and PostgreSQL.

Routes are read from the app, so a route without a row below fails the test. The expected
statuses are written out here by hand, from the permission policy (every role reads the record;
the hotline is for admins, analysts and liaisons, a liaison only on its guarantor's threads; only
a recipient's liaison or an admin acknowledges; only admins list users), not computed from
``trucewatch.centre.permissions``, so a change to either side shows up as a failing cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.test_web_api import RU, US, Seeded, seed
from tests.test_web_security import routes_of
from tests.web_registers_matrix import registers_matrix
from trucewatch.centre import corrections, hotline
from trucewatch.centre.users import SYSTEM
from trucewatch.store import Store
from trucewatch.web import create_app

ROLES = ("admin", "analyst", "us", "ru", "viewer", "anonymous")
READ = {"admin": 200, "analyst": 200, "us": 200, "ru": 200, "viewer": 200, "anonymous": 401}
HOTLINE = {"admin": 200, "analyst": 200, "us": 200, "ru": 200, "viewer": 403, "anonymous": 401}

# (method, route) -> [(case, concrete path, expected status per role)]
Cell = tuple[str, str, dict[str, int]]


def matrix(s: Seeded, fresh: Callable[[str, list[str], int], int]) -> dict[tuple, list[Cell]]:
    """Every API route with the cases it is tried in and what each role must get."""
    report = s.strike.rsplit("-", 1)[0]
    return {
        ("GET", "/api/v1/me"): [("who", "/api/v1/me", READ)],
        ("GET", "/api/v1/incidents"): [("list", "/api/v1/incidents?ruling=violation", READ)],
        ("GET", "/api/v1/incidents/{incident_id}"): [
            ("one", f"/api/v1/incidents/{s.strike}", READ),
            ("missing", "/api/v1/incidents/none", {**READ, **dict.fromkeys(ROLES[:5], 404)}),
        ],
        ("GET", "/api/v1/events"): [("list", "/api/v1/events?ruling=violation", READ)],
        ("GET", "/api/v1/events/{event_id}"): [
            ("one", f"/api/v1/events/{s.events[0]}", READ),
            ("missing", "/api/v1/events/none", {**READ, **dict.fromkeys(ROLES[:5], 404)}),
        ],
        ("GET", "/api/v1/map/events"): [("points", "/api/v1/map/events", READ)],
        ("GET", "/api/v1/map/zones"): [("zones", "/api/v1/map/zones", READ)],
        ("GET", "/api/v1/map/basemap"): [("base", "/api/v1/map/basemap", READ)],
        ("GET", "/api/v1/stats/daily"): [("days", "/api/v1/stats/daily", READ)],
        ("GET", "/api/v1/reports"): [("list", "/api/v1/reports", READ)],
        ("GET", "/api/v1/reports/{report_id}"): [("one", f"/api/v1/reports/{report}", READ)],
        ("GET", "/api/v1/rulings"): [("list", "/api/v1/rulings", READ)],
        ("GET", "/api/v1/claims"): [("list", "/api/v1/claims", READ)],
        ("GET", "/api/v1/agreements"): [("list", "/api/v1/agreements", READ)],
        ("GET", "/api/v1/agreements/{agreement_id}"): [
            ("one", "/api/v1/agreements/coh-2016-02", READ)
        ],
        ("GET", "/api/v1/accessions"): [("list", "/api/v1/accessions", READ)],
        ("GET", "/api/v1/deliveries"): [("list", "/api/v1/deliveries", READ)],
        ("GET", "/api/v1/hotline/threads"): [("list", "/api/v1/hotline/threads", HOTLINE)],
        ("GET", "/api/v1/hotline/overdue"): [("overdue", "/api/v1/hotline/overdue", HOTLINE)],
        ("GET", "/api/v1/hotline/threads/{thread_id}/messages"): [
            # The US–Russia thread: both liaisons take part in it.
            ("shared US-RU", f"/api/v1/hotline/threads/{s.thread}/messages", HOTLINE),
            # Russia's thread with a local council: another guarantor's, refused to the US.
            (
                "RU-council",
                f"/api/v1/hotline/threads/{s.private_thread}/messages",
                {**HOTLINE, "us": 403},
            ),
            (
                "missing",
                "/api/v1/hotline/threads/999999/messages",
                {**HOTLINE, **dict.fromkeys(("admin", "analyst", "us", "ru"), 404)},
            ),
        ],
        ("POST", "/api/v1/hotline/messages/{message_id}/acknowledge"): [
            # A fresh message for each role, so each cell meets an open one.
            (
                "US to RU",
                lambda: ack(fresh(US, [RU], s.thread)),
                {
                    "admin": 200,
                    "analyst": 403,
                    "us": 403,
                    "ru": 200,
                    "viewer": 403,
                    "anonymous": 401,
                },
            ),
            (
                "RU to US",
                lambda: ack(fresh(RU, [US], s.thread)),
                {
                    "admin": 200,
                    "analyst": 403,
                    "us": 200,
                    "ru": 403,
                    "viewer": 403,
                    "anonymous": 401,
                },
            ),
            (
                "council to RU, RU's own thread",
                lambda: ack(fresh("Council", [RU], s.private_thread)),
                {
                    "admin": 200,
                    "analyst": 403,
                    "us": 403,
                    "ru": 200,
                    "viewer": 403,
                    "anonymous": 401,
                },
            ),
        ],
        # Issue 17: the matrix's {"reply": ...} body is no report, so those allowed get 422.
        ("POST", "/api/v1/reports"): [
            (
                "submit",
                "/api/v1/reports",
                {
                    **dict.fromkeys(("admin", "analyst", "us", "ru"), 422),
                    "viewer": 403,
                    "anonymous": 401,
                },
            )
        ],
        ("GET", "/api/v1/status"): [
            (
                "live",
                "/api/v1/status",
                {**dict.fromkeys(ROLES, 403), "admin": 200, "analyst": 200, "anonymous": 401},
            )
        ],
        ("GET", "/api/v1/users"): [
            ("list", "/api/v1/users", {**dict.fromkeys(ROLES, 403), "admin": 200, "anonymous": 401})
        ],
        **registers_matrix(s),
    }


def ack(message_id: int) -> str:
    return f"/api/v1/hotline/messages/{message_id}/acknowledge"


def test_every_role_gets_what_the_matrix_says_on_every_api_route(
    store: Store, store_url: str
) -> None:
    seeded = seed(store, login=())
    with store.transaction() as conn:
        seeded.thread = hotline.visible_threads(conn, SYSTEM)[0].id
    sent = dt.datetime(2016, 3, 8, 9, tzinfo=dt.UTC)

    def fresh(sender: str, recipients: list[str], thread: int) -> int:
        with store.transaction() as conn:
            return hotline.send_message(
                conn,
                SYSTEM,
                thread,
                sender=sender,
                recipients=recipients,
                body="Please confirm receipt.",
                sent_at=sent,
            )

    def fresh_correction() -> str:
        with store.transaction() as conn:
            done = corrections.correct(
                conn, SYSTEM, seeded.events[0], {"target": "a market"}, reason="to withdraw"
            )
        return f"/api/v1/corrections/{done.correction_id}/withdraw"

    table = matrix(seeded, fresh)
    # Corrections (issue 16): every role reads them; analysts and admins make and withdraw them.
    correcting = {**dict.fromkeys(ROLES, 403), "admin": 200, "analyst": 200, "anonymous": 401}
    table[("GET", "/api/v1/corrections")] = [("list", "/api/v1/corrections", READ)]
    table[("PATCH", "/api/v1/events/{event_id}")] = [
        (
            "correct",
            f"/api/v1/events/{seeded.events[0]}",
            correcting,
            {"target": "a school", "reason": "photos of the site"},
        )
    ]
    table[("POST", "/api/v1/corrections/{correction_id}/withdraw")] = [
        ("withdraw", fresh_correction, correcting, {"reason": "wrong event"})
    ]
    app = create_app(store_url, secret_key="matrix", secure_cookies=False)
    api = {
        (method, path)
        for path, route in routes_of(app)
        if path.startswith("/api/")
        for method in route.methods - {"HEAD"}
    }
    assert api == set(table), f"routes without a row: {api - set(table)}; stale: {set(table) - api}"
    wrong: list[str] = []
    cells = 0
    with TestClient(app) as client:
        for (method, _route), cases in table.items():
            for case, target, expected, *body in cases:
                assert set(expected) == set(ROLES), (case, expected)
                for role in ROLES:
                    path = target() if callable(target) else target
                    headers = {}
                    if role != "anonymous":
                        headers["Authorization"] = f"Bearer {seeded.tokens[role]}"
                    if method == "GET":
                        got = client.get(path, headers=headers)
                    else:  # a case may bring its own body (tests/web_registers_matrix.py)
                        given = body[0] if body else {"reply": "seen"}
                        given = given() if callable(given) else given
                        got = client.request(method, path, json=given, headers=headers)
                    cells += 1
                    if got.status_code != expected[role]:
                        wrong.append(
                            f"{method} {path} [{case}] as {role}: "
                            f"{got.status_code}, expected {expected[role]}"
                        )
        # A liaison's list of threads holds its guarantor's and shared ones only.
        listed = client.get(
            "/api/v1/hotline/threads", headers={"Authorization": f"Bearer {seeded.tokens['us']}"}
        ).json()
        assert seeded.private_thread not in {t["id"] for t in listed}
        overdue = client.get(
            "/api/v1/hotline/overdue", headers={"Authorization": f"Bearer {seeded.tokens['us']}"}
        ).json()
        assert all(RU in m["recipients"] or US in m["recipients"] for m in overdue)
        assert all(m["thread_id"] != seeded.private_thread for m in overdue)
    app.state.store.close()
    assert not wrong, "\n".join(wrong)
    assert cells >= 6 * len(table)
    print(f"authorisation matrix: {len(table)} routes, {cells} cells")
