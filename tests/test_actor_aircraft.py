"""Which actors fly combat aircraft: the plausibility check for air-strike perpetrators."""

from __future__ import annotations

import pytest

from trucewatch.gazetteer.actors import ActorDictionary, has_aircraft


@pytest.mark.parametrize(
    "name",
    [
        "Syrian government forces",
        "Syrian Arab Air Force",
        "regime helicopters",
        "Russian forces",
        "Russian Aerospace Forces",  # a child of Russian forces inherits the mark
        "US-led coalition",
        "Royal Air Force",  # a coalition member's air force
        "Jordanian warplanes",
        "Turkish forces",
        "Israeli forces",
        "Damascus government",  # the state body that commands an air force
    ],
)
def test_forces_that_fly(name: str) -> None:
    assert has_aircraft(name) is True


@pytest.mark.parametrize(
    "name",
    [
        "Syrian opposition",
        "Ahrar al-Sham",  # a faction under the opposition: the parent has no aircraft
        "Free Syrian Army",
        "ISIL",
        "Jabhat al-Nusra",
        "Kurdish forces (YPG/SDF)",
        "YPG",
        "Hezbollah",
        "Iranian forces",
        "SANA",  # state media under a government with an air force still flies nothing
        "Syrian Observatory for Human Rights",
        "UN OCHA",
    ],
)
def test_parties_without_aircraft(name: str) -> None:
    assert has_aircraft(name) is False


@pytest.mark.parametrize("name", ["Aleppo", "residents", "Colonel Nobody", ""])
def test_unknown_names_give_none(name: str) -> None:
    assert has_aircraft(name) is None


def test_the_mark_comes_from_the_data_and_runs_down_the_hierarchy() -> None:
    def record(aid: str, parent: str | None, aircraft: bool = False) -> dict:
        return {
            "id": aid, "name": aid.title(), "kind": "faction", "parent": parent,
            "valid_from": None, "valid_to": None, "aliases": [{"name": aid.title()}],
            "aircraft": aircraft,
        }  # fmt: skip

    actors = ActorDictionary(
        {"actors": [record("north", None, True), record("wing", "north"), record("south", None)]}
    )
    assert actors.has_aircraft("Wing") is True
    assert actors.has_aircraft("South") is False
    assert actors.has_aircraft("East") is None
