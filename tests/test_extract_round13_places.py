"""Which place an incident gets (issue 15, round 13), on passages we wrote: one toll spread
over a city's quarters stays with the city, and a named town or quarter told for the whole
incident replaces its governorate's seat city."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import GeoPrecision, Place

TUESDAY = dt.date(2016, 9, 20)


def main_place(text: str, title: str | None = None) -> Place:
    """The main incident's place for a passage published on TUESDAY."""
    main = next(i for i in extract(passage(text, TUESDAY, title)).incidents if i.main)
    assert main.place is not None
    return main.place


# --- one toll spread over a city's quarters -----------------------------------------------


def test_a_quarter_of_a_list_told_after_a_city_wide_toll_does_not_narrow_it() -> None:
    place = main_place(
        "Air raids killed 40 civilians in the besieged east of Aleppo city on Monday, "
        "rescuers said. A rescue worker said the jets struck the districts of Shaar, "
        "Kallaseh, Sukkari and Ansari throughout the day."
    )
    assert place.name == "Aleppo"


def test_a_quarter_of_a_comma_stripped_list_does_not_narrow_a_city_wide_toll() -> None:
    place = main_place(
        "Air raids killed 40 civilians in the besieged east of Aleppo city on Monday. "
        "A rescue worker said the jets struck the districts of Shaar Kallaseh Sukkari and "
        "Ansari throughout the day."
    )
    assert place.name == "Aleppo"


def test_a_list_of_quarters_the_gazetteer_half_knows_is_the_city() -> None:
    # "Mashtal" is no quarter the gazetteer holds; the plural noun still says several quarters
    place = main_place(
        "Rebel rockets killed three people in Aleppo on Monday. A police source said the "
        "rockets fell on the neighbourhoods of al-Mashtal and Hamdaniyeh, killing three "
        "people and wounding nine."
    )
    assert place.name == "Aleppo"


def test_one_quarter_named_for_the_whole_toll_is_still_the_place() -> None:
    place = main_place(
        "Rebel rockets killed three people in Aleppo on Monday. A police source said the "
        "rockets fell on the neighbourhood of Hamdaniyeh, wounding nine more."
    )
    assert place.name == "Hamdaniyeh"


def test_a_quarter_told_as_the_worst_hit_of_several_is_not_the_place() -> None:
    place = main_place(
        "Rebel shells killed six civilians and wounded 40 in government-held parts of Aleppo "
        "on Monday, a monitor said. The heaviest fighting raged in several western districts, "
        "particularly in the district of Hamdaniyeh, the monitor added."
    )
    assert place.name == "Aleppo"


def test_a_quarter_where_a_few_of_the_dead_fell_does_not_narrow_the_toll() -> None:
    place = main_place(
        "Air raids killed 30 civilians across the rebel-held east of Aleppo on Monday, a "
        "monitor said. Among the dead were five people killed while queuing at a bakery in "
        "the Shaar neighbourhood."
    )
    assert place.name == "Aleppo"


def test_a_quarter_where_most_of_the_dead_fell_is_the_place() -> None:
    place = main_place(
        "Air raids killed six civilians in Aleppo on Monday, a monitor said. Five of them "
        "were killed while queuing at a bakery in the Shaar neighbourhood."
    )
    assert place.name == "Shaar"


# --- a named town or quarter for the whole incident -----------------------------------------


def test_a_town_told_before_the_word_of_the_attack_refines_the_seat_city() -> None:
    place = main_place(
        "Air strikes killed seven people at a hospital in Idlib on Monday, staff said. "
        "The clinic run by a medical charity in the town of Saraqib was hit by two missiles "
        "in the morning."
    )
    assert place.name == "Saraqib"


def test_fire_on_a_quarter_that_killed_most_of_the_dead_places_the_incident() -> None:
    place = main_place(
        "Rebel rockets killed 11 people in government-held districts of Aleppo on Monday, "
        "state media said. Rebel fire on the district of Hamdaniyeh on Monday killed ten "
        "people and wounded 20."
    )
    assert place.name == "Hamdaniyeh"


def test_a_damascus_suburb_is_the_capitals_countryside_not_the_city() -> None:
    place = main_place(
        "Car bomb kills 12 in Damascus suburb. A car bomb killed 12 people in the Damascus "
        "suburb of Jaramana on Monday, state media said."
    )
    assert (place.name, place.governorate) == ("Jaramana", "Rif Dimashq")


