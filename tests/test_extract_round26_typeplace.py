"""Incident type and place read from what a sentence says of its weapon or its place (round 26,
r26-typeplace): artillery or a mortar that was destroyed is a target, not shelling; an air base
named on its own is placed in its governorate."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 5, 10)
T = IncidentType


def test_artillery_destroyed_is_a_target_not_shelling() -> None:
    text = (
        "Army units destroyed a bulldozer and an artillery piece that militants used in the "
        "Jobar district of Damascus on Tuesday, state media said."
    )
    assert T.SHELLING not in {i.type for i in passage_incidents(text, DAY)}


def test_artillery_that_fired_is_still_shelling() -> None:
    text = (
        "Government artillery shelled the town of Kafr Nabl on Tuesday, killing five people, "
        "rescuers said."
    )
    assert T.SHELLING in {i.type for i in passage_incidents(text, DAY)}


def test_an_air_base_named_alone_is_placed_in_its_governorate() -> None:
    text = (
        "Rebels captured the Menagh military air base near the Turkish border on Tuesday after "
        "a siege of almost a year, a monitor said."
    )
    taken = [i for i in passage_incidents(text, DAY) if i.type == T.TERRITORY_TAKEN]
    assert taken and all(i.place and i.place.governorate == "Aleppo" for i in taken)


def test_a_base_struck_is_placed_at_the_base() -> None:
    text = "Missiles hit the Shayrat air base on Friday, killing six soldiers, the army said."
    hit = passage_incidents(text, DAY)
    assert hit and all(i.place and i.place.governorate == "Homs" for i in hit)
