"""Round 13 toll rules, on passages we wrote: dead told as "others" beside a toll are never a
second count of it, groups joined by "as well as" after a bracketed aside are summed, one
person told by "a/an" before a passive casualty verb is counted, and a lead that sums attacks
on places it lists is no incident of its own when the body tells them at quarters or towns
within those places."""

from __future__ import annotations

import datetime as dt

from tests.passages import killed_point, main_incident, passage_incidents
from trucewatch.model.incident import Incident

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str, title: str | None = None) -> list[Incident]:
    return passage_incidents(text, TUESDAY, title)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, TUESDAY, title)


# --- "others" beside a toll


def test_others_killed_at_a_place_of_their_own_do_not_lower_the_toll() -> None:
    inc = main(
        "Air strikes killed at least 30 civilians in and around the town of Azaz on Sunday, "
        "a monitor said. At least 22 civilians were killed in raids on the market of Azaz "
        "while eight others were killed in a village near the town."
    )
    assert inc.killed.low == 22


def test_others_killed_in_the_same_attack_are_added() -> None:
    inc = main(
        "A car bomb killed four soldiers at a checkpoint in the town of Jableh on Monday, and "
        "three others were also killed in the blast."
    )
    assert killed_point(inc) == 7


def test_more_dead_of_a_count_told_earlier_are_added() -> None:
    inc = main(
        "An air strike on the village of Kafr Batna killed 11 people on Sunday. Nine people "
        "were killed in the strike itself but two more died of their wounds in hospital."
    )
    assert inc.killed.low == 11


# --- groups of victims


def test_groups_joined_after_a_bracketed_aside_are_summed() -> None:
    inc = main(
        "At least five people were killed when a car bomb exploded near a bakery in the town "
        "of Jableh on Monday. The blast took the lives of 3 women (two teachers and a clerk) "
        "as well as 2 soldiers, the monitor said."
    )
    assert inc.killed.low == 5 and killed_point(inc) == 5


def test_one_person_before_a_passive_verb_is_counted() -> None:
    inc = main(
        "A man was killed and three other people were injured when mortar shells hit the "
        "al-Midan neighborhood in Aleppo city on Tuesday, a police source said."
    )
    assert inc.killed.best == 1


def test_one_person_who_died_is_counted() -> None:
    inc = main("A woman died when a rocket shell hit her house in the town of Jableh on Monday.")
    assert inc.killed.best == 1


def test_a_listed_family_is_not_one_person() -> None:
    inc = main(
        "Three civilians were killed when a barrel bomb hit the village of Kafr Batna on "
        "Monday. A man woman and child died in the same house."
    )
    assert killed_point(inc) == 3 and inc.killed.high in (3, None)


def test_a_gunman_is_not_a_victim() -> None:
    inc = main(
        "A gunman killed three people at a checkpoint in the town of Jableh on Monday, the "
        "police said."
    )
    assert inc.killed.best == 3


# --- a lead that sums its places


def test_a_lead_summing_attacks_on_two_listed_places_is_no_incident() -> None:
    found = incidents(
        "Three killed in rocket attacks on Aleppo and Latakia. A source at the police command "
        "said that a man was killed and four other people were injured when rocket shells hit "
        "the neighborhood of al-Midan in Aleppo city. Later two more people were killed and 10 "
        "others were injured in a similar rocket attack on the town of Qardaha in Latakia."
    )
    assert sorted(killed_point(i) for i in found) == [1, 2]
    assert all(i.killed.best != 3 for i in found)


def test_a_lead_naming_a_town_near_a_city_keeps_its_toll() -> None:
    inc = main(
        "Barrel bombs killed 20 people in the town of Anadan north of Aleppo on Monday. In "
        "Aleppo city barrel bombs killed five people in the Sukkari district on Monday."
    )
    assert killed_point(inc) == 20


