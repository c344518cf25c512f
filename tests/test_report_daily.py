"""The report's numbers for a constructed day, read back from a real database (both backends):
every count is a count of events, alleged violations apart from violations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.test_report_fixtures import DAY, build_day, save_event_rulings
from trucewatch.model.incident import Toll
from trucewatch.report.daily import collect, tally, toll_total
from trucewatch.report.event_records import load_events
from trucewatch.report.period import Period
from trucewatch.report.records import toll_range
from trucewatch.store.corroboration_tables import events


@pytest.fixture
def day_store(store):
    ids = build_day(store)
    return store, ids


def figures(report) -> dict[str, tuple[str, str, int]]:
    return {f.name: (f.shown(), f.previous_shown(), f.change) for f in report.headline}


def test_counts_in_the_report_match_the_constructed_day(day_store):
    store, ids = day_store
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    # 1 March: A0 (19:29 local, violation), A2 (date only, violation), B0 (22:00 on 29 Feb,
    # after that day's cut-off; permitted), A4 (no day in the text: its report's week, best day
    # 1 March; an alleged violation). 29 Feb: B1 (20:00 on 28 Feb) and B2 (violation).
    assert {r.id for r in report.events} == {ids["A0"], ids["A2"], ids["B0"], ids["A4"]}
    assert figures(report) == {
        "violent events": ("4", "2", 2),
        "violations": ("2", "1", 1),
        "alleged violations": ("1", "0", 1),
        "killed": ("15–19", "2", 13),  # 3–5 + 2 + 10–12 against 2
        "injured": ("10", "0", 10),
        "governorates affected": ("3", "2", 1),
    }
    assert [(r.key, r.violations, r.alleged, r.events) for r in report.by_governorate] == [
        ("Idlib", 1, 1, 2),
        ("Aleppo", 1, 0, 1),
        ("Raqqa", 0, 0, 1),
    ]
    assert [s.name for s in report.sections] == ["Aleppo", "Idlib", "Raqqa"]
    # The delivery is listed apart and never counted as violence.
    assert [r.id for r in report.other_events] == [ids["A3"]]
    # Flagged: the alleged clash's window reaches back before the day it is counted on, and the
    # strike on 29 February after the cut-off counts on 1 March, outside its stated day.
    flagged = {r.id for r in report.events if r.straddles}
    assert flagged == {ids["A4"], ids["B0"]}


def test_19_29_and_19_31_land_in_different_daily_reports(day_store):
    store, ids = day_store
    with store.engine.connect() as conn:
        first = {r.id for r in collect(conn, Period.day(DAY)).events}
        second = {r.id for r in collect(conn, Period.day(DAY + dt.timedelta(days=1))).events}
    assert ids["A0"] in first and ids["A0"] not in second
    assert ids["A1"] in second and ids["A1"] not in first


def test_every_report_day_count_agrees_with_the_database(day_store):
    """Recount from the raw tables, independently of the report code, for each day of a week:
    an event without a time of day counts on its stored best day."""
    store, ids = day_store
    timed = {ids["A0"]: DAY, ids["A1"]: DAY + dt.timedelta(days=1), ids["B0"]: DAY}
    timed |= {ids["B1"]: DAY - dt.timedelta(days=1), ids["B2"]: DAY - dt.timedelta(days=1)}
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.id, events.c.event_date, events.c.type)).all()
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 8
        week = Period(DAY - dt.timedelta(days=3), DAY + dt.timedelta(days=3))
        report = collect(conn, week)
    violent = [r for r in rows if r.type != "humanitarian_delivery"]
    for count in report.trend:
        on_day = [r for r in violent if timed.get(r.id, r.event_date) == count.day]
        assert count.events == len(on_day)
    assert sum(c.events for c in report.trend) == len(report.events) == 7
    assert sum(c.violations for c in report.trend) == 4
    assert sum(c.alleged for c in report.trend) == 1


def test_the_newest_ruling_version_is_the_one_counted(day_store):
    store, ids = day_store
    with store.transaction() as conn:  # the 19:29 strike is re-ruled: out of scope after all
        save_event_rulings(conn, [(ids["A0"], "coh-2016-02", "out_of_scope")], "second look")
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    assert figures(report)["violations"][0] == "1"


def test_a_day_with_nothing_reports_zeros_and_no_records(store):
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
    assert all(f.value == 0 and f.previous == 0 for f in report.headline)
    assert report.events == [] and report.sections == [] and report.counted == []
    for register in (report.accessions, report.hotline, report.deliveries, report.contradictions):
        assert not register.has_records


def test_sources_are_the_events_outlets(day_store):
    store, ids = day_store
    with store.engine.connect() as conn:
        records = {r.id: r for r in load_events(conn)}
    a0 = records[ids["A0"]]
    assert [(s.source, s.report_id) for s in a0.sources] == [("Outlet A", ids["Outlet A"])]
    assert a0.time == dt.datetime(2016, 3, 1, 17, 29, tzinfo=dt.UTC)  # a member's time of day
    assert records[ids["A2"]].time is None and records[ids["A2"]].day == DAY


def test_tolls_fill_a_missing_end_and_never_guess_zero():
    assert toll_range(Toll(None, None, None)) is None
    assert toll_range(Toll(None, 4, None)) == (4, 4)
    assert toll_range(Toll(2, None, 9)) == (2, 9)
    assert toll_range(Toll(None, 3, 7)) == (3, 7)
    assert toll_total([], "killed") == (0, 0)
    assert tally([], lambda r: r.governorate) == []


def test_a_month_shows_trends_per_party_and_governorate_by_week(day_store):
    store, _ = day_store
    month = Period(dt.date(2016, 2, 8), dt.date(2016, 3, 8))  # 30 report days
    with store.engine.connect() as conn:
        report = collect(conn, month)
    parties, governorates = report.trends
    assert parties.buckets == (
        "08 Feb–14 Feb",
        "15 Feb–21 Feb",
        "22 Feb–28 Feb",
        "29 Feb–06 Mar",
        "07 Mar–08 Mar",
    )
    by_party = dict(parties.rows)
    # Jaysh al-Islam: the shelling on report day 29 February and the one on 1 March, both
    # violations, fall in the fourth week.
    assert by_party["Jaysh al-Islam"] == ((0, 0), (0, 0), (0, 0), (2, 2), (0, 0))
    assert sum(n for _, cells in governorates.rows for n, _ in cells) == len(report.events) == 7
    with store.engine.connect() as conn:
        assert collect(conn, Period.day(DAY)).trends == []
