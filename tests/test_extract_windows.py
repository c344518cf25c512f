"""Dates stated by the text, resolved against publication, and a window for every incident (the
one rule of model.dates), on passages we wrote."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.extract import extract
from trucewatch.model.dates import DateBasis
from trucewatch.model.report import Published, PublishedBasis, Report, Source

TUESDAY = dt.date(2016, 9, 20)


def only(text: str, published: Published | None = None):
    pub = published or Published(PublishedBasis.METADATA, date=TUESDAY)
    rep = Report(source=Source("test"), text=text, published=pub, id="r1")
    (inc,) = [i for i in extract(rep).incidents if i.type.violent]
    return inc


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("on Monday evening", dt.date(2016, 9, 19)),
        ("late on Sunday", dt.date(2016, 9, 18)),
        ("yesterday", dt.date(2016, 9, 19)),
        ("on Tuesday morning", dt.date(2016, 9, 20)),
        ("on September 17", dt.date(2016, 9, 17)),
    ],
)
def test_a_stated_day_is_resolved_against_publication(when: str, day: dt.date) -> None:
    inc = only(f"Jets struck Kafr Nabl {when}, killing five people.")
    assert inc.date == day
    assert (inc.window.earliest, inc.window.latest, inc.window.event_date) == (day, day, day)
    assert inc.window.basis == DateBasis.TEXT


def test_overnight_has_no_date_and_the_two_days_ending_on_the_dateline() -> None:
    inc = only("Jets struck Kafr Nabl overnight, killing five people.")
    assert inc.date is None
    assert (inc.window.earliest, inc.window.latest) == (dt.date(2016, 9, 19), TUESDAY)
    assert inc.window.event_date == TUESDAY and inc.window.basis == DateBasis.TEXT


def test_no_stated_day_is_the_week_up_to_publication() -> None:
    inc = only("Jets struck Kafr Nabl, killing five people.")
    assert inc.date is None
    assert (inc.window.earliest, inc.window.latest) == (dt.date(2016, 9, 14), TUESDAY)
    assert inc.window.event_date == TUESDAY and inc.window.basis == DateBasis.DATELINE_WEEK


def test_a_report_dated_only_by_a_range_gets_the_inferred_range() -> None:
    pub = Published(
        PublishedBasis.INFERRED, earliest=dt.date(2016, 9, 1), latest=dt.date(2016, 9, 30)
    )
    inc = only("Jets struck Kafr Nabl, killing five people.", pub)
    assert inc.window.basis == DateBasis.INFERRED_RANGE
    assert inc.window.latest == dt.date(2016, 9, 30)


def test_no_publication_at_all_leaves_the_window_unknown() -> None:
    inc = only("Jets struck Kafr Nabl, killing five people.", Published(PublishedBasis.UNKNOWN))
    assert not inc.window.known and inc.window.basis == DateBasis.UNKNOWN
