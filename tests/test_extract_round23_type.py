"""The main incident's type on passages we wrote (round 23, r23-type).

- a force that storms ground (a town, a base, a gas field) takes it; storming people, or a
  storming driven back, stays fighting;
- blasts told with no bomb named anywhere in the report are the impact of the weapon the
  sentences beside them name, when those sentences tell the blasts too.
"""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def test_storming_a_town_takes_it() -> None:
    found = passage_incidents(
        "Islamic State fighters stormed the town of al-Mayadin in Deir ez-Zor province on "
        "Monday, a monitor said. Residents fled.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.TERRITORY_TAKEN]


def test_storming_driven_back_stays_fighting() -> None:
    found = passage_incidents(
        "Islamic State fighters stormed the town of al-Mayadin in Deir ez-Zor province on "
        "Monday before local gunmen drove them back, a monitor said. Residents fled.",
        TUESDAY,
    )
    assert T.TERRITORY_TAKEN not in [i.type for i in found]


def test_storming_people_in_villages_stays_fighting() -> None:
    found = passage_incidents(
        "Army units stormed militant gatherings in the villages of Tal Hamis and Tal Brak on "
        "Monday, killing 14 militants, the army said. Talks are planned.",
        TUESDAY,
    )
    assert T.TERRITORY_TAKEN not in [i.type for i in found]


def test_blasts_are_the_impact_of_the_weapon_told_beside_them() -> None:
    main = main_incident(
        "Two explosions hit a school in the town of Azaz on Monday, killing 14 pupils, the "
        "governor said. The blasts hit the courtyard and state media said rebels had fired "
        "two rockets at the school. Classes were suspended.",
        TUESDAY,
    )
    assert main.type == T.SHELLING
    assert main.killed.low == 14


def test_blasts_beside_fire_the_war_has_seen_stay_explosions() -> None:
    main = main_incident(
        "A blast ripped through a bus in the town of Azaz on Monday, killing 14 people, a "
        "monitor said. Rebels regularly fire rockets into the town from nearby hills. Classes "
        "were suspended.",
        TUESDAY,
    )
    assert main.type == T.EXPLOSION


def test_blasts_of_a_named_bomb_stay_explosions() -> None:
    main = main_incident(
        "A car bomb exploded in the town of Azaz on Monday, killing 14 people, a monitor said. "
        "The blast hit a market and rebels had fired rockets at the town. Classes were "
        "suspended.",
        TUESDAY,
    )
    assert main.type == T.EXPLOSION
