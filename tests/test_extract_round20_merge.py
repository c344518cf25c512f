"""Merging and carrying across sentences on passages we wrote (round 20, r20-merge): an agent
is not carried past "In another incident"; a 0 count never widens a known one; fighting then
a capture told as won by it is one capture."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def test_the_agent_is_not_carried_into_another_incident() -> None:
    found = passage_incidents(
        "Syrian government forces carried out air strikes on Douma on Monday, killing 12 "
        "people, a monitor said. In another incident on Tuesday, an air strike hit a school "
        "in Harasta, killing four children. Residents fled.",
        TUESDAY,
    )
    by_place = {i.place.name: i for i in found if i.place is not None}
    assert by_place["Douma"].perpetrator == "Syrian government forces"
    assert by_place["Harasta"].perpetrator is None


def test_the_agent_still_carries_to_the_next_telling() -> None:
    found = passage_incidents(
        "Syrian government forces carried out air strikes on Douma on Monday, killing 12 "
        "people, a monitor said. On Tuesday, an air strike hit a school in Harasta, killing "
        "four children. Residents fled.",
        TUESDAY,
    )
    by_place = {i.place.name: i for i in found if i.place is not None}
    assert by_place["Harasta"].perpetrator == "Syrian government forces"


def test_a_count_of_none_never_widens_a_known_count() -> None:
    found = passage_incidents(
        "An air strike hit the town of Douma on Monday. Nobody was killed in the strike on "
        "Douma, a monitor said at first. Later the monitor said seven people were killed in "
        "the strike on Douma. Schools were closed.",
        TUESDAY,
    )
    strikes = [i for i in found if i.type == T.AIR_STRIKE]
    assert [(i.killed.low, i.killed.high) for i in strikes] == [(7, 7)]


def test_a_capture_won_by_the_fighting_told_is_the_story() -> None:
    found = passage_incidents(
        "Syrian government forces killed 20 militants in clashes near the village of Talbiseh "
        "on Monday, state media said. Residents fled the area. The troops took control of the "
        "village following the clashes, it said. Schools were closed.",
        TUESDAY,
    )
    violent = [i for i in found if i.type in (T.ARMED_CLASH, T.TERRITORY_TAKEN)]
    assert [i.type for i in violent] == [T.TERRITORY_TAKEN]
    assert violent[0].killed.low == 20


def test_a_capture_told_without_the_fighting_stays_apart() -> None:
    found = passage_incidents(
        "Syrian government forces killed 20 militants in clashes near the village of Talbiseh "
        "on Monday, state media said. Residents fled the area. On Saturday the troops had "
        "taken control of Talbiseh, it said. Schools were closed.",
        TUESDAY,
    )
    types = sorted(i.type.value for i in found)
    assert "armed_clash" in types
