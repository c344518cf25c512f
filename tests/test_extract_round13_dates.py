"""The day of every incident a report tells (issue 15, round 13): days told later in the text
("Wednesday's dead", "Thursday's bombardment"), the night an "overnight" lead names later, "a
day after", a retelling that states two days, and "last Monday" read on a Tuesday. Each on a
passage we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.dates import find_dates
from trucewatch.model.incident import TimePrecision

TUESDAY = dt.date(2016, 9, 20)
MONDAY = TUESDAY - dt.timedelta(days=1)
SUNDAY = TUESDAY - dt.timedelta(days=2)
SATURDAY = TUESDAY - dt.timedelta(days=3)


def incidents(text: str, published: dt.date = TUESDAY):
    return extract(passage(text, published)).incidents


def main_day(text: str, published: dt.date = TUESDAY) -> dt.date | None:
    found = [i for i in incidents(text, published) if i.main]
    assert found
    return found[0].date


def day_at(text: str, place: str, kind: str, published: dt.date = TUESDAY) -> dt.date | None:
    """The day of the (first) incident of type `kind` at `place`."""
    found = [
        i
        for i in incidents(text, published)
        if i.place is not None and i.place.name == place and str(i.type) == kind
    ]
    assert found, [(i.type, i.place) for i in incidents(text, published)]
    return found[0].date


# --- "last Monday" -----------------------------------------------------------------------------


def test_last_monday_read_on_a_tuesday_names_no_single_day() -> None:
    (m,) = find_dates("The envoy spoke last Monday in Vienna.", TUESDAY)
    assert m.precision == TimePrecision.WEEK
    assert (m.date, m.end_date) == (MONDAY - dt.timedelta(days=7), MONDAY)


def test_last_saturday_read_on_a_tuesday_is_that_saturday() -> None:
    (m,) = find_dates("The envoy spoke last Saturday in Vienna.", TUESDAY)
    assert (m.date, m.precision) == (SATURDAY, TimePrecision.DAY)


def test_an_attack_last_monday_read_on_a_tuesday_stays_undated() -> None:
    text = (
        "Jets strike a market in Idlib. "
        "Government jets struck a market in the town of Maarrat al-Numan on Tuesday killing "
        "seven people, a monitor said. "
        "Last Monday government helicopters dropped barrel bombs laced with chlorine on the "
        "town of Saraqib, where 20 people were treated for breathing problems."
    )
    assert day_at(text, "Saraqib", "chemical_attack") is None


# --- "a day after" -----------------------------------------------------------------------------


def test_the_strike_told_after_a_day_after_is_the_day_before() -> None:
    text = (
        "Rockets hit a school in Aleppo. "
        "Rebel rockets killed six children at a school in the Aleppo district of Hamdaniyeh on "
        "Tuesday just a day after air strikes on a school in the Idlib town of Hass killed 22 "
        "pupils, a monitor said."
    )
    assert day_at(text, "Hass", "air_strike") == MONDAY
    assert day_at(text, "Hamdaniyeh", "shelling") == TUESDAY


# --- days told later ---------------------------------------------------------------------------


def test_wednesdays_dead_date_the_lead_even_after_also() -> None:
    text = (
        "Barrel bomb kills 12 in Aleppo. "
        "At least 12 civilians were killed by a barrel bomb dropped by government helicopters "
        "on a district of Aleppo, a monitor said on Tuesday. "
        "The children were all under ten, the monitor said, adding that a pregnant woman was "
        "also among Monday's dead."
    )
    assert main_day(text) == MONDAY


def test_wednesdays_dead_date_every_incident_counted_before() -> None:
    text = (
        "Rockets kill 19 civilians in Aleppo. "
        "At least 19 civilians were killed by a government barrel bomb attack and rebel rocket "
        "fire in Aleppo, a monitor said on Tuesday. "
        "A pregnant woman was also among Monday's dead, the monitor said."
    )
    found = incidents(text)
    assert {str(i.type) for i in found} == {"air_strike", "shelling"}
    assert {i.date for i in found} == {MONDAY}


def test_a_weekday_said_of_a_speech_dates_no_incident() -> None:
    text = (
        "Barrel bomb kills 12 in Aleppo. "
        "At least 12 civilians were killed by a barrel bomb dropped by government helicopters "
        "on a district of Aleppo, a monitor said on Tuesday. "
        "The children were all under ten, the monitor said on Tuesday."
    )
    assert main_day(text) is None


# --- "overnight" told again --------------------------------------------------------------------


def test_an_overnight_raid_takes_the_night_named_later() -> None:
    text = (
        "State media said 30 people were killed in rocket fire overnight in Aleppo. "
        "Rebel groups targeted residential districts of the government-held west of the city, "
        "hammering them with rocket fire Monday night, the agency said."
    )
    assert main_day(text) == MONDAY


def test_an_overnight_clash_keeps_no_day_when_the_fighting_goes_on_next_day() -> None:
    text = (
        "Jihadists killed in clashes with Kurds. "
        "At least 18 jihadists were killed in overnight clashes with Kurdish fighters near the "
        "town of Kobani, a monitor said on Tuesday. "
        "The monitor said the fighting near Kobani was continuing on Tuesday and reported heavy "
        "clashes around the town."
    )
    assert main_day(text) is None


def test_an_overnight_strike_takes_the_day_a_possessive_gives_it_further_on() -> None:
    text = (
        "Heavy air strikes hit Aleppo. "
        "Fighter jets pounded the opposition-held districts of Aleppo overnight, days after a "
        "truce collapsed. "
        "A hospital director said the death toll from the strikes was 45. "
        "Rescue workers said incendiary bombs were among the weapons used on the city. "
        "The head of the rescue service said the planes seemed to make up for the quiet days. "
        "He said shells were hitting the same places the planes hit. "
        "The envoys had asked both powers to halt flights so that aid could be delivered. "
        "The request was turned down, officials said. "
        "There was no comment from the government on Tuesday's bombardment."
    )
    assert main_day(text) == TUESDAY


def test_an_overnight_strike_keeps_no_day_when_told_again_days_before() -> None:
    text = (
        "Heavy air strikes hit Aleppo. "
        "Fighter jets pounded the opposition-held districts of Aleppo overnight. "
        "A hospital director said the death toll from the strikes was 45. "
        "The strikes were heavier than Saturday's bombardment, residents said."
    )
    assert main_day(text) is None


# --- a retelling that states two days ----------------------------------------------------------


def test_a_retelling_with_two_days_gives_the_lead_its_own_draft_day() -> None:
    text = (
        "Government shelling kills 43 in Jayrud. "
        "At least 43 people have been killed by government shelling in the town of Jayrud "
        "northeast of the capital after rebels executed a captured pilot. "
        "Two of the dead were medics, a monitor said. "
        "The monitor said the town had a local truce for two years. "
        "The bombardment hit Jayrud on Tuesday where rebels had killed a pilot they captured "
        "after he ejected on Monday."
    )
    assert day_at(text, "Jayrud", "shelling") == TUESDAY


# --- "the last stronghold" is no earlier attack ------------------------------------------------


def test_the_last_stronghold_sets_no_lead_apart() -> None:
    text = (
        "BEIRUT. "
        "A push by government forces to take the last major rebel stronghold near the capital "
        "killed at least 23 people on Monday, a monitor said. "
        "The monitor said 127 people have been killed since the offensive began two weeks ago. "
        "A witness said warplanes had heavily bombarded the towns of Mesraba and Harasta."
    )
    assert day_at(text, "Mesraba", "air_strike") == MONDAY


def test_the_last_attack_still_sets_a_lead_apart() -> None:
    text = (
        "BEIRUT. "
        "The last attack on the rebel enclave near the capital killed at least 23 people on "
        "Saturday, a monitor said. "
        "A witness said warplanes had heavily bombarded the towns of Mesraba and Harasta."
    )
    assert day_at(text, "Mesraba", "air_strike") is None


# --- the parts a lead's toll sums --------------------------------------------------------------


SUMMED = (
    "Death toll from rocket attacks on Aleppo rises to nine. "
    "Nine civilians were killed in rocket attacks on districts of Aleppo city on Monday. "
    "A police source said six civilians were killed by a rocket shell fired on the public park. "
    "The source added that gunmen also fired rocket shells on the Midan district killing three "
    "civilians. "
)


def test_a_part_the_leads_toll_sums_takes_its_day_despite_also() -> None:
    assert day_at(SUMMED, "Midan (Aleppo)", "shelling") == MONDAY


def test_a_part_that_sums_to_nothing_stays_apart() -> None:
    text = SUMMED.replace("killing three", "killing two")
    assert day_at(text, "Midan (Aleppo)", "shelling") is None


# --- a relative clause telling another attack --------------------------------------------------


def test_the_day_of_another_attack_in_a_where_clause_dates_no_raid() -> None:
    text = (
        "Air strikes hit the Aleppo countryside. "
        "The monitor reported air raids on several towns in the Aleppo countryside including "
        "Urum al-Kubra where a deadly attack on an aid convoy took place on Saturday."
    )
    raids = [i for i in incidents(text) if str(i.type) == "air_strike"]
    assert raids
    assert [i.date for i in raids] == [None] * len(raids)


def test_a_where_clause_about_the_place_keeps_the_raids_day() -> None:
    text = (
        "Air strikes hit the Aleppo countryside. "
        "Air raids hit the town of Urum al-Kubra where the convoy had stopped on Saturday, "
        "killing 12 people, the monitor said."
    )
    assert day_at(text, "Urum al-Kubra", "air_strike") == SATURDAY


def test_a_which_aside_before_the_main_clause_keeps_the_attacks_day() -> None:
    text = (
        "Army foils a rebel raid near Aleppo. "
        "The monitor said on Tuesday that fighters from Faylaq al-Sham and Nusra Front, the "
        "latter of which is the Syrian branch of al-Qaeda, mounted an attack to recapture the "
        "Castello Road near Aleppo on Saturday, and the army killed 29 of them."
    )
    clashes = [i for i in incidents(text) if i.main]
    assert [i.date for i in clashes] == [SATURDAY]
