"""Which incidents a report tells, on passages we wrote (round 19, r19-recall): a detail
sentence that says where the incident just told hit is that incident, not another."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident, IncidentType

SUNDAY = dt.date(2016, 3, 6)
SATURDAY = dt.date(2016, 3, 5)
T = IncidentType


def incidents(text: str, kind: IncidentType) -> list[Incident]:
    """The incidents of one type in a passage published on a Sunday."""
    return [i for i in extract(passage(text, SUNDAY)).incidents if i.type == kind]


def test_the_detail_saying_where_the_bombardment_hit_is_the_same_incident() -> None:
    found = incidents(
        "At least 14 people were killed on Saturday in army shelling of a rebel-held town "
        "north of Homs, a monitor said. The bombardment struck the town of Talbiseh, where "
        "rebels had seized a checkpoint on Friday. Residents fled to nearby farms.",
        T.SHELLING,
    )
    assert len(found) == 1
    assert found[0].date == SATURDAY
    assert found[0].place is not None and found[0].place.name == "Talbiseh"
    assert found[0].killed.low == 14


def test_a_detail_listing_quarters_keeps_the_toll_at_the_city() -> None:
    found = incidents(
        "Rebel rocket fire killed nine civilians in the city of Aleppo on Saturday, state media "
        "said. The rockets targeted the Midan and Sulaimaniyeh neighbourhoods.",
        T.SHELLING,
    )
    tolls = [i.killed.low for i in found]
    assert tolls.count(9) == 1
    assert all(i.place is not None and i.place.governorate == "Aleppo" for i in found)
