"""Discourse articles yield no violent incident, judged by the article (round 24, r24-discourse):
a report whose headline tells a vote, a deal, a statement or an appeal and no violence happening
keeps only the violence it tells as news of its own: placed, on a day it states within a few
days of publication, or with its dead counted and no older day told. Fighting recalled as the
backdrop of the news ("as fighting raged in Hama", "after a strike last week") goes. Passages
we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.extract.discourse_articles import discourse_headline
from trucewatch.extract.main_choice import read_headline
from trucewatch.model.incident import IncidentType

T = IncidentType
VIOLENT = {T.AIR_STRIKE, T.SHELLING, T.ARMED_CLASH, T.EXPLOSION, T.TERRITORY_TAKEN}
WEDNESDAY = dt.date(2016, 3, 9)

BACKDROP = (
    "NEW YORK, March 9 (Wire) — Two permanent members blocked a draft resolution on Syria at "
    "the Security Council on Wednesday, saying it would open the way to foreign intervention. "
    "Eleven members voted in favour. The vote came as fighting raged in Hama and rebels "
    "shelled Latakia, diplomats said. The sponsors said they would bring a new text next week."
)


def _violent(text: str, title: str | None, day: dt.date = WEDNESDAY) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, day, title) if i.type in VIOLENT]


def _discourse(title: str) -> bool:
    return discourse_headline(title, read_headline(title))


def test_headlines_of_votes_and_statements_are_discourse() -> None:
    assert _discourse("Two powers veto Security Council draft on Syria")
    assert _discourse("UN agency says Syrian refugees pass five million")
    assert _discourse("France condemns attack on Idlib market")


def test_headlines_that_tell_violence_happening_are_not() -> None:
    assert not _discourse("Monitor says air strikes kill 22 in Idlib")
    assert not _discourse("Syrian army retakes Palmyra, state media says")
    assert not _discourse("Fighting rages in Hama as council vetoes draft")
    assert not _discourse("Syrian opposition remains divided")


def test_fighting_behind_a_veto_is_no_incident_but_stays_under_a_headline_of_fighting() -> None:
    assert not _violent(BACKDROP, "Two powers veto Security Council draft on Syria")
    assert _violent(BACKDROP, "Fighting rages in Hama as council vetoes draft")


def test_a_reaction_piece_keeps_the_attack_of_the_day_before_not_one_a_week_back() -> None:
    found = _violent(
        "PARIS, March 9 (Wire) — France on Wednesday condemned an air strike that killed at "
        "least 20 people at a market in the town of Maarat al-Numan on Tuesday, and called "
        "for an inquiry. It came after a strike on February 29 that killed 12 soldiers in "
        "Hama province, the foreign ministry said.",
        "France condemns attack on Idlib market",
    )
    assert found == [T.AIR_STRIKE]


def test_a_strike_told_before_a_truce_deal_is_no_incident() -> None:
    assert not _violent(
        "ANKARA, March 9 (Wire) — The two presidents agreed on Wednesday on a truce in the "
        "north-west from midnight. Their talks followed an air strike on February 29 that "
        "killed 12 soldiers in Idlib province, officials said.",
        "Presidents agree truce for north-west Syria",
    )
