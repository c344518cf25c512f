"""A constructed report day, written through the store's own repository functions, and the
helpers that build events (what corroboration stores) and their rulings for the views' tests.

Shared by the ``test_report_*`` files (this module holds no tests). Report day 2016-03-01 with
the cut-off at 19:30 Damascus time (UTC+2 in March 2016): 17:29 UTC is 19:29 local and lands on
1 March; 17:31 UTC is 19:31 local and lands on 2 March.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from trucewatch.model.event import Event
from trucewatch.model.incident import (
    Attribution,
    GeoPrecision,
    Grade,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)
from trucewatch.model.report import Mention, Published, PublishedBasis, Report, Source
from trucewatch.store import Store
from trucewatch.store.events import replace_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.reports import save_reports

DAY = dt.date(2016, 3, 1)
AGREEMENT = "coh-2016-02"


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def make_report(name: str, outlet: str, text: str, published: dt.date) -> Report:
    """A small report we wrote ourselves, with a stable id."""
    digest = hashlib.sha256(f"{outlet}\n{text}".encode()).hexdigest()
    return Report(
        source=Source(outlet),
        text=text,
        title=f"{name} (constructed)",
        url=f"https://example.org/{name}",
        published=Published(PublishedBasis.METADATA, date=published),
        raw=text.encode(),
        content_hash=digest,
        id=digest[:24],  # as model.ids.report_id: incident ids fit their column
    )


ALEPPO = Place("Aleppo", "Aleppo", 36.20, 37.16, GeoPrecision.TOWN)
IDLIB = Place("Idlib", "Idlib", None, None, GeoPrecision.REGION)
RAQQA = Place("Raqqa", "Raqqa", 35.95, 39.01, GeoPrecision.TOWN)
DARAYYA = Place("Darayya", "Rif Dimashq", 33.46, 36.24, GeoPrecision.TOWN)

TEXT_A = "Constructed bulletin A: shelling and an air strike near the front, figures vary."
TEXT_B = "Constructed bulletin B: a clash and strikes reported by a second outlet."


def incidents_a() -> list[Incident]:
    """The first outlet's incidents (seq order matters for their ids)."""
    return [
        # 0: 19:29 local on 1 March: in the report of 1 March, a violation.
        Incident(
            IncidentType.AIR_STRIKE,
            date=DAY,
            time=utc(2016, 3, 1, 17, 29),
            time_precision=TimePrecision.DAY,
            place=ALEPPO,
            perpetrator="Syrian Arab Army",
            target="civilians",
            killed=Toll(3, 4, 5),
            injured=Toll(None, 10, None),
            evidence=[Mention("type", 26, 34, "shelling")],
        ),
        # 1: 19:31 local on 1 March: belongs to 2 March.
        Incident(
            IncidentType.SHELLING,
            date=DAY,
            time=utc(2016, 3, 1, 17, 31),
            time_precision=TimePrecision.DAY,
            place=ALEPPO,
            perpetrator="Syrian Arab Army",
            killed=Toll(1, 1, 1),
        ),
        # 2: date only, 1 March: counts on 1 March; a violation by another party.
        Incident(
            IncidentType.SHELLING,
            date=DAY,
            time_precision=TimePrecision.DAY,
            place=IDLIB,
            perpetrator="Jaysh al-Islam",
            killed=Toll(None, 2, None),
        ),
        # 3: a delivery on 1 March: not violent, listed apart.
        Incident(IncidentType.HUMANITARIAN_DELIVERY, date=DAY, place=DARAYYA),
        # 4: no date at all: in no report.
        Incident(IncidentType.ARMED_CLASH, place=IDLIB),
    ]


def incidents_b() -> list[Incident]:
    """The second outlet's incidents."""
    return [
        # 0: 22:00 local on 29 February, after the cut-off: lands on 1 March; permitted.
        Incident(
            IncidentType.AIR_STRIKE,
            date=dt.date(2016, 2, 29),
            time=utc(2016, 2, 29, 20, 0),
            place=RAQQA,
            perpetrator="Russian Aerospace Forces",
            target="ISIL",
            killed=Toll(10, None, 12),
        ),
        # 1: 20:00 local on 28 February: report day 29 February (the previous period).
        Incident(
            IncidentType.ARMED_CLASH,
            date=dt.date(2016, 2, 28),
            time=utc(2016, 2, 28, 18, 0),
            place=DARAYYA,
            perpetrator="Syrian Arab Army",
            killed=Toll(2, 2, 2),
        ),
        # 2: 19:00 local on 29 February: report day 29 February, a violation.
        Incident(
            IncidentType.SHELLING,
            time=utc(2016, 2, 29, 17, 0),
            place=IDLIB,
            perpetrator="Jaysh al-Islam",
        ),
    ]