def test_a_provincial_total_told_town_by_town_is_no_incident() -> None:
    found = incidents(
        "Twelve civilians including two children were killed on Monday in heavy bombardment "
        "across rebel-held Hama province, a monitoring group said. In Kafr Zita a town in the "
        "north of the province air strikes killed five people including a woman, the "
        "Observatory said. Another five people were killed in raids on Latamneh further west. "
        "Another man and a woman were killed in rocket fire on the nearby town of Morek."
    )
    assert sorted(killed_point(i) for i in found) == [2, 5, 5]
    assert killed_point(next(i for i in found if i.main)) == 5


def test_a_provincial_total_the_towns_do_not_add_up_to_stays() -> None:
    inc = main(
        "Thirty civilians were killed on Monday in heavy bombardment across rebel-held Hama "
        "province, a monitoring group said. In Kafr Zita air strikes killed five people. "
        "Another five people were killed in raids on Latamneh."
    )
    assert killed_point(inc) == 30


def test_dozens_over_a_city_told_quarter_by_quarter_is_no_incident() -> None:
    found = incidents(
        "Dozens of people were killed in air strikes on the city of Aleppo on Sunday, a "
        "monitoring group said. Air strikes killed 19 people in the Sukkari district. Another "
        "11 people were killed in barrel bomb attacks on the Bustan al-Qasr neighbourhood."
    )
    assert all(i.killed.low != 24 for i in found)
    assert sorted(killed_point(i) for i in found) == [11, 19]


def test_another_woman_is_one_person() -> None:
    inc = main(
        "Another woman was killed when a rocket shell hit her house in the town of Jableh on "
        "Monday."
    )
    assert inc.killed.best == 1


def test_single_victims_listed_without_commas_are_summed() -> None:
    inc = main(
        "Four civilians were killed when rocket shells hit the al-Midan neighborhood of Aleppo "
        "on Monday. A police source said a little boy a little girl and two women were killed."
    )
    assert killed_point(inc) == 4 and inc.killed.low == 4


def test_a_listed_lead_with_a_city_count_beside_its_quarters() -> None:
    found = incidents(
        "Seven civilians killed in rocket attacks on Aleppo and Homs. Five civilians were "
        "killed on Thursday in rocket attacks on several neighborhoods in Aleppo city. Three "
        "people were killed in a rocket attack on the Salaheddin neighborhood. Two other "
        "people were killed in a similar attack on the al-Midan neighborhood. Meanwhile two "
        "civilians were killed when rocket shells hit the village of Um al-Serj in Homs."
    )
    assert all(killed_point(i) != 7 for i in found)
    assert killed_point(next(i for i in found if i.main)) in (2, 3)


def test_the_family_the_dead_came_from_is_no_count() -> None:
    inc = main("Six civilians from one family were killed in air strikes on the town of Atareb.")
    assert inc.killed.best == 6


def test_one_person_named_through_whose_they_were_is_counted() -> None:
    inc = main(
        "A suicide bombing on Tuesday struck the headquarters of the rebel group near the town "
        "of Binnish killing its leader and two of his aides."
    )
    assert inc.killed.best == 3


def test_others_who_also_died_are_added_to_the_dead_told_before() -> None:
    inc = main(
        "A suicide bombing on Tuesday struck the headquarters of the rebel group near the town "
        "of Binnish killing its leader. The monitor said six other members of the group also "
        "died."
    )
    assert inc.killed.best == 7


def test_others_who_also_died_elsewhere_are_not_added() -> None:
    inc = main(
        "A suicide bombing on Tuesday struck the headquarters of the rebel group near the town "
        "of Binnish killing its leader. The monitor said six other fighters also died in a "
        "village near Saraqib."
    )
    assert inc.killed.best == 1


def test_among_them_makes_the_figure_after_it_a_part() -> None:
    inc = main(
        "Twelve civilians among them five children were killed in air strikes on the village "
        "of Taduf on Wednesday."
    )
    assert inc.killed.best == 12


def test_groups_listed_without_commas_after_a_figure_are_summed() -> None:
    inc = main("Air strikes killed 10 children 5 women in the town of Anadan on Monday.")
    assert inc.killed.best == 15


