"""Attribution status on passages we wrote: stated, alleged, denied, disputed, alternatives kept,
and a party without aircraft never the perpetrator of an air strike."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Attribution
from trucewatch.model.incident import IncidentType as T

TUESDAY = dt.date(2016, 9, 20)


def incidents(text: str):
    rep = passage(text, TUESDAY)
    return [i for i in extract(rep).incidents if i.type.violent]


def test_a_force_named_as_acting_is_stated() -> None:
    (inc,) = incidents("Government forces shelled Daraa on Monday, killing four people.")
    assert inc.perpetrator == "Syrian government forces"
    assert inc.attribution == Attribution.STATED and inc.denied_by is None


def test_residents_or_activists_saying_so_make_it_alleged() -> None:
    (inc,) = incidents(
        "Jets struck Kafr Nabl on Monday, killing five people. Residents said the aircraft "
        "were Russian."
    )
    assert inc.perpetrator == "Russian forces" and inc.attribution == Attribution.ALLEGED
    assert any(m.field == "attribution" and m.text == "Residents" for m in inc.evidence)
    (inc,) = incidents("Government forces reportedly shelled Daraa on Monday, killing four.")
    assert inc.attribution == Attribution.ALLEGED


def test_either_party_keeps_both_and_a_denial_names_who_denies() -> None:
    (inc,) = incidents(
        "US officials said Syrian or Russian aircraft struck the aid convoy near Atareb on "
        "Monday, killing 20 people. Damascus and Moscow denied any role."
    )
    assert inc.type == T.AIR_STRIKE
    assert inc.perpetrator == "Syrian government forces"
    assert inc.perpetrator_alternatives == ("Russian forces",)
    assert inc.attribution == Attribution.DENIED and inc.denied_by == "Damascus and Moscow"
    assert inc.place is None or inc.place.name != "Damascus"  # a speaker, not the place


def test_a_denial_by_someone_not_accused_changes_nothing() -> None:
    (inc,) = incidents(
        "Russian jets bombed Atareb on Monday, killing 9 people. Ankara denied reports that "
        "its troops had crossed the border."
    )
    assert inc.perpetrator == "Russian forces" and inc.attribution == Attribution.STATED


def test_parties_blaming_each_other_make_it_disputed() -> None:
    (inc,) = incidents(
        "A car bomb killed 12 people in Azaz on Sunday. Kurdish forces and the rebels blamed "
        "each other for the blast."
    )
    assert inc.attribution == Attribution.DISPUTED
    assert {inc.perpetrator, *inc.perpetrator_alternatives} >= {"Syrian opposition"}


def test_blaming_another_party_for_the_same_attack_disputes_it() -> None:
    (inc,) = incidents(
        "Regime forces shelled Kafr Nabl on Sunday, killing 4 people. The government blamed "
        "the rebels for the attack."
    )
    assert inc.perpetrator == "Syrian government forces"
    assert inc.attribution == Attribution.DISPUTED
    assert "Syrian opposition" in inc.perpetrator_alternatives


def test_a_party_without_aircraft_is_never_an_air_strikes_perpetrator() -> None:
    (inc,) = incidents("Rebel air strikes hit Hama on Monday, killing three people.")
    assert inc.type == T.AIR_STRIKE and inc.perpetrator is None and inc.attribution is None
    (inc,) = incidents(
        "Rebel or Russian warplanes struck Khan Tuman on Monday, killing three people."
    )
    assert inc.perpetrator == "Russian forces" and inc.perpetrator_alternatives == ()


def test_no_perpetrator_no_status() -> None:
    (inc,) = incidents("A blast killed seven people in Azaz on Monday.")
    assert inc.perpetrator is None and inc.attribution is None


def test_the_convoy_passage_end_to_end() -> None:
    """The issue's own example, as we wrote it: village, part-of-day date, alternatives, denial."""
    (inc,) = incidents(
        "US officials said Syrian or Russian aircraft struck the aid convoy near Urum al-Kubra "
        "on Monday evening, killing 20 people. Damascus and Moscow denied any role."
    )
    assert inc.place.name == "Urum al-Kubra" and inc.place.governorate == "Aleppo"
    assert inc.date == dt.date(2016, 9, 19)  # Monday evening, in a report of Tuesday 20 Sep
    assert inc.perpetrator == "Syrian government forces"
    assert inc.perpetrator_alternatives == ("Russian forces",)
    assert (inc.attribution, inc.denied_by) == (Attribution.DENIED, "Damascus and Moscow")


def test_a_partys_adjective_before_the_strike_names_the_perpetrator() -> None:
    (inc,) = incidents("Fifteen people were killed on Monday in government air strikes on Douma.")
    assert inc.perpetrator == "Syrian government forces" and inc.attribution == Attribution.STATED
    (inc,) = incidents("Fifteen people were killed on Monday in air strikes on Douma.")
    assert inc.perpetrator is None
