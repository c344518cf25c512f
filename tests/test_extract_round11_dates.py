"""Days of the incidents other than the main one (issue 15, round 11): what a dated lead lends to
the items told after it, and what must stay undated. Each on a passage we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract

TUESDAY = dt.date(2016, 9, 20)
MONDAY = TUESDAY - dt.timedelta(days=1)


def incidents(text: str, published: dt.date = TUESDAY):
    rep = passage(text, published)
    return extract(rep).incidents


def day_at(text: str, place: str, kind: str | None = None) -> dt.date | None:
    """The day of the (first) incident at `place`, of type `kind` when given."""
    found = [
        i
        for i in incidents(text)
        if i.place is not None and i.place.name == place and kind in (None, str(i.type))
    ]
    assert found, [(i.type, i.place) for i in incidents(text)]
    return found[0].date


def test_an_also_that_only_places_the_dead_keeps_the_leads_day() -> None:
    text = (
        "Air raids kill 14 near the capital. "
        "Government air raids on the countryside of Damascus killed 14 civilians on Monday, a "
        "monitor said. "
        "Ten of them died in Douma where jets struck a market. "
        "Three more civilians were killed in the town of Saqba and one in the town of Kafr Batna "
        "both also in Eastern Ghouta the monitor said."
    )
    assert day_at(text, "Douma") == MONDAY
    assert day_at(text, "Kafr Batna") == MONDAY


def test_another_attack_also_in_the_region_stays_undated() -> None:
    text = (
        "Air raids kill 14 near the capital. "
        "Government air raids on the countryside of Damascus killed 14 civilians on Monday, a "
        "monitor said. "
        "Another shell in Kafr Batna also in Eastern Ghouta landed near a school wounding three."
    )
    assert day_at(text, "Kafr Batna", "shelling") is None


def test_an_also_that_adds_a_happening_stays_undated() -> None:
    text = (
        "Air raids kill 14 near the capital. "
        "Government air raids on the countryside of Damascus killed 14 civilians on Monday, a "
        "monitor said. "
        "Shelling also hit Kafr Batna wounding three people."
    )
    assert day_at(text, "Kafr Batna", "shelling") is None


# A roundup: a Damascus item first (its lead covers Damascus only), then an Aleppo item whose
# dated sentence names two neighbourhoods, and the next sentences tell each one's dead.
DAMASCUS = (
    "Seven killed in attacks on Damascus and Aleppo. "
    "Two people were injured on Monday when militants fired mortar shells at the Mazzeh area in "
    "Damascus city. "
    "A police source said the shells landed near a school. "
    "Meanwhile the source said the shells damaged several cars. "
)
NAMED = DAMASCUS + (
    "Five civilians were killed on Monday when militants fired rockets at the Salaheddine and "
    "Hamdaniyeh neighbourhoods of Aleppo city, a police source said. "
)


def test_a_place_the_dated_sentence_named_takes_its_day() -> None:
    text = NAMED + (
        "The source said militants fired a number of rocket shells at the Hamdaniyeh "
        "neighbourhood killing two women. "
        "Later a reporter said that three people were killed by rocket shells fired on the "
        "Salaheddine neighbourhood."
    )
    assert day_at(text, "Hamdaniyeh", "shelling") == MONDAY
    assert day_at(text, "Salaheddine", "shelling") == MONDAY


def test_a_place_the_dated_sentence_did_not_name_stays_undated() -> None:
    text = (
        NAMED
        + "The source said rocket shells fired at the Sheikh Maqsoud neighbourhood killed a man."
    )
    assert day_at(text, "Sheikh Maqsoud", "shelling") is None


def test_a_named_place_told_on_another_day_stays_undated() -> None:
    text = NAMED + (
        "The source said rocket shells fired at the Hamdaniyeh neighbourhood last week killed "
        "two women."
    )
    assert day_at(text, "Hamdaniyeh", "shelling") is None


def test_a_day_opening_the_reported_clause_is_the_incidents() -> None:
    # "reported that on Monday ...": the day belongs to what was reported, not to the speaking
    text = "Activists reported that on Monday jets struck militant posts near the town of Suran."
    assert day_at(text, "Suran", "air_strike") == MONDAY


def test_a_day_of_reporting_before_that_stays_the_speakers() -> None:
    text = "Activists reported on Monday that jets struck militant posts near the town of Suran."
    assert day_at(text, "Suran", "air_strike") is None


def test_the_first_day_of_a_campaign_told_after_its_object_is_no_days_fighting() -> None:
    # "the offensive against the town having started on Monday": the campaign's first day
    text = (
        "Fierce clashes raged near the town of Tabqa, with the offensive against the town having "
        "started on Monday."
    )
    assert day_at(text, "Tabqa", "armed_clash") is None


def test_a_capture_told_with_its_own_week_takes_no_other_clauses_day() -> None:
    # the capture's own time is "this week"; Monday is the day of the shelling
    text = (
        "On Monday Turkish artillery shelled areas held by Kurdish forces close to the town of "
        "Jarablus captured from ISIS this week."
    )
    assert day_at(text, "Jarablus", "territory_taken") is None
