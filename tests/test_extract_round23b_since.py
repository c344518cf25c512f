"""A tally "since it began" sums a period (round 23, from r23b-runon): it is no incident of its
own and its first day dates nothing. Passages are ours."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
TUESDAY = dt.date(2016, 3, 8)


def test_an_offensive_tally_since_it_began_is_no_clash_dated_by_its_first_day() -> None:
    found = passage_incidents(
        "Government air strikes on the market in Saraqeb killed 31 people on Monday, the "
        "Syrian Observatory for Human Rights said. The offensive on Idlib has killed 412 "
        "fighters since it began on February 2.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]
    assert found[0].date == dt.date(2016, 3, 7)
    assert not any(i.date == dt.date(2016, 2, 2) for i in found)


def test_fighting_that_began_on_a_day_is_still_news() -> None:
    # a guard: a clash told with the day it began is an incident, not a tally
    found = passage_incidents(
        "Fighting broke out in Saraqeb on Monday between rebels and government forces and "
        "killed 12 fighters, the Syrian Observatory for Human Rights said.",
        TUESDAY,
    )
    assert any(i.type == T.ARMED_CLASH for i in found)
