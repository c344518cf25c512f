"""The one date-window rule and the content-derived ids in ``model/``."""

from __future__ import annotations

import datetime as dt

from trucewatch.model.dates import (
    DateBasis,
    DateWindow,
    TimePrecision,
    incident_window,
    narrowest,
)
from trucewatch.model.ids import event_id, incident_id, unique_ids

D = dt.date


def test_stated_day_is_the_window() -> None:
    w = incident_window(D(2016, 3, 1), published=D(2016, 3, 2))
    assert (w.earliest, w.latest, w.event_date) == (D(2016, 3, 1),) * 3
    assert w.precision == TimePrecision.DAY and w.basis == DateBasis.TEXT


def test_undated_incident_in_a_dated_report_is_the_week_up_to_publication() -> None:
    w = incident_window(None, published=D(2016, 3, 7))
    assert (w.earliest, w.latest, w.event_date) == (D(2016, 3, 1), D(2016, 3, 7), D(2016, 3, 7))
    assert w.precision == TimePrecision.WEEK and w.basis == DateBasis.DATELINE_WEEK


def test_undated_report_uses_its_inferred_range_and_nothing_gives_unknown() -> None:
    w = incident_window(None, published_earliest=D(2016, 2, 22), published_latest=D(2016, 3, 3))
    assert w.basis == DateBasis.INFERRED_RANGE
    assert w.earliest == D(2016, 2, 16) and w.latest == D(2016, 3, 3)
    assert w.earliest <= w.event_date <= w.latest
    assert incident_window(None) == DateWindow.unknown()


def test_overnight_span_ends_on_the_dateline_day() -> None:
    w = incident_window(None, stated_span=(D(2016, 9, 19), D(2016, 9, 20)))
    assert (w.earliest, w.latest, w.event_date, w.basis) == (
        D(2016, 9, 19),
        D(2016, 9, 20),
        D(2016, 9, 20),
        DateBasis.TEXT,
    )


def test_an_event_takes_its_narrowest_member_window() -> None:
    week = incident_window(None, published=D(2016, 3, 2))
    day = incident_window(D(2016, 2, 28))
    assert narrowest([week, day]) == 1
    assert narrowest([DateWindow.unknown(), week]) == 1
    assert narrowest([DateWindow.unknown()]) is None


def test_counting_by_best_day_and_flagging_straddles() -> None:
    week = incident_window(None, published=D(2016, 3, 2))  # 25 Feb .. 2 Mar, best 2 Mar
    assert week.counted_in(D(2016, 3, 1), D(2016, 3, 2))
    assert not week.counted_in(D(2016, 2, 25), D(2016, 2, 29))
    assert week.straddles(D(2016, 3, 1), D(2016, 3, 2))
    assert not week.straddles(D(2016, 2, 1), D(2016, 3, 31))


def test_incident_ids_follow_the_anchor_not_the_position() -> None:
    a = incident_id("r1", "air_strike", [(10, 20)])
    assert a == incident_id("r1", "air_strike", [(10, 20)])
    assert a != incident_id("r1", "air_strike", [(30, 40)])
    assert a != incident_id("r1", "shelling", [(10, 20)])
    assert a != incident_id("r2", "air_strike", [(10, 20)])
    assert event_id(a).endswith(a)
    assert unique_ids([a, a, "x"]) == [a, f"{a}~2", "x"]
