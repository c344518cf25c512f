"""Perpetrators on passages we wrote (round 22, r22-perp): a party's adjective opening a strike's
noun phrase names its agent though another party acts earlier in the sentence, in a clause of
its own; an incident typed from untyped attack words ("IS fighters attacked army posts") is
attributed from those words as a trigger's would be; a lead's agent for a kind holds for its
parts though the other side's fire is told after them; a party that flies nothing leaves an
air strike to the fallbacks; twins of one telling share the party named before it."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.extract.pipeline import build_pipeline
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def setup_module() -> None:
    build_pipeline()


def test_adjective_agent_in_its_own_clause() -> None:
    found = passage_incidents(
        "Dozens of people were killed around the Syrian capital on Tuesday, a monitor said. "
        "The rebel rocket fire killed four people in Damascus while the government air strikes "
        "on the town of Douma killed 30 people including 9 children.",
        TUESDAY,
    )
    strikes = [i for i in found if i.type == T.AIR_STRIKE]
    assert strikes
    assert strikes[0].perpetrator == "Syrian government forces"


def test_untyped_attack_subject_is_its_agent() -> None:
    found = passage_incidents(
        "IS fighters attacked army positions near the town of Deir Hafer at dawn on Tuesday, "
        "killing 14 soldiers, a monitor said.",
        TUESDAY,
    )
    assert found
    assert found[0].perpetrator == "ISIL"


def test_kind_agent_before_ignores_the_other_side_told_after() -> None:
    found = passage_incidents(
        "Regime shelling of rebel-held towns east of Damascus killed nine people on Tuesday, "
        "a monitor said. In Douma, six people died when shells hit a market. Schools across the "
        "area stayed closed. Shelling on the town of Harasta has meanwhile killed another three. "
        "Rebels later fired rockets at the government-held town of Jaramana, wounding ten.",
        TUESDAY,
    )
    harasta = [i for i in found if i.place is not None and i.place.name == "Harasta"]
    assert harasta
    assert harasta[0].perpetrator == "Syrian government forces"


def test_a_party_that_flies_nothing_leaves_the_strike_to_the_fallbacks() -> None:
    found = passage_incidents(
        "Islamic State militants launched an assault on the Kurdish-held town of Tal Abyad on "
        "Tuesday, a monitor said. It said 30 Islamic State militants and 12 Kurdish fighters "
        "had been killed. The assault prompted air strikes by the US-led coalition to drive the "
        "militants back. Witnesses in Akcakale said war planes thought to be from the coalition "
        "against ISIS struck the militant positions.",
        TUESDAY,
    )
    strikes = [i for i in found if i.type == T.AIR_STRIKE]
    assert strikes
    assert strikes[0].perpetrator == "US-led coalition"


def test_twins_of_one_telling_share_the_party_named_before() -> None:
    found = passage_incidents(
        "The United Nations said on Tuesday its inspectors were ready to travel. Their mission "
        "had been delayed for weeks. Diplomats said the talks on access were tense. Activists "
        "said government forces launched a poison gas attack that killed dozens of people on "
        "Tuesday. Medics said rockets carrying toxic gas hit the towns of Douma, Harasta and "
        "Arbin before dawn, and hospitals were overwhelmed.",
        TUESDAY,
    )
    gas = [i for i in found if i.type == T.CHEMICAL_ATTACK]
    assert len(gas) >= 2
    assert all(i.perpetrator == "Syrian government forces" for i in gas)
    # each twin cites the words naming the party
    assert all(any(m.field == "perpetrator" for m in i.evidence) for i in gas)
