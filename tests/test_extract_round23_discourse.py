"""Discourse articles yield no violent incident, on passages we wrote (round 23, r23-discourse):
violence named as a long stretch of the war ("after weeks of street fighting", "months of
shelling") is the backdrop of what is told, not one incident. The incident told beside it
stays."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
VIOLENT = {T.AIR_STRIKE, T.SHELLING, T.ARMED_CLASH, T.EXPLOSION, T.TERRITORY_TAKEN}
SATURDAY = dt.date(2017, 11, 4)


def _violent(text: str, day: dt.date = SATURDAY) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, day) if i.type in VIOLENT]


def test_weeks_of_fighting_are_no_clash_beside_the_capture() -> None:
    found = _violent(
        "Government troops took full control of the town of Mayadin on Friday after weeks of "
        "heavy street fighting, state television said on Saturday."
    )
    assert T.TERRITORY_TAKEN in found
    assert T.ARMED_CLASH not in found


def test_months_of_shelling_are_no_shelling() -> None:
    assert not _violent(
        "The envoy met the foreign minister in Amman on Saturday. Jordan has long asked for "
        "calm on its border after months of shelling around the city of Daraa, he said."
    )


def test_two_days_of_shelling_stay_an_incident() -> None:
    found = _violent(
        "Two days of shelling on the town of Douma killed 12 civilians, the monitoring group "
        "said on Saturday."
    )
    assert T.SHELLING in found