def test_a_city_suburb_alone_is_near_the_city() -> None:
    place = main_place("A car bomb killed 12 people in a Homs suburb on Monday, state media said.")
    assert (place.name, place.governorate) == ("Homs", "Homs")
    assert place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_speakers_surname_is_no_place() -> None:
    # "Harak" keys like the town of al-Hirak (Daraa); told after a given name and before
    # "told", it is a man's name, and the quarter stays in the province the report tells
    text = (
        "At least 11 people were killed on Saturday when Russian jets struck a neighbourhood "
        "in Idlib province, a civil defence official said. The strike hit a warehouse in the "
        "Turmanin neighbourhood, Yasser Harak told reporters."
    )
    report = passage(text, TUESDAY)
    assert all(i.place is None or i.place.governorate == "Idlib" for i in extract(report).incidents)
    assert main_place(text).name == "Turmanin"


def test_a_town_told_by_a_relative_clause_of_another_happening_is_not_the_strikes() -> None:
    text = (
        "Air strikes killed 45 civilians in and around Aleppo on Sunday, a monitor said. "
        "Rescuers searched the rubble through the night. A US-led coalition is also fighting "
        "the jihadists with air strikes and backing for a Kurdish-led alliance, which on "
        "Friday took full control of the town of Manbij."
    )
    found = extract(passage(text, TUESDAY)).incidents
    assert main_place(text).name == "Aleppo"
    assert not [i for i in found if i.type.value == "air_strike" and i.place.name == "Manbij"]
    assert [i for i in found if i.type.value == "territory_taken" and i.place.name == "Manbij"]


def test_a_toll_told_in_and_around_a_city_is_not_narrowed_to_a_quarter() -> None:
    place = main_place(
        "Air strikes killed 30 civilians in and around Aleppo on Sunday, a monitor said. "
        "Rebels announced an offensive to take the government-held district of Hamdaniyeh."
    )
    assert place.name == "Aleppo"


def test_a_toll_told_across_a_province_is_not_narrowed_to_one_town() -> None:
    place = main_place(
        "Air strikes across rebel-held Idlib province killed 19 people on Thursday, a monitor "
        "said. The dead included a family killed in the town of Saraqib."
    )
    assert place.name == "Idlib"


def test_a_town_introduced_once_is_a_place_wherever_it_is_named_again() -> None:
    text = (
        "The army killed 33 militants in rural Daraa on Sunday, a military source said. "
        "The army camp lies near the key town of Zamrin, the source said. The militants' "
        "assault was met by an ambush on the road to the camp in Zamrin."
    )
    assert main_place(text).name == "Zamrin"


def test_a_name_introduced_once_is_found_again() -> None:
    from trucewatch.extract.pipeline import build_pipeline, make_doc

    nlp = build_pipeline()
    doc = nlp(
        make_doc(
            nlp,
            passage(
                "Shells fell on the village of Zamrin in Daraa province on Monday. Two "
                "children died in Zamrin, medics said.",
                TUESDAY,
            ),
        )
    )
    found = [p for p in doc._.places if p.text == "Zamrin"]
    assert len(found) == 2
    assert {p.place.governorate for p in found} == {"Daraa"}


def test_a_quarter_told_for_fighting_is_not_the_shellings() -> None:
    place = main_place(
        "Rebel shells killed 11 people in a government-held neighbourhood of Aleppo on "
        "Friday, a monitor said. Clashes also broke out in the south of the city, where "
        "government forces have started an offensive and are advancing on Salaheddine."
    )
    assert place.name == "Aleppo"


def test_a_quarter_told_for_the_same_kind_of_attack_still_refines_it() -> None:
    place = main_place(
        "Rebel shells killed 11 people in a government-held neighbourhood of Aleppo on "
        "Friday, a monitor said. Clashes raged nearby as the rockets slammed into homes in "
        "Salaheddine."
    )
    assert place.name == "Salaheddine"


def test_a_retelling_with_a_clause_about_the_past_still_places_the_incident() -> None:
    place = main_place(
        "A bomb killed six people and wounded 30 in Aleppo on Wednesday, state television "
        "said. The blast hit the western neighbourhood of Hamdaniyeh, which was on the front "
        "line before government forces took the whole city in 2012."
    )
    assert place.name == "Hamdaniyeh"


def test_a_place_told_for_much_of_the_fighting_is_not_the_whole_battles() -> None:
    place = main_place(
        "Rebels launched a major offensive on government-held western Aleppo on Thursday, "
        "a monitor said. Much of the fighting was focused on the Hamdaniyeh frontline, where "
        "rebels struck army positions. Eight civilians were killed, the monitor said."
    )
    assert place.name == "Aleppo"
