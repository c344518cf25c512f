"""Round 24 perpetrator reading, on passages we wrote: a party named right before something it
owns or holds (a bus, a convoy, a base, its positions) is where the attack landed, not who
carried it out."""

from __future__ import annotations

import datetime as dt
from functools import partial

from tests.passages import passage_incidents
from trucewatch.model.incident import Incident

incidents = partial(passage_incidents, published=dt.date(2017, 6, 14))


def only(text: str, kind: str) -> Incident:
    found = [i for i in incidents(text) if str(i.type) == kind]
    assert found, f"no {kind} in {[(str(i.type), i.perpetrator) for i in incidents(text)]}"
    return found[0]


def test_the_army_owning_the_bus_a_bomb_hit_did_not_set_it_off() -> None:
    text = (
        "Two explosive devices stuck to an army bus blew up in central Damascus on Monday, "
        "killing nine people."
    )
    assert only(text, "explosion").perpetrator is None


def test_the_army_owning_the_truck_a_device_hid_in_did_not_set_it_off() -> None:
    text = (
        "An explosive device hidden inside an army truck exploded in Homs on Monday, killing "
        "five people."
    )
    assert only(text, "explosion").perpetrator is None


def test_a_party_before_its_men_still_acts() -> None:
    # the words of what a party owns leave its men and carriers alone
    text = "Army troops shelled the town of Nawa on Monday, killing four people."
    assert only(text, "shelling").perpetrator == "Syrian government forces"


def test_a_daesh_car_bomb_is_still_daeshs() -> None:
    text = "A Daesh car bomb killed 12 people at a market in the town of Azaz on Monday."
    assert only(text, "explosion").perpetrator == "ISIL"
