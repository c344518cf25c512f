"""A chemical attack told again as the strike that carried it, on passages we wrote (round 24,
r24b-merge): a strike told after the gas attack in its area, on its day or none, at no town of
its own and with no dead of its own, is the attack, not a second incident; "the shelling"
pointing back at the gas attack is it even at the towns it names. A strike set apart ("also"),
by another camp, or with dead of its own stays a strike."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2017, 4, 5)
T = IncidentType

GAS = (
    "A suspected sarin attack by government jets killed at least 60 people in the town of "
    "Khan Sheikhoun in Idlib province on Tuesday, a monitor said. "
)


# Sentences between two tellings, so the later one is not placed from the earlier's context.
FILLER = (
    "The inquiry has been slow. Diplomats met in Geneva. Talks resumed on Monday. Envoys "
    "urged calm. A vote is due next week. "
)


def kinds(text: str) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, DAY)]


def test_a_denied_air_strike_on_the_province_is_the_gas_attack() -> None:
    text = GAS + (
        "Doctors described patients gasping for air. Moscow's defence ministry said on Tuesday "
        "that Russian jets had carried out no air strikes on Idlib."
    )
    assert kinds(text) == [T.CHEMICAL_ATTACK]


def test_the_shelling_pointing_back_at_the_gas_attack_is_it_at_its_towns() -> None:
    text = (
        "Syrian troops fired rockets loaded with poison gas at the eastern suburbs of Damascus "
        "on Wednesday, killing dozens, activists said. The government denied it. The monitor "
        "said the shelling was heavy and hit the suburbs of Zamalka and Ein Tarma."
    )
    found = passage_incidents(text, dt.date(2013, 8, 21))
    assert found and all(i.type == T.CHEMICAL_ATTACK for i in found)


def test_a_strike_also_told_stays_a_strike() -> None:
    text = GAS + (
        "Doctors described patients gasping for air. Russian jets also carried out air strikes "
        "on Idlib on Tuesday, the monitor said."
    )
    assert T.AIR_STRIKE in kinds(text)


def test_a_strike_with_dead_of_its_own_stays_a_strike() -> None:
    text = GAS + (
        "Doctors described patients gasping for air. On Tuesday Russian air strikes on Idlib "
        "killed three rebels, the monitor said."
    )
    assert T.AIR_STRIKE in kinds(text)


def test_a_strike_by_another_camp_stays_a_strike() -> None:
    text = GAS + (
        "Doctors described patients gasping for air. US-led coalition jets carried out air "
        "strikes on Idlib on Tuesday, the monitor said."
    )
    assert T.AIR_STRIKE in kinds(text)


def test_a_dated_strike_after_an_undated_gas_attack_recalled_stays_a_strike() -> None:
    text = (
        "A gas attack on the town of Khan Sheikhoun in Idlib province killed dozens of people "
        "this spring, investigators have said. " + FILLER + "Russian jets carried out air "
        "strikes on Idlib on Tuesday, a monitor said."
    )
    assert T.AIR_STRIKE in kinds(text)
