"""Patients moved to care are no humanitarian delivery, on passages we wrote (round 24,
r24-precision): an evacuation to a hospital or for treatment, a "medical evacuation", or one
person evacuated tells no delivery; people leaving a besieged town still do."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 8, 16)
T = IncidentType

LEAD = "Air strikes killed nine people in the town of Saraqib in Idlib province on Monday. "


def deliveries(text: str) -> list[object]:
    return [i for i in passage_incidents(text, DAY) if i.type == T.HUMANITARIAN_DELIVERY]


def test_a_boy_evacuated_to_a_hospital_is_no_delivery() -> None:
    text = LEAD + (
        "Separately, a boy wounded by a sniper in the besieged town of Madaya was evacuated to "
        "a hospital in Damascus, rescuers said."
    )
    assert not deliveries(text)


def test_a_blocked_evacuation_for_treatment_is_no_delivery() -> None:
    text = LEAD + (
        "Troops around the al-Waer district blocked the evacuation of injured people for "
        "treatment, the local council said."
    )
    assert not deliveries(text)


def test_a_medical_evacuation_is_no_delivery() -> None:
    text = LEAD + "The envoy said a medical evacuation from eastern Aleppo had been held up."
    assert not deliveries(text)


def test_people_leaving_a_besieged_town_are_still_evacuated() -> None:
    text = LEAD + (
        "On Tuesday about 300 fighters and their families were evacuated from the besieged "
        "town of Madaya under a deal with the government."
    )
    assert deliveries(text)


# --- a capital standing for its government places nothing -------------------------------------


def governorates(text: str) -> set[str | None]:
    return {i.place.governorate if i.place else None for i in passage_incidents(text, DAY)}


def test_a_capital_named_as_an_ally_places_no_strike() -> None:
    text = LEAD + (
        "Tehran backed its Damascus ally, saying that government aircraft had carried out a "
        "strike on a weapons depot."
    )
    assert "Damascus" not in governorates(text)


def test_a_capital_named_as_a_threat_places_no_capture() -> None:
    text = LEAD + (
        "Troops have taken control of villages in the south, part of a campaign against "
        "militants who pose one of the gravest threats to Damascus."
    )
    assert "Damascus" not in governorates(text)


def test_a_strike_in_the_capital_is_still_placed_there() -> None:
    text = LEAD + "A car bomb exploded in Damascus on Monday, killing four people."
    assert "Damascus" in governorates(text)
