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


def test_the_bombing_told_after_a_blast_is_the_blast() -> None:
    found = extract(
        passage(
            "A truck bomb killed at least 30 people on Saturday in the town of Azaz, a monitor "
            "said. Residents said the blast levelled a row of shops. Local officials gave a toll "
            "of 30 dead and 80 injured in the bombing, which hit the main market. Jets later "
            "struck rebel positions near Manbij.",
            SUNDAY,
        )
    ).incidents
    assert [i.type for i in found if i.killed.known] == [T.EXPLOSION]
    blast = next(i for i in found if i.type == T.EXPLOSION)
    assert blast.killed.low == 30 and blast.date == SATURDAY


def test_an_incident_placed_only_in_a_part_of_the_country_is_not_the_storys() -> None:
    found = extract(
        passage(
            "Air strikes on a market in the city of Idlib killed at least 15 people on Saturday, "
            "a monitor said. Rescuers pulled bodies from the rubble. The monitor said the toll "
            "was likely to rise. Shops in the market were destroyed. On Monday, 20 civilians "
            "were killed in air raids on a village in eastern Syria, residents said.",
            SUNDAY,
        )
    ).incidents
    strikes = [i for i in found if i.type == T.AIR_STRIKE]
    assert len(strikes) == 1
    assert strikes[0].killed.low == 15 and strikes[0].place is not None
    assert strikes[0].place.governorate == "Idlib"


def test_the_detail_of_a_dated_lead_with_no_place_takes_its_day() -> None:
    found = incidents(
        "Army troops stormed rebel strongholds in the town of Rastan, killing a commander and "
        "six fighters. In other developments in the province on Saturday army fighter jets "
        "carried out several combat flights over rebel gathering points, inflicting heavy "
        "losses on their vehicles. Rebel depots and vehicles loaded with ammunition were "
        "targeted by the army aircraft near the town of Talbiseh.",
        T.AIR_STRIKE,
    )
    assert len(found) == 1
    assert found[0].date == SATURDAY


def test_a_days_attack_points_back_at_the_attack_told_on_that_day() -> None:
    found = extract(
        passage(
            "A car bomb killed at least 20 people on Saturday in the town of Azaz, a monitor "
            "said. Kurdish police sealed off the area. Doctors worked through the night. "
            "Saturday's blast coincided with a rebel push to take the town of al-Bab.",
            SUNDAY,
        )
    ).incidents
    blasts = [i for i in found if i.type == T.EXPLOSION]
    assert len(blasts) == 1
    assert blasts[0].place is not None and blasts[0].place.name == "Azaz"
    assert blasts[0].killed.low == 20
