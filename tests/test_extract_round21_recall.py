"""Which incidents exist, on passages we wrote (round 21, r21-recall): an attack told as foiled
or thwarted is fighting (a "raid" foiled is no air raid); a site the gazetteer lacks ("Base 46",
a gas field) captured is ground taken, where the fighting for it was told."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def test_a_foiled_raid_is_fighting_not_an_air_raid() -> None:
    main = main_incident(
        "Syrian troops foiled a raid by militants on army posts near the town of Morek on "
        "Monday, a military source said. Residents said the night was calm afterwards.",
        TUESDAY,
        title="Army Foils Militant Raid on Posts near Morek",
    )
    assert main.type == T.ARMED_CLASH
    assert main.place is not None and main.place.name == "Morek"


def test_an_attack_told_as_thwarted_is_an_incident() -> None:
    found = passage_incidents(
        "Air strikes hit the town of Douma on Monday, killing six people, a monitor said. "
        "Army units meanwhile thwarted an attempt by militants to infiltrate a military post "
        "near the village of Morek. Schools were closed.",
        TUESDAY,
    )
    assert T.ARMED_CLASH in {i.type for i in found}


def test_warplanes_that_foiled_an_offensive_struck() -> None:
    found = passage_incidents(
        "Syrian warplanes foiled an offensive by militants near the village of Morek on "
        "Monday, a military source said. Schools were closed.",
        TUESDAY,
    )
    assert [i.type for i in found] == [T.AIR_STRIKE]


def test_a_foiled_effort_is_no_incident() -> None:
    found = passage_incidents(
        "The talks in Geneva were aimed at thwarting attempts to derail the truce, a diplomat "
        "said. Schools were closed.",
        TUESDAY,
    )
    assert [i for i in found if i.type.violent] == []


def test_a_site_the_gazetteer_lacks_is_ground_taken_where_the_fighting_was() -> None:
    found = passage_incidents(
        "Fierce fighting broke out on Friday night for Base 17 west of the town of Morek, a "
        "monitor said. Militants captured Base 17 on Saturday, the monitor said. Schools were "
        "closed.",
        TUESDAY,
    )
    taken = [i for i in found if i.type == T.TERRITORY_TAKEN]
    assert len(taken) == 1
    assert taken[0].place is not None and taken[0].place.governorate == "Hama"
    assert taken[0].date == dt.date(2016, 3, 5)


def test_positions_near_a_base_are_not_the_base() -> None:
    found = passage_incidents(
        "Fierce fighting broke out on Friday night near the town of Morek, a monitor said. "
        "Troops seized positions near the air base, the monitor said. Schools were closed.",
        TUESDAY,
    )
    assert T.TERRITORY_TAKEN not in {i.type for i in found}


def test_headlines_after_related_news_are_no_incidents() -> None:
    found = passage_incidents(
        "An air strike hit the town of Douma on Monday, killing six people, a monitor said. "
        "Source agencies Related News Iraqs vote violations | Market report | Are winter "
        "prices too high? The new film festival opens | Car bomb kills eight soldiers and "
        "rebels in Daraa monitor says Category News Aid agencies warn of winter hunger",
        TUESDAY,
    )
    assert [(i.type, i.place.governorate if i.place else None) for i in found] == [
        (T.AIR_STRIKE, "Rif Dimashq")
    ]
