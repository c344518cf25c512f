"""Merging readings on passages we wrote (round 17, r17-merge): another day's telling with its
own dead is another incident, and so is an attack told as "another" or "a separate" one at the
same town; retellings and more dead of one attack still join it."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident, IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def incidents(text: str) -> list[Incident]:
    """The incidents of a passage published on a Tuesday."""
    return extract(passage(text, TUESDAY)).incidents


def strikes(text: str) -> list[Incident]:
    """The air strikes of a passage."""
    return [i for i in incidents(text) if i.type == T.AIR_STRIKE]


def test_a_separate_raid_on_another_day_at_the_same_town_is_its_own_incident() -> None:
    found = strikes(
        "Warplanes struck a market in the town of Saraqib, killing 12 civilians, a monitor "
        "said. Rescue workers pulled bodies from the rubble for hours. "
        "Residents fled to nearby fields. In a separate raid on Sunday, warplanes hit a bakery "
        "in Saraqib, wounding three people."
    )
    assert len(found) == 2
    lead = next(i for i in found if i.killed.best == 12)
    assert lead.date is None or lead.date != dt.date(2016, 3, 6)
    assert not lead.injured.known


def test_more_dead_told_with_another_still_join_the_attack() -> None:
    found = strikes(
        "Warplanes struck a market in the town of Saraqib on Tuesday, killing 12 civilians, a "
        "monitor said. Rescue workers pulled bodies from the rubble for hours. Another two "
        "people were killed in the strike, medics said."
    )
    assert len(found) == 1
    assert found[0].killed.best == 14


def test_another_days_count_far_from_an_undated_lead_is_another_incident() -> None:
    found = strikes(
        "Air strikes killed 30 people in the town of Douma, a monitor said. Rescue workers "
        "searched the rubble. The town has been under siege for years. Residents said food was "
        "short. Aid has not reached it since the winter. Doctors said medicine had run out. "
        "Schools have been closed for weeks. On the Monday before, air strikes on Douma had "
        "killed 21 civilians, the Observatory said."
    )
    counts = sorted(i.killed.best or i.killed.low or 0 for i in found)
    assert counts == [21, 30]


def test_a_second_count_of_the_lead_told_with_its_day_still_dates_it() -> None:
    found = strikes(
        "Air strikes killed 30 people in the town of Douma, a monitor said. Rescue workers "
        "searched the rubble. The town has been under siege for years. Residents said food was "
        "short. Aid has not reached it since the winter. Doctors said medicine had run out. "
        "Schools have been closed for weeks. The air strikes on Douma on Monday killed 30 "
        "people, the Observatory said."
    )
    assert len(found) == 1
    assert found[0].killed.best == 30


def test_a_wider_areas_much_larger_count_is_not_the_attack_near_the_city() -> None:
    found = incidents(
        "At least 15 people were killed on Tuesday in government air strikes near Damascus, a "
        "monitor said. Rebel shelling killed 10 people in Damascus while government air "
        "strikes on Eastern Ghouta killed at least 82 people."
    )
    main = next(i for i in found if i.main)
    assert main.place.name != "Eastern Ghouta"
    assert main.killed.low == 15 and main.killed.high is None
    assert any(i.type == T.AIR_STRIKE and i.killed.low == 82 for i in found)
    assert any(i.type == T.SHELLING and i.killed.best == 10 for i in found)


def test_another_sources_close_count_for_the_same_attack_still_gives_a_range() -> None:
    found = strikes(
        "At least 15 people were killed on Tuesday in government air strikes on the town of "
        "Douma, a monitor said. Local activists said air strikes on Douma killed 22 people."
    )
    assert len(found) == 1
    assert found[0].killed.low == 15


def test_the_day_of_the_weapon_told_after_a_killing_is_the_killings_day() -> None:
    found = incidents(
        "Rebels shelled the town of Nubl on Monday, killing three civilians, a monitor said. "
        "In Idlib province, a massacre in the town of Saraqib killed 25 people, activists "
        "said. The victims were hit by air strikes on Sunday."
    )
    strike = next(i for i in found if i.type == T.AIR_STRIKE)
    assert strike.place.name == "Saraqib"
    assert strike.date == dt.date(2016, 3, 6)
