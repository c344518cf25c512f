"""Background told beside the news, on passages we wrote (round 20, r20-reading): a weapon in
a present-perfect clause of using ("shells that the army has used in Hama"), a span of years
ending in a trigger ("after three years of shelling") and a clause a plan opens ("planned to
storm the village using car bombs") tell no incident of their own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 5, 10)
T = IncidentType

LEAD = "Rebel shelling killed six people in the town of Salamiyah on Monday, a monitor said. "


def governorates(text: str) -> set[str | None]:
    return {i.place.governorate if i.place else None for i in passage_incidents(text, DAY)}


def test_a_weapon_in_a_perfect_clause_of_using_is_a_habit() -> None:
    text = LEAD + (
        "Rights groups condemned the barrel bombs that the government has dropped to deadly "
        "effect in Daraa province and elsewhere."
    )
    assert "Daraa" not in governorates(text)


def test_a_weapon_whose_clause_tells_its_own_strike_stays() -> None:
    text = LEAD + "Rockets that hit the market in Hama city on Monday killed four people."
    assert any(i.type == T.SHELLING and i.killed.best == 4 for i in passage_incidents(text, DAY))


def test_years_of_shelling_are_the_background_of_the_news() -> None:
    text = LEAD + (
        "The town has returned to government control after three years of bombardment and "
        "siege in the district of Waer."
    )
    assert "Homs" not in governorates(text)


def test_a_plan_clause_tells_no_capture() -> None:
    text = LEAD + (
        "A commander said the militants planned to storm the army posts and recapture the "
        "village of Tal Dahab using car bombs."
    )
    found = passage_incidents(text, DAY)
    assert not [i for i in found if i.type in (T.TERRITORY_TAKEN, T.EXPLOSION)]


def test_a_deed_after_the_plan_clause_still_counts() -> None:
    text = (
        "The militants planned to storm the army posts, but troops shelled their positions "
        "in the village of Tal Dahab on Monday, killing 12 fighters."
    )
    found = passage_incidents(text, DAY)
    assert any(i.type == T.SHELLING for i in found)


def test_evacuees_named_in_a_pluperfect_clause_are_not_evacuated_that_day() -> None:
    text = (
        "On Sunday a car bomb exploded in the Ramousseh district of Aleppo near buses carrying "
        "civilians who had been evacuated from the towns of Nubl and Zahraa, killing 40 people."
    )
    found = passage_incidents(text, DAY)
    assert any(i.type == T.EXPLOSION for i in found)
    assert not [i for i in found if i.type == T.HUMANITARIAN_DELIVERY]


def test_residents_who_were_evacuated_on_a_day_of_their_own_still_count() -> None:
    text = (
        "About 300 residents were evacuated from the town of Nubl on Sunday, the Red Crescent said."
    )
    found = passage_incidents(text, DAY)
    assert [i for i in found if i.type == T.HUMANITARIAN_DELIVERY]


def test_a_capture_described_inside_the_plan_clause_still_counts() -> None:
    text = (
        "A commander said the militants planned to storm army posts and retake the "
        "just-liberated areas of Tal Dahab using car bombs."
    )
    found = passage_incidents(text, DAY)
    assert [i for i in found if i.type == T.TERRITORY_TAKEN]
