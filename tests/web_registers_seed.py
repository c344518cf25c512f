"""A store for the registers' tests: the web tests' seed (reports we wrote, users, a hotline
thread), with one event per incident ruled under the CoH as we set here, a review, a party,
an accession request, and a reuse cluster; and a logged-in client helper."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from tests.test_web_api import PASSWORD, Seeded, seed
from trucewatch.centre import parties, verification
from trucewatch.centre.users import SYSTEM, get_user
from trucewatch.model.agreement import Reason, Ruling, RulingValue
from trucewatch.model.dates import stated_window
from trucewatch.model.event import Event
from trucewatch.model.ids import event_id
from trucewatch.model.incident import GeoPrecision, IncidentType, Place
from trucewatch.store import Store
from trucewatch.store.corroboration_tables import reuse_clusters, reuse_members
from trucewatch.store.events import replace_events
from trucewatch.store.rulings import save_rulings
from trucewatch.store.schema import incidents, rulings

COH = "coh-2016-02"
LOGINS = ("admin", "analyst", "viewer", "ru")


@dataclass
class World:
    """What the registers' tests look for: the web seed, the events and the centre records."""

    web: Seeded
    strike: str  # event ruled a violation (two versions), reviewed as upheld; Aleppo, 7 March
    clash: str  # event ruled out of scope; Idlib, 8 March
    shelling: str  # event ruled undetermined; Rif Dimashq, 9 March
    accession: int  # a request from a registered party, received through Russia
    copied_report: str  # the shelling's report, in a reuse cluster as a copy of the strike's


def build(store: Store) -> World:
    """Seed ``store`` and return what the tests need."""
    web = seed(store, login=LOGINS)
    with store.transaction() as conn:
        conn.execute(delete(rulings))  # ours only: the events below are the ones ruled on
        rows = list(conn.execute(select(incidents).order_by(incidents.c.date)))
        found = []
        for r in rows:
            found.append(
                Event(
                    id=event_id(r.id),
                    type=IncidentType(r.type),
                    window=stated_window(r.date),
                    members=(r.id,),
                    report_ids=(r.report_id,),
                    sources=1,
                    place=Place(r.place, r.governorate, r.lat, r.lon, GeoPrecision.TOWN),
                    perpetrator=r.perpetrator,
                    target=r.target,
                )
            )
        replace_events(conn, found)
        strike, clash, shelling = (e.id for e in found)
        save_rulings(
            conn,
            [
                Ruling(strike, COH, RulingValue.VIOLATION, (Reason("clause 1", "air strike"),)),
                Ruling(clash, COH, RulingValue.OUT_OF_SCOPE, (Reason("scope", "excluded"),)),
                Ruling(shelling, COH, RulingValue.UNDETERMINED, (Reason("who", "unknown"),)),
            ],
        )
        save_rulings(
            conn,
            [Ruling(strike, COH, RulingValue.VIOLATION, (Reason("clause 1", "on civilians"),))],
        )
        analyst = get_user(conn, "analyst")
        verification.review_ruling(conn, analyst, strike, COH, "upheld", reason="checked")
        parties.add_party(conn, SYSTEM, "Council of Test Town", "local_council")
        accession = parties.receive_accession(
            conn,
            SYSTEM,
            agreement=COH,
            party="Council of Test Town",
            channel="message",
            sender="its head",
            received_at=dt.datetime(2016, 3, 1, 10, tzinfo=dt.UTC),
            through="Russia",
        )
        original, copy = rows[0].report_id, rows[2].report_id
        conn.execute(
            reuse_clusters.insert().values(
                id=f"r-{original}", original_report_id=original, original_reason="first", size=2
            )
        )
        conn.execute(
            reuse_members.insert(),
            [
                {"report_id": original, "cluster_id": f"r-{original}", "is_original": 1},
                {"report_id": copy, "cluster_id": f"r-{original}", "is_original": 0},
            ],
        )
    return World(web, strike, clash, shelling, accession, copy)


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def logged_in(app, name: str) -> tuple[TestClient, str]:
    """A client logged in as ``name``, and its session's CSRF token."""
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    done = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/centre"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return client, csrf_of(client.get("/centre").text)
