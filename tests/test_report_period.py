"""Report days: the cut-off decides which day an incident lands on, in the local zone."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.model.incident import Incident, IncidentType
from trucewatch.report.period import (
    Period,
    incident_local_date,
    incident_report_day,
    parse_cutoff,
    report_day_of,
)

CUTOFF = dt.time(19, 30)
TZ = "Asia/Damascus"


def test_1929_and_1931_local_land_on_different_report_days():
    # Damascus is UTC+2 on 1 March 2016: 17:29 UTC is 19:29 local, 17:31 UTC is 19:31.
    before = dt.datetime(2016, 3, 1, 17, 29, tzinfo=dt.UTC)
    after = dt.datetime(2016, 3, 1, 17, 31, tzinfo=dt.UTC)
    assert report_day_of(before, CUTOFF, TZ) == dt.date(2016, 3, 1)
    assert report_day_of(after, CUTOFF, TZ) == dt.date(2016, 3, 2)


def test_the_cut_off_minute_itself_belongs_to_the_day_it_closes():
    exactly = dt.datetime(2016, 3, 1, 17, 30, tzinfo=dt.UTC)
    assert report_day_of(exactly, CUTOFF, TZ) == dt.date(2016, 3, 1)
    assert Period.day(dt.date(2016, 3, 1)).end == exactly


def test_summer_time_moves_the_cut_off_in_utc():
    # In July Damascus is UTC+3: 19:30 local is 16:30 UTC, so 16:45 UTC is already the next day.
    period = Period.day(dt.date(2016, 7, 1))
    assert period.end == dt.datetime(2016, 7, 1, 16, 30, tzinfo=dt.UTC)
    late = dt.datetime(2016, 7, 1, 16, 45, tzinfo=dt.UTC)
    assert report_day_of(late, CUTOFF, TZ) == dt.date(2016, 7, 2)


def test_a_report_day_runs_cut_off_to_cut_off_across_the_change_to_summer_time():
    # Damascus went to summer time at midnight starting Friday 25 March 2016 (tz database): the
    # report day of 25 March is 23 hours long, because the cut-off is a local wall-clock time.
    period = Period.day(dt.date(2016, 3, 25))
    assert period.end - period.start == dt.timedelta(hours=23)
    assert Period.day(dt.date(2016, 3, 1)).end - Period.day(dt.date(2016, 3, 1)).start == (
        dt.timedelta(hours=24)
    )


def test_a_date_only_incident_counts_on_its_date_and_a_timed_one_by_its_local_time():
    dated = Incident(IncidentType.SHELLING, date=dt.date(2016, 3, 1))
    timed = Incident(
        IncidentType.SHELLING,
        date=dt.date(2016, 3, 1),
        time=dt.datetime(2016, 3, 1, 21, 0, tzinfo=dt.UTC),  # 23:00 local, after the cut-off
    )
    undated = Incident(IncidentType.SHELLING)
    assert incident_report_day(dated, CUTOFF, TZ) == dt.date(2016, 3, 1)
    assert incident_report_day(timed, CUTOFF, TZ) == dt.date(2016, 3, 2)
    assert incident_local_date(timed, TZ) == dt.date(2016, 3, 1)
    assert incident_report_day(undated, CUTOFF, TZ) is None


def test_a_naive_stored_time_is_read_as_utc():
    naive = dt.datetime(2016, 3, 1, 17, 31)
    assert report_day_of(naive, CUTOFF, TZ) == dt.date(2016, 3, 2)


def test_the_previous_period_has_the_same_length_and_ends_where_this_one_starts():
    period = Period(dt.date(2016, 3, 1), dt.date(2016, 3, 7))
    previous = period.previous()
    assert previous.length == period.length == 7
    assert previous.end == period.start
    assert period.days()[0] == dt.date(2016, 3, 1) and period.days()[-1] == dt.date(2016, 3, 7)


def test_bad_periods_and_cut_offs_are_refused():
    with pytest.raises(ValueError):
        Period(dt.date(2016, 3, 2), dt.date(2016, 3, 1))
    with pytest.raises(Exception):  # noqa: B017 - zoneinfo raises its own error type
        Period.day(dt.date(2016, 3, 1), tz="Mars/Olympus")
    with pytest.raises(ValueError):
        parse_cutoff("half past seven")
    assert parse_cutoff("07:05") == dt.time(7, 5)
