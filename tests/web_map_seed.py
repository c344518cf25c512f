"""A store for the map's browser tests: eight events on three days, in three places far apart.

- 2016-03-07: five events in Aleppo's neighbourhoods (one ruled a violation, one an alleged
  violation, one out of scope, one undetermined, one not ruled): one group on the country view;
- 2016-03-08: two events in Deir ez-Zor (one not in force, one disputed): a second group;
- 2016-03-09: one shelling of Douma told by two outlets (two independent sources), alone.

The sentences are ours. One outlet's name carries markup, which must show as text.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from tests.test_report_fixtures import make_event, save_event_rulings, stored_incidents
from trucewatch.centre.users import SYSTEM, add_user
from trucewatch.model.incident import GeoPrecision, Incident, IncidentType, Place
from trucewatch.model.report import Published, PublishedBasis, Report, Source
from trucewatch.store import Store
from trucewatch.store.events import replace_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports

PASSWORD = "a long enough password"
HOSTILE_OUTLET = '<img src=x onerror="alert(3)"> Wire'
COH = "coh-2016-02"

# (day, place, governorate, lat, lon, type, ruling or None)
EVENTS = [
    (7, "Sheikh Maqsoud", "Aleppo", 36.227, 37.158, IncidentType.AIR_STRIKE, "violation"),
    (7, "Bustan al-Qasr", "Aleppo", 36.195, 37.142, IncidentType.SHELLING, "alleged_violation"),
    (7, "Salaheddine", "Aleppo", 36.185, 37.13, IncidentType.ARMED_CLASH, "out_of_scope"),
    (7, "Masaken Hanano", "Aleppo", 36.223, 37.186, IncidentType.SHELLING, "undetermined"),
    (7, "Sukkari", "Aleppo", 36.176, 37.15, IncidentType.SHELLING, None),
    (8, "Deir ez-Zor", "Deir ez-Zor", 35.336, 40.14, IncidentType.SHELLING, "not_in_force"),
    (8, "Jorah", "Deir ez-Zor", 35.35, 40.11, IncidentType.ARMED_CLASH, "disputed"),
    (9, "Douma", "Rif Dimashq", 33.57, 36.4, IncidentType.SHELLING, "violation"),
]


def _report(outlet: str, text: str, day: dt.date) -> Report:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Report(
        source=Source(outlet),
        text=text,
        title=text[:40],
        published=Published(PublishedBasis.METADATA, date=day),
        raw=text.encode(),
        content_hash=digest,
        id=digest[:24],
    )


def seed_map(store: Store) -> list[str]:
    """Write the eight events (see the module's docstring) and an admin; return the event ids."""
    entries = []
    for n, (day, place, gov, lat, lon, kind, ruling) in enumerate(EVENTS):
        date = dt.date(2016, 3, day)
        texts = [(f"Wire {n}", f"Report {n}: {kind.value} in {place} on the day, we wrote.")]
        if place == "Douma":
            texts.append((HOSTILE_OUTLET, f"Report {n}b: the same {kind.value} in {place}."))
        incident = Incident(kind, date=date, place=Place(place, gov, lat, lon, GeoPrecision.TOWN))
        reports = [_report(outlet, text, date) for outlet, text in texts]
        entries.append((reports, incident, ruling))
    with store.transaction() as conn:
        save_reports(conn, [r for reports, _, _ in entries for r in reports])
        events = []
        for reports, incident, _ in entries:
            for report in reports:
                save_extraction(conn, report.id, [incident], [], "test")
            events.append(make_event([stored_incidents(conn, r.id)[0] for r in reports]))
        replace_events(conn, events)
        add_user(conn, SYSTEM, "admin", "admin", password=PASSWORD)
    with store.transaction() as conn:
        save_event_rulings(
            conn,
            [
                (e.id, COH, ruling)
                for e, (_, _, ruling) in zip(events, entries, strict=True)
                if ruling
            ],
        )
    return [e.id for e in events]
