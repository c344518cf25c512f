"""Round 26 precision rules, on passages we wrote: fighting people fled is no incident and its
places are not where a strike fell; a truce agreed to take effect later is not yet declared; aid
held up on its way is not delivered."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

DAY = dt.date(2016, 5, 10)


def test_fighting_people_fled_is_no_clash_and_its_towns_are_not_the_strike_place() -> None:
    text = (
        "An air strike on Tuesday hit a school in Kafr Nabudah that sheltered families who had "
        "fled fighting in Latamneh, Morek and Souran, killing 12 people, a monitor said."
    )
    found = passage_incidents(text, DAY)
    assert [i.type for i in found] == [IncidentType.AIR_STRIKE]
    assert found[0].place is not None and found[0].place.name == "Kafr Nabudah"
    assert found[0].killed.low == 12


def test_families_displaced_by_the_fighting_tell_no_clash() -> None:
    text = (
        "Two car bombs went off outside a bakery in Salamiyah on Sunday, killing 14 people, "
        "among them families displaced by the fighting who had queued for bread, a monitor said."
    )
    types = [i.type for i in passage_incidents(text, DAY)]
    assert types == [IncidentType.EXPLOSION]


def test_fled_fighting_told_alone_keeps_its_place() -> None:
    # the only place named is where the victims were when the strike hit them
    text = (
        "A Russian air strike killed 21 civilians on Tuesday as they tried to leave by boat to "
        "escape fighting in Mayadin, a monitor said."
    )
    found = [i for i in passage_incidents(text, DAY) if i.type == IncidentType.AIR_STRIKE]
    assert found and found[0].place is not None and found[0].place.name == "Mayadin"


def test_a_truce_agreed_to_take_effect_later_is_not_yet_declared() -> None:
    text = (
        "Russia and Turkey agreed on Thursday on a ceasefire across Daraa province that will "
        "take effect at midnight on Saturday, their foreign ministers said."
    )
    types = [i.type for i in passage_incidents(text, DAY)]
    assert IncidentType.TRUCE_DECLARED not in types


def test_a_truce_that_took_effect_is_still_declared() -> None:
    text = (
        "A ceasefire across Daraa province took effect at midnight and largely held on Friday, "
        "residents said, after the two sides agreed to start talks."
    )
    types = [i.type for i in passage_incidents(text, DAY)]
    assert IncidentType.TRUCE_DECLARED in types


def test_an_aid_convoy_held_up_on_its_way_is_no_delivery() -> None:
    text = (
        "Shelling hit the town of Talbiseh on Monday, killing four people, a monitor said. "
        "A convoy of 30 aid trucks carrying food for the besieged town of Madaya remained stuck "
        "at a checkpoint awaiting permission from the authorities."
    )
    types = [i.type for i in passage_incidents(text, DAY)]
    assert IncidentType.HUMANITARIAN_DELIVERY not in types


def test_an_aid_convoy_that_got_through_after_a_hold_up_is_a_delivery() -> None:
    text = (
        "A convoy of 30 aid trucks carrying food reached the besieged town of Madaya on Monday "
        "after being blocked for weeks, the Red Crescent said."
    )
    types = [i.type for i in passage_incidents(text, DAY)]
    assert IncidentType.HUMANITARIAN_DELIVERY in types
