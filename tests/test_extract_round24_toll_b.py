"""Death tolls on passages we wrote (round 24, second wave, r24b-toll).

- "said more than 60 people had died" is the toll's low end, never 60 dead added to others:
  the "more" of "more than" adds no one, so the number replaces an earlier "dozens" (one check
  already read it so; now all of them do).
- "killing at least 30 people, most of whom were women and children" tells one incident's dead:
  "of whom" after a word taking a share of the people just counted is no tally, while "of
  whom 14 were children" after a total still sums a tally up.
"""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident

SUNDAY = dt.date(2016, 3, 6)


def _toll(text: str) -> tuple[int | None, int | None, int | None]:
    main = main_incident(text, SUNDAY)
    return main.killed.low, main.killed.best, main.killed.high


def test_more_than_n_after_dozens_is_the_toll_not_more_dead() -> None:
    text = (
        "Government jets bombed a crowded market in the town of Maarat al-Numan on Sunday, "
        "killing dozens, residents said. Hours later a doctor at the town's field hospital "
        "said more than 60 people had died."
    )
    assert _toll(text) == (60, None, None)


def test_more_n_others_still_add_to_the_dead() -> None:
    text = (
        "A car bomb went off near a checkpoint in the town of Azaz on Sunday, killing 9 "
        "people, medics said. Three more people died of their wounds in hospital."
    )
    assert _toll(text)[0] != 3


def test_share_of_whom_tells_the_incidents_dead() -> None:
    text = (
        "Warplanes struck a busy market in the town of Douma on Sunday, killing at least 30 "
        "people, most of whom were women and children, a monitoring group said."
    )
    assert _toll(text) == (30, None, None)


def test_some_of_whom_after_soldiers_keeps_the_toll() -> None:
    text = (
        "Militants shelled an army post outside the town of Tabqa on Sunday killing at least 12 "
        "soldiers some of whom were badly burned the monitor said."
    )
    assert _toll(text)[0] == 12
