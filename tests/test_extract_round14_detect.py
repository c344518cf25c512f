"""Which incidents are found at all, on passages we wrote (round 14): "fighting" that only says
who a group is."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType

SATURDAY = dt.date(2017, 4, 15)
CLASH = IncidentType.ARMED_CLASH


def incidents(text: str, published: dt.date = SATURDAY, title: str | None = None):
    return extract(passage(text, published, title)).incidents


def kinds(text: str, published: dt.date = SATURDAY) -> list[IncidentType]:
    return [i.type for i in incidents(text, published)]


# --- "fighting" describing who a group is -------------------------------------------------------


def test_men_fighting_both_sides_tell_no_clash():
    text = (
        "Militants hanged six men in the village of Maskanah on Friday, five of them rebels "
        "fighting both the government and the jihadists, a monitor said."
    )
    assert CLASH not in kinds(text)


def test_a_militia_fighting_alongside_the_army_tells_no_clash():
    text = (
        "A car bomb killed four members of a militia fighting alongside the army in the town "
        "of Salamiyah on Friday, state media said."
    )
    assert CLASH not in kinds(text)
    assert IncidentType.EXPLOSION in kinds(text)


def test_troops_fighting_rebels_on_a_day_still_clash():
    text = (
        "Government troops were fighting rebels near the town of Maskanah on Friday, "
        "a monitor said."
    )
    assert CLASH in kinds(text)


# --- "Meanwhile" turns to another happening -----------------------------------------------------


def test_a_meanwhile_strike_at_another_town_is_its_own_incident():
    text = (
        "At least 30 people were killed in air strikes on a market in Idlib province on Sunday, "
        "a civil defence official said. Meanwhile two people were killed in an air strike on a "
        "house in the town of Saraqib."
    )
    strikes = [i for i in incidents(text) if i.type == IncidentType.AIR_STRIKE]
    assert len(strikes) == 2
    main = next(i for i in strikes if i.main)
    assert main.place is not None and main.place.name != "Saraqib"
    assert main.killed.low == 30


def test_meanwhile_at_the_same_town_still_tells_the_same_strike():
    text = (
        "At least 30 people were killed in air strikes on a market in the town of Saraqib on "
        "Sunday, a civil defence official said. Meanwhile rescuers said the strikes on Saraqib "
        "had wounded 50 more."
    )
    strikes = [i for i in incidents(text) if i.type == IncidentType.AIR_STRIKE]
    assert len(strikes) == 1


# --- an offensive summed up to now, or named as what other fire backs ---------------------------


def test_an_offensive_summed_up_in_the_present_perfect_is_no_clash():
    text = (
        "Air strikes killed six people in the village of Maskanah early on Tuesday, a monitor "
        "said. The army's offensive against the rebel-held east of Aleppo - which has destroyed "
        "hospitals and schools - has plunged the country into the worst violence of the war."
    )
    assert CLASH not in kinds(text)


def test_an_offensive_backed_by_a_bombing_campaign_is_no_clash():
    text = (
        "Air strikes killed six people in the village of Maskanah early on Tuesday, a monitor "
        "said. The West has accused Russia of war crimes over its bombing campaign in Aleppo "
        "in support of the regime offensive."
    )
    assert CLASH not in kinds(text)


def test_an_offensive_told_as_launched_on_a_day_is_still_a_clash():
    text = "The army's offensive on the rebel-held town of Maskanah was launched on Friday."
    assert CLASH in kinds(text)


def test_an_offensive_counting_its_dead_since_a_day_is_still_a_clash():
    text = (
        "The army's offensive on the rebel-held town of Maskanah has killed 40 fighters since "
        "Thursday, a monitor said."
    )
    assert CLASH in kinds(text)


# --- recent gains summed up ----------------------------------------------------------------------


def test_recent_victories_that_won_control_are_a_campaign_not_a_capture():
    text = (
        "Mortar fire killed 12 civilians in the town of Maskanah, state media said. The army's "
        "recent victories in the east of Aleppo were secured after it started special operations "
        "there, and it eventually managed to win full control of the northern districts."
    )
    assert IncidentType.TERRITORY_TAKEN not in kinds(text)


def test_a_capture_told_on_a_day_beside_recent_gains_stays():
    text = (
        "Building on its recent gains, the army captured the town of Maskanah on Friday, "
        "state media said."
    )
    assert IncidentType.TERRITORY_TAKEN in kinds(text)