def test_a_number_counting_a_part_of_the_group_is_not_summed() -> None:
    inc = main("Air strikes killed 10 children 5 of them girls in the town of Anadan on Monday.")
    assert inc.killed.best == 10


def test_the_remaining_dead_are_no_toll_of_their_own() -> None:
    inc = main(
        "Russian raids on the city of Raqqa killed at least 30 people on Thursday, 24 of them "
        "civilians. The monitor had not confirmed whether the remaining six people killed were "
        "civilians or fighters."
    )
    assert inc.killed.low == 30


def test_dead_also_killed_in_the_next_sentence_are_added() -> None:
    inc = main(
        "US-led air strikes killed at least 20 Islamic State fighters near the town of "
        "Shaddadi on Thursday, a monitor said. One civilian was also killed in the air "
        "strikes, he said."
    )
    assert inc.killed.low == 21


def test_dead_also_killed_at_a_place_of_their_own_are_left_apart() -> None:
    inc = main(
        "Heavy government bombing of the town of Douma killed three rescue workers on Monday "
        "while six children were also killed in air raids on Harasta."
    )
    assert killed_point(inc) == 3


def test_a_single_person_listed_after_a_group_is_added() -> None:
    inc = main(
        "War planes bombed a refugee camp near the town of Sarmada killing five women and a child."
    )
    assert inc.killed.best == 6


def test_a_person_starting_a_clause_of_their_own_is_not_added() -> None:
    inc = main("Air strikes killed 15 civilians and a soldier was wounded in the town of Sarmada.")
    assert inc.killed.best == 15


def test_separate_strikes_keep_their_own_dead() -> None:
    found = incidents(
        "An air strike hit the courtyard of the hospital in the town of Kafr Takharim on "
        "Tuesday killing 14 people including patients. Separate air strikes southwest of Kafr "
        "Takharim killed at least 12 people."
    )
    assert killed_point(next(i for i in found if i.main)) == 14
    assert sorted(killed_point(i) for i in found) == [12, 14]


def test_a_wider_total_the_dead_were_among_is_no_toll() -> None:
    inc = main(
        "Air strikes on two hospitals near the town of Deir Sharqi on Thursday left 10 people "
        "dead, a monitor said. They were among 19 people killed in strikes across Idlib "
        "province on Thursday."
    )
    assert inc.killed.best == 10


def test_groups_said_where_they_came_from_are_summed() -> None:
    inc = main(
        "A series of strikes overnight by the coalition killed 14 jihadists from the Islamic "
        "State group and five civilians near the town of Mayadin."
    )
    assert inc.killed.best == 19


def test_the_wounded_after_a_group_from_somewhere_are_not_summed() -> None:
    inc = main(
        "Strikes killed 14 jihadists from the group and wounded five civilians near the town "
        "of Mayadin."
    )
    assert inc.killed.best == 14


def test_a_part_listed_after_all_the_dead_without_a_comma_is_no_count() -> None:
    inc = main(
        "15 Civilians 3 Children Killed in Air Strikes on Manbij. At least 15 civilians "
        "including three children have been killed in air strikes on the town of Manbij."
    )
    assert inc.killed.low == 15


def test_a_group_of_all_the_dead_is_not_summed_with_its_part() -> None:
    inc = main("Air strikes killed 15 civilians 3 children in the town of Manbij.")
    assert inc.killed.best == 15


def test_forces_are_a_group_of_the_dead() -> None:
    inc = main(
        "The monitor said 45 opposition fighters and 43 regime forces had been killed in "
        "clashes around the town of Sheikh Miskin on Friday."
    )
    assert inc.killed.best == 88


def test_a_count_of_some_beside_an_uncounted_group_is_no_toll() -> None:
    inc = main(
        "Air strikes killed 22 people in the village of Hass on Wednesday. Warplanes struck a "
        "school there killing at least one teacher as well as the children."
    )
    assert inc.killed.best == 22
