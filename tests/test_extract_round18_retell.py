"""Retellings on passages we wrote (round 18, r18-retell): a later telling with a count of its
own and a day of its own does not lend the undated lead its day; a retelling pointing back at
the attack, or told right after it, still does."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident, IncidentType

TUESDAY = dt.date(2016, 3, 8)
MONDAY = dt.date(2016, 3, 7)
T = IncidentType

LEAD = (
    "Air strikes killed 30 people in the town of Douma, a monitor said. Rescue workers "
    "searched the rubble. Residents said food was short. "
)


def strikes(text: str) -> list[Incident]:
    """The air strikes of a passage published on a Tuesday."""
    return [i for i in extract(passage(text, TUESDAY)).incidents if i.type == T.AIR_STRIKE]


def test_another_days_count_does_not_date_the_undated_lead() -> None:
    found = strikes(LEAD + "On Monday, air strikes on Douma had killed 21 civilians, it said.")
    by_count = {i.killed.best: i for i in found}
    assert sorted(by_count) == [21, 30]
    assert by_count[21].date == MONDAY
    assert by_count[30].date != MONDAY


def test_a_count_pointing_back_at_the_attack_still_retells_it() -> None:
    found = strikes(
        LEAD + "The Observatory said 34 people were killed in the air strikes on Douma on Monday."
    )
    assert len(found) == 1
    assert found[0].date == MONDAY
    assert found[0].killed.low == 30 and found[0].killed.high == 34


def test_a_second_count_told_right_after_the_lead_still_dates_it() -> None:
    found = strikes(
        "Air strikes killed 30 people in the town of Douma, a monitor said. Air strikes on "
        "Douma on Monday killed 34 people, the Observatory said."
    )
    assert len(found) == 1
    assert found[0].date == MONDAY


def incidents(text: str) -> list[Incident]:
    """The incidents of a passage published on a Tuesday."""
    return list(extract(passage(text, TUESDAY)).incidents)


def test_another_air_strike_names_the_weapon_of_the_killing_before_it() -> None:
    found = incidents(
        "The army killed 40 militants in the town of Mayadin, a monitor said. In another air "
        "strike, jets hit a market in Albu Kamal, killing 12 civilians."
    )
    by_count = {i.killed.best: i for i in found}
    assert by_count[40].type == T.AIR_STRIKE
    assert by_count[12].type == T.AIR_STRIKE
    assert by_count[40].place is not None and by_count[40].place.name == "Mayadin"


def test_another_attack_names_no_weapon() -> None:
    found = incidents(
        "The army killed 40 militants in the town of Mayadin, a monitor said. In another "
        "attack, jets struck the town of Albu Kamal, killing 12."
    )
    by_count = {i.killed.best: i for i in found}
    assert by_count[40].type == T.ARMED_CLASH


def test_the_same_neighbourhood_is_the_quarter_told_just_before() -> None:
    found = strikes(
        "Jets dropped barrel bombs on the district of al-Mashhad in Aleppo on Tuesday, killing "
        "five civilians. On Monday at least 24 people were killed in a barrel bomb attack on "
        "the same neighbourhood, the monitor said."
    )
    by_count = {i.killed.best or i.killed.low: i for i in found}
    assert sorted(by_count) == [5, 24]
    assert all(i.place is not None and i.place.name == "al-Mashhad" for i in found)
    assert by_count[24].date == MONDAY


def test_the_same_neighbourhood_told_far_on_points_nowhere() -> None:
    found = strikes(
        "Jets dropped barrel bombs on the district of al-Mashhad in Aleppo on Tuesday, killing "
        "five civilians. Aid workers said the hospital was full. The city has been besieged for "
        "weeks. Residents fled west. On Monday at least 24 people were killed in a barrel bomb "
        "attack on the same neighbourhood, the monitor said."
    )
    late = next(i for i in found if (i.killed.best or i.killed.low) == 24)
    assert late.place is None or late.place.name != "al-Mashhad"
