"""Round 17 toll rules, on passages we wrote: people who "suffered suffocation" are hurt; a
day's total split by place ("including 9 in A 8 in B and 5 in C") gives each place its part
(GOLD-DEV-2 "Sums"); "N deaths" and "N fatalities" count the dead."""

from __future__ import annotations

import datetime as dt

from tests.passages import killed_point, main_incident, passage_incidents
from trucewatch.model.incident import Incident

SATURDAY = dt.date(2016, 9, 10)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, SATURDAY, title)


# --- harms borne: the hurt


def test_people_who_suffered_suffocation_are_the_hurt() -> None:
    inc = main(
        "On Saturday more than 35 people suffered suffocation after rebels shelled the "
        "Hamadaniya neighbourhood of Aleppo with shells containing toxic gas."
    )
    assert inc.injured.low == 35
    assert inc.killed.low is None


def test_others_suffering_breathing_problems_are_hurt_beside_the_dead() -> None:
    inc = main(
        "Rebels shelled the Hamadaniya neighbourhood of Aleppo with shells containing chlorine "
        "on Saturday, killing two people, and 17 others suffered from breathing difficulties, "
        "medics said."
    )
    assert killed_point(inc) == 2
    assert inc.injured.low == 17


def test_a_town_that_suffered_damage_counts_no_one() -> None:
    inc = main(
        "Army artillery shelled the town of Saraqeb in Idlib province on Saturday, and 3 "
        "houses in the town suffered heavy damage, activists said."
    )
    assert inc.injured.low is None


# --- "N deaths", "N fatalities"


def test_deaths_and_injuries_reported_count_the_dead_and_hurt() -> None:
    inc = main(
        "Three deaths and 22 injuries were reported by medics after shells hit the Sukkari "
        "neighbourhood in Aleppo on Saturday."
    )
    assert killed_point(inc) == 3
    assert inc.injured.low == 22


def test_fatalities_left_by_strikes_are_the_dead() -> None:
    inc = main(
        "Air strikes on the town of Saraqeb in Idlib province on Saturday left 14 fatalities, "
        "activists said."
    )
    assert killed_point(inc) == 14


# --- a day's total split by place: each place its part (GOLD-DEV-2 "Sums")


def _tolls_by_place(text: str) -> dict[str, int | None]:
    return {i.place.name: i.killed.best for i in passage_incidents(text, SATURDAY) if i.place}


def test_a_total_split_by_place_gives_each_place_its_part() -> None:
    tolls = _tolls_by_place(
        "Air strikes on Idlib province on Saturday killed 22 people, including 9 in Saraqeb, "
        "8 in Binnish and 5 in Taftanaz, a monitor said."
    )
    assert tolls.get("Binnish") == 8
    assert tolls.get("Taftanaz") == 5
    assert 22 not in tolls.values()  # the day's total is no one incident's toll


def test_parts_by_place_whose_commas_were_stripped_are_read() -> None:
    tolls = _tolls_by_place(
        "A total of 22 civilians were killed in air strikes by government forces on Idlib "
        "province on Saturday including 9 in the town of Saraqeb 8 in Binnish 5 in Taftanaz "
        "and 1 in each of the villages of Sarmin and Kafr Nabl."
    )
    assert tolls.get("Binnish") == 8
    assert tolls.get("Taftanaz") == 5
    assert 1 not in tolls.values()  # "1 in each of": no one place's part
    assert 22 not in tolls.values()


def test_children_among_the_dead_of_one_town_are_no_part_by_place() -> None:
    inc = main(
        "Air strikes on the town of Saraqeb in Idlib province on Saturday killed 22 people, "
        "including 9 children in the town centre, a monitor said."
    )
    assert killed_point(inc) == 22


def test_parts_of_a_years_total_by_place_are_no_incidents_tolls() -> None:
    incs = passage_incidents(
        "Since the start of the year 300 people have been killed in Idlib province, including "
        "90 in Saraqeb, 80 in Binnish and 50 in Taftanaz, a monitor said.",
        SATURDAY,
    )
    assert all(i.killed.low is None for i in incs)


# --- lists of the dead: families, "in addition to", a stripped "and"


def test_a_family_of_six_counts_six_dead() -> None:
    inc = main(
        "An air strike on the village of Salhiya in Raqqa province on Saturday killed a family "
        "of six, activists said."
    )
    assert killed_point(inc) == 6


def test_workers_and_a_family_are_summed() -> None:
    inc = main(
        "An air strike on the village of Salhiya in Raqqa province on Saturday killed three "
        "workers and a family of six, activists said."
    )
    assert killed_point(inc) == 9


def test_a_list_whose_and_was_stripped_is_summed_with_in_addition_to() -> None:
    inc = main(
        "An air strike on the village of Salhiya in Raqqa province on Saturday killed three "
        "workers an entire family of six in addition to one local man, activists said."
    )
    assert killed_point(inc) == 10


def test_in_addition_to_the_wounded_adds_no_dead() -> None:
    inc = main(
        "An air strike on the village of Salhiya in Raqqa province on Saturday killed three "
        "workers in addition to 20 wounded, activists said."
    )
    assert killed_point(inc) == 3


# --- a toll retold, a children's count before the whole count


def test_a_toll_pointed_back_at_and_updated_is_the_new_toll() -> None:
    inc = main(
        "Air strikes hit the town of Quriyah in Deir Ezzor province on Saturday, the "
        "Observatory said. It gave an initial death toll of 47. This was later updated to 82."
    )
    assert killed_point(inc) == 82


def test_children_counted_before_the_updated_toll_are_a_part_of_it() -> None:
    inc = main(
        "Russian air strikes killed 25 children on Saturday in the town of Quriyah in Deir "
        "Ezzor province, UNICEF said. The Observatory reported the strikes on Saturday with an "
        "initial death toll of 47. This was later updated to 82 on Sunday."
    )
    assert killed_point(inc) == 82


def test_children_killed_before_the_dead_of_another_town_keep_their_toll() -> None:
    inc = main(
        "Air strikes killed 12 children in the town of Saraqeb in Idlib province on Saturday, "
        "activists said. Shelling killed 30 people in the town of Binnish on Saturday."
    )
    assert killed_point(inc) == 12


def test_the_number_of_deaths_rising_to_a_figure_is_the_toll() -> None:
    inc = main(
        "Shells hit the Sukkari neighbourhood in Aleppo on Saturday and the number of deaths "
        "rose to 12, medics said."
    )
    assert killed_point(inc) == 12


def test_fatalities_put_at_a_figure_are_the_toll() -> None:
    inc = main(
        "Shells hit the Sukkari neighbourhood in Aleppo on Saturday, and fatalities were put at "
        "12, medics said."
    )
    assert killed_point(inc) == 12
