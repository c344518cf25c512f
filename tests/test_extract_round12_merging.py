"""Round 12, merging on passages we wrote: quarters the gazetteer lacks, towns one trigger
lists (seat city or not, commas stripped or not), a chemical attack's listed towns across the
capital's border, and a place told for another happening beside the incident."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.draft import same_place
from trucewatch.extract.place_scope import came_as
from trucewatch.extract.spans import PlaceMention
from trucewatch.model.incident import GeoPrecision, Place

WEDNESDAY = dt.date(2016, 11, 9)


def violent(text: str):
    rep = passage(text, WEDNESDAY)
    return [i for i in extract(rep).incidents if i.type.violent]


def _mention(place: Place) -> PlaceMention:
    return PlaceMention(0, 1, place.name, place, 0, 1, 0)


def test_two_quarters_known_only_by_their_region_are_two_places():
    one = Place("Qasr al-Wardi", "Aleppo", geo_precision=GeoPrecision.REGION)
    other = Place("Bustan al-Laymun", "Aleppo", geo_precision=GeoPrecision.REGION)
    city = Place("Aleppo", "Aleppo", geo_precision=GeoPrecision.TOWN)
    assert not same_place(_mention(one), _mention(other))
    # the seat city still stands for each of its quarters
    assert same_place(_mention(one), _mention(city))


def test_a_region_the_gazetteer_holds_still_stands_for_its_governorate():
    golan = Place("Golan Heights", "Quneitra", geo_precision=GeoPrecision.REGION)
    town = Place("Hadar", "Quneitra", geo_precision=GeoPrecision.TOWN)
    assert same_place(_mention(golan), _mention(town))


def test_a_seat_city_listed_beside_a_town_gives_one_incident_each():
    text = (
        "Coalition aircraft carried out a series of raids near Raqqa on Monday, killing at "
        "least 9 civilians, activists said. "
        "Witnesses said the aircraft struck Raqqa and Tabqa again in the evening."
    )
    places = sorted(i.place.name for i in violent(text) if i.type.value == "air_strike")
    assert places == ["Raqqa", "Tabqa"]


def test_a_comma_stripped_list_closed_by_and_gives_one_incident_per_town():
    text = (
        "Government helicopters dropped barrel bombs on the towns of Kafr Nabl Saraqib and "
        "Maarat al-Numan on Monday, a monitor said."
    )
    places = {i.place.name for i in violent(text)}
    assert {"Kafr Nabl", "Saraqib"} <= places
    assert len(places) == 3


def test_a_chemical_attacks_listed_town_across_the_capitals_border_is_its_own_incident():
    drafts = violent(
        "A chemical attack near Damascus on Tuesday killed more than 200 people, doctors said. "
        "Activists said rockets with chemical agents hit the suburbs of Ain Tarma Zamalka and "
        "Jobar."
    )
    chemical = [i for i in drafts if i.type.value == "chemical_attack"]
    assert "Damascus" in {i.place.governorate for i in chemical}
    assert all(i.date == dt.date(2016, 11, 8) for i in chemical)


def test_a_place_told_after_came_as_does_not_narrow_the_incident():
    text = (
        "Government air strikes killed 14 civilians in Aleppo on Monday, a monitor said. "
        "The air strikes came as rebels pushed into the government-held Ramouseh district."
    )
    strikes = [i for i in violent(text) if i.type.value == "air_strike"]
    assert len(strikes) == 1
    assert strikes[0].place.name == "Aleppo"


def test_came_as_reads_the_verb_before_as():
    assert came_as(["came", "as", "rebels"])
    assert not came_as(["as", "rebels", "came"])
