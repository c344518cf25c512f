"""Round 14 toll rules, on passages we wrote: a list of groups after "among them" is a part of
the toll told before it, one person joined by "and" to a group ("an emir and at least 34 of his
comrades") is one more of the dead, an update of the toll is the whole new count whatever
"more" follows it, and a span of days or a hospital's intake told after a day's incident is no
second count of that incident's dead."""

from __future__ import annotations

import datetime as dt

from tests.passages import killed_point, main_incident, passage_incidents
from trucewatch.model.incident import Incident

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str, title: str | None = None) -> list[Incident]:
    return passage_incidents(text, TUESDAY, title)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, TUESDAY, title)


# --- groups: parts after "among them", one person joined to a group


def test_a_list_after_among_them_is_a_part_of_the_toll() -> None:
    inc = main(
        "At least 31 civilians among them nine children and five women were killed when "
        "warplanes struck the town of Maarat Misrin on Monday, rescuers said."
    )
    assert inc.killed.low == 31


def test_a_list_after_among_them_with_the_whole_told_further_back_is_no_toll() -> None:
    inc = main(
        "Warplanes struck the town of Maarat Misrin on Monday killing at least 31 people, "
        "rescuers said, among them nine children and five women who were killed in a basement."
    )
    assert inc.killed.low == 31


def test_groups_listed_without_a_part_word_are_still_summed() -> None:
    inc = main(
        "Nine children and five women were killed when warplanes struck the town of Maarat "
        "Misrin on Monday, rescuers said."
    )
    assert killed_point(inc) == 14


def test_one_person_and_an_open_group_after_a_killing_verb_are_summed() -> None:
    inc = main(
        "A drone strike near the town of Sarmada on Monday killed a local emir and at least 21 "
        "of his followers, a monitor said."
    )
    assert inc.killed.low == 22
    assert inc.killed.high is None


def test_one_person_joined_to_a_group_before_a_passive_verb_is_one_more() -> None:
    inc = main(
        "An emir and at least 21 of his followers were killed in a drone strike near the town "
        "of Sarmada on Monday, a monitor said."
    )
    assert inc.killed.low == 22


def test_a_father_and_his_children_are_summed() -> None:
    inc = main(
        "A farmer and his four children were killed when a shell hit their home in the village "
        "of Kafr Nabl on Monday, activists said."
    )
    assert killed_point(inc) == 5


def test_a_person_after_including_is_no_more_dead() -> None:
    inc = main(
        "Eight people including a nurse and three children were killed when a shell hit a "
        "clinic in the village of Kafr Nabl on Monday, activists said."
    )
    assert killed_point(inc) == 8


def test_a_thing_joined_to_a_group_is_no_person() -> None:
    inc = main(
        "A drone hit a truck and 12 people were killed near the village of Kafr Nabl on "
        "Monday, activists said."
    )
    assert killed_point(inc) == 12


# --- an update is the whole new count


def test_an_update_followed_by_more_bodies_replaces_the_earlier_count() -> None:
    inc = main(
        "A barrel bomb on a bakery in the town of Kafr Nabl killed at least nine people on "
        "Monday, a monitor said. Civil defence workers said the toll had risen to 17 as more "
        "bodies were pulled from the rubble."
    )
    assert killed_point(inc) == 17


def test_more_dead_told_after_a_count_are_still_added_or_kept_apart() -> None:
    inc = main(
        "A barrel bomb on a bakery in the town of Kafr Nabl killed at least nine people on "
        "Monday, a monitor said. Three more people were killed when a second bomb fell on the "
        "same street."
    )
    assert inc.killed.low is not None and inc.killed.low >= 9


# --- a span of days or a hospital's intake is no second count


def test_a_total_over_a_stretch_of_days_after_a_days_incident_is_no_toll() -> None:
    inc = main(
        "A rocket attack on a school in the town of Tal Rifaat killed 11 people on Monday, a "
        "monitor said. The monitor said 63 people had been killed in the province over a "
        "five-day stretch."
    )
    assert killed_point(inc) == 11
    assert inc.killed.high == 11


