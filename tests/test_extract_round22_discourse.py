"""Discourse articles yield no violent incident, on passages we wrote (round 22, r22-discourse):
a tally over the current year or month ("killed many civilians this year", "in August alone")
or a perfect "have killed thousands" sums a campaign up and is no incident; fighting that a
stopping word governs ("willing to suspend aerial bombardment", "pauses in the battle for")
is what would stop, not news. Specific events told beside them stay incidents."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
VIOLENT = {T.AIR_STRIKE, T.SHELLING, T.ARMED_CLASH, T.EXPLOSION, T.TERRITORY_TAKEN}
MONDAY = dt.date(2017, 12, 11)
THURSDAY = dt.date(2017, 8, 24)


def _violent(text: str, day: dt.date = MONDAY) -> list[IncidentType]:
    return [i.type for i in passage_incidents(text, day) if i.type in VIOLENT]


def test_a_tally_over_this_year_is_no_air_strike() -> None:
    assert not _violent(
        "The monitoring group said on Monday that 30,000 people had died in the conflict. Its "
        "director said government air strikes on Idlib province still killed many civilians "
        "this year. He urged the powers to press for talks."
    )


def test_a_tally_over_a_month_alone_is_no_air_strike() -> None:
    assert not _violent(
        "The U.N. asked the U.S.-led coalition on Thursday to let civilians leave Raqqa. A "
        "monitoring group says coalition strikes killed hundreds of civilians in the city in "
        "August alone.",
        THURSDAY,
    )


def test_strikes_that_have_killed_thousands_are_a_campaign() -> None:
    assert not _violent(
        "The minister spoke in Moscow on Monday. Rights groups dispute his account and say "
        "Russian strikes have killed thousands of civilians in Idlib province."
    )


def test_a_day_told_keeps_the_strike_beside_a_monthly_tally() -> None:
    found = _violent(
        "Air strikes killed 14 people in the town of Saraqeb on Sunday, the worst toll this "
        "month, the monitoring group said on Monday."
    )
    assert T.AIR_STRIKE in found


def test_bombardment_a_government_would_suspend_is_no_air_strike() -> None:
    assert not _violent(
        "The U.N. envoy said on Monday that the government was willing to suspend aerial "
        "bombardment of the city of Idlib for two weeks so that a local truce could be tried."
    )


def test_pauses_in_a_battle_are_no_clash() -> None:
    assert not _violent(
        "The U.N. on Thursday asked the U.S.-led coalition and the Syrian Democratic Forces to "
        "consider pauses in the battle for Raqqa, so that people trapped in Islamic State's "
        "stronghold could get out.",
        THURSDAY,
    )


def test_a_non_stop_battle_is_still_a_clash() -> None:
    found = _violent(
        "Government forces fought a non-stop battle with rebels in the town of Morek on Sunday, "
        "a military source said on Monday."
    )
    assert T.ARMED_CLASH in found


JUNE_6 = dt.date(2016, 6, 6)


def test_a_zone_agreed_earlier_this_year_is_no_truce_of_the_day() -> None:
    found = passage_incidents(
        "Air strikes killed 12 people in the town of Atareb on Monday, a monitor said. Atareb "
        "lies inside a de-escalation zone agreed by Russia, Iran and Turkey earlier this year.",
        JUNE_6,
    )
    types = {i.type for i in found}
    assert T.AIR_STRIKE in types
    assert T.TRUCE_DECLARED not in types


def test_people_evacuated_since_a_convoy_set_out_are_a_tally() -> None:
    found = passage_incidents(
        "The last buses left eastern Aleppo on Thursday, the army said. The Red Cross said about "
        "30,000 people had been evacuated from the city since the first convoy set out on "
        "Dec. 15.",
        JUNE_6,
    )
    assert T.HUMANITARIAN_DELIVERY not in {i.type for i in found}


def test_a_delivery_in_a_caption_keeps_its_place() -> None:
    found = passage_incidents(
        "The convoy started delivering flour and medicine to civilians late Thursday, the Red "
        "Crescent said. A boy stands near a convoy carrying food supplies for the besieged town "
        "of Madaya in this handout picture taken on June 2 2016.",
        JUNE_6,
    )
    delivered = [i for i in found if i.type == T.HUMANITARIAN_DELIVERY]
    assert delivered and delivered[0].place is not None


def test_fighters_left_to_face_a_final_assault_is_no_clash() -> None:
    found = _violent(
        "Tribal elders in Raqqa said on Thursday that they had agreed the departure of local "
        "militants, leaving only foreign fighters to face the final assault by the Syrian "
        "Democratic Forces.",
        THURSDAY,
    )
    assert T.ARMED_CLASH not in found


def test_a_charge_of_attacks_with_no_day_is_no_incident() -> None:
    found = passage_incidents(
        "MOSCOW, July 24 (Wire) — Russian military police deployed in Eastern Ghouta on Monday, "
        "the defence ministry said. It said violations of the ceasefire had fallen. The rebel "
        "group Failaq al-Rahman said it backed the deal but accused government forces of "
        "continuing ground attacks on Ain Tarma and Jobar, where another faction operates.",
        dt.date(2017, 7, 24),
    )
    assert not found
