"""One incident told twice inside a report, on passages we wrote: a strike told again by a word
naming no weapon, wounded told as "another" in a quarter of the city, the fighting told with a
capture, and a lead whose toll sums the towns' tolls told below it."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract

WEDNESDAY = dt.date(2016, 11, 9)


def violent(text: str, title: str | None = None):
    rep = passage(text, WEDNESDAY, title=title)
    return [i for i in extract(rep).incidents if i.type.violent]


def of_type(incidents, kind: str):
    return [i for i in incidents if i.type.value == kind]


def test_a_strike_told_again_by_a_word_naming_no_weapon_is_one_incident():
    text = (
        "A missile fired by government forces hit the town of Talbiseh in Homs province on "
        "Tuesday, residents said. "
        "Officials in the capital gave no comment. "
        "The strikes on Talbiseh came a week after talks broke down."
    )
    incidents = violent(text)
    assert len(incidents) == 1
    assert incidents[0].type.value == "shelling"
    assert incidents[0].place.name == "Talbiseh"


def test_a_strike_set_apart_by_its_words_stays_another_incident():
    text = (
        "A missile fired by government forces hit the town of Talbiseh in Homs province on "
        "Tuesday, residents said. "
        "Officials in the capital gave no comment. "
        "Elsewhere strikes hit Talbiseh on Tuesday evening."
    )
    incidents = violent(text)
    assert {i.type.value for i in incidents} == {"shelling", "air_strike"}


def test_wounded_told_as_another_in_a_quarter_of_the_city_are_the_same_attack():
    text = (
        "At least 12 civilians were killed on Tuesday when a missile struck a market in Aleppo "
        "city, a monitor said. "
        "Another 40 were wounded in the Sakhour district of the city."
    )
    shelling = of_type(violent(text), "shelling")
    assert len(shelling) == 1
    assert shelling[0].killed.low == 12
    assert shelling[0].injured.low == 40
    assert shelling[0].place.name == "Sakhour"


def test_dead_told_as_more_in_another_town_stay_another_incident():
    text = (
        "Air strikes killed 16 civilians in the town of Douma on Tuesday, a monitor said. "
        "Five more civilians were killed in the town of Harasta."
    )
    strikes = of_type(violent(text), "air_strike")
    assert {i.place.name for i in strikes} == {"Douma", "Harasta"}


def test_fighting_told_with_a_capture_is_the_capture():
    text = (
        "Government troops seized the town of Morek in Hama province on Tuesday after heavy "
        "clashes with rebels that killed 20 fighters, a monitor said."
    )
    incidents = violent(text)
    assert [i.type.value for i in incidents] == ["territory_taken"]
    assert incidents[0].killed.low == 20


def test_fighting_told_before_a_capture_only_spoken_of_stays_a_clash():
    text = (
        "Rebels and government troops fought for the town of Morek in Hama province on Tuesday. "
        "Residents fled north. "
        "Capturing Morek would open the road north, a commander said."
    )
    assert "armed_clash" in {i.type.value for i in violent(text)}


def test_a_lead_toll_summing_the_towns_below_it_is_those_incidents():
    text = (
        "Rebel rocket fire killed eight civilians in Aleppo city on Tuesday, state media said. "
        "Five were killed when rocket shells hit the Midan neighbourhood. "
        "Three others were killed by rocket shells that fell on the Suleimaniyeh neighbourhood."
    )
    shelling = of_type(violent(text), "shelling")
    tolls = sorted(i.killed.low for i in shelling)
    assert tolls == [3, 5]
    assert all(i.date == dt.date(2016, 11, 8) for i in shelling)


def test_a_lead_toll_that_is_no_sum_of_the_towns_stays():
    text = (
        "Rebel rocket fire killed 11 civilians in Aleppo city on Tuesday, state media said. "
        "Five were killed when rocket shells hit the Midan neighbourhood. "
        "Three others were killed by rocket shells that fell on the Suleimaniyeh neighbourhood."
    )
    tolls = sorted(i.killed.low for i in of_type(violent(text), "shelling"))
    assert 11 in tolls