def test_a_total_in_the_past_days_after_a_days_incident_is_no_toll() -> None:
    inc = main(
        "A rocket attack on a school in the town of Tal Rifaat killed 11 people on Monday, a "
        "monitor said. Some 63 people have been killed in rocket fire on the town in the past "
        "four days, it said."
    )
    assert inc.killed.high == 11


def test_a_stretch_of_days_told_as_the_reports_news_keeps_its_toll() -> None:
    inc = main(
        "Rocket fire killed 63 people in the town of Tal Rifaat over a five-day stretch, a "
        "monitor said on Tuesday."
    )
    assert killed_point(inc) == 63


def test_a_hospitals_intake_of_bodies_is_no_second_count() -> None:
    inc = main(
        "A car bomb at a checkpoint in the town of Azaz killed at least 14 people on Monday, a "
        "monitor said. A doctor said the town's main hospital had received the bodies of three "
        "people killed in the blast."
    )
    assert inc.killed.low == 14
    assert inc.killed.high is None


def test_a_hospitals_count_alone_is_the_toll() -> None:
    inc = main(
        "A car bomb went off at a checkpoint in the town of Azaz on Monday. A doctor said the "
        "town's main hospital had received the bodies of 14 people killed in the blast."
    )
    assert killed_point(inc) == 14


# --- a month's tally


def test_dead_counted_during_a_month_are_a_tally() -> None:
    found = incidents(
        "A rights group said on Tuesday it had documented 140 civilians killed by shelling in "
        "the city of Deir ez-Zor during August."
    )
    assert all(i.killed.low is None and i.killed.best is None for i in found)


def test_dead_told_during_anything_else_keep_their_toll() -> None:
    inc = main(
        "A car bomb killed 16 people at a checkpoint in the town of Azaz on Monday during the "
        "morning rush hour, a monitor said."
    )
    assert killed_point(inc) == 16


# --- groups listed "among the dead" restate a part


def test_groups_restated_among_the_dead_are_a_part_of_the_toll() -> None:
    inc = main(
        "Three children and two nurses killed in air strikes on a clinic in the town of "
        "Kafr Nabl. Air strikes on Monday destroyed a clinic in the town of Kafr Nabl and "
        "killed 11 people, a medical charity said. Among the dead were two nurses and three "
        "children."
    )
    assert killed_point(inc) == 11
    assert inc.killed.low == 11


def test_groups_listed_with_no_larger_count_keep_their_sum() -> None:
    inc = main(
        "Three children and two nurses were killed in air strikes on a clinic in the town of "
        "Kafr Nabl on Monday, a medical charity said. Among the dead were two nurses and three "
        "children from one family."
    )
    assert killed_point(inc) == 5


# --- the other side's dead in a clash


def test_the_other_sides_dead_in_a_clash_are_more_dead() -> None:
    inc = main(
        "At least 30 Islamic State jihadists were killed on Sunday in clashes with Kurdish "
        "fighters near the town of Tal Abyad, a monitor said. Four YPG fighters were killed in "
        "those clashes, the monitor said."
    )
    assert inc.killed.low == 34


def test_another_count_of_the_same_fighters_still_widens_the_toll() -> None:
    inc = main(
        "At least 30 Islamic State jihadists were killed on Sunday in clashes with Kurdish "
        "fighters near the town of Tal Abyad, a monitor said. Kurdish officials said 26 "
        "jihadists were killed in the clashes."
    )
    assert inc.killed.low == 26


def test_fighters_named_twice_in_an_air_strike_are_one_count() -> None:
    inc = main(
        "An air strike on a car near the town of Tal Abyad killed five Syrian soldiers on "
        "Sunday, a monitor said. A television station said two members of the National "
        "Defence Forces were killed when a drone targeted their car near Tal Abyad."
    )
    assert inc.killed.low is not None and inc.killed.low <= 5
