"""Death tolls on passages we wrote (round 24, r24-toll): "the number of civilians killed in
the strike has risen to 20" gives the toll's new count, read like "the death toll ... has risen
to 20" over the words that name the incident, so the update replaces an earlier, lower count;
"the number of dead" reads its update too, while a number of people counted with no update
verb, and "a number of people were killed", give no figure from the phrase."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident

SATURDAY = dt.date(2017, 4, 8)


def _toll(text: str) -> tuple[int | None, int | None, int | None]:
    main = main_incident(text, SATURDAY)
    return main.killed.low, main.killed.best, main.killed.high


def test_number_of_civilians_killed_risen_to_replaces_the_earlier_count() -> None:
    text = (
        "Coalition jets bombed the village of Hneida west of Raqqa on Saturday. Earlier in the "
        "day state media reported that at least 9 civilians were killed in the raid. The number "
        "of civilians killed by the coalition raid on the village has risen to 22, a monitor "
        "said later."
    )
    assert _toll(text) == (22, 22, 22)


def test_number_of_dead_reached_is_the_toll() -> None:
    text = (
        "A car bomb exploded at a market in the town of Azaz on Saturday morning. By the "
        "evening the number of dead from the blast at the market had reached 17, medics said."
    )
    assert _toll(text) == (17, 17, 17)


def test_number_of_people_killed_without_an_update_verb_adds_no_figure() -> None:
    text = (
        "A car bomb killed 8 people at a market in the town of Azaz on Saturday. Medics said "
        "the number of people killed could rise because many of the wounded were in a "
        "critical state, and a number of people were killed in other towns in recent weeks."
    )
    assert _toll(text) == (8, 8, 8)
