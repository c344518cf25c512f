"""Discourse articles yield no violent incident, on passages we wrote (round 23, r23-discourse):
violence named as a long stretch of the war ("after weeks of street fighting", "months of
shelling") is the backdrop of what is told, not one incident; an attack a speaker says "had"
happened, with no day and no town near it and no dead counted ("state media said rebels had
fired mortar shells into parts of Homs"), is an allegation, not an incident. The incident told
beside them, or with its day, its town or its dead, stays."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
VIOLENT = {T.AIR_STRIKE, T.SHELLING, T.ARMED_CLASH, T.EXPLOSION, T.TERRITORY_TAKEN}
SATURDAY = dt.date(2017, 11, 4)
WEDNESDAY = dt.date(2014, 6, 4)


def _violent(text: str, day: dt.date = SATURDAY) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, day) if i.type in VIOLENT]


def test_weeks_of_fighting_are_no_clash_beside_the_capture() -> None:
    found = _violent(
        "The Syrian army said on Saturday it had taken the town of Mayadin on Friday after weeks "
        "of street fighting. Separately, Kurdish-led forces said they had captured the village "
        "of Sabha east of the river."
    )
    assert T.TERRITORY_TAKEN in found
    assert T.ARMED_CLASH not in found


def test_schools_reopening_after_weeks_of_clashes_tell_no_clash() -> None:
    assert not _violent(
        "Schools in the town of Kafr Zita reopened on Friday after weeks of fierce clashes "
        "between rebels and government forces, residents said."
    )


def test_two_days_of_shelling_stay_an_incident() -> None:
    found = _violent(
        "Two days of shelling on the town of Douma killed 12 civilians, the monitoring group "
        "said on Saturday."
    )
    assert T.SHELLING in found


def test_mortars_state_media_says_had_been_fired_are_no_shelling() -> None:
    assert not _violent(
        "The country voted on Tuesday in an election the opposition called a farce. State "
        "media said rebels had fired mortar shells into parts of Homs during the vote, but gave "
        "no casualty figures.",
        WEDNESDAY,
    )


def test_rockets_said_to_have_killed_stay_a_shelling() -> None:
    found = _violent(
        "The monitoring group said rebels had fired rockets into the town of Nubl, killing four "
        "people.",
        WEDNESDAY,
    )
    assert T.SHELLING in found


def test_a_strike_said_to_have_hit_on_a_day_stays_an_air_strike() -> None:
    found = _violent(
        "Activists said government jets had bombed the town of Saraqeb on Monday.", WEDNESDAY
    )
    assert T.AIR_STRIKE in found


def test_jets_said_to_have_bombed_a_named_town_stay_an_air_strike() -> None:
    found = _violent(
        "The foreign ministry sent a letter to the United Nations on Monday. It said in the "
        "letter to the secretary general and to the president of the Security Council that "
        "coalition jets had dropped cluster bombs on the town of Hajin.",
        WEDNESDAY,
    )
    assert T.AIR_STRIKE in found
