"""Merging drafts of one incident, on passages we wrote: an incident the body tells without a
place merges with a placed one only when told near it, or when it points back at it."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract

MONDAY = dt.date(2016, 12, 19)

# Sentences that tell no incident and name no place: they put distance between two others.
FILLER = (
    "The group had been on the back foot for months. "
    "Its fighters were short of supplies and recruits. "
    "Diplomats said talks were expected to resume soon. "
    "Aid agencies repeated their calls for access. "
    "Prices of bread and fuel have risen sharply. "
    "Many families have left their homes. "
)


def violent(text: str, title: str | None = None):
    rep = passage(text, MONDAY, title=title)
    return [i for i in extract(rep).incidents if i.type.violent]


def test_a_placeless_clash_far_from_a_placed_one_is_another_incident_placed_by_its_own_context():
    text = (
        "Kurdish-led forces pressed their advance west of Raqqa on Monday. "
        "Residents fled the villages west of Raqqa. "
        "The forces met little resistance at first. "
        "Commanders said the campaign would go on. "
        "Three fighters were killed in clashes with the militants, a monitor said. "
        "The advance follows gains west of Raqqa earlier this month. "
        + FILLER
        + "Eleven militants were also killed in clashes in Jarablus on Sunday."
    )
    clashes = [i for i in violent(text) if i.type.value == "armed_clash"]
    by_gov = {i.place.governorate: i for i in clashes}
    assert set(by_gov) == {"Raqqa", "Aleppo"}
    # each keeps its own toll: the three fighters are not the eleven militants
    assert by_gov["Raqqa"].killed.low == 3 and by_gov["Raqqa"].killed.high == 3
    assert by_gov["Aleppo"].killed.low == 11


def test_a_far_retelling_that_points_back_stays_one_incident():
    text = (
        "Government forces and rebels fought for the town of Morek on Monday. "
        "Rebels said they had repelled the attack. "
        + FILLER
        + "Residents of Homs heard the guns all night. "
        "Dozens of soldiers were killed in this battle, a rebel commander said. "
        "The commander spoke to reporters in Homs. "
    )
    clashes = [i for i in violent(text) if i.type.value == "armed_clash"]
    assert len(clashes) == 1
    assert clashes[0].place.name == "Morek"


def test_the_lead_incident_told_without_a_place_takes_the_place_the_body_gives_far_below():
    text = (
        "Air strikes killed 12 people on Monday, a monitor said. "
        "Activists in Homs shared pictures of the rubble. "
        + FILLER
        + "The air strikes hit a market in the town of Ariha in Idlib province."
    )
    strikes = [i for i in violent(text) if i.type.value == "air_strike"]
    assert len(strikes) == 1
    assert strikes[0].place.name == "Ariha" and strikes[0].killed.low == 12


def test_a_credit_line_does_not_place_an_incident():
    text = (
        "Shelling of the city's western districts killed 20 civilians on Monday, a monitor said. "
        "Shells hit a school in Aleppo. "
        + FILLER
        + "Rebels have made progress in the suburb, the monitor said. "
        "The rebels had killed 40 civilians in shelling during their counter-attack. "
        "Additional reporting by Jane Doe in Damascus; editing by John Roe."
    )
    shelling = [i for i in violent(text) if i.type.value == "shelling"]
    assert shelling and all(i.place.governorate == "Aleppo" for i in shelling)


def test_a_place_only_recalled_from_years_ago_does_not_set_where_the_story_is():
    text = (
        "A chemical attack killed 70 people on Monday, the WHO said. "
        "Doctors said the patients had no external injuries. "
        "The agency sent antidotes. "
        "Hospitals in Idlib were overwhelmed by the wounded. "
        "In August 2013 the government used sarin in Ghouta, killing hundreds. "
        "Inspectors visited Ghouta in September 2013. "
    )
    (attack,) = violent(text)
    assert attack.place.governorate == "Idlib"


WEDNESDAY = dt.date(2013, 8, 21)


def incidents_on(text: str, day: dt.date):
    return [i for i in extract(passage(text, day)).incidents if i.type.violent]


def test_more_dead_in_another_attack_do_not_lower_the_toll_told_before():
    text = (
        "Air strikes on Aleppo killed at least 20 civilians on Friday, activists said. "
        "Three more civilians were killed on Friday evening in a barrel bomb attack."
    )
    strikes = [i for i in violent(text) if i.type.value == "air_strike"]
    tolls = sorted((i.killed.low, i.killed.high) for i in strikes)
    # the barrel bomb's three are other dead: their own incident, and the 20 stay 20
    assert tolls == [(3, 3), (20, None)]


def test_more_dead_of_the_clash_told_add_to_its_toll():
    text = (
        "Clashes in the town of Morek killed six fighters on Monday, a monitor said. "
        "Another seven fighters were also killed in the clashes, the monitor added."
    )
    clashes = [i for i in violent(text) if i.type.value == "armed_clash"]
    assert len(clashes) == 1
    assert (clashes[0].killed.low, clashes[0].killed.high) == (13, 13)


def test_a_seat_city_is_not_narrowed_to_one_of_the_quarters_listed_after_it():
    text = (
        "Air strikes on eastern Aleppo killed at least 21 people on Wednesday, a monitor said. "
        + FILLER
        + "The monitor said the districts struck included al-Shaar al-Sukkari and al-Sakhour."
    )
    strikes = [i for i in violent(text) if i.type.value == "air_strike"]
    assert len(strikes) == 1
    assert strikes[0].place.name == "Aleppo" and strikes[0].killed.low == 21


def test_an_attack_near_the_capital_and_its_suburb_with_agreeing_counts_is_one_attack():
    text = (
        "More than 200 people were killed in a gas attack near Damascus, activists said. "
        "They said rockets with chemical agents killed 213 people in Ain Tarma on Wednesday."
    )
    chemical = [i for i in incidents_on(text, WEDNESDAY) if i.type.value == "chemical_attack"]
    assert len(chemical) == 1
    # the suburb told places the attack more narrowly than "near Damascus"
    assert chemical[0].place.name == "Ein Tarma" and chemical[0].killed.low == 200


def test_a_chemical_attack_told_again_at_the_capital_is_the_same_attack():
    text = (
        "Rockets with chemical agents hit the suburb of Zamalka before dawn on Wednesday, "
        "killing at least 100 people, activists said. "
        "Doctors described symptoms they believe point to sarin gas in Damascus."
    )
    chemical = [i for i in incidents_on(text, WEDNESDAY) if i.type.value == "chemical_attack"]
    assert len(chemical) == 1
    assert chemical[0].place.name != "Damascus"


def test_the_day_told_with_the_incidents_dead_far_from_the_lead_dates_it():
    text = (
        "A poison gas attack killed more than 1400 people, a rights group said on Tuesday. "
        "The group said its researchers had interviewed survivors. "
        "It said the evidence pointed to government forces. "
        "The government has denied any role. "
        "The chemical attack near Damascus on August 21 killed more than 1400 people, it said."
    )
    chemical = [
        i for i in incidents_on(text, dt.date(2013, 9, 10)) if i.type.value == "chemical_attack"
    ]
    assert len(chemical) == 1
    assert chemical[0].date == dt.date(2013, 8, 21)
