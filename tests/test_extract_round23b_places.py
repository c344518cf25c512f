"""Per-town tolls on passages we wrote (round 23, r23b-places): a figure told "in each of the
towns of X and Y" is every listed town's (one incident per town, each with that toll); a
figure's place is reached in words before the place's phrase, not raw tokens ("four were
killed in the city of X"); a count told at a place we do not know is no other town's."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import Incident, IncidentType

TUESDAY = dt.date(2016, 5, 10)
MONDAY = dt.date(2016, 5, 9)
T = IncidentType


def _by_town(text: str) -> dict[str, tuple[IncidentType, int | None]]:
    """Each incident's place with its type and killed figure (best, else low)."""
    out: dict[str, tuple[IncidentType, int | None]] = {}
    for i in passage_incidents(text, TUESDAY):
        assert i.place is not None, i
        out[i.place.name] = (i.type, _killed(i))
    return out


def _killed(i: Incident) -> int | None:
    return i.killed.best if i.killed.best is not None else i.killed.low


def test_a_figure_in_each_of_the_towns_listed_is_every_towns_toll() -> None:
    for text in (
        "Air strikes killed two people in each of the towns of Hamouriyeh and Saqba on Monday.",
        "Two were killed in each of the towns of Hamouriyeh and Saqba on Monday in air strikes.",
    ):
        assert _by_town(text) == {
            "Hamouriyeh": (T.AIR_STRIKE, 2),
            "Saqba": (T.AIR_STRIKE, 2),
        }, text


def test_each_of_the_cities_and_the_towns_reaches_every_place_of_the_list() -> None:
    text = (
        "Air strikes on Monday killed one person in each of the cities of Harasta and Douma "
        "and the towns of Saqba and Hamouriyeh."
    )
    towns = _by_town(text)
    assert towns == {n: (T.AIR_STRIKE, 1) for n in ("Harasta", "Douma", "Saqba", "Hamouriyeh")}


def test_a_count_sentence_reaches_its_town_across_the_verb_and_the_kind_noun() -> None:
    # the second sentence has no incident word: its towns' counts are more of the strikes
    text = (
        "Air strikes killed eight civilians in the town of Zamalka on Monday, the monitor said. "
        "Three civilians were killed in the city of Arbin and one was killed in each of the "
        "towns of Saqba and Kafr Batna, rescuers said."
    )
    towns = _by_town(text)
    assert towns["Irbin"] == (T.AIR_STRIKE, 3)
    assert towns["Saqba"] == (T.AIR_STRIKE, 1)
    assert towns["Kafr Batna"] == (T.AIR_STRIKE, 1)
    assert towns["Zamalka"] == (T.AIR_STRIKE, 8)
    assert all(i.date == MONDAY for i in passage_incidents(text, TUESDAY))


def test_a_count_at_a_place_we_do_not_know_is_no_other_towns() -> None:
    text = (
        "Air strikes killed 30 people in Aleppo on Monday including 9 in the neighborhood "
        "Salihin 8 in Ansari 5 in Marjeh and 1 in each of the districts of Bustan al-Qasr."
    )
    towns = _by_town(text)
    assert towns["Salihin"] == (T.AIR_STRIKE, 9)
    assert towns["Ansari"] == (T.AIR_STRIKE, 8)  # not 5-8: the 5 were killed elsewhere


def test_an_area_toll_stays_beside_the_towns_counted_after_it() -> None:
    text = (
        "Air strikes killed 20 civilians in Eastern Ghouta on Monday. Three civilians were "
        "killed in the city of Arbin and two in the town of Saqba, rescuers said."
    )
    towns = _by_town(text)
    assert towns["Eastern Ghouta"] == (T.AIR_STRIKE, 20)
    assert towns["Irbin"] == (T.AIR_STRIKE, 3)
    assert towns["Saqba"] == (T.AIR_STRIKE, 2)


def test_also_known_as_does_not_set_the_towns_apart_from_the_dated_lead() -> None:
    # "also known as" names the source again; it is no "also" joining a new happening, so the
    # roundup lead's day covers the towns it itemises (GOLD-DEV.md)
    found = passage_incidents(
        "At least eight civilians were killed on Monday in air strikes on the Eastern Ghouta, "
        "rescuers said. Five were killed in the town of Saqba and one was killed in each of "
        "the towns of Hamouriyeh and Harasta, civil defence workers, also known as the White "
        "Helmets, said.",
        TUESDAY,
    )
    towns = {i.place.name: i for i in found if i.place is not None}
    for name in ("Saqba", "Hamouriyeh", "Harasta"):
        assert name in towns, sorted(towns)
        assert towns[name].date == MONDAY, name
        assert any(m.field == "date" for m in towns[name].evidence), name
