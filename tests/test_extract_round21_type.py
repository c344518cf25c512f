"""The main incident's type on passages we wrote (round 21, r21-type): fighting told as going
on while air strikes killed ("as heavy fighting was underway") is the strikes' time, not the
story; fighting whose own dead the sentence tells stays a clash; fighting that only describes
the victims ("killing 12 rebels fighting against Daesh") leaves the strike told ("struck")."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def test_fighting_going_on_while_strikes_killed_is_not_the_story() -> None:
    main = main_incident(
        "Air strikes on two villages near Manbij killed at least 40 civilians on Monday as "
        "heavy fighting was underway between the militants and Kurdish fighters, a monitor "
        "said. Residents fled to the fields.",
        TUESDAY,
    )
    assert main.type == T.AIR_STRIKE
    assert main.killed.low == 40


def test_fighting_raging_with_its_own_dead_stays_a_clash() -> None:
    found = passage_incidents(
        "Five soldiers were killed in the town of Talbiseh on Monday as clashes raged with "
        "rebels, a monitor said. Schools were closed.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.ARMED_CLASH]
    assert found[0].killed.low == 5


def test_fighting_that_describes_the_victims_leaves_the_strike_told() -> None:
    main = main_incident(
        "The coalition mistakenly struck a position of Kurdish fighters in the town of Tabqa on "
        "Monday, killing 12 rebels fighting against Daesh, the Pentagon said. An inquiry was "
        "opened.",
        TUESDAY,
    )
    assert main.type == T.AIR_STRIKE
    assert main.killed.low == 12
