"""Round 10 (issue 15): trigger words that name an incident without telling a new one: a force
"backed up by" jets, arms destroyed, an aircraft that crashed, a condition ("in case of"), an
event pointed back at ("that incident"), and an untyped "attack" that is a recalled
trigger's noun. Passages are our own."""

from __future__ import annotations

import datetime as dt

from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.report import Published, PublishedBasis, Report, Source

DAY = dt.date(2016, 8, 18)


def types(text: str, day: dt.date = DAY) -> list[T]:
    pub = Published(PublishedBasis.METADATA, date=day)
    report = Report(source=Source("test"), text=text, published=pub, id="r1")
    return [i.type for i in extract(report).incidents]


def test_jets_that_backed_up_a_ground_force_are_no_air_strike() -> None:
    text = (
        "Army troops backed up by fighter jets killed 40 militants in clashes near the village "
        "of Khan Tuman in Aleppo province on Thursday."
    )
    got = types(text)
    assert T.ARMED_CLASH in got
    assert T.AIR_STRIKE not in got


def test_launchers_destroyed_are_no_shelling() -> None:
    text = (
        "Army units killed 30 gunmen in clashes in Ramouseh in Aleppo on Thursday and destroyed "
        "two rocket launchers and a cannon."
    )
    got = types(text)
    assert T.ARMED_CLASH in got
    assert T.SHELLING not in got


def test_a_helicopter_that_crashed_is_no_air_strike() -> None:
    text = "Two officers were killed in Homs province on Wednesday when their helicopter crashed."
    assert T.AIR_STRIKE not in types(text)


def test_a_condition_is_no_chemical_attack() -> None:
    text = (
        "Shelling killed five people in Douma in Rif Dimashq on Thursday. Western capitals "
        "warned of a response in case of another chemical attack on Douma."
    )
    got = types(text)
    assert T.SHELLING in got
    assert T.CHEMICAL_ATTACK not in got


def test_gas_in_that_incident_points_back_and_tells_no_new_attack() -> None:
    text = (
        "An air strike killed 12 fighters near Tabqa in Raqqa province on Tuesday. Moscow said "
        "the poison gas in that incident in Idlib province belonged to the rebels."
    )
    got = types(text)
    assert got == [T.AIR_STRIKE]


def test_the_attack_after_a_recalled_weapon_is_no_untyped_attack() -> None:
    text = (
        "Diplomats met in Geneva on Thursday near the anniversary of the chemical weapons attack "
        "in Ghouta in Rif Dimashq that killed 1,400 people."
    )
    assert types(text) == []
