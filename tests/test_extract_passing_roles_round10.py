"""Round 10 (issue 15): trigger words that name an incident without telling a new one: a force
"backed up by" jets, arms destroyed, an aircraft that crashed, a condition ("in case of"), an
event pointed back at ("that incident"), and an untyped "attack" that is a recalled
trigger's noun. Passages are our own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 8, 18)


def types(text: str, day: dt.date = DAY) -> list[T]:
    return [i.type for i in extract(passage(text, day)).incidents]


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
        "Shelling killed five people in Douma in Rif Dimashq on Thursday. Fighters moved to "
        "safer positions in Douma in case of another chemical attack."
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


APRIL = dt.date(2017, 4, 5)


def test_a_timeline_entry_repeated_without_its_date_stays_background() -> None:
    entry = (
        "Washington accuses the regime of killing more than 1,400 people with sarin near Damascus."
    )
    text = (
        "A gas attack killed 60 people in Khan Sheikhun in Idlib province on Tuesday. "
        f"Timeline. August 21 2013 {entry} 2014 The jihadists expand in the east. "
        f"The timeline again. {entry}"
    )
    got = types(text, APRIL)
    assert got == [T.CHEMICAL_ATTACK]  # Khan Sheikhun only: no chemical attack near Damascus


def test_that_pointing_back_at_a_background_sentence_is_background_too() -> None:
    text = (
        "A gas attack killed 60 people in Khan Sheikhun in Idlib province on Tuesday. Damascus "
        "handed over its declared arsenal in 2013 under a deal. That deal came after hundreds "
        "were killed in sarin strikes east of Damascus."
    )
    assert types(text, APRIL) == [T.CHEMICAL_ATTACK]


def test_a_plan_the_fighting_prepares_is_no_capture() -> None:
    text = (
        "Kurdish-led fighters killed 10 militants in clashes near Tabqa in Raqqa province on "
        "Saturday, in preparation for the final liberation of Raqqa city."
    )
    got = types(text)
    assert T.ARMED_CLASH in got
    assert T.TERRITORY_TAKEN not in got


def test_the_bombing_took_place_in_a_street_tells_the_same_bombing() -> None:
    text = (
        "A car bomb killed three people in Homs on Monday. State television said the explosion "
        "took place in the Zahraa district of the city and that 19 people were wounded."
    )
    got = incidents(text)
    assert [i.type for i in got] == [T.EXPLOSION]
    assert got[0].killed.low == 3


def incidents(text: str, day: dt.date = DAY):
    return extract(passage(text, day)).incidents


def test_fighters_killed_by_aerospace_forces_are_an_air_strike() -> None:
    text = "Russia's Aerospace Forces killed 30 militants near Mayadin in Deir ez-Zor on Tuesday."
    assert types(text) == [T.AIR_STRIKE]


def test_a_chemical_massacre_is_a_chemical_attack() -> None:
    text = "The opposition said a chemical massacre killed 40 people in Zamalka on Tuesday."
    assert types(text) == [T.CHEMICAL_ATTACK]


def test_fighters_counted_past_an_aside_in_brackets_make_a_clash() -> None:
    text = (
        "Kurdish-led forces killed 35 Daesh (outlawed in Russia) militants near Tabqa in Raqqa "
        "province on Saturday, media reported."
    )
    assert types(text) == [T.ARMED_CLASH]
