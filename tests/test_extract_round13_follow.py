"""Follow-ups the round-13 helpers asked for in files they did not own, each on a passage we
wrote: a party passes between the drafts of one sentence only to a draft of the same kind."""

from __future__ import annotations

import datetime as dt

from tests.passages import killed_point, main_incident, passage_incidents
from trucewatch.model.incident import Incident
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 10, 3)


def incidents(text: str, title: str | None = None) -> list[Incident]:
    return passage_incidents(text, DAY, title)


def main(text: str, title: str | None = None) -> Incident:
    return main_incident(text, DAY, title)


def test_a_caption_of_another_attack_lends_no_party_to_a_blast() -> None:
    # a picture caption glued to the lead names who shelled; the bomb's maker is not told
    inc = main(
        "Rebels shell Aleppo city (archive) A bomb exploded in a market in Azaz on Monday, "
        "killing 12 people, a monitor said."
    )
    assert inc.type == T.EXPLOSION
    assert inc.perpetrator is None


def test_fighters_killed_by_a_named_force_were_killed_by_it() -> None:
    # the passive names the killer after "killed by"; no weapon is told, so it is a clash
    inc = main(
        "At least 17 Islamic State militants were killed by the Kurdish-led SDF near Raqqa "
        "on Monday, a monitor said."
    )
    assert inc.type == T.ARMED_CLASH
    assert inc.perpetrator == "Kurdish forces (YPG/SDF)"
    # a force named only as a source is no killer
    inc = main("Ten militants were killed near Raqqa on Monday, a statement by the SDF said.")
    assert inc.perpetrator is None


def test_servicemen_killed_by_a_force_are_fighters_in_a_clash() -> None:
    inc = main("The YPG killed 17 Turkish servicemen near Afrin on Monday, the militia said.")
    assert inc.type == T.ARMED_CLASH
    assert inc.perpetrator == "Kurdish forces (YPG/SDF)"


def test_more_dead_told_in_an_elaborating_sentence_are_added() -> None:
    # "the clash which took place ..." elaborates the clash at Sarmada, which had no toll of
    # its own; its "another seven ... also killed" are beyond the twelve of the lead
    inc = main(
        "Twelve Islamic State militants were killed on Monday during battles with other rebel "
        "groups in the Idlib countryside. The monitor said that among the dead was a foreign "
        "commander who was killed during heavy clashes with gunmen near the town of Sarmada. "
        "Another seven members of a local armed group were also killed in the clash which took "
        "place after the militants tried to detain two residents."
    )
    assert inc.type == T.ARMED_CLASH
    assert (inc.killed.best, inc.killed.low) == (19, 19)


def test_a_total_since_a_weekday_after_a_days_incident_is_no_toll() -> None:
    # the report tells Monday's strike; the days since Thursday are a period's total
    found = incidents(
        "Air strikes killed 16 civilians in the town of Kafr Nabl on Monday, a monitor said. "
        "Since Thursday bombardment has killed 44 civilians in the town, it said."
    )
    assert all(killed_point(i) != 44 for i in found)
    assert killed_point(main_of(found)) == 16


def test_a_wave_since_a_weekday_that_the_report_tells_keeps_its_toll() -> None:
    # told as the report's news, the fighting since Saturday is one clash coded whole
    inc = main(
        "At least 60 Islamic State militants have been killed since Saturday in fighting with "
        "Kurdish fighters in Hasakah province, a monitor said."
    )
    assert inc.type == T.ARMED_CLASH
    assert killed_point(inc) == 60
    # "since Monday morning" in Monday's report is that day's raids, after another toll too
    found = incidents(
        "Shelling killed four people in Douma on Sunday, a monitor said. Warplanes have "
        "bombed the town of Harasta since Monday morning, killing at least 19 civilians."
    )
    assert any(killed_point(i) == 19 for i in found)


def main_of(found: list[Incident]) -> Incident:
    return next(i for i in found if i.main)
