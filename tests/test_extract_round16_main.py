"""Round 16, the report's main incident and its day, on passages we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage_incidents
from trucewatch.model.incident import Incident
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 10, 7)  # a Friday


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, DAY, title)


def test_a_strike_told_by_a_word_naming_no_weapon_takes_the_headline_s_weapon() -> None:
    # "bombardment" alone reads as shelling; the headline names the weapon of its 45 dead
    inc = main(
        "Heavy bombardment by government forces killed 45 people in the town of Saraqeb on "
        "Friday, a monitor said. Rescuers searched the rubble for survivors.",
        title="Government air strikes kill 45 in Syria's Idlib",
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.killed.low == 45


def test_a_headline_naming_no_weapon_leaves_the_word_s_reading() -> None:
    inc = main(
        "Heavy bombardment by government forces killed 45 people in the town of Saraqeb on "
        "Friday, a monitor said.",
        title="Bombardment kills 45 in Syria's Idlib",
    )
    assert inc.type == T.SHELLING


def test_a_strike_whose_toll_the_headline_does_not_give_keeps_its_reading() -> None:
    # the headline's weapon is of the 45 dead; the bombardment of another toll is another attack
    incs = passage_incidents(
        "Air strikes killed 45 people in the town of Saraqeb on Friday, a monitor said. "
        "In Aleppo, heavy bombardment killed three people in the Salaheddine district.",
        DAY,
        title="Air strikes kill 45 in Syria's Idlib",
    )
    kinds = {(i.place.governorate if i.place else None, i.type) for i in incs}
    assert ("Aleppo", T.SHELLING) in kinds


def test_a_day_before_speech_told_in_the_present_is_the_incident_s() -> None:
    # "it is claimed" speaks now: Monday is the day of the attack it tells
    inc = main(
        "A photo of the victims has spread online. On Monday it is claimed a helicopter "
        "dropped chlorine on the town of Saraqeb, killing six people."
    )
    assert inc.type == T.CHEMICAL_ATTACK
    assert inc.date == dt.date(2016, 10, 3)


def test_a_day_before_speech_told_in_the_past_is_the_day_of_speaking() -> None:
    inc = main(
        "A helicopter dropped chlorine on the town of Saraqeb, killing six people. On Monday "
        "the opposition claimed the government was behind it."
    )
    assert inc.date is None


def test_a_day_after_speech_told_by_its_participle_is_the_day_of_speaking() -> None:
    # "cited the ministry as saying on Thursday": Thursday is when it spoke, not of the strike
    inc = main(
        "A Russian air strike killed 30 militants in the town of Saraqeb, state television "
        "cited the defence ministry as saying on Thursday."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.date is None


def test_a_day_the_participle_s_clause_gives_the_strike_is_the_strike_s() -> None:
    inc = main(
        "The ministry was quoted as saying that warplanes struck the town of Saraqeb on "
        "Thursday, killing 30 militants."
    )
    assert inc.date == dt.date(2016, 10, 6)


def test_a_bombing_whose_blast_is_told_next_is_an_explosion() -> None:
    # "bombing" alone reads as an air strike; the truck of explosives says what it was
    inc = main(
        "A double bombing hit a crowded market in the town of Tal Abyad on Friday, killing "
        "30 people. An extremist group claimed the attack. A truck packed with explosives "
        "blew up on the edge of Tal Abyad, followed by a second blast minutes later."
    )
    assert inc.type == T.EXPLOSION
    assert inc.killed.low == 30
    assert inc.date == DAY


def test_a_bombardment_whose_aircraft_are_told_next_is_an_air_strike() -> None:
    inc = main(
        "Heavy bombardment killed 12 people in the town of Saraqeb on Friday, a monitor said. "
        "Warplanes struck the town's market and a school."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.killed.low == 12


def test_dead_counted_apart_in_a_raid_are_a_part_not_the_weapon_of_the_whole() -> None:
    # the 4 who died in the raid are among the 39: the bombardment keeps its own reading
    incs = passage_incidents(
        "At least 39 civilians were killed in bombardment of the town of Saraqeb on Friday. "
        "Those killed included 4 aid workers who died in an air raid on their convoy.",
        DAY,
    )
    assert any(i.type == T.SHELLING and i.killed.low == 39 for i in incs)


def test_a_bombardment_told_without_dead_beside_the_news_is_not_retyped() -> None:
    incs = passage_incidents(
        "Clashes continued in the town of Saraqeb on Friday amid mutual bombardment. "
        "Warplanes struck the nearby town of Sarmin.",
        DAY,
    )
    assert not any(
        i.type == T.AIR_STRIKE and i.place is not None and i.place.name == "Saraqeb" for i in incs
    )


def test_a_lead_telling_a_crime_committed_on_a_day_dates_the_attack_told_next() -> None:
    # the lead names no incident type; "committed" tells the attack the next sentence types
    inc = main(
        "The opposition condemned the crime government forces committed in the town of "
        "Saraqeb on Wednesday. Chemical substances were used in the attack, which killed "
        "40 people."
    )
    assert inc.type == T.CHEMICAL_ATTACK
    assert inc.date == dt.date(2016, 10, 5)


def test_the_deaths_pointed_back_at_with_a_day_date_the_lead_s_killing() -> None:
    inc = main(
        "Government troops killed more than 40 militants during an offensive in the "
        "province of Hama. The fatalities were caused on Wednesday near the town of Suran."
    )
    assert inc.date == dt.date(2016, 10, 5)


def test_a_toll_updated_on_a_day_does_not_date_the_killing() -> None:
    inc = main(
        "Government troops killed more than 40 militants during an offensive in the "
        "province of Hama. The toll rose on Wednesday as more bodies were found."
    )
    assert inc.date is None


def test_a_capture_told_first_takes_the_day_its_capture_is_retold_with() -> None:
    # the next sentence tells the capture by a capture word, not an attack word, with its day
    inc = main(
        "Militants seized an air base in Raqqa province, leaving hundreds dead. The militants "
        "stormed the base on Wednesday, capturing it from government forces after days of "
        "fighting."
    )
    assert inc.type == T.TERRITORY_TAKEN
    assert inc.date == dt.date(2016, 10, 5)


def test_a_lead_naming_the_attack_by_a_noun_on_a_day_dates_the_story() -> None:
    # the first sentence tells the day of the strikes; the toll comes with "these strikes"
    inc = main(
        "Russian forces have destroyed some 120 militants trying to escape the city of Raqqa, "
        "a source said. The militants were eliminated by Russian airstrikes on Wednesday "
        "while fleeing from Raqqa for Palmyra. As a result of these strikes 32 trucks were "
        "destroyed and some 120 militants were killed."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.date == dt.date(2016, 10, 5)


def test_a_wire_dateline_repeated_after_the_lead_is_no_day_of_the_incident() -> None:
    # "MOSCOW October 5 (Agency) -" dates the dispatch, not the bombing it opens
    inc = main(
        "A car bomb in the city of Homs killed 18 civilians, a television channel "
        "reported. MOSCOW October 5 (Agency) - A car bomb in the city of Homs killed "
        "18 civilians including 10 children."
    )
    assert inc.type == T.EXPLOSION
    assert inc.date is None
