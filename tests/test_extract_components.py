"""Component tests on short passages we wrote: sentences, numbers, tolls, triggers."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.extract.events import resolve_sentence
from trucewatch.extract.numbers import find_numbers
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.incident import Toll
from trucewatch.model.report import Published, PublishedBasis, Report, Source


def run(text: str, published: dt.date | None = dt.date(2016, 3, 9)):
    nlp = build_pipeline()
    pub = Published(PublishedBasis.METADATA, date=published) if published else Published.unknown()
    return nlp(make_doc(nlp, Report(source=Source("test"), text=text, published=pub)))


def sentences(text: str) -> list[str]:
    doc = run(text)
    return [doc.text[s.start : s.end] for s in doc._.sentences]


# --- sentences -------------------------------------------------------------------------------


def test_full_stops_split_sentences() -> None:
    assert sentences("Shells hit the town. Two people died.") == [
        "Shells hit the town.",
        "Two people died.",
    ]


def test_stripped_full_stop_before_a_sentence_opener_still_splits() -> None:
    got = sentences("rockets hit the market in the morning The army said it fired back")
    assert got == ["rockets hit the market in the morning", "The army said it fired back"]


def test_title_case_headline_is_not_cut_at_in_or_on() -> None:
    got = sentences("Four Killed In Attack On Market\nA car bomb went off.")
    assert got[0] == "Four Killed In Attack On Market"


def test_capitalised_number_word_opens_a_sentence_after_a_name() -> None:
    got = sentences("the shelling of Aleppo Three people were hurt")
    assert got == ["the shelling of Aleppo", "Three people were hurt"]


def test_abbreviations_do_not_end_sentences() -> None:
    assert len(sentences("The U.S. envoy met Dr. Smith on Aug. 3 in Geneva.")) == 1


# --- numbers and tolls -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "vague"),
    [
        ("twenty-two", 22, False),
        ("1,250", 1250, False),
        ("two dozen", 24, False),
        ("dozens", 24, True),
        ("tenths", 20, True),
        ("one hundred and five", 105, False),
    ],
)
def test_numbers_in_words_and_digits(text: str, value: int, vague: bool) -> None:
    doc = build_pipeline().make_doc(f"we counted {text} of them")
    (num,) = find_numbers(doc)
    assert (num.value, num.vague) == (value, vague)


def test_one_of_them_is_not_a_count() -> None:
    doc = build_pipeline().make_doc("two men one of them a medic")
    assert [n.value for n in find_numbers(doc)] == [2]


def tolls(text: str) -> list[tuple[str, Toll]]:
    return [(q.kind, q.toll) for q in run(text)._.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A mortar killed at least 12 people.", [("killed", Toll(12, None, None))]),
        ("Seven civilians were killed in the raid.", [("killed", Toll(7, 7, 7))]),
        ("The blast killed about 30 people.", [("killed", Toll(30, 30, 30))]),
        ("Dozens were killed by the barrel bombs.", [("killed", Toll(24, None, None))]),
        ("between 10 and 15 people died in the strike", [("killed", Toll(10, None, 15))]),
        ("up to 40 people were wounded", [("injured", Toll(None, None, 40))]),
        ("the death toll rose to 19", [("killed", Toll(19, 19, 19))]),
        ("At least 28 people, children among them, were killed.", [("killed", Toll(28))]),
        ("Two civilians, one of them a child, were killed.", [("killed", Toll(2, 2, 2))]),
        ("Twelve people, including three children, were killed.", [("killed", Toll(12, 12, 12))]),
    ],
)
def test_toll_readings(text: str, expected: list[tuple[str, Toll]]) -> None:
    assert tolls(text) == expected


def test_killed_and_injured_in_one_clause_are_kept_apart() -> None:
    got = tolls("Six people were killed and 21 others injured when shells fell on the square.")
    assert got == [("killed", Toll(6, 6, 6)), ("injured", Toll(21, 21, 21))]


def test_times_and_years_are_not_tolls() -> None:
    assert tolls("At 600 pm in 2016 the strike killed no one we know of.") == []


def test_the_day_of_a_date_is_not_a_toll() -> None:
    got = tolls("Jets parked at the base on June 18 2016 (Agency photo) The death toll rose to 9.")
    assert got == [("killed", Toll(9, 9, 9))]


def test_the_toll_from_an_incident_named_at_length_reads_its_update() -> None:
    got = tolls(
        "The death toll from Monday's air strikes on the market in Atareb and the streets "
        "around it has risen to 41, medics said."
    )
    assert got == [("killed", Toll(41, 41, 41))]


def test_victims_among_the_dead_are_a_part_not_a_toll() -> None:
    assert tolls("Nine nurses were among the dead.") == []


def test_the_dead_put_at_a_figure() -> None:
    assert tolls("The monitor put the dead at 56.") == [("killed", Toll(56, 56, 56))]


# --- triggers and their precedence -------------------------------------------------------------


def types_of(text: str) -> set[T]:
    doc = run(text)
    return set(resolve_sentence(list(doc._.triggers)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes struck the village.", {T.AIR_STRIKE}),
        ("Mortar shells fell on the district.", {T.SHELLING}),
        ("A car bomb went off near the mosque.", {T.EXPLOSION}),
        ("Fighters clashed on the edge of town.", {T.ARMED_CLASH}),
        ("Troops captured the hill after a week.", {T.TERRITORY_TAKEN}),
    ],
)
def test_each_type_has_a_trigger(text: str, expected: set[T]) -> None:
    assert types_of(text) == expected


def test_rockets_fired_by_helicopters_are_an_air_strike() -> None:
    assert types_of("Helicopters fired rockets at the farms.") == {T.AIR_STRIKE}


def test_a_chemical_weapon_outranks_the_aircraft_that_dropped_it() -> None:
    assert types_of("A helicopter dropped a bomb filled with chlorine.") == {T.CHEMICAL_ATTACK}


def test_a_helicopter_shot_down_is_a_clash() -> None:
    assert types_of("Fighters shot down a helicopter over the plain.") == {T.ARMED_CLASH}


def test_an_exploding_shell_is_shelling_not_an_explosion() -> None:
    assert types_of("A shell exploded in the courtyard.") == {T.SHELLING}


def test_a_weak_trigger_yields_to_a_strong_one() -> None:
    assert types_of("The attack by warplanes hit the bakery.") == {T.AIR_STRIKE}


def test_an_aid_airdrop_is_a_delivery_not_an_air_strike() -> None:
    assert types_of("A plane carried out an airdrop of flour.") == {T.HUMANITARIAN_DELIVERY}


def test_a_strike_force_is_no_air_strike() -> None:
    assert T.AIR_STRIKE not in types_of("Commanders assembled a strike force of 500 men.")


def test_bombings_in_a_report_of_car_bombs_are_blasts() -> None:
    doc = run(
        "Bombings hit Jableh on Monday, killing 20. A car bomb and a suicide bomber struck "
        "the bus station."
    )
    kinds = {t.type for t in doc._.triggers}
    assert T.EXPLOSION in kinds and T.AIR_STRIKE not in kinds


def test_bombings_beside_aircraft_stay_air_strikes() -> None:
    doc = run("Warplanes carried out bombings on Atareb. A car bomb went off in Azaz.")
    assert any(t.type == T.AIR_STRIKE and t.text == "bombings" for t in doc._.triggers)


def test_every_component_declares_what_it_reads_and_what_an_earlier_one_assigns() -> None:
    """Each component's ``requires`` is assigned by one before it (spaCy's own check), and the
    incident components each assign their own slot: one job each."""
    nlp = build_pipeline()
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not missing for missing in analysis["problems"].values()), analysis["problems"]
    meta = {name: nlp.get_pipe_meta(name) for name in nlp.pipe_names}
    for name in ("tw_sentence_roles", "tw_drafts", "tw_merge", "tw_context_places"):
        assert meta[name].requires and len(meta[name].assigns) == 1, name
    assigned = [a for m in meta.values() for a in m.assigns]
    assert len(assigned) == len(set(assigned)), "two components assign the same slot"


def test_word_lists_are_data_and_an_unknown_list_is_named_in_the_error() -> None:
    from trucewatch.extract.lexicon import word_list

    assert "overnight" not in word_list("LOCATIVE") and "near" in word_list("LOCATIVE")
    with pytest.raises(KeyError, match="NO_SUCH_LIST"):
        word_list("NO_SUCH_LIST")
