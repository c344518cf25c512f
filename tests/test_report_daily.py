"""The report's numbers for a constructed day, read back from a real database (both backends)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.test_report_fixtures import DAY, build_day
from trucewatch.model.incident import Toll
from trucewatch.report.daily import collect, tally, toll_total
from trucewatch.report.period import Period, incident_report_day
from trucewatch.report.records import load_records, toll_range
from trucewatch.store.incidents import incident_id, iter_incidents
from trucewatch.store.rulings import current_rulings
from trucewatch.store.schema import incidents


@pytest.fixture
def day_store(store):
    ids = build_day(store)
    return store, ids


def figures(report) -> dict[str, tuple[str, str, int]]:
    return {f.name: (f.shown(), f.previous_shown(), f.change) for f in report.headline}


def test_counts_in_the_report_match_the_constructed_day(day_store):
    store, ids = day_store
    a, b = ids["Outlet A"], ids["Outlet B"]
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    # 1 March: A0 (19:29 local, violation), A2 (date only, violation), B0 (22:00 on 29 Feb,
    # after that day's cut-off; permitted). 29 Feb: B1 (20:00 on 28 Feb) and B2 (violation).
    assert {r.id for r in report.incidents} == {
        incident_id(a, 0),
        incident_id(a, 2),
        incident_id(b, 0),
    }
    assert figures(report) == {
        "violations": ("2", "1", 1),
        "violent incidents": ("3", "2", 1),
        "killed": ("15–19", "2", 13),  # 3–5 + 2 + 10–12 against 2
        "injured": ("10", "0", 10),
        "governorates affected": ("3", "2", 1),
    }
    assert [(r.key, r.violations, r.incidents) for r in report.by_governorate] == [
        ("Aleppo", 1, 1),
        ("Idlib", 1, 1),
        ("Raqqa", 0, 1),
    ]
    assert [(r.key, r.violations) for r in report.by_type] == [("air strike", 1), ("shelling", 1)]
    assert {r.key for r in report.by_party} == {
        "Syrian Arab Army",
        "Jaysh al-Islam",
        "Russian Aerospace Forces",
    }
    # The delivery is listed apart and never counted as violence; the undated clash is nowhere.
    assert [r.id for r in report.other_events] == [incident_id(a, 3)]
    assert incident_id(a, 4) not in {r.id for r in report.incidents + report.other_events}


def test_19_29_and_19_31_land_in_different_daily_reports(day_store):
    store, ids = day_store
    a = ids["Outlet A"]
    with store.engine.connect() as conn:
        first = {r.id for r in collect(conn, Period.day(DAY)).incidents}
        second = {r.id for r in collect(conn, Period.day(DAY + dt.timedelta(days=1))).incidents}
    assert incident_id(a, 0) in first and incident_id(a, 0) not in second
    assert incident_id(a, 1) in second and incident_id(a, 1) not in first


def test_every_report_day_count_agrees_with_the_database(day_store):
    """Recount from the raw tables, independently of the report code, for each day of a week."""
    store, _ = day_store
    cutoff, tz = dt.time(19, 30), "Asia/Damascus"
    with store.engine.connect() as conn:
        everything = list(iter_incidents(conn))
        violations = {
            s.ruling.incident for s in current_rulings(conn) if s.ruling.ruling.value == "violation"
        }
        stored_rows = conn.execute(select(incidents.c.id)).all()
        assert len(stored_rows) == len(everything)
        week = Period(DAY - dt.timedelta(days=3), DAY + dt.timedelta(days=3))
        report = collect(conn, week)
    for count in report.trend:
        on_day = [
            i
            for i in everything
            if i.type.violent and incident_report_day(i, cutoff, tz) == count.day
        ]
        assert count.incidents == len(on_day)
        assert count.violations == sum(i.id in violations for i in on_day)
    assert sum(c.incidents for c in report.trend) == len(report.incidents) == 6


def test_the_newest_ruling_version_is_the_one_counted(day_store):
    from trucewatch.model.agreement import Reason, Ruling, RulingValue
    from trucewatch.store.rulings import save_rulings

    store, ids = day_store
    a = ids["Outlet A"]
    with store.transaction() as conn:  # the 19:29 strike is re-ruled: out of scope after all
        reason = (Reason("territory", "constructed second look"),)
        save_rulings(
            conn, [Ruling(incident_id(a, 0), "coh-2016-02", RulingValue.OUT_OF_SCOPE, reason)]
        )
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    assert figures(report)["violations"][0] == "1"


def test_a_day_with_nothing_reports_zeros_and_no_records(store):
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    assert all(f.value == 0 and f.previous == 0 for f in report.headline)
    assert report.incidents == [] and report.notable == []
    for register in (report.accessions, report.hotline, report.deliveries, report.contradictions):
        assert not register.has_records


def test_sources_and_notable_order_come_from_the_store(day_store):
    store, ids = day_store
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
        records = load_records(conn)
    # Violations first, then by deadliest.
    assert [r.violation for r in report.notable] == [True, True, False]
    assert report.notable[0].incident.killed == Toll(3, 4, 5)
    by_id = {r.id: r for r in records}
    a0 = by_id[incident_id(ids["Outlet A"], 0)]
    assert [(s.source, s.report_id) for s in a0.sources] == [("Outlet A", ids["Outlet A"])]
    assert a0.incident.evidence and a0.incident.evidence[0].text == "shelling"


def test_tolls_fill_a_missing_end_and_never_guess_zero():
    assert toll_range(Toll(None, None, None)) is None
    assert toll_range(Toll(None, 4, None)) == (4, 4)
    assert toll_range(Toll(2, None, 9)) == (2, 9)
    assert toll_range(Toll(None, 3, 7)) == (3, 7)
    assert toll_total([], "killed") == (0, 0)
    assert tally([], lambda r: r.governorate) == []
