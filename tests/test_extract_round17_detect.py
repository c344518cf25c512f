"""Incidents never drafted, on passages we wrote (round 17, r17-detect): a capture told as the
loser's loss or as ground fallen into a side's hands, and strong weapon words with one typo;
with the readings that keep men, lives and plans from turning into such incidents."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.events import typo_phrases
from trucewatch.model.incident import Incident, IncidentType

TUESDAY = dt.date(2016, 3, 8)
T = IncidentType


def incidents(text: str) -> list[Incident]:
    """The incidents of a passage published on a Tuesday."""
    return extract(passage(text, TUESDAY)).incidents


def kinds(text: str) -> set[tuple[IncidentType, str | None]]:
    """(type, place name) of each incident of a passage."""
    return {(i.type, i.place.name if i.place else None) for i in incidents(text)}


def test_ground_lost_to_a_side_is_a_capture() -> None:
    found = kinds(
        "Government troops lost control of the village of Kafr Nabl to insurgents on "
        "Monday after two days of street battles, a monitoring group said."
    )
    assert (T.TERRITORY_TAKEN, "Kafr Nabl") in found
    found = kinds(
        "The regime lost Saraqib to an alliance of rebel groups on Monday, activists said."
    )
    assert (T.TERRITORY_TAKEN, "Saraqib") in found


def test_the_side_that_gained_the_lost_ground_took_it() -> None:
    found = incidents(
        "The Syrian army lost the town of Saraqib to Islamic State fighters on Monday, a "
        "monitoring group said."
    )
    taken = [i for i in found if i.type == T.TERRITORY_TAKEN]
    assert taken and taken[0].perpetrator == "ISIL"


def test_ground_fallen_into_a_sides_hands_or_control_is_a_capture() -> None:
    for text in (
        "The town of Saraqib fell into the hands of rebel fighters on Monday, residents said.",
        "The town of Saraqib fell into rebel hands on Monday, residents said.",
        "The town of Saraqib came under the control of rebel fighters on Monday, residents said.",
    ):
        assert (T.TERRITORY_TAKEN, "Saraqib") in kinds(text), text


def test_men_or_lives_lost_are_not_ground_lost() -> None:
    for text in (
        "Four civilians lost their lives to mortar fire in Saraqib on Monday, medics said.",
        "The army lost 30 soldiers to a rebel ambush near Saraqib on Monday, a monitor said.",
    ):
        assert all(t != T.TERRITORY_TAKEN for t, _ in kinds(text)), text


def test_a_typo_in_a_strong_weapon_word_still_tells_the_strike() -> None:
    found = kinds(
        "Russian air stikes hit the town of Saraqib on Monday, killing 12 civilians, "
        "a monitoring group said."
    )
    assert (T.AIR_STRIKE, "Saraqib") in found
    found = kinds("Government artilery pounded the town of Saraqib on Monday, medics said.")
    assert (T.SHELLING, "Saraqib") in found


def test_typos_keep_both_ends_and_never_spell_a_real_word() -> None:
    assert "air stikes" in typo_phrases("air strikes")
    assert "air srtikes" in typo_phrases("air strikes")
    assert "war plans" not in typo_phrases("war planes")
    assert "rocket launches" not in typo_phrases("rocket launchers")
    assert not typo_phrases("shells")  # a short word alone slips into real words ("sells")
    assert not typo_phrases("car bomb")  # "bomb" is too short to tell a slip from another word


def test_plans_with_a_typo_like_spelling_are_no_incident() -> None:
    assert not kinds("The army announced war plans for Saraqib on Monday, officials said.")


def test_weapon_words_the_lexicon_lacked_tell_their_attack() -> None:
    found = kinds(
        "Regime gunships struck the town of Saraqib on Monday, killing three, a monitor said."
    )
    assert (T.AIR_STRIKE, "Saraqib") in found
    found = kinds(
        "A man threw a hand grenade at a checkpoint in Saraqib on Monday, killing two, "
        "a monitor said."
    )
    assert (T.EXPLOSION, "Saraqib") in found
    found = kinds("A roadside bomb killed two soldiers in Saraqib on Monday, a monitor said.")
    assert (T.EXPLOSION, "Saraqib") in found


def test_traps_left_behind_are_no_attack() -> None:
    found = kinds(
        "Troops entered the town of Saraqib on Monday. Army engineers were clearing mines "
        "and booby traps left by the retreating fighters, state media said."
    )
    assert all(t == T.TERRITORY_TAKEN for t, _ in found)


def test_gunships_that_only_flew_strike_nothing() -> None:
    assert not kinds("Regime gunships flew over the town of Saraqib on Monday, a monitor said.")


def test_a_force_made_to_withdraw_gave_up_the_ground_it_left() -> None:
    found = incidents(
        "Kurdish fighters forced Islamic State militants to withdraw from the town of Tal "
        "Abyad on Monday, a monitoring group said."
    )
    taken = [i for i in found if i.type == T.TERRITORY_TAKEN]
    assert taken and taken[0].place.name == "Tal Abyad"
    found = kinds("Troops forced the rebels to pull out of Saraqib on Monday, activists said.")
    assert (T.TERRITORY_TAKEN, "Saraqib") in found


def test_people_made_to_leave_and_forces_named_as_a_noun_are_no_capture() -> None:
    for text in (
        "The shelling forced thousands of civilians to withdraw from Saraqib on Monday.",
        "The bombing forced residents to flee Saraqib on Monday, activists said.",
        "Government forces in Saraqib were forced to withdraw on Monday, a monitor said.",
    ):
        assert all(t != T.TERRITORY_TAKEN for t, _ in kinds(text)), text


def test_positions_given_up_after_a_repelled_assault_are_the_clash_not_a_capture() -> None:
    found = kinds(
        "Troops repelled a rebel assault southwest of Aleppo on Monday, forcing the rebels to "
        "retreat from their positions near the city, activists said."
    )
    assert all(t != T.TERRITORY_TAKEN for t, _ in found)


def test_the_side_that_lost_the_ground_is_never_its_taker() -> None:
    found = incidents("The Syrian army lost control of Saraqib on Monday, a monitor said.")
    taken = [i for i in found if i.type == T.TERRITORY_TAKEN]
    assert all(i.perpetrator != "Syrian government forces" for i in taken)
