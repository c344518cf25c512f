"""Round 26 recall: an incident told "hours later" keeps the day of the one just told."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 3, 8)


def _at(incidents, kind: IncidentType, town: str):
    return [
        i
        for i in incidents
        if i.type == kind and i.place is not None and town.lower() in i.place.name.lower()
    ]


def two_attacks(later: str) -> str:
    """A rocket attack on Monday, then an air strike told ``later`` with no day of its own."""
    return (
        "Insurgents fired rockets at the government-held district of Jamiliyeh in Aleppo on "
        f"Monday, killing four people, state media said. {later}, warplanes struck the "
        "town of Saraqib in Idlib province, killing seven civilians, activists said."
    )


def test_hours_later_keeps_the_day_of_the_incident_just_told() -> None:
    text = two_attacks("Hours later")
    found = _at(passage_incidents(text, DAY), IncidentType.AIR_STRIKE, "Saraqib")
    assert found, "the air strike on Saraqib is an incident"
    assert found[0].date == dt.date(2016, 3, 7)


def test_forty_eight_hours_later_is_not_the_same_day() -> None:
    text = two_attacks("48 hours later")
    found = _at(passage_incidents(text, DAY), IncidentType.AIR_STRIKE, "Saraqib")
    assert found, "the air strike on Saraqib is an incident"
    assert found[0].date != dt.date(2016, 3, 7)
