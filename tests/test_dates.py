"""Date and time resolution: the conventions monitors rely on when dating incidents."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.extract.dates import (
    DateMention,
    find_dateline,
    find_dates,
    infer_publication_range,
)
from trucewatch.model.incident import TimePrecision

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WED = dt.date(2016, 2, 24)  # a Wednesday, two days before the 2016 cessation began
UTC = dt.UTC


def only(text: str, anchor: dt.date | None = WED, **kw: object) -> DateMention:
    """The single mention found in `text` (fails if there are none or several)."""
    found = find_dates(text, anchor, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# --- absolute dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The truce took hold on 27 February 2016 across the country.", "27 February 2016"),
        ("The truce took hold on February 27, 2016 across the country.", "February 27, 2016"),
        ("The truce took hold on Feb. 27 across the country.", "Feb. 27"),
        ("The truce took hold on February 27 across the country.", "February 27"),
        ("The truce took hold on 27/02/2016 across the country.", "27/02/2016"),
        ("The truce took hold on 2016-02-27 across the country.", "2016-02-27"),
        ("The truce took hold on 27th of February across the country.", "27th of February"),
        ("The truce took hold on FEB 27 2016 across the country.", "FEB 27 2016"),
    ],
)
def test_absolute_dates_resolve_to_the_day(sentence: str, phrase: str) -> None:
    m = only(sentence)
    assert (m.text, m.date, m.end_date) == (phrase, dt.date(2016, 2, 27), None)
    assert (m.kind, m.precision) == ("absolute", TimePrecision.DAY)
    assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("anchor", "phrase", "expected"),
    [
        (dt.date(2016, 3, 1), "March 10", dt.date(2016, 3, 10)),  # a few days ahead: same year
        (dt.date(2017, 1, 5), "December 29", dt.date(2016, 12, 29)),  # far after: last year
        (dt.date(2016, 12, 28), "January 3", dt.date(2017, 1, 3)),  # just across New Year
        (dt.date(2017, 10, 11), "October 2", dt.date(2017, 10, 2)),
        (dt.date(2016, 7, 1), "September 30 last year", dt.date(2015, 9, 30)),
    ],
)
def test_year_less_dates_take_the_nearest_sensible_year(
    anchor: dt.date, phrase: str, expected: dt.date
) -> None:
    m = only(f"Officials said the raid of {phrase} was the worst.", anchor)
    assert (m.text, m.date) == (phrase, expected)


@pytest.mark.parametrize(
    ("anchor", "phrase", "expected"),
    [
        # a January report's "last March" is ten months back, not two months ahead
        (dt.date(2021, 1, 20), "last March", dt.date(2020, 3, 1)),
        (dt.date(2021, 3, 20), "last March", dt.date(2020, 3, 1)),  # its own month: a year ago
        (dt.date(2021, 5, 2), "last March", dt.date(2021, 3, 1)),
        (dt.date(2021, 11, 2), "next February", dt.date(2022, 2, 1)),
        (dt.date(2021, 1, 20), "in March", dt.date(2021, 3, 1)),  # a bare month stays near
    ],
)
def test_last_and_next_say_which_month(anchor: dt.date, phrase: str, expected: dt.date) -> None:
    m = only(f"The deal reached {phrase} was discussed.", anchor)
    assert m.date == expected and m.precision == TimePrecision.MONTH


def test_years_ago_is_that_month_years_back() -> None:
    # an anniversary piece's "ten years ago" is March 2011, not the week of publication
    m = only(
        "Ten years ago security forces opened fire on protesters in Deraa.", dt.date(2021, 3, 15)
    )
    assert (m.text, m.date, m.end_date) == (
        "Ten years ago",
        dt.date(2011, 3, 1),
        dt.date(2011, 3, 31),
    )
    assert m.precision == TimePrecision.MONTH


def test_month_with_year_has_month_precision_and_bare_year_gives_nothing() -> None:
    m = only("Talks first failed in March 2015 in Geneva.")
    assert (m.date, m.end_date, m.precision) == (
        dt.date(2015, 3, 1),
        dt.date(2015, 3, 31),
        TimePrecision.MONTH,
    )
    assert find_dates("The group was founded in 2015 by defectors.", WED) == []


def test_a_date_range_within_one_month() -> None:
    m = only("Heavy shelling was recorded on 10-12 March near the airport.")
    assert (m.date, m.end_date) == (dt.date(2016, 3, 10), dt.date(2016, 3, 12))


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels may attack the base if talks fail.",
        "Protesters plan to march on the capital.",
        "March on, the commander told his men.",
        "Sat quietly, the envoy listened to the Sun rise over the hills.",
        "Resolution 2268 was adopted unanimously.",
        "The convoy carried 31 tonnes of flour.",
        "The Mayor of Aleppo met 3 Marines at the port.",
    ],
)
def test_words_that_look_like_dates_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, WED) == []


# --- weekdays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Two shells fell on Tuesday near the school.", "Tuesday", dt.date(2016, 2, 23)),
        ("Officials met on Wednesday in Geneva.", "Wednesday", WED),  # the anchor's own day
        ("Fighting resumed Thursday near Hama.", "Thursday", dt.date(2016, 2, 18)),
        ("A helicopter was downed late on Monday.", "late on Monday", dt.date(2016, 2, 22)),
        ("The envoy spoke last Friday in Vienna.", "last Friday", dt.date(2016, 2, 19)),
        ("The envoy spoke last Wednesday in Vienna.", "last Wednesday", dt.date(2016, 2, 17)),
        ("The truce will begin on Thursday.", "Thursday", dt.date(2016, 2, 25)),
        ("The talks are due to resume Monday in Geneva.", "Monday", dt.date(2016, 2, 29)),
        ("Monitors will arrive next Wednesday.", "next Wednesday", dt.date(2016, 3, 2)),
        ("The council said Fridays vote was postponed.", "Fridays", dt.date(2016, 2, 19)),
    ],
)
def test_weekdays_follow_the_gold_convention(sentence: str, phrase: str, expected: dt.date) -> None:
    m = only(sentence)
    assert (m.text, m.date, m.kind, m.precision) == (phrase, expected, "weekday", 1)


def test_a_weekday_starting_something_is_a_start_in_the_future() -> None:
    m = only("A 72-hour calm starting Tuesday was proposed for the suburbs.")
    assert (m.text, m.date, m.kind) == ("starting Tuesday", dt.date(2016, 3, 1), "start")


def test_weekday_beside_a_date_uses_the_date_and_checks_it() -> None:
    good = only("I expect us to begin on (Thursday) March 10 in Geneva.")
    assert (good.date, good.note) == (dt.date(2016, 3, 10), "")
    assert "Thursday" in good.text and "March 10" in good.text
    bad = only("The second round opens Friday March 10 in Geneva.")
    assert bad.date == dt.date(2016, 3, 10)
    assert "Thursday" in bad.note and "Friday" in bad.note


def test_possessive_weekdays_and_since_look_back() -> None:
    toll = only("The toll from Tuesday's strike rose to nine.")
    assert (toll.text, toll.kind, toll.date) == ("Tuesday's", "weekday", dt.date(2016, 2, 23))
    since = only("The envoy said talks will resume, after clashes since Monday.")
    assert (since.kind, since.date, since.end_date) == ("since", dt.date(2016, 2, 22), WED)


def test_outlet_names_are_not_relative_days() -> None:
    assert find_dates("Activists told Aleppo Today that the bakery was hit.", WED) == []
    assert only("Today the convoy reached the town.").date == WED


def test_weekday_without_an_anchor_stays_unresolved() -> None:
    m = only("The town fell on Sunday.", None)
    assert (m.kind, m.date) == ("weekday", None)


# --- relative expressions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "first", "last", "precision"),
    [
        ("today", WED, None, 1),
        ("yesterday", dt.date(2016, 2, 23), None, 1),
        ("tomorrow", dt.date(2016, 2, 25), None, 1),
        ("this morning", WED, None, 1),
        ("three days ago", dt.date(2016, 2, 21), None, 1),
        ("overnight", dt.date(2016, 2, 23), WED, 2),
        ("last night", dt.date(2016, 2, 23), WED, 2),
        ("last week", dt.date(2016, 2, 15), dt.date(2016, 2, 21), 2),
        ("last month", dt.date(2016, 1, 1), dt.date(2016, 1, 31), 3),
        ("over the past two days", dt.date(2016, 2, 22), WED, 2),
        ("in the past 24 hours", dt.date(2016, 2, 23), WED, 2),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(
    phrase: str, first: dt.date, last: dt.date | None, precision: int
) -> None:
    m = only(f"Monitors counted nine violations {phrase}, the centre said.")
    assert (m.text, m.date, m.end_date, m.precision) == (phrase, first, last, precision)
    assert m.kind == "relative"


def test_since_runs_from_the_day_to_the_anchor() -> None:
    m = only("Since September 30 last year the air force flew 9,000 sorties.")
    assert (m.kind, m.date, m.end_date) == ("since", dt.date(2015, 9, 30), WED)
    assert m.text == "Since September 30 last year"


@pytest.mark.parametrize("word", ["starting", "from"])
def test_starting_or_from_a_date_marks_a_start(word: str) -> None:
    m = only(f"Strikes on groups outside the truce will resume {word} May 25.")
    assert (m.kind, m.date, m.end_date) == ("start", dt.date(2016, 5, 25), None)


def test_from_one_date_to_another_is_a_span() -> None:
    m = only("Aid was blocked from February 27 to March 3 in the town.")
    assert (m.kind, m.date, m.end_date) == ("span", dt.date(2016, 2, 27), dt.date(2016, 3, 3))
    assert m.precision == TimePrecision.WEEK
    long = only("Deaths from Friday March 4 2016 to Friday March 25 2016 were counted.")
    assert (long.kind, long.date, long.end_date) == (
        "span",
        dt.date(2016, 3, 4),
        dt.date(2016, 3, 25),
    )
    assert long.precision == TimePrecision.MONTH
    pair = only("Fighting raged between Saturday and Monday near the dam.")
    assert (pair.date, pair.end_date) == (dt.date(2016, 2, 20), dt.date(2016, 2, 22))
    assert len(find_dates("Shells fell on Saturday and Monday.", WED)) == 2  # two days, no span


# --- times of day ---------------------------------------------------------------------------


def test_weekday_and_gmt_time_make_one_mention() -> None:
    m = only("The cessation is due to begin Thursday at 22:00 GMT, officials said.")
    assert m.text == "Thursday at 22:00 GMT"
    assert m.date == dt.date(2016, 2, 25)
    assert m.time_utc == dt.datetime(2016, 2, 25, 22, 0, tzinfo=UTC)


def test_local_times_use_damascus_winter_and_summer_offsets() -> None:
    winter = only("Acceptance was due by 12:00 (Damascus time) on 26 February.")
    assert winter.time_utc == dt.datetime(2016, 2, 26, 10, 0, tzinfo=UTC)
    summer_day = dt.date(2016, 6, 28)
    summer = only("It was hit at around 600 pm on June 25, the clinic said.", summer_day)
    assert summer.text == "600 pm on June 25"
    assert summer.time_utc == dt.datetime(2016, 6, 25, 15, 0, tzinfo=UTC)


def test_midnight_of_a_day_is_its_end_and_zero_hour_is_its_start() -> None:
    end_of_friday = only("The truce took effect at midnight on Friday.", dt.date(2016, 2, 27))
    start_of_27 = only("The truce began at 00:00 Damascus time on 27 February.")
    same_instant = dt.datetime(2016, 2, 26, 22, 0, tzinfo=UTC)
    assert end_of_friday.time_utc == same_instant
    assert start_of_27.time_utc == same_instant


def test_explicit_offsets_and_bracketed_gmt() -> None:
    m = only("The blast came at 1849 UTC+3 on 22 August 2013, residents said.")
    assert m.time_utc == dt.datetime(2013, 8, 22, 15, 49, tzinfo=UTC)
    both = only("The pause ends at 7 pm (1700 GMT) on Thursday.", dt.date(2016, 10, 20))
    assert both.time_utc == dt.datetime(2016, 10, 20, 17, 0, tzinfo=UTC)


def test_a_time_alone_keeps_its_clock_but_no_day() -> None:
    m = only("Parties had to reply by 10:00 GMT.")
    assert (m.kind, m.date, m.time_utc) == ("time", None, None)
    assert (m.clock, m.zone) == (dt.time(10, 0), "UTC")
    pm = only("Shells fell at 6:00 pm in the old city.")
    assert (pm.clock, pm.zone) == (dt.time(18, 0), "Asia/Damascus")
    noon = only("The convoy left at noon.")
    assert noon.clock == dt.time(12, 0)


# --- datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed 05 Apr 2017 Rockets hit a market in the north.", dt.date(2017, 4, 5)),
        ("Aug. 1 2016 Rescuers said a gas attack hit a town.", dt.date(2016, 8, 1)),
        ("BEIRUT Feb 22 2016 Fighting raged in the north.", dt.date(2016, 2, 22)),
        ("March 17 2016 The army shelled two villages.", dt.date(2016, 3, 17)),
        ("Last updated at Aug 012016 BEIRUT A jet crashed.", dt.date(2016, 8, 1)),
        ("Published June 11 2016 A blast hit a shrine.", dt.date(2016, 6, 11)),
        ("21-07-2016 Shells Hit Aleppo. Shells hit a park.", dt.date(2016, 7, 21)),
        # after a title, as some outlets print it
        (
            "Mortars kill three in Homs Monitor AFP Friday 6 May 2016 Mortars hit.",
            dt.date(2016, 5, 6),
        ),
        ("Posted on May 6 2016 by a staff writer. Mortars hit Homs.", dt.date(2016, 5, 6)),
    ],
)
def test_dateline_at_the_start_of_a_text(text: str, expected: dt.date) -> None:
    line = find_dateline(text)
    assert line is not None and line.kind == "dateline"
    assert (line.date, line.note) == (expected, "")
    kinds = [m.kind for m in find_dates(text, None)]
    assert kinds.count("dateline") == 1


@pytest.mark.parametrize(
    "text",
    [
        "Damascus, SANA - Army units destroyed a convoy on Tuesday.",
        "Clashes broke out on March 10 2016 around the airport.",
        "Rebels shelled the town on Tuesday, the monitor said.",
    ],
)
def test_no_dateline_when_the_text_does_not_open_with_one(text: str) -> None:
    assert find_dateline(text) is None
    assert all(m.kind != "dateline" for m in find_dates(text, WED))


# --- undated reports ------------------------------------------------------------------------


def test_weekday_and_date_pair_pins_the_year() -> None:
    text = "The envoy said the truce began on Saturday February 27 at dawn."
    found = infer_publication_range(text)
    assert found is not None
    earliest, latest, reason = found
    assert (earliest, latest) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert reason.startswith("'Saturday February 27' is a Saturday only in 2016")


def test_pairs_that_fit_two_years_are_narrowed_by_other_evidence() -> None:
    # 10 March was a Thursday in 2011 and in 2016; 22 February was a Monday only in 2016.
    ambiguous = "Talks would open on (Thursday) March 10 in Geneva."
    found = infer_publication_range(ambiguous)
    assert found is not None and "2011" in found[2] and "2016" in found[2]
    found = infer_publication_range(ambiguous + " The deal was agreed on Monday February 22.")
    assert found is not None and found[:2] == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    found = infer_publication_range(ambiguous + " Aid deliveries in 2015 were blocked.")
    assert found is not None and found[:2] == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))


def test_named_years_bound_the_range_and_nothing_gives_none() -> None:
    found = infer_publication_range("The siege has lasted since 2015, residents said.")
    assert found is not None
    assert found[:2] == (dt.date(2015, 1, 1), dt.date(2018, 12, 31))
    assert "2015" in found[2]
    assert infer_publication_range("Residents said the siege goes on.") is None


def test_anchor_range_keeps_what_is_certain_and_widens_the_rest() -> None:
    rng = (dt.date(2016, 3, 1), dt.date(2016, 3, 3))
    fixed = only("The raid of March 10 killed six.", None, anchor_range=rng)
    assert (fixed.date, fixed.end_date, fixed.precision) == (dt.date(2016, 3, 10), None, 1)
    loose = only("The raid on Monday killed six.", None, anchor_range=rng)
    assert (loose.date, loose.end_date) == (dt.date(2016, 2, 29), None)  # same at both ends
    wide = (dt.date(2016, 3, 1), dt.date(2016, 3, 9))  # Monday 29 Feb or Monday 7 March
    week = only("The raid on Monday killed six.", None, anchor_range=wide)
    assert (week.date, week.end_date, week.precision) == (
        dt.date(2016, 2, 29),
        dt.date(2016, 3, 7),
        TimePrecision.WEEK,
    )
    year = (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert only("The raid on Monday killed six.", None, anchor_range=year).date is None


# --- robustness and real data ---------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "on Tuesday ",
        "27 February 2016 ",
        "at 22:00 GMT ",
        "600 pm ",
        "May ",
        "march ",
        "since ",
        "from ",
        "to ",
        "last ",
        "(Thursday) ",
        "31 February ",
        "99/99/2016 ",
        "Sat ",
        "overnight ",
        "the past 3 days ",
        "killed 12 people ",
        ". ",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from([None, WED]))
def test_spans_are_exact_ordered_and_never_crash(text: str, anchor: dt.date | None) -> None:
    found = find_dates(text, anchor)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.end_date is None or m.date is None or m.date <= m.end_date
        assert m.time_utc is None or m.time_utc.utcoffset() == dt.timedelta(0)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def _fakes_rows() -> list[dict[str, str]]:
    path = SHARED / "data" / "fakes" / "FA-KES-Dataset.csv"
    if not path.exists():
        pytest.skip("FA-KES data not present next to the repo")
    text = path.read_bytes().decode("cp1252", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def test_datelines_match_the_dev_gold() -> None:
    rows = _fakes_rows()
    gold = [json.loads(line) for line in (SHARED / "data/fakes/gold-dev.jsonl").open()]
    hits = 0
    for g in gold:
        line = find_dateline(rows[g["row"]]["article_content"])
        got = line.date.isoformat() if line and line.date else None
        hits += got == g["published"]
    assert hits >= len(gold) - 2, f"{hits}/{len(gold)} datelines right"
