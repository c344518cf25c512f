"""Discourse articles yield no violent incident, on passages we wrote (round 23, r23c-discourse):
violence told as lasting years ("had shelled the villages for years"), kept up ("jets kept
bombing the province"), tallied "over the year", or dated in a year before the report while
the speaker's day is recent ("said on Tuesday ... dropped chlorine on the town in March 2017")
is the backdrop of what is said, not an incident. The same violence told with its own day
stays an incident."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
VIOLENT = {
    T.AIR_STRIKE,
    T.SHELLING,
    T.ARMED_CLASH,
    T.EXPLOSION,
    T.CHEMICAL_ATTACK,
    T.TERRITORY_TAKEN,
}
TUESDAY = dt.date(2020, 6, 16)


def _violent(text: str, day: dt.date = TUESDAY) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, day) if i.type in VIOLENT]


def test_shelling_recalled_as_lasting_years_is_no_incident() -> None:
    assert not _violent(
        "Opposition leaders accused the government on Tuesday of exploiting the floods, "
        "recalling that its forces had shelled the same villages near Kafr Zita for years."
    )


def test_bombing_kept_up_with_no_day_is_no_incident() -> None:
    assert not _violent(
        "The opposition negotiator said the government was stalling while its jets kept "
        "bombing the countryside of Hama in breach of the truce."
    )


def test_bombing_kept_up_on_a_day_stays_an_air_strike() -> None:
    found = _violent(
        "Government jets kept bombing the town of Kafr Zita on Monday, killing five people, "
        "a monitoring group said."
    )
    assert T.AIR_STRIKE in found


def test_car_bombs_tallied_over_the_year_are_no_explosion() -> None:
    assert not _violent(
        "The report said car bombs in the towns of Azaz and Jarablus killed scores of civilians "
        "over the year."
    )


def test_strikes_on_a_day_ranked_over_the_year_stay() -> None:
    found = _violent(
        "Air strikes on the town of Kafr Zita killed 12 civilians on Monday, the most over the "
        "year, a monitor said."
    )
    assert T.AIR_STRIKE in found


def test_chlorine_dropped_in_an_earlier_year_is_no_incident() -> None:
    assert not _violent(
        "The inspectors said on Tuesday that a government helicopter dropped a chlorine "
        "cylinder on the town of Kafr Zita in March 2017 and that 20 people were treated."
    )


def test_a_strike_on_its_own_day_beside_an_earlier_year_stays() -> None:
    found = _violent(
        "Jets bombed the town of Kafr Zita on Monday, killing four people, a monitor said on "
        "Tuesday. The town was hit by chlorine in 2017."
    )
    assert T.AIR_STRIKE in found
