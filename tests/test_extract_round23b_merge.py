"""An incident told again by the named area that holds its town is one incident (round 23,
r23b-merge), on passages we wrote: "air strikes on the market in Douma ... the jets fired at the
market in the Eastern Ghouta" is one raid, kept at the narrower town; an area's lead and a town's
updated toll are one raid. A strike set apart ("elsewhere"), a town's own smaller count, or a
town of another area stays an incident of its own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.extract.draft import area_holds, named_area
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def _strikes(text: str) -> list:
    return [i for i in passage_incidents(text, TUESDAY) if i.type == T.AIR_STRIKE]


def test_the_area_holding_the_town_tells_the_same_raid_again() -> None:
    text = (
        "Government air strikes on a crowded market in the town of Douma killed at least 40 "
        "people on Monday, a monitor said. The monitor said the jets fired missiles at the "
        "market and the streets around it in the Eastern Ghouta, and that dozens were hurt."
    )
    found = _strikes(text)
    assert len(found) == 1, found
    assert found[0].place is not None and found[0].place.name == "Douma"
    assert found[0].killed.low == 40


def test_an_area_lead_and_a_towns_updated_toll_are_one_raid() -> None:
    text = (
        "Air strikes killed at least 30 people in the Eastern Ghouta on Monday, a monitor said. "
        "On Tuesday the monitor said the toll from the raids had risen to 41 and that the town "
        "of Hamouriyeh had been among the worst hit."
    )
    found = _strikes(text)
    assert len(found) == 1, found
    assert found[0].place is not None and found[0].place.name == "Hamouriyeh"
    assert 41 in (found[0].killed.best, found[0].killed.low)


def test_a_strike_set_apart_in_a_town_of_the_area_stays_apart() -> None:
    text = (
        "Air strikes killed at least 30 people in the Eastern Ghouta on Monday, a monitor said. "
        "Elsewhere on Monday, jets attacked positions in the town of Arbin, state media said."
    )
    found = _strikes(text)
    assert len(found) == 2, found
    assert "Eastern Ghouta" in {i.place.name for i in found if i.place is not None}


def test_a_towns_own_smaller_count_stays_apart() -> None:
    text = (
        "Air strikes killed at least 30 people in the Eastern Ghouta on Monday, a monitor said. "
        "In Douma, four people were killed when a barrel bomb hit a school on Monday."
    )
    assert len(_strikes(text)) == 2


def test_a_town_of_another_area_is_not_held() -> None:
    gazetteer = load_gazetteer()
    east = gazetteer.lookup("Eastern Ghouta")[0]
    west = gazetteer.lookup("Western Ghouta")[0]
    darayya = gazetteer.lookup("Darayya")[0]
    douma = gazetteer.lookup("Douma")[0]
    assert named_area(east) and not named_area(douma)
    assert area_holds(east, douma) and not area_holds(west, douma)
    assert area_holds(west, darayya) and not area_holds(east, darayya)
    text = (
        "Air strikes killed at least 12 people in the Eastern Ghouta on Monday, a monitor said. "
        "Jets also bombed the town of Darayya on Monday."
    )
    places = {i.place.name for i in _strikes(text) if i.place is not None}
    assert {"Eastern Ghouta", "Darayya"} <= places
