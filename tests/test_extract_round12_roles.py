"""Sentence roles and incident drafts on passages we wrote (round 12): an earlier-time phrase in
a relative clause, a photo caption run into a summing lead, a cause phrase before one attack or a
campaign, and evacuations told of "the two towns"."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.figure_roles import _claim_words
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.report import Report

SUNDAY = dt.date(2016, 6, 26)


def _report(text: str) -> Report:
    return passage(text, SUNDAY)


def incidents(text: str):
    return extract(_report(text)).incidents


def words_of(text: str) -> list[str]:
    return text.split(" ")


def context_flags(text: str) -> list[bool]:
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, _report(text)))
    return [r.context for r in doc._.roles]


# --- background scoped to its clause ---------------------------------------------------------


def test_last_month_in_a_relative_clause_leaves_the_news_told_after_it():
    text = (
        "Fighting went on in the north on Saturday. "
        "The rebel brigades which drove the army out of the hills last month had taken "
        "twelve villages in the new push overnight a monitor said."
    )
    assert context_flags(text)[-1] is False


def test_last_month_in_the_main_clause_is_still_background():
    text = (
        "Fighting went on in the north on Saturday. "
        "The rebel brigades took twelve villages in the hills last month a monitor said."
    )
    assert context_flags(text)[-1] is True


def test_a_verb_joined_by_and_stays_in_the_relative_clause():
    text = (
        "Fighting went on in the north on Saturday. "
        "Families came from the town which fell to the army last year and was emptied by rebels."
    )
    assert context_flags(text)[-1] is True


# --- summing lead ----------------------------------------------------------------------------


def test_a_photo_caption_run_into_the_lead_lends_no_place_to_a_sum():
    text = (
        "Fighter jets are seen at an air base near Maarat al-Numan June 18 2016 (Agencies) The "
        "death toll from air strikes on the town of Saraqib has risen to 40 people a monitor "
        "said on Sunday. Two air raids on Saraqib killed 25 civilians the monitor said."
    )
    strikes = [i for i in incidents(text) if i.type.value == "air_strike"]
    assert any(i.killed.low == 40 for i in strikes)


# --- cause phrases ---------------------------------------------------------------------------


def test_as_a_result_of_one_bombing_is_its_toll():
    toks = words_of("as a result of the coalition bombing of the town 15 civilians were killed")
    assert not _claim_words(toks)


def test_as_a_result_of_a_campaign_is_a_total():
    toks = words_of("as a result of the russian air strikes 2000 civilians have been killed")
    assert _claim_words(toks)


# --- the two towns ---------------------------------------------------------------------------


def test_an_evacuation_of_the_two_towns_is_one_at_the_towns_named_before():
    text = (
        "Buses waited at the edge of Foua and Kefraya in Idlib province on Thursday. "
        "More than 3000 people left the two towns along with 1500 evacuated from Madaya on "
        "Friday officials said."
    )
    deliveries = [i for i in incidents(text) if i.type.value == "humanitarian_delivery"]
    govs = {i.place.governorate for i in deliveries if i.place is not None}
    assert "Idlib" in govs
    assert "Rif Dimashq" in govs


def test_two_villages_named_in_place_are_one_evacuation_each():
    text = (
        "More than 3000 people were evacuated from the two villages of Foua and Kefraya in Idlib "
        "on Friday officials said."
    )
    deliveries = [i for i in incidents(text) if i.type.value == "humanitarian_delivery"]
    # GOLD-DEV-2.md codes an evacuation of several towns as one per town.
    assert len(deliveries) == 2
    assert {i.place.governorate for i in deliveries} == {"Idlib"}
