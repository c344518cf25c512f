"""Death tolls on passages we wrote (round 19, r19-toll): a headline restating a figure the
body tells only as a period's tally is that tally, no incident's toll; a day's total split by
place ("in total 22 ... including 9 in A 8 in B") gives each place its part, as the same split
without "in total" does, while a period's total split so stays a tally; an explicit "no
casualties" ("left no human casualties", "there were no injuries") is a count of none, never a
count beside a toll, and "no reports of casualties" is no count at all."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import Incident, IncidentType

WEDNESDAY = dt.date(2016, 3, 9)
T = IncidentType


def test_a_headline_restating_a_period_tally_is_no_toll() -> None:
    text = (
        "120 Fighters Killed in Tal Hamis. Fighting raged around the town of Tal Hamis on "
        "Tuesday as Kurdish units repelled a new assault. Clashes around the town have killed "
        "about 120 fighters in the past four days, a monitor said."
    )
    main = main_incident(text, WEDNESDAY, title="120 Fighters Killed in Tal Hamis")
    assert main.killed.low is None and main.killed.best is None


def test_a_headline_restating_the_days_toll_stays_the_toll() -> None:
    text = (
        "12 Killed in Tal Hamis. Air strikes on the town of Tal Hamis killed 12 people on "
        "Tuesday, a monitor said. Clashes around the town have killed about 120 fighters in "
        "the past four days."
    )
    main = main_incident(text, WEDNESDAY, title="12 Killed in Tal Hamis")
    assert main.killed.best == 12


SPLIT = (
    "{total} 22 people were killed in air strikes on Idlib province {when} including 9 in "
    "Saraqeb 8 in Binnish and 5 in Taftanaz, a monitor said. Rescue workers searched the rubble."
)


def _tolls(text: str) -> dict[str, int | None]:
    return {
        i.place.name: i.killed.best
        for i in passage_incidents(text, WEDNESDAY)
        if i.type == T.AIR_STRIKE and i.place is not None
    }


def test_a_days_total_split_by_place_gives_each_place_its_part() -> None:
    for total in ("In total", "A total", "A total of"):
        tolls = _tolls(SPLIT.format(total=total, when="on Tuesday"))
        assert sorted(v for v in tolls.values() if v is not None) == [5, 8, 9], total


def test_a_periods_total_split_by_place_stays_a_tally() -> None:
    tolls = _tolls(SPLIT.format(total="In total", when="over the past week"))
    assert not any(tolls.values())


def _shelling(text: str) -> list[Incident]:
    return [i for i in passage_incidents(text, WEDNESDAY) if i.type == T.SHELLING]


def test_an_explicit_no_casualties_is_a_count_of_none() -> None:
    found = _shelling(
        "Militants fired mortar shells on the town of Jableh on Tuesday, a police source "
        "said. The shells caused material damage to houses but left no human casualties."
    )
    assert found and found[0].killed.best == 0 and found[0].injured.best == 0


def test_no_injuries_zeroes_only_the_hurt() -> None:
    found = _shelling(
        "Militants fired mortar shells on the town of Jableh on Tuesday, a police source "
        "said. There were no injuries."
    )
    assert found and found[0].injured.best == 0 and not found[0].killed.known


def test_no_casualties_beside_a_count_leaves_the_count() -> None:
    main = main_incident(
        "Rebel shelling killed four people in the town of Jableh on Tuesday, a police source "
        "said. No casualties among the fighters were reported.",
        WEDNESDAY,
    )
    assert main.killed.best == 4


def test_unknown_casualties_are_no_count() -> None:
    found = _shelling(
        "Militants fired mortar shells on the town of Jableh on Tuesday, a police source "
        "said. There were no immediate reports of casualties."
    )
    assert found and not found[0].killed.known and not found[0].injured.known
