"""Round 16 (issue 15): the main incident's place on unseen articles. Every passage here is
one we wrote; none is copied from FA-KES or the seed texts."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident
from trucewatch.model.incident import GeoPrecision

DAY = dt.date(2016, 7, 5)


def test_a_name_told_as_an_area_is_the_incident_place() -> None:
    """ "near the Zarqoun area": an area named after a place the gazetteer lacks is that place,
    in the governorate the story tells."""
    inc = main_incident(
        "Government aircraft killed at least nine people on Monday in the province of Idlib, "
        "a monitor said. Two barrel bombs were dropped on a camp near the Zarqoun area, "
        "killing nine people.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Idlib"


def test_an_area_of_the_capital_is_that_part_of_the_capital() -> None:
    """ "in Bab Zarqoun area of the Syrian capital": the area is a part of Damascus."""
    inc = main_incident(
        "A bomb inside a minibus killed five people on Sunday. State television said the "
        "explosion took place in Bab Zarqoun area of the Syrian capital.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Bab Zarqoun"
    assert inc.place.governorate == "Damascus"


def test_a_party_area_is_no_place() -> None:
    """ "the Jaish al-Islam area" is whose area, not its name: the incident stays in the town
    the story names."""
    inc = main_incident(
        "Artillery shells killed four civilians in the town of Douma on Sunday, a monitor said. "
        "The shells fell on the Jaish al-Islam area, activists said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Douma"


def test_a_district_told_after_its_city_is_a_part_of_that_city() -> None:
    """ "... in Aleppo. The rocket struck the Zarqawiyeh district in the west of the city": a
    district the gazetteer lacks, with no place in its own sentence, is a part of the city the
    story told just before (near-town precision), not only somewhere in its governorate."""
    inc = main_incident(
        "Rebel rocket fire on a government-held area of the city of Aleppo killed five children "
        "on Saturday, a monitor said. The rocket struck the Zarqawiyeh district in the west of "
        "the city.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqawiyeh"
    assert inc.place.governorate == "Aleppo"
    assert inc.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_village_told_after_a_town_stays_at_governorate_precision() -> None:
    """A village (not a part of a town) told after a town's sentence is only known to lie in
    its governorate: region precision, as before."""
    inc = main_incident(
        "Air strikes hit the town of Saraqib on Monday, a monitor said. Six people were killed "
        "when a strike hit a house in the village of Zarqoun.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.geo_precision == GeoPrecision.REGION


def test_a_town_set_beside_a_far_place_is_another_town_of_that_name() -> None:
    """ "captured the area of Safsafeh east of Tabqa": the gazetteer's Safsafeh lies far away
    (Tartus); a town the text sets beside Tabqa is one the gazetteer lacks, near Tabqa."""
    inc = main_incident(
        "Kurdish-led fighters captured the area of Safsafeh east of Tabqa on Monday, laying "
        "siege to the town, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Safsafeh"
    assert inc.place.governorate == "Raqqa"


def test_a_town_beside_a_near_place_across_a_border_keeps_its_governorate() -> None:
    """A town set beside a place of another governorate but close to it (a town across a
    nearby border) stays the gazetteer's town."""
    inc = main_incident(
        "Government aircraft struck Kafr Zita near Khan Shaykhun on Monday, killing four "
        "people, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Kafr Zita"
    assert inc.place.governorate == "Hama"
