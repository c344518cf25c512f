"""Death tolls on passages we wrote (round 23, r23-toll): an earlier attack the report recalls
after "came two weeks after" / "days after" is never folded into the news it follows (nor coded
as an incident of its own beside it), whether it is told with a word of another type ("a
suicide bombing" after "the attack") or of the news's own ("air strikes" after "the raids"):
its dead are not the news's toll, nor the top of a range over it. A toll "raised to" or
"brought to" a figure is its new count, which replaces the counts and parts told before it."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 5, 10)
T = IncidentType


def _toll(text: str) -> tuple[int | None, int | None, int | None]:
    main = main_incident(text, TUESDAY)
    return main.killed.low, main.killed.best, main.killed.high


def test_an_earlier_bombing_recalled_after_came_weeks_after_keeps_its_own_dead() -> None:
    text = (
        "A car bomb killed 12 people in the town of Azaz on Monday, the monitor said. The attack "
        "came two weeks after a suicide bombing at a checkpoint near the town killed 25."
    )
    main = main_incident(text, TUESDAY)
    assert main.type == T.EXPLOSION and main.date == dt.date(2016, 5, 9)
    assert _toll(text) == (12, 12, 12)
    # the recalled bombing is background: no incident takes its dead
    assert not any(
        i.killed.known and 25 in (i.killed.low, i.killed.high)
        for i in passage_incidents(text, TUESDAY)
    )


def test_an_earlier_raid_told_with_the_news_own_word_gives_it_no_dead() -> None:
    for recall in (
        "The raids came days after air strikes killed 20 civilians in the town.",
        "The strikes came a week after air raids on the town killed 20 civilians.",
    ):
        text = "Air strikes killed 11 people in the town of Ariha on Monday. " + recall
        assert _toll(text) == (11, 11, 11), recall


def test_an_earlier_raid_told_again_later_still_joins_its_own_telling() -> None:
    # the news told again after the recall is still the news: its count is another source's
    text = (
        "Air strikes killed 11 people in the town of Ariha on Monday. The raids came days after "
        "air strikes killed 20 civilians in the town. Activists put the toll of Monday's strikes "
        "at 13."
    )
    low, best, high = _toll(text)
    assert low == 11 and high in (13, None) and best in (None, 11, 13)


def test_a_toll_raised_or_brought_to_a_figure_is_its_new_count() -> None:
    for later in (
        "The monitor said the blast had killed 16 people, then raised its toll to 19.",
        "Later the monitor raised the death toll to 19.",
        "Rescuers pulled more bodies from the rubble, bringing the toll to 19.",
    ):
        text = (
            "A car bomb exploded at a market in the town of Azaz on Monday, killing 8 people. "
            "Officials said three soldiers were among the dead. " + later
        )
        assert _toll(text) == (19, 19, 19), later
