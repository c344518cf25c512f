"""Incidents the extractor used to miss, on passages we wrote (round 25, r25-recall).

A force named as having "attacked" a town or village, in a sentence that names no weapon,
fought there: an armed clash at that place, as "army units destroyed the terrorists'
vehicles in X" already is. Such a clash never takes the place of the report's own untyped
attack in its lead."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType

T = IncidentType
MONDAY = dt.date(2015, 6, 22)


def _incidents(text: str) -> list[tuple[IncidentType, str | None]]:
    got = extract(passage(text, MONDAY)).incidents
    return [(i.type, i.place.name if i.place else None) for i in got]


def test_militants_who_attacked_a_village_fought_there() -> None:
    text = (
        "A car bomb went off near the main square of Kobani on Monday, killing four people, "
        "local officials said. The militants also attacked the village of Tal Abyad to the "
        "east on Monday, killing 12 people there, a Kurdish spokesman said."
    )
    got = _incidents(text)
    assert any(t == T.ARMED_CLASH and p and "Abyad" in p for t, p in got)
    assert any(t == T.EXPLOSION for t, _ in got)


def test_an_attack_told_elsewhere_keeps_the_leads_untyped_attack() -> None:
    text = (
        "Jihadist loyalists attacked the town of Ras al-Ain on Monday, leaving 15 people dead, "
        "a monitor said. Elsewhere, rebels attacked an army checkpoint in the town of Qusayr "
        "in Homs province, killing seven soldiers, the monitor said."
    )
    places = [p for _, p in _incidents(text)]
    assert any(p and "Ras al-Ain" in p for p in places)
    assert any(p and "Qusayr" in p for p in places)


def test_attacked_with_no_place_after_it_tells_no_clash() -> None:
    text = (
        "The army shelled the town of Saraqib on Monday, a monitor said. Officials said the "
        "rebels had attacked without warning."
    )
    assert not any(t == T.ARMED_CLASH for t, _ in _incidents(text))
