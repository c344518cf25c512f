"""Round 24 (r24b-background): what a report names without telling an incident the gold codes,
on passages we wrote.

A sniper's killing fits none of the coded types (GOLD-DEV-2.md), so "a sniper shot dead two
people in the X quarter" is no shelling; rockets told beside the sniper ("rebel rocket and sniper
fire") still make the shelling, by their own word.
"""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
FRIDAY = dt.date(2016, 5, 6)


def _shellings(text: str) -> list[str | None]:
    return [
        i.place.name if i.place else None
        for i in passage_incidents(text, FRIDAY)
        if i.type == T.SHELLING
    ]


def test_a_sniper_killing_is_no_shelling() -> None:
    found = _shellings(
        "Militants fired mortar shells at the Midan district of Aleppo on Friday, injuring six "
        "people, a police source said. The source added that a sniper positioned in Bustan "
        "al-Qasr shot dead two residents of the Masharqa district."
    )
    assert found, "the mortar fire is still a shelling"
    assert not any(p and "Masharqa" in p for p in found)


def test_snipers_alone_tell_no_incident() -> None:
    assert not _shellings(
        "Government snipers killed a teenager in the besieged town of Madaya on Friday, "
        "residents said."
    )


def test_rockets_told_with_sniper_fire_stay_a_shelling() -> None:
    assert _shellings(
        "Rebel rocket and sniper fire killed four people in the Ramouseh district of Aleppo on "
        "Friday, state media said."
    )


# Fire or fighting told as a state going on ("ongoing fighting", "have continued bombardment")
# with no day, town or toll of its own is the war's state, not one incident; a sentence that
# tells a town or a day keeps it (the gold codes "continues to hit the neighbourhoods of X").
MONDAY = dt.date(2016, 8, 1)


def _violent(text: str) -> list[tuple[IncidentType, str | None]]:
    return [
        (i.type, i.place.name if i.place else None)
        for i in passage_incidents(text, MONDAY)
        if i.type.violent
    ]


def test_ongoing_fighting_and_strikes_are_no_incident() -> None:
    found = _violent(
        "Rebels captured the town of Manbij on Monday, the monitor said. It also reported "
        "ongoing fighting as well as government air strikes on the battlefield and the "
        "rebel-held eastern neighbourhoods of Aleppo."
    )
    assert (T.TERRITORY_TAKEN, "Manbij") in found
    assert not any(t == T.AIR_STRIKE for t, _ in found)


def test_continued_shelling_at_a_named_town_on_a_day_stays() -> None:
    found = _violent(
        "Government forces kept up their continued shelling of the town of Saraqib on Monday, "
        "residents said."
    )
    assert any(t == T.SHELLING for t, _ in found)
