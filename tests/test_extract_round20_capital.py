"""The capital's surroundings, on passages we wrote (round 20, r20-reading): in a report about
Damascus, fire "near the capital" or "on the outskirts of the capital" is in Rif Dimashq; in a
report naming no Syrian capital, "the capital" places nothing."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2015, 9, 14)
T = IncidentType

LEAD = (
    "Rebels fired mortar rounds at the Abbasiyin square in Damascus on Sunday, killing three "
    "people, state media said. "
)


def strike_governorates(text: str) -> list[str | None]:
    found = passage_incidents(text, DAY)
    return [i.place.governorate if i.place else None for i in found if i.type == T.AIR_STRIKE]


def test_strikes_near_the_capital_are_in_its_countryside() -> None:
    text = LEAD + "Army warplanes also pounded rebel positions near the capital, activists said."
    assert strike_governorates(text) == ["Rif Dimashq"]


def test_strikes_on_the_outskirts_of_the_capital_are_in_its_countryside() -> None:
    text = LEAD + "Warplanes later bombed rebel posts on the outskirts of the capital, they said."
    assert strike_governorates(text) == ["Rif Dimashq"]


def test_another_countrys_capital_places_nothing() -> None:
    text = (
        "Warplanes pounded militant positions near the capital on Sunday, officials in "
        "Baghdad said."
    )
    assert "Rif Dimashq" not in strike_governorates(text)
