"""Incident types on passages we wrote (round 22, r22-type).

A "bombardment" names fire without its source. Told with no weapon in its own sentence, it
takes its type from the nearest sentences that name one: aircraft and their bombs make it an
air strike; guns, or no weapon at all, keep it shelling; a party with no aircraft keeps it
shelling whatever the neighbours say."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def test_bombardment_beside_aircraft_is_an_air_strike() -> None:
    main = main_incident(
        "Government forces stepped up their bombardment of the town of Saraqeb on Monday, "
        "killing nine civilians, a monitor said. Helicopters dropped barrel bombs on the "
        "market and warplanes hit the hospital, it said.",
        TUESDAY,
    )
    assert main.type == T.AIR_STRIKE
    assert main.killed.low == 9


def test_headline_bombardment_takes_the_story_s_aircraft() -> None:
    main = main_incident(
        "Twenty Civilians Killed in Heavy Bombardment of Saraqeb. Activists said twenty "
        "civilians were killed on Monday in Saraqeb. Regime warplanes struck the market "
        "twice, they said.",
        TUESDAY,
    )
    assert main.type == T.AIR_STRIKE


def test_bombardment_beside_guns_stays_shelling() -> None:
    main = main_incident(
        "Government forces stepped up their bombardment of the town of Saraqeb on Monday, "
        "killing nine civilians, a monitor said. Artillery and mortars hit the market, it "
        "said.",
        TUESDAY,
    )
    assert main.type == T.SHELLING


def test_a_ground_party_s_bombardment_stays_shelling() -> None:
    found = passage_incidents(
        "Rebel bombardment of the government-held Hamdaniyeh district killed four civilians on "
        "Monday, a monitor said. Regime warplanes struck the town of Saraqeb, killing six.",
        TUESDAY,
    )
    kinds = {i.type for i in found}
    assert T.SHELLING in kinds
    assert next(i for i in found if i.type == T.SHELLING).killed.low == 4


# Fighting named only to say who a side is, or a campaign summed up to now, is no clash told.


def test_rebels_fighting_to_topple_the_president_is_who_they_are() -> None:
    found = passage_incidents(
        "A car bomb killed 12 people on Monday in a village of Hama province, state media said. "
        "Forty were wounded in the attack in Kafr Buhum, blamed on rebels fighting to topple "
        "the president.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.EXPLOSION]


def test_a_side_that_has_been_fighting_alongside_others_is_no_clash() -> None:
    found = passage_incidents(
        "A suicide bomber killed 20 fighters at the Bab al-Hawa crossing on Monday, a monitor "
        "said. Their brigade has been fighting alongside other factions in the town of Azaz.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.EXPLOSION]


def test_an_assault_summed_up_to_now_is_a_campaign() -> None:
    found = passage_incidents(
        "A truck bomb killed 30 people in Qamishli on Monday, a monitor said. The assault on "
        "the militants in the town of Manbij has cut every road out of the town.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.EXPLOSION]


def test_troops_fighting_in_a_region_still_tell_a_clash() -> None:
    found = passage_incidents(
        "Government troops were fighting rebels in the town of Talbiseh on Monday, a monitor "
        "said, and five soldiers were killed.",
        TUESDAY,
    )
    assert T.ARMED_CLASH in {i.type for i in found}


# An incident named again as the subject of "came as / comes a day after" is the one told
# before; the news set beside it lends it no place.


def test_strikes_that_came_as_other_news_are_the_strikes_told_before() -> None:
    found = passage_incidents(
        "Government helicopters dropped barrel bombs on the town of Darayya on Monday, "
        "activists said. The strikes came as Kurdish-led forces said they had encircled the "
        "town of Manbij.",
        TUESDAY,
    )
    assert [(i.type, i.place.name if i.place else None) for i in found] == [
        (T.AIR_STRIKE, "Darayya")
    ]


def test_shelling_that_comes_a_day_after_a_town_fell_is_not_at_that_town() -> None:
    found = passage_incidents(
        "Rebel shelling killed two people in the Mezzeh district of Damascus on Monday, state "
        "media said. The shelling comes a day after the fall of Yabroud, a rebel bastion.",
        TUESDAY,
    )
    assert all(i.place is None or i.place.name != "Yabroud" for i in found)
    assert [i.type for i in found] == [T.SHELLING]


def test_strikes_that_came_as_a_new_offensive_began_leave_the_sentence_as_told() -> None:
    found = passage_incidents(
        "Warplanes struck the town of Darayya on Monday, activists said. The raids came as "
        "rebels said they had begun a new offensive on the Zahraa district of Aleppo.",
        TUESDAY,
    )
    assert T.ARMED_CLASH not in {i.type for i in found}
