"""Round 24 perpetrator readings, on passages we wrote: forces told only by who backs them, the
first named of a run whose first party has its men's noun after it, a speaker telling its own
act after saying when it spoke, and a denial a few sentences after the attack."""

from __future__ import annotations

import datetime as dt

from trucewatch.extract import extract
from trucewatch.model.incident import Attribution, Incident
from trucewatch.model.report import Published, PublishedBasis, Report, Source


def incidents(text: str) -> list[Incident]:
    pub = Published(PublishedBasis.METADATA, date=dt.date(2017, 6, 14))
    return extract(Report(source=Source("t"), text=text, published=pub, id="r24p")).incidents


def only(text: str, kind: str) -> Incident:
    found = [i for i in incidents(text) if str(i.type) == kind]
    assert found, f"no {kind} in {[(str(i.type), i.perpetrator) for i in incidents(text)]}"
    return found[0]


def test_us_backed_fighters_are_the_kurdish_led_force_the_article_names() -> None:
    text = (
        "US-backed fighters captured the village of Hamra near Raqqa on Tuesday after two days "
        "of fighting with Islamic State. The SDF said its units were clearing mines."
    )
    assert only(text, "territory_taken").perpetrator == "Kurdish forces (YPG/SDF)"


def test_us_backed_fighters_are_rebels_where_only_rebels_are_named() -> None:
    text = (
        "US-backed fighters captured the town of Qaryatayn in Homs province on Tuesday. Rebels in "
        "the area said the town had been held by Islamic State for a year."
    )
    assert only(text, "territory_taken").perpetrator == "Syrian opposition"


def test_turkish_backed_fighters_are_the_opposition_not_turkey() -> None:
    text = "Turkish-backed fighters seized the village of Qabasin east of al-Bab on Sunday."
    assert only(text, "territory_taken").perpetrator == "Syrian opposition"


def test_a_backed_force_with_a_name_of_its_own_keeps_it() -> None:
    text = "US-backed rebels seized the village of Qabasin east of al-Bab on Sunday."
    assert only(text, "territory_taken").perpetrator == "Syrian opposition"


def test_the_first_of_a_run_keeps_it_past_its_mens_noun() -> None:
    text = (
        "Kurdish YPG fighters and allied rebel groups seized the town of Suluk from Islamic "
        "State on Monday, a monitoring group said."
    )
    assert only(text, "territory_taken").perpetrator == "Kurdish forces (YPG/SDF)"


def test_the_first_of_a_run_keeps_it_past_the_allies_nationality() -> None:
    text = "Turkish troops and their Syrian rebel allies seized the town of Jarablus on Monday."
    assert only(text, "territory_taken").perpetrator == "Turkish forces"


def test_a_speaker_telling_its_own_act_after_saying_when() -> None:
    text = "The Syrian army said on Monday it had captured the town of Sukhna in Homs province."
    assert only(text, "territory_taken").perpetrator == "Syrian government forces"


def test_a_speaker_telling_it_had_taken_full_control() -> None:
    text = "The Syrian army said it had taken full control of the town of Sukhna in Homs province."
    assert only(text, "territory_taken").perpetrator == "Syrian government forces"


def test_a_denial_a_few_sentences_after_the_attack_names_the_accused() -> None:
    text = (
        "Medics said on Sunday that a suspected chlorine attack on the town of Saraqib had "
        "killed 11 people on Saturday night. Doctors at a field clinic said patients had "
        "trouble breathing. Rescue workers said most victims were women. A local council "
        "said the town had no shelters left. The Syrian government denied using chemical "
        "weapons."
    )
    found = only(text, "chemical_attack")
    assert found.perpetrator == "Syrian government forces"
    assert found.attribution == Attribution.DENIED
