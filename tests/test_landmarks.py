"""Landmarks date undated reports: words only written after a known day, and 'last year'."""

from __future__ import annotations

import datetime as dt

from trucewatch.ingest.landmarks import landmark_anchor
from trucewatch.ingest.pubdate import resolve_published
from trucewatch.model.report import PublishedBasis


def test_a_text_without_landmarks_gets_no_anchor() -> None:
    assert landmark_anchor("Shelling hit the old market on Tuesday, residents said.") is None


def test_russian_air_strikes_cannot_predate_the_air_campaign() -> None:
    anchor = landmark_anchor("Russian air strikes hit a bakery in the town, activists said.")
    assert anchor is not None and anchor.earliest == dt.date(2015, 9, 30)
    assert anchor.latest is None
    assert "Russian air strikes" in anchor.reason


def test_russian_made_jets_are_not_the_russian_air_campaign() -> None:
    assert landmark_anchor("Government Russian-made warplanes bombed the village.") is None


def test_the_latest_landmark_named_sets_the_floor() -> None:
    text = (
        "Russian warplanes struck positions of Jabhat Fateh al-Sham near the road, "
        "which the Security Council's resolution 2254 had not foreseen."
    )
    anchor = landmark_anchor(text)
    assert anchor is not None and anchor.earliest == dt.date(2016, 7, 28)
    assert "Fateh al-Sham" in anchor.reason


def test_an_unknown_resolution_number_is_not_a_landmark() -> None:
    assert landmark_anchor("Diplomats cited resolution 9999 again.") is None


def test_a_truce_brokered_by_the_us_and_russia_dates_from_february_2016() -> None:
    text = "The truce, brokered by Washington and Moscow, was holding in most areas."
    anchor = landmark_anchor(text)
    assert anchor is not None and anchor.earliest == dt.date(2016, 2, 22)
    # the two powers named in another sentence do not make it their truce
    assert landmark_anchor("A local truce held. Later, US and Russian envoys met.") is None


def test_a_landmark_day_called_last_year_gives_the_year() -> None:
    text = (
        "Since its aircraft began flying on September 30 last year, the Russian air force "
        "has flown thousands of sorties, the ministry said."
    )
    anchor = landmark_anchor(text)
    assert anchor is not None
    assert (anchor.earliest, anchor.latest) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    # another day called "last year" says nothing about the landmark
    other = landmark_anchor(text.replace("September 30", "October 4"))
    assert other is not None and other.latest is None


def test_landmarks_narrow_a_weekday_range_and_never_replace_a_stated_date() -> None:
    text = (
        "Envoys will meet on (Thursday) March 10, after Russian airstrikes eased under the "
        "cessation of hostilities."
    )
    inferred = resolve_published(None, None, text)
    assert inferred.basis is PublishedBasis.INFERRED and inferred.date is None
    # 10 March is a Thursday in 2011 and 2016; the air campaign rules 2011 out
    assert (inferred.earliest, inferred.latest) == (dt.date(2015, 9, 30), dt.date(2016, 12, 31))
    stated = resolve_published("2016-03-05", None, text)
    assert stated.basis is PublishedBasis.METADATA and stated.date == dt.date(2016, 3, 5)
