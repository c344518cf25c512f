"""Round 16 (issue 15): the main incident's place on unseen articles. Every passage here is
one we wrote; none is copied from FA-KES or the seed texts."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident
from trucewatch.model.incident import GeoPrecision

DAY = dt.date(2016, 7, 5)


def test_a_name_told_as_an_area_is_the_incident_place() -> None:
    """ "near the Zarqoun area": an area named after a place the gazetteer lacks is that place,
    in the governorate the story tells."""
    inc = main_incident(
        "Government aircraft killed at least nine people on Monday in the province of Idlib, "
        "a monitor said. Two barrel bombs were dropped on a camp near the Zarqoun area, "
        "killing nine people.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Idlib"


def test_an_area_of_the_capital_is_that_part_of_the_capital() -> None:
    """ "in Bab Zarqoun area of the Syrian capital": the area is a part of Damascus."""
    inc = main_incident(
        "A bomb inside a minibus killed five people on Sunday. State television said the "
        "explosion took place in Bab Zarqoun area of the Syrian capital.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Bab Zarqoun"
    assert inc.place.governorate == "Damascus"


def test_a_party_area_is_no_place() -> None:
    """ "the Jaish al-Islam area" is whose area, not its name: the incident stays in the town
    the story names."""
    inc = main_incident(
        "Artillery shells killed four civilians in the town of Douma on Sunday, a monitor said. "
        "The shells fell on the Jaish al-Islam area, activists said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Douma"


def test_a_district_told_after_its_city_is_a_part_of_that_city() -> None:
    """ "... in Aleppo. The rocket struck the Zarqawiyeh district in the west of the city": a
    district the gazetteer lacks, with no place in its own sentence, is a part of the city the
    story told just before (near-town precision), not only somewhere in its governorate."""
    inc = main_incident(
        "Rebel rocket fire on a government-held area of the city of Aleppo killed five children "
        "on Saturday, a monitor said. The rocket struck the Zarqawiyeh district in the west of "
        "the city.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqawiyeh"
    assert inc.place.governorate == "Aleppo"
    assert inc.place.geo_precision == GeoPrecision.NEAR_TOWN


def test_a_village_told_after_a_town_stays_at_governorate_precision() -> None:
    """A village (not a part of a town) told after a town's sentence is only known to lie in
    its governorate: region precision, as before."""
    inc = main_incident(
        "Air strikes hit the town of Saraqib on Monday, a monitor said. Six people were killed "
        "when a strike hit a house in the village of Zarqoun.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.geo_precision == GeoPrecision.REGION


def test_a_town_set_beside_a_far_place_is_another_town_of_that_name() -> None:
    """ "captured the area of Safsafeh east of Tabqa": the gazetteer's Safsafeh lies far away
    (Tartus); a town the text sets beside Tabqa is one the gazetteer lacks, near Tabqa."""
    inc = main_incident(
        "Kurdish-led fighters captured the area of Safsafeh east of Tabqa on Monday, laying "
        "siege to the town, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Safsafeh"
    assert inc.place.governorate == "Raqqa"


def test_a_town_beside_a_near_place_across_a_border_keeps_its_governorate() -> None:
    """A town set beside a place of another governorate but close to it (a town across a
    nearby border) stays the gazetteer's town."""
    inc = main_incident(
        "Government aircraft struck Kafr Zita near Khan Shaykhun on Monday, killing four "
        "people, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Kafr Zita"
    assert inc.place.governorate == "Hama"


def test_a_bare_name_told_in_a_governorate_is_the_incident_place() -> None:
    """ "air strikes on Zarqoun in Idlib province": a bare name the gazetteer lacks, told as
    where the strikes fell and said to lie in a known place, is the incident's place."""
    inc = main_incident(
        "Twelve people were killed in air strikes on Zarqoun in Idlib province on Monday, a "
        "monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Idlib"


def test_a_bare_name_told_as_a_village_of_a_governorate_is_the_incident_place() -> None:
    """ "struck Zarqoun, a village in Hama province" (an apposition between them)."""
    inc = main_incident(
        "Government aircraft struck Zarqoun, a rebel-held village in Hama province, on Monday, "
        "killing 12 people, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Hama"


def test_two_bare_names_listed_in_a_governorate_are_both_places() -> None:
    """ "bombed Zarqoun and Marqoun in Idlib province": the list's first town is the place."""
    inc = main_incident(
        "Russian jets bombed Zarqoun and Marqoun in Idlib province on Monday, killing 12 "
        "people, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name in ("Zarqoun", "Marqoun")
    assert inc.place.governorate == "Idlib"


def test_a_month_a_party_or_a_building_told_in_a_place_is_no_town() -> None:
    """ "on Sunday in Idlib", "strikes on Nusra in Idlib", "a strike on the Zarqoun Hospital in
    Idlib": a time, a party and a building are not towns of their own."""
    for text in (
        "Eight people were killed on Sunday in Idlib province when air strikes hit a market.",
        "Eight people were killed in air strikes on Nusra in Idlib province on Monday.",
        "Eight people were killed in air strikes on Zarqoun Hospital in Idlib province on Monday.",
    ):
        inc = main_incident(text, DAY)
        assert inc.place is not None
        assert inc.place.name == "Idlib", text


def test_title_cased_words_in_a_headline_are_no_town() -> None:
    """A title-cased headline ("Civilians Killed in Terrorist Attacks in Aleppo") capitalises
    every word: its capitals tell no name."""
    inc = main_incident(
        "Five Civilians Killed in Terrorist Rocket Attacks in Aleppo. Five civilians were "
        "killed on Monday when rocket shells hit residential areas of Aleppo city.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Aleppo"


def test_a_quarter_named_after_words_that_say_whose_it_is() -> None:
    """ "targeted the Kurdish-held Zarqoun district of Hasakeh city": words that say whose or
    what the quarter is may stand between "the" and its name."""
    inc = main_incident(
        "Militants fired shells containing toxic gas on Monday that targeted the Kurdish-held "
        "Zarqoun district of Hasakeh city, wounding 12 people, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Hasakah"


def test_the_seat_of_a_body_that_reports_is_not_the_incident_place() -> None:
    """ "According to the local council of the town of Afrin, the village of Zarqoun was hit":
    the town a council (governor, mayor) speaks for tells who reports, not where it happened."""
    inc = main_incident(
        "Air strikes killed six people in Aleppo province on Monday, a ministry said. According "
        "to the local council of the town of Afrin, the village of Zarqoun was hit by an air "
        "strike in which six people died.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"


def test_a_place_followed_by_the_next_place_introduced_does_not_nest() -> None:
    """Copy stripped of commas ("the city of Afrin the village of Zarqoun suffered an air
    attack"): "X the village of Y" tells Y after X, not X inside Y."""
    inc = main_incident(
        "Air strikes killed six people in Aleppo province on Monday, a ministry said. According "
        "to information handed over by the local council of the Syrian city of Afrin the village "
        "of Zarqoun suffered an air attack in which six people died.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"


def test_a_respelt_town_is_known_by_the_governorate_of_the_sentence_before() -> None:
    """ "... in Idlib province. Seven people were killed in Banish": a respelt town (Binnish)
    is matched by its consonant skeleton against the governorates the sentence before names,
    when its own names none."""
    inc = main_incident(
        "Russian jets struck several towns in Idlib province on Monday, a monitor said. Seven "
        "people were killed in Banish when a strike hit a market.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Banish"
    assert inc.place.governorate == "Idlib"
    assert inc.place.geo_precision == GeoPrecision.TOWN


def test_a_turkish_border_town_or_a_compound_name_is_not_respelt() -> None:
    """ "shells landed in Kilis" (Turkey) and "the Archeparchy of Hassak-Nisibis" are no
    Syrian town respelt."""
    from trucewatch.gazetteer.places import load_gazetteer

    assert load_gazetteer().stopped("Kilis")
    inc = main_incident(
        "Rockets fired from Aleppo province on Monday killed two people, officials said. The "
        "rockets landed in the centre of Kilis, wounding four more.",
        DAY,
    )
    assert inc.place is None or inc.place.name != "Kilis"


def test_a_story_told_in_one_town_of_a_governorate_is_set_there() -> None:
    """ "... a rebel-held town ... vowed revenge for the strike on the town of Saraqib in Idlib
    province": the governorate told as a region locates the one town the story names there;
    it is no second place."""
    inc = main_incident(
        "The death toll from a suspected chemical attack on a rebel-held town has risen to 60, a "
        "monitor said on Wednesday. There were also 20 women among the dead. The UN Security "
        "Council met to debate a resolution. Diplomats said a vote could come on Friday. Moscow "
        "defended its ally. The talks went on late into the night. Rebel groups vowed revenge "
        "for the strike on the town of Saraqib in Idlib province in the northwest.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Saraqib"


def test_a_tribe_name_is_no_place() -> None:
    """ "the al-Zarqoun tribe ... the storming of the al-Zarqoun area": a name the text gives a
    tribe is the people's, so its "area" and its other mentions are no place."""
    from trucewatch.extract.pipeline import build_pipeline

    doc = build_pipeline()(
        "Militants stormed the town of Mayadin on Monday, killing 30 fighters of the al-Zarqoun "
        "tribe, a monitor said. Those killed during the storming of the al-Zarqoun area were "
        "all al-Zarqoun, an activist said."
    )
    assert [p.place.name for p in doc._.places] == ["Mayadin"]


def test_a_bare_name_told_near_or_as_a_quarter_of_a_town_is_a_place_there() -> None:
    """ "in Zarqoun near Aleppo", "in Zarqoun, a neighbourhood of Aleppo": located by the town."""
    for text in (
        "Air strikes killed 12 people in Zarqoun near Aleppo on Monday, a monitor said.",
        "Air strikes killed 12 people in Zarqoun, a neighbourhood of Aleppo, on Monday.",
    ):
        inc = main_incident(text, DAY)
        assert inc.place is not None
        assert inc.place.name == "Zarqoun", text
        assert inc.place.governorate == "Aleppo"


def test_a_camp_named_by_its_kind_is_the_place() -> None:
    """ "shells fell on the Zarqoun camp in Daraa province": the camp, its name with the word."""
    inc = main_incident(
        "Mortar shells fell on the Zarqoun camp in Daraa province on Monday, killing three "
        "people, a source said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun camp"
    assert inc.place.governorate == "Daraa"


def test_a_possessive_stripped_of_its_apostrophe_is_the_known_place() -> None:
    """ "in Kafr Zita in Hamas countryside" is Hama's countryside (copy that strips
    apostrophes), never a place named "Hamas"."""
    inc = main_incident(
        "Army units killed 20 militants on Monday in Zarqoun in Hamas countryside, a source said.",
        DAY,
    )
    assert inc.place is None or inc.place.name != "Hamas"


def test_a_bare_name_infiltrated_or_retaken_in_a_governorate_is_the_place() -> None:
    """ "fighters infiltrated Zarqoun in Aleppo province": a verb of entering or taking tells
    the name as where it happened, as "in" does."""
    inc = main_incident(
        "At least 18 people were killed on Thursday when militants infiltrated Zarqoun in Aleppo "
        "province and attacked a school used as a base, a monitor said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"


def test_a_named_region_of_the_capital_is_a_part_of_the_capital() -> None:
    """ "in Bab Zarqoun region of the Syrian capital": a named region of a city is a part of it
    (Damascus), not the city's countryside (Rif Dimashq) that "the region of Damascus" is."""
    inc = main_incident(
        "A bomb inside a minibus killed five people on Sunday. State television said the "
        "explosion took place in Bab Zarqoun region of the Syrian capital.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Bab Zarqoun"
    assert inc.place.governorate == "Damascus"


def test_a_quarter_of_another_city_told_as_a_region_of_the_capital_is_in_the_capital() -> None:
    """ "took place in Kallaseh region of the Syrian capital": the gazetteer's Kallaseh is an
    Aleppo quarter; a region of that name told inside Damascus is a part of Damascus the
    gazetteer lacks, named without its kind word."""
    inc = main_incident(
        "An explosion inside a bus killed six people in downtown Damascus on Sunday. State TV "
        "said the explosion took place in Kallaseh region of the Syrian capital.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.governorate == "Damascus"
    assert inc.place.name == "Kallaseh"


def test_a_name_located_by_the_sentence_before_skips_a_came_as_clause() -> None:
    """ "... in Idlib province. The strikes came as a car bomb wounded 37 in Homs. Barrel bombs
    were dropped near the Zarqoun area": Homs is another happening's place; the area lies in the
    story's governorate, told before it."""
    inc = main_incident(
        "Syrian regime aircraft killed at least 10 people when they dropped barrel bombs on a "
        "camp housing displaced persons on Wednesday in the northwestern province of Idlib, a "
        "monitor said. The strikes came as a car bomb wounded at least 37 people in the central "
        "city of Homs. Two barrel bombs were dropped on the camp near the Zarqoun area, killing "
        "10 people.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
    assert inc.place.governorate == "Idlib"


def test_bloodshed_told_in_a_town_places_the_strikes_there() -> None:
    """ "west of the city of Raqqa ... aviation staged bloodshed in Zarqoun town in the western
    Raqqa province": "bloodshed" (as "massacre", "bombardment") tells the happening, so the
    town refines the strikes' seat city."""
    inc = main_incident(
        "At least 10 civilians were killed in coalition strikes west of the city of Raqqa, state "
        "media reported. Coalition aviation staged bloodshed in Zarqoun town in the western part "
        "of the Raqqa province resulting in deaths of at least 10 civilians, residents said.",
        DAY,
    )
    assert inc.place is not None
    assert inc.place.name == "Zarqoun"
