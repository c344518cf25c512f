"""Death tolls on passages we wrote (round 22, r22-toll): a count of one side's fighters told
after a larger count of a fight's dead ("clashes left 40 dead ... 15 Jaish al-Islam fighters
were killed") is that side's share of those dead, not a rival source's lower count of them,
while the other side's dead and a side's dead told on another day are left alone."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

SATURDAY = dt.date(2016, 3, 12)
T = IncidentType


def test_one_sides_fighters_after_a_fights_dead_are_a_share() -> None:
    text = (
        "Fierce clashes between rebel factions near Damascus left at least 40 dead on Friday, "
        "a monitor said. The monitor said the clashes pitted Jaish al-Islam against Faylaq "
        "al-Rahman. At least 15 Jaish al-Islam fighters were killed, the monitor said."
    )
    main = main_incident(text, SATURDAY)
    assert main.type == T.ARMED_CLASH
    assert main.killed.low == 40


def test_a_sides_share_after_that_sides_count() -> None:
    text = (
        "Islamic State fighters attacked army posts near the town of Tabqa on Friday, killing "
        "40 government soldiers in the clashes, the monitor said. The monitor added that the "
        "battle went on overnight. At least nine government soldiers were killed, it said."
    )
    main = main_incident(text, SATURDAY)
    assert main.killed.low == 40


def test_the_other_sides_dead_are_still_added() -> None:
    text = (
        "At least 35 Islamic State jihadists were killed in clashes with Kurdish fighters in "
        "Kobani on Friday, a monitor said. Four YPG fighters were killed in those clashes."
    )
    main = main_incident(text, SATURDAY)
    assert main.killed.low == 39


def test_a_sides_dead_on_another_day_are_no_share() -> None:
    text = (
        "Fierce clashes between rebel factions near Damascus left at least 40 dead on Monday, "
        "a monitor said. The monitor said the clashes pitted Jaish al-Islam against Faylaq "
        "al-Rahman. On Wednesday at least 25 Jaish al-Islam fighters were killed, the monitor "
        "said."
    )
    # 25 of 40, not half or less: merging's own part rule (r22-merge) leaves it to this one
    assert any(i.killed.low == 25 for i in passage_incidents(text, SATURDAY))
