"""Tellings of one incident merged, and kept apart, on passages we wrote (round 22, r22-merge):
"the toll from the raid" told after a capture or an assault, with no strike told before it, is
that incident's toll, not a new air strike; one side's dead told after a battle's toll are its
part, never a lower second count (a second source's count of a strike still gives a range); a
battle told in the sentence of a capture at a site no gazetteer names is that capture's; a quarter
told with and without its article ("al-Baath", "Baath") is one place."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.extract.draft import name_key
from trucewatch.model.incident import IncidentType

SATURDAY = dt.date(2015, 5, 23)
T = IncidentType


def test_the_toll_from_the_raid_after_a_capture_is_the_captures() -> None:
    text = (
        "On Thursday Islamic State fighters seized the town of Sukhnah in Homs province after "
        "fierce clashes with government forces, a monitor said. "
        "On Friday the death toll from the raid rose to 90, the monitor said."
    )
    found = passage_incidents(text, SATURDAY)
    assert not any(i.type == T.AIR_STRIKE for i in found), found
    main = main_incident(text, SATURDAY)
    assert main.type == T.TERRITORY_TAKEN
    assert main.killed.best == 90 or main.killed.low == 90


def test_the_raid_after_an_air_strike_stays_that_strike() -> None:
    text = (
        "Warplanes struck a market in the town of Sukhnah in Homs province on Thursday, a "
        "monitor said. The death toll from the raid rose to 12, the monitor said."
    )
    found = passage_incidents(text, SATURDAY)
    assert [i.type for i in found] == [T.AIR_STRIKE]
    assert found[0].killed.low == 12


def test_one_sides_dead_told_after_a_battle_do_not_lower_its_toll() -> None:
    text = (
        "Fierce clashes between government forces and Islamic State fighters near the town of "
        "Sukhnah in Homs province left at least 30 dead on Friday, a monitor said. "
        "The monitor said 12 soldiers were killed in the fighting."
    )
    main = main_incident(text, SATURDAY)
    assert main.type == T.ARMED_CLASH
    assert main.killed.low == 30 and main.killed.high is None


def test_a_second_sources_lower_count_of_a_strike_still_gives_a_range() -> None:
    text = (
        "Government air strikes on the town of Sukhnah in Homs province killed 30 people on "
        "Friday, a monitor said. State media said 12 people were killed in the air strikes."
    )
    main = main_incident(text, SATURDAY)
    assert main.type == T.AIR_STRIKE
    assert (main.killed.low, main.killed.high) == (12, 30)


def test_a_battle_told_with_its_capture_in_one_sentence_is_the_capture() -> None:
    text = (
        "Militants kill 40 in gas field battle, monitor says. Islamic State militants killed 40 "
        "soldiers and guards when they captured a gas field on Thursday in the fiercest clash "
        "yet with government forces, a monitor said. The field lies east of the city of Homs."
    )
    found = passage_incidents(text, SATURDAY)
    assert [i.type for i in found] == [T.TERRITORY_TAKEN], found
    assert found[0].killed.low == 40


def test_a_quarter_told_with_and_without_its_article_is_one_place() -> None:
    text = (
        "Three people were injured when terrorists detonated a booby-trapped motorcycle in "
        "al-Qarqoura neighborhood in Hasaka city, a police source said. The source said "
        "terrorists on Sunday morning remotely detonated a motorcycle that was parked in "
        "al-Qarqoura residential neighborhood in Hasaka city."
    )
    found = passage_incidents(text, SATURDAY)
    assert [i.type for i in found] == [T.EXPLOSION], found


def test_name_key_drops_only_a_leading_article() -> None:
    assert name_key("al-Baath") == name_key("Baath") == "baath"
    assert name_key("Saif al-Dawla") != name_key("Dawla")