def build_day(store: Store) -> dict[str, str]:
    """Write both outlets' reports, incidents, one event per incident and the events' rulings.

    Returns the report ids by outlet ("Outlet A", "Outlet B") and the event ids by incident
    ("A0" … "B2"). The undated clash A4 gets its report's week (best day 1 March, window
    reaching back to 24 February) and is ruled an alleged violation by an alleged perpetrator.
    """
    report_a = make_report("bulletin-a", "Outlet A", TEXT_A, DAY)
    report_b = make_report("bulletin-b", "Outlet B", TEXT_B, DAY)
    with store.transaction() as conn:
        save_reports(conn, [report_a, report_b])
        save_extraction(conn, report_a.id, incidents_a(), [], "test")
        save_extraction(conn, report_b.id, incidents_b(), [], "test")
        found = {
            f"{outlet}{n}": incident
            for outlet, rid in (("A", report_a.id), ("B", report_b.id))
            for n, incident in enumerate(stored_incidents(conn, rid))
        }
        events = {key: make_event([i], published=DAY) for key, i in found.items()}
        events["A4"] = make_event(
            [found["A4"]],
            published=DAY,
            perpetrator="Russian Aerospace Forces",
            attribution="alleged",
        )
        replace_events(conn, list(events.values()))
        rulings = {
            "A0": "violation",
            "A1": "violation",
            "A2": "violation",
            "A4": "alleged_violation",
            "B0": "permitted_excluded_target",
            "B1": "undetermined",
            "B2": "violation",
        }
        save_event_rulings(
            conn, [(events[key].id, AGREEMENT, value) for key, value in rulings.items()]
        )
    return {
        "Outlet A": report_a.id,
        "Outlet B": report_b.id,
        **{key: event.id for key, event in events.items()},
    }


# --- events: what corroboration would store, built by hand for the views' tests ------------------


def stored_incidents(conn, report_id: str) -> list[Incident]:
    """A report's stored incidents in report order (their ids come from the store)."""
    from sqlalchemy import select

    from trucewatch.store.incidents import iter_incidents
    from trucewatch.store.schema import incidents as table

    ids = list(
        conn.execute(
            select(table.c.id).where(table.c.report_id == report_id).order_by(table.c.seq)
        ).scalars()
    )
    by_id = {i.id: i for i in iter_incidents(conn, ids)}
    return [by_id[i] for i in ids]


def make_event(
    members: list[Incident],
    *,
    published: dt.date | None = None,
    sources: int | None = None,
    grade: str = "unverified",
    attribution: str | None = None,
    killed: Toll | None = None,
    perpetrator: str | None = None,
) -> Event:
    """An event over ``members`` (the first is its anchor), its window by the one date rule."""
    from trucewatch.model.dates import incident_window
    from trucewatch.model.ids import event_id

    first = members[0]
    stated = next((m.date or m.time.date() for m in members if m.date or m.time), None)
    window = incident_window(stated, published=published)
    reports = tuple(dict.fromkeys(m.report_id or "" for m in members))
    perpetrator = perpetrator or next((m.perpetrator for m in members if m.perpetrator), None)
    return Event(
        id=event_id(first.id or ""),
        type=first.type,
        window=window,
        members=tuple(m.id or "" for m in members),
        report_ids=reports,
        sources=sources if sources is not None else len(reports),
        place=next((m.place for m in members if m.place), None),
        perpetrator=perpetrator,
        attribution=Attribution(attribution) if attribution else None,
        target=next((m.target for m in members if m.target), None),
        killed=killed or first.killed,
        injured=first.injured,
        grade=Grade(grade),
        computed_grade=Grade(grade),
        provenance={"perpetrator": tuple(m.id or "" for m in members if m.perpetrator)},
    )


def save_event_rulings(
    conn,
    found: list[tuple[str, str, str]],
    fact: str = "constructed",
    rule: str = "clause 1",
    evidence: tuple[str, ...] = (),
) -> None:
    """Store rulings ``(event id, agreement, ruling value)`` as the next version of each."""
    from sqlalchemy import func, select

    from trucewatch.store.schema import rulings

    rows = []
    for event, agreement, value in found:
        version = conn.execute(
            select(func.max(rulings.c.version)).where(
                rulings.c.event_id == event, rulings.c.agreement == agreement
            )
        ).scalar()
        rows.append(
            {
                "event_id": event,
                "agreement": agreement,
                "ruling": value,
                "reasons": [{"rule": rule, "fact": fact, "evidence": list(evidence)}],
                "version": (version or 0) + 1,
                "basis_hash": hashlib.sha256(
                    f"{event}{agreement}{value}{fact}".encode()
                ).hexdigest(),
                "ruled_at": dt.datetime(2016, 3, 2, 8, tzinfo=dt.UTC),
            }
        )
    conn.execute(rulings.insert(), rows)
