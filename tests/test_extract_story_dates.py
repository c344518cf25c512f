"""The main incident's day when the story states it outside the incident's own sentence (issue 15,
round 9): a headline typed otherwise than its lead, a lead with no place or no type of its own,
an attack retold by a noun, a roundup lead that names no place; and what must stay undated. Each
on a passage we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.dates import find_dates
from trucewatch.model.report import Published, PublishedBasis, Report, Source

TUESDAY = dt.date(2016, 9, 20)
MONDAY, SUNDAY, SATURDAY = (TUESDAY - dt.timedelta(days=n) for n in (1, 2, 3))


def main(text: str, published: dt.date = TUESDAY):
    rep = passage(text, published)
    return next(i for i in extract(rep).incidents if i.main)


def test_a_headline_typed_otherwise_takes_the_day_its_lead_states() -> None:
    # the headline says "bombardment" (shelling), the lead "shelling and air raids" (typed as an
    # air strike): the lead still retells the headline's incident
    text = (
        "Bombardment leaves 12 dead in Azaz. "
        "Artillery shelling and air raids on Azaz on Monday left 12 residents dead, according to "
        "a local council."
    )
    inc = main(text)
    assert inc.date == MONDAY
    assert any(e.field == "date" and e.text == "Monday" for e in inc.evidence)


def test_a_lead_with_no_place_takes_the_day_of_the_retelling_that_places_it() -> None:
    text = (
        "Troops kill 18 gunmen in ambush. "
        "Army units ambushed a group of gunmen near Douma and killed 18 of them, a TV channel "
        "says. "
        "The ambush was carried out on Sunday night as the group moved towards the highway."
    )
    assert main(text).date == SUNDAY


def test_an_untyped_lead_lends_its_day_to_the_incident_told_right_after_it() -> None:
    text = (
        "Nine fighters died in the north of the country in an army operation on Monday, officers "
        "told reporters on Tuesday. "
        "Artillery fire wrecked two pick-up trucks and a depot near Azaz."
    )
    assert main(text).date == MONDAY


def test_an_attack_named_by_a_noun_right_after_the_lead_gives_its_day() -> None:
    text = (
        "Troops repel raid on Ramouseh, 17 gunmen dead. "
        "Seventeen gunmen died in a failed push on the Ramouseh district of Aleppo. "
        "A monitor said on Tuesday that the gunmen mounted an assault on the district on "
        "Saturday."
    )
    assert main(text).date == SATURDAY
    # but a noun after the day tells no attack on it: "on Monday ... to resume bombing" is planned
    text = (
        "Idlib waits for new bombardment. "
        "Families in Idlib stayed in their homes on Monday despite a deadline to resume bombing "
        "after dark."
    )
    assert main(text).date is None


def test_a_roundup_lead_with_no_place_dates_its_items_and_its_headline() -> None:
    text = (
        "Shells kill two pupils in Aleppo, damage homes in Daraa. "
        "Armed groups on Monday launched attacks on residential areas in several provinces. "
        "In Aleppo a mortar round landed on a primary school in al-Midan, killing two pupils. "
        "Meanwhile shells fell on houses in Daraa city, damaging several of them."
    )
    inc = main(text)
    assert inc.date == MONDAY
    found = extract(
        Report(
            source=Source("test"),
            text=text,
            published=Published(PublishedBasis.METADATA, date=TUESDAY),
            id="r2",
        )
    )
    daraa = [i for i in found.incidents if i.place and i.place.governorate == "Daraa"]
    assert daraa and all(i.date is None for i in daraa)  # "meanwhile" sets it apart


def test_the_day_a_statement_was_published_is_no_day_of_the_attack() -> None:
    text = (
        "The opposition council deplored the bombing of a hospital in Azaz. "
        "Four patients died in the attack. "
        "This attack is a crime against the sick, the council said in a statement published on "
        "Monday."
    )
    assert main(text).date is None


def test_the_day_an_assault_was_launched_is_no_day_of_an_attack_told_within_it() -> None:
    text = (
        "Eleven soldiers died when a suicide bomber struck a checkpoint in Raqqa during the "
        "assault launched early on Monday, a monitor said."
    )
    assert main(text).date is None


def test_a_page_update_stamp_dates_the_report_not_an_incident() -> None:
    text = "03.05.2017(updated 0930 03.05.2017) Jets hit a bakery in Homs, killing three."
    kinds = [m.kind for m in find_dates(text, dt.date(2017, 5, 3))]
    assert kinds == ["dateline", "dateline"]
    inc = main(text, published=dt.date(2017, 5, 3))
    assert inc.date is None


def test_a_headline_in_damascus_and_a_lead_in_its_countryside_tell_one_story() -> None:
    text = (
        "Damascus car bomb kills 15. "
        "A car bomb left 15 people dead on Monday in Jaramana, a suburb in the Damascus "
        "countryside."
    )
    assert main(text).date == MONDAY


def test_an_untyped_lead_dates_the_incident_its_later_sentences_type() -> None:
    # only the last sentence types the incident ("repelled"); the lead four sentences before
    # tells the killing and its day
    text = (
        "ISIS fighters kill 30 in Hama villages. "
        "ISIS fighters killed more than 30 people in an attack on two government-held villages "
        "in Hama province on Monday, a monitor said. "
        "The monitor said the attack on the two villages killed 12 civilians and 18 guards. "
        "ISIS also lost eight of its fighters in the attack, the monitor said. "
        "State media said troops and local gunmen repelled the ISIS attack on villages in Hama "
        "province."
    )
    assert main(text).date == MONDAY
