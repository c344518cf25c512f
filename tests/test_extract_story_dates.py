"""The main incident's day when the story states it outside the incident's own sentence (issue 15,
round 9): a headline typed otherwise than its lead, a lead with no place or no type of its own,
an attack retold by a noun, a roundup lead that names no place; and what must stay undated. Each
on a passage we wrote."""

from __future__ import annotations

import datetime as dt

from trucewatch.extract import extract
from trucewatch.extract.dates import find_dates
from trucewatch.model.report import Published, PublishedBasis, Report, Source

TUESDAY = dt.date(2016, 9, 20)
MONDAY, SUNDAY, SATURDAY = (TUESDAY - dt.timedelta(days=n) for n in (1, 2, 3))


def main(text: str, published: dt.date = TUESDAY):
    pub = Published(PublishedBasis.METADATA, date=published)
    rep = Report(source=Source("test"), text=text, published=pub, id="r1")
    return next(i for i in extract(rep).incidents if i.main)


def test_a_headline_typed_otherwise_takes_the_day_its_lead_states() -> None:
    # the headline says "bombardment" (shelling), the lead "shelling and air strikes" (typed as
    # an air strike): the lead still retells the headline's incident
    text = (
        "Turkish Bombardment Kills 20 Civilians in Jarablus. "
        "Turkish shelling and air strikes killed at least 20 civilians near Jarablus on Monday, "
        "the fifth day of the incursion."
    )
    inc = main(text)
    assert inc.date == MONDAY
    assert any(e.field == "date" and e.text == "Monday" for e in inc.evidence)


def test_a_lead_with_no_place_takes_the_day_of_the_retelling_that_places_it() -> None:
    text = (
        "In an Ambush Syrian Forces Kill 35 Fighters. "
        "Syrian forces killed 35 fighters in an ambush in Eastern Ghouta, a broadcaster reports. "
        "The operation was carried out on Sunday night as the fighters tried to reach Jobar."
    )
    assert main(text).date == SUNDAY


def test_an_untyped_lead_lends_its_day_to_the_incident_told_right_after_it() -> None:
    text = (
        "A total of 14 militants were killed in northern Syria during an operation by the army "
        "on Monday, the military said on Tuesday. "
        "Artillery fire destroyed one tank and two mortar vehicles near Azaz."
    )
    assert main(text).date == MONDAY


def test_an_attack_named_by_a_noun_right_after_the_lead_gives_its_day() -> None:
    text = (
        "Army Foils Raid on Castello Road, Kills 29 Fighters. "
        "Nearly 30 fighters were killed in an offensive they launched on the Castello Road in "
        "Aleppo. "
        "The monitor announced on Tuesday that the fighters mounted an attack to retake the road "
        "on Saturday."
    )
    assert main(text).date == SATURDAY
    # but a noun after the day tells no attack on it: "on Monday ... to resume bombing" is planned
    text = (
        "Aleppo braces for renewed bombardment. "
        "Residents of eastern Aleppo showed no sign of leaving on Monday despite a deadline to "
        "resume bombing at nightfall."
    )
    assert main(text).date is None


def test_a_roundup_lead_with_no_place_dates_its_items_and_its_headline() -> None:
    text = (
        "Three Killed in Attacks With Shells on Aleppo and Daraa. "
        "Terrorist groups on Monday launched attacks with shells on residential neighbourhoods in "
        "a number of provinces. "
        "In Aleppo a mortar shell fell on a school in al-Midan neighbourhood, killing three "
        "students. "
        "Meanwhile rocket shells hit houses in Daraa city, causing material damage."
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
        "The Coalition condemned the bombing that hit the council headquarters in Azaz. "
        "At least five civilians were killed in the attack. "
        "This attack aims to hinder efforts to rebuild the country, the Coalition said in a "
        "press release published on Monday."
    )
    assert main(text).date is None


def test_the_day_an_assault_was_launched_is_no_day_of_an_attack_told_within_it() -> None:
    text = (
        "Nineteen soldiers were killed in a double suicide attack near the Division 17 base in "
        "Raqqa during the assault launched early on Monday, a monitor said."
    )
    assert main(text).date is None


def test_a_page_update_stamp_dates_the_report_not_an_incident() -> None:
    text = "07.04.2017(updated 1404 07.04.2017) Jets struck a market in Homs, killing four."
    kinds = [m.kind for m in find_dates(text, dt.date(2017, 4, 7))]
    assert kinds == ["dateline", "dateline"]
    inc = main(text, published=dt.date(2017, 4, 7))
    assert inc.date is None


def test_a_headline_in_damascus_and_a_lead_in_its_countryside_tell_one_story() -> None:
    text = (
        "Damascus Car Bomb Kills 70 People. "
        "A car bomb killed at least 70 people on Monday in the town of Rankus north of the "
        "Damascus countryside."
    )
    assert main(text).date == MONDAY


def test_an_untyped_lead_dates_the_incident_its_later_sentences_type() -> None:
    text = (
        "ISIS kills more than 50 in central Syria attack. "
        "The group killed more than 50 people in an attack on two villages in Hama province on "
        "Monday, a monitor said. "
        "The monitor said the attack on the two villages killed 15 civilians and 27 fighters. "
        "The group also lost 15 of its own men, the monitor said. "
        "State media said troops repelled the attack on the villages in Hama province."
    )
    assert main(text).date == MONDAY
