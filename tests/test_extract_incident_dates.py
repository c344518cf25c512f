"""Which stated day is the main incident's (issue 15, round 8): photo captions, days of speaking,
pairs of days and days told in a retelling, each on a passage we wrote."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.dates import find_dateline, find_dates
from trucewatch.model.dates import DateBasis
from trucewatch.model.report import Published, PublishedBasis, Report, Source

TUESDAY = dt.date(2016, 9, 20)
MONDAY, SUNDAY, SATURDAY = (TUESDAY - dt.timedelta(days=n) for n in (1, 2, 3))


def main(text: str, title: str | None = None, published: dt.date = TUESDAY):
    rep = passage(text, published, title=title)
    return next(i for i in extract(rep).incidents if i.main)


# --- photo captions ---------------------------------------------------------------------------


def test_a_full_date_before_a_photo_credit_is_a_caption() -> None:
    text = "Smoke rises over Jisr al-Shughour, Syria August 6 2016 (Our Agency and Agencies) Jets"
    (found,) = find_dates(text, TUESDAY)
    assert (found.kind, found.text) == ("caption", "August 6 2016")
    (plain,) = find_dates(
        "Jets struck Jisr al-Shughour on August 6 2016 (the monitor reported).", TUESDAY
    )
    assert plain.kind == "absolute"


def test_a_caption_is_neither_the_incident_day_nor_the_dateline() -> None:
    text = (
        "Rescuers search the rubble in Saraqeb, Syria September 2 2016 (Reuters) "
        "Jets struck a market in Saraqeb on Monday, killing nine people, a monitor said."
    )
    inc = main(text)
    assert inc.date == MONDAY and inc.window.basis == DateBasis.TEXT
    undated = main(
        "A fighter walks past Kafr Nabl, Syria September 2 2016 (AFP Photo) Jets "
        "struck a market in Kafr Nabl, killing nine people."
    )
    assert undated.date is None and undated.window.event_date == TUESDAY
    assert find_dateline("A boy in Saraqeb, Syria September 2 2016 (Reuters) Jets struck.") is None


# --- days of speaking -------------------------------------------------------------------------


def test_a_day_followed_by_a_speech_verb_is_the_day_of_speaking_not_after_the_killing() -> None:
    text = (
        "The health directorate on Sunday announced that jets had struck a hospital in Atareb, "
        "killing four people."
    )
    assert main(text).date is None
    text = (
        "Regime strikes on Aleppo killed at least 16 civilians on Sunday, a monitor said, and a "
        "barrel bomb wrecked one district."
    )
    assert main(text).date == SUNDAY
    text = "Shells killed two civilians in Aleppo on Monday according to local sources."
    assert main(text).date == MONDAY


def test_a_day_opening_a_statement_that_tells_the_incident_is_the_day_of_speaking() -> None:
    text = (
        "On Sunday the opposition coalition stated that jets had struck a bakery in Atareb, "
        "killing twelve people."
    )
    assert main(text).date is None
    text = "On Sunday jets struck a bakery in Atareb, killing twelve people, the coalition said."
    assert main(text).date == SUNDAY
    killed_first = "On Sunday twelve people were killed in Atareb by air strikes, activists said."
    assert main(killed_first).date == SUNDAY


# --- pairs of days ----------------------------------------------------------------------------


def test_strikes_on_two_named_days_have_no_single_day() -> None:
    inc = main("Air strikes on Raqqa on Saturday and Sunday killed 22 people.")
    assert inc.date is None
    assert main("Air strikes on Raqqa on Saturday killed 22 people.").date == SATURDAY
    text = "Shelling of Jobar began on Saturday and continued until Monday, killing six."
    assert main(text).date is None


def test_a_speech_verb_four_words_before_the_day_marks_the_day_of_speaking() -> None:
    text = "A source told the SANA reporter on Sunday that gunmen shelled Jobar, killing two."
    assert main(text).date is None


def test_a_future_day_after_ahead_of_is_not_a_past_day() -> None:
    (found,) = find_dates("Talks were held ahead of Sunday elections.", TUESDAY)
    assert found.date == dt.date(2016, 9, 25)


# --- a day told in the retelling --------------------------------------------------------------


def test_the_lead_takes_the_day_a_back_reference_gives() -> None:
    text = (
        "Jets struck a market in Saraqeb, killing nine people, a monitor said on Tuesday. "
        "Rescuers said Sunday's attack left dozens wounded."
    )
    inc = main(text)
    assert inc.date == SUNDAY and inc.window.basis == DateBasis.TEXT
    assert any(m.field == "date" and m.text == "Sunday's" for m in inc.evidence)


def test_the_lead_takes_the_day_its_retelling_gives_but_not_another_incidents() -> None:
    text = (
        "A chemical attack on Khan Sheikhoun killed dozens of people. "
        "The attack was carried out at around noon on Monday, doctors in Idlib said."
    )
    assert main(text).date == MONDAY
    untyped = (
        "The coalition condemned an air strike that killed 35 people in Ain Jara in Aleppo. "
        "Three schools were targeted early on Monday in the town."
    )
    assert main(untyped).date == MONDAY
    apart = (
        "Jets struck a market in Saraqeb, killing nine people. "
        "In another attack on Sunday, jets hit a bakery in the same town."
    )
    assert main(apart).date is None
    clause = (
        "Shelling on the Castello road in Aleppo hit a convoy of fighters. Eleven fighters were "
        "killed trying to reopen the road, which troops had cut on Sunday, a monitor said."
    )
    assert main(clause).date is None
    elsewhere = (
        "Shells fired by gunmen wounded three people in Izraa in Daraa province. "
        "Four civilians were wounded by rocket shells in Aleppo on Sunday."
    )
    assert main(elsewhere).date is None
    span = (
        "Air strikes on Raqqa over the past two days killed 22 people. "
        "The strikes on Sunday hit a market."
    )
    assert main(span).date is None
    recalled = (
        "Jets struck a market in Saraqeb, killing nine people. "
        "Forty people were killed in the town on September 2."
    )
    assert main(recalled).date is None


def test_earlier_this_morning_is_the_day_of_publication_and_sets_nothing_apart() -> None:
    (found,) = find_dates("Schools were hit earlier this morning.", TUESDAY)
    assert (found.text, found.date) == ("earlier this morning", TUESDAY)
    text = (
        "The coalition condemned the massacre by Russian warplanes that killed 35 people in Ain "
        "Jara in Aleppo. Three schools were targeted earlier this morning in the town."
    )
    assert main(text, published=SUNDAY).date == SUNDAY


def test_the_first_day_of_a_campaign_is_not_the_day_of_its_fighting() -> None:
    text = "Troops fought IS near Tabqa in an offensive that began on September 3, a monitor said."
    assert main(text).date is None
    assert main("Troops fought IS near Tabqa on September 18, a monitor said.").date == dt.date(
        2016, 9, 18
    )


# --- wire datelines, spans, days counted from another event -----------------------------------


def test_a_wire_dateline_dates_the_report_not_the_story() -> None:
    text = (
        "BEIRUT, September 20 (Our Wire) — The toll from a car bomb that tore through a convoy "
        "near Aleppo on Sunday has risen to 40, a monitor said on Tuesday."
    )
    kinds = {m.text: m.kind for m in find_dates(text, TUESDAY)}
    assert kinds["September 20"] == "dateline"
    assert main(text).date == SUNDAY  # "through a convoy" spans nothing
    assert find_dates("On September 20 - the day after - jets struck.", TUESDAY)[0].kind != (
        "dateline"
    )


def test_an_event_two_days_before_the_lead_is_dated_from_it() -> None:
    text = (
        "Russian jets bombed a hospital in Khan Tuman in Aleppo on Tuesday, killing 15 medics. "
        "The attack comes two days after jets hit an aid convoy near Urum al-Kubra in Aleppo."
    )
    found = extract(
        Report(
            source=Source("test"),
            text=text,
            published=Published(PublishedBasis.METADATA, date=TUESDAY),
            id="r1",
        )
    ).incidents
    convoy = next(i for i in found if i.place and "Urum" in i.place.name)
    assert convoy.date == SUNDAY
    assert any(m.field == "date" and m.text == "two days after" for m in convoy.evidence)


def test_a_speech_verb_before_the_strike_it_reports_leaves_the_strike_its_day() -> None:
    text = (
        "A suspected chemical attack on Khan Shaykhun in Idlib killed 72 people. "
        "Medics said warplanes struck the town early on Sunday."
    )
    assert main(text).date == SUNDAY
