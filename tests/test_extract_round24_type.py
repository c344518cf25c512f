"""Round 24 incident-type rules, on passages we wrote: a chemical attack named only as the
history of the place a strike hit does not turn the strike into a chemical attack, and Russia's
"Aerospace Forces" are aircraft."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import Incident, IncidentType


def incidents(text: str, title: str | None = None) -> list[Incident]:
    return passage_incidents(text, dt.date(2017, 11, 14), title)


def types(text: str, title: str | None = None) -> set[IncidentType]:
    return {i.type for i in incidents(text, title)}


def main_type(text: str, title: str | None = None) -> IncidentType:
    return next(i.type for i in incidents(text, title) if i.main)


def test_strike_at_the_site_of_an_old_chemical_attack_stays_an_air_strike() -> None:
    text = (
        "Warplanes struck the market of Kafr Zita on Monday, killing nine people, near the "
        "town that was the site of the government's deadly chemical attack in spring, "
        "activists said."
    )
    assert main_type(text) == IncidentType.AIR_STRIKE
    assert IncidentType.CHEMICAL_ATTACK not in types(text)


def test_missiles_on_a_base_used_as_a_launchpad_for_gas_attacks_are_missiles() -> None:
    text = (
        "Dozens of cruise missiles fired from warships hit the Tiyas airfield in Homs province "
        "on Monday, a base the West describes as a launchpad for a chemical attack on the "
        "north. Four soldiers were killed, state television said."
    )
    assert main_type(text) == IncidentType.SHELLING


def test_chemical_attack_told_as_the_news_is_still_a_chemical_attack() -> None:
    # the rule reads only place history: a chemical attack told for itself outranks its bombs
    text = (
        "Helicopters dropped barrels filled with chlorine on Kafr Zita on Monday, killing "
        "four people and leaving dozens choking, activists said."
    )
    assert main_type(text) == IncidentType.CHEMICAL_ATTACK


def test_aerospace_forces_that_struck_are_an_air_strike() -> None:
    text = (
        "The Russian Aerospace Forces destroyed a militant command post and killed 40 fighters "
        "near Mayadin in Deir ez-Zor province on Monday as the offensive on the east bank went "
        "on, the defence ministry said."
    )
    assert main_type(text) == IncidentType.AIR_STRIKE


def test_aerospace_forces_only_named_tell_no_air_strike() -> None:
    text = (
        "The Russian Aerospace Forces have a base at Hmeimim in Latakia province, the ministry "
        "said on Monday in a statement about the talks."
    )
    assert IncidentType.AIR_STRIKE not in types(text)


def test_fronted_days_after_a_chemical_attack_only_times_the_news() -> None:
    text = (
        "Only days after a government chemical attack in the north, a man was killed and 12 "
        "people were wounded on a bus in the town of Tadef on Sunday. The bomb went off in "
        "Tadef as the bus carried workers to a factory."
    )
    assert main_type(text) == IncidentType.EXPLOSION


def test_fronted_clause_whose_attack_killed_is_no_news_of_its_own() -> None:
    # "that killed": the dead are the chemical attack's own, so it stays a chemical attack
    text = (
        "Days after a chemical attack that killed 30 people in the village of Tadef on Sunday, "
        "residents were still searching for the missing."
    )
    assert IncidentType.CHEMICAL_ATTACK in types(text)
