"""Round 17: place readings on passages we wrote; none is copied from FA-KES or the seed texts."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents

DAY = dt.date(2016, 7, 5)


def _places(text: str) -> set[str]:
    return {i.place.name for i in passage_incidents(text, DAY) if i.place is not None}


def test_a_second_town_with_its_article_stays_in_the_list() -> None:
    """ "the towns of Nubbul and al-Zahraa": the article opening the second name does not end
    the list, so each town is shelled."""
    places = _places(
        "Rebels fired shells at the towns of Nubbul and al-Zahraa on Monday, killing three people."
    )
    assert {"Nubbul", "Zahraa"} <= places


def test_two_towns_both_with_their_article() -> None:
    """ "al-Fouaa and al-Kefraya": both towns of the list."""
    places = _places("Insurgents shelled al-Fouaa and al-Kefraya on Monday, killing two people.")
    assert {"al-Fouaa", "Kafraya"} <= places
