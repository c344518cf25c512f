"""Round 12 (issue 15): the report's main incident, on headlines and passages we write.

- a headline toll spread over governorates listed together is a tally, so the governorate the
  headline names alone before it sets the story;
- "Damascus, its countryside, Aleppo and Homs" is one list of governorates;
- a headline total no single incident states but two or more parts add up to is a roundup:
  its story is the part with the most dead;
- so is a lead whose toll the headline does not give but parts told at distinct places add up to.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.extract.incidents import choose_main
from trucewatch.extract.pipeline import extract
from trucewatch.extract.places import headline_figures, headline_tiers
from trucewatch.gazetteer import load_gazetteer
from trucewatch.model.incident import Incident, IncidentType, Place, Toll
from trucewatch.model.report import Published, PublishedBasis, Report, Source


def _incident(kind: IncidentType, town: str, gov: str, killed: int | None = None) -> Incident:
    toll = Toll(low=killed, best=killed, high=killed) if killed is not None else Toll()
    return Incident(type=kind, place=Place(town, gov), killed=toll)


def test_toll_over_listed_governorates_ranks_after_the_lone_one_before() -> None:
    tiers = headline_tiers("Troops push on in Daraa, kill 60 gunmen in Idlib and Latakia")
    assert tiers == [["Daraa"], ["Idlib", "Latakia"]]


def test_toll_in_one_governorate_still_ranks_first() -> None:
    tiers = headline_tiers("Troops push on in Daraa, kill 60 gunmen in Idlib")
    assert tiers == [["Idlib"], ["Daraa"]]


def test_capital_and_its_countryside_join_a_list() -> None:
    tiers = headline_tiers("Three killed by shells on Damascus, its countryside, Homs and Hama")
    assert tiers == [["Damascus", "Homs", "Hama"]]


def test_roundup_total_names_its_largest_part() -> None:
    parts = [
        _incident(IncidentType.SHELLING, "Jobar", "Damascus"),
        _incident(IncidentType.SHELLING, "Karm al-Jabal", "Aleppo", 1),
        _incident(IncidentType.SHELLING, "Sukkari", "Aleppo", 4),
    ]
    title = "Five killed by shells on Damascus, Aleppo and Homs"
    choose_main(parts, headline_tiers(title), headline_figures(title))
    assert [i.main for i in parts] == [False, False, True]


def test_no_parts_adding_up_keeps_the_first_told() -> None:
    parts = [
        _incident(IncidentType.AIR_STRIKE, "Saraqeb", "Idlib", 6),
        _incident(IncidentType.AIR_STRIKE, "Binnish", "Idlib", 30),
    ]
    choose_main(parts, [["Idlib"]], headline_figures("Strikes kill 20 in Idlib"))
    assert [i.main for i in parts] == [True, False]


def test_roundup_passage_flags_the_part_with_most_dead() -> None:
    report = Report(
        source=Source("t"),
        title="Four killed in rocket attacks on Damascus, its countryside and Aleppo",
        text=(
            "Rockets fired by gunmen hit the Mazzeh neighbourhood of Damascus on Monday, "
            "wounding two people. Rocket shells fired by gunmen on the Hamdaniyeh "
            "neighbourhood of Aleppo on Monday killed one person. Rocket shells fired by "
            "gunmen on the Salaheddine neighbourhood of Aleppo on Monday killed three people."
        ),
        published=Published(PublishedBasis.METADATA, date=dt.date(2016, 5, 9)),
    )
    main = next(i for i in extract(report).incidents if i.main)
    assert main.place is not None and main.place.governorate == "Aleppo"
    assert main.killed.best == 3


def test_lead_total_of_parts_names_its_largest_part() -> None:
    # the lead at the named area as the gazetteer holds it (a town's toll sums no other towns')
    (ghouta,) = load_gazetteer().lookup("Eastern Ghouta")
    lead = Incident(type=IncidentType.SHELLING, place=ghouta, killed=Toll(low=9, best=9, high=9))
    parts = [
        lead,
        _incident(IncidentType.SHELLING, "Douma", "Rif Dimashq", 3),
        _incident(IncidentType.SHELLING, "Arbin", "Rif Dimashq", 6),
    ]
    choose_main(parts, [["Damascus"]], headline_figures("Shelling kills 5 pupils near Damascus"))
    assert [i.main for i in parts] == [False, False, True]


def test_lead_the_headline_states_stays_main() -> None:
    # the lead at the named area as the gazetteer holds it (a town's toll sums no other towns')
    (ghouta,) = load_gazetteer().lookup("Eastern Ghouta")
    lead = Incident(type=IncidentType.SHELLING, place=ghouta, killed=Toll(low=9, best=9, high=9))
    parts = [
        lead,
        _incident(IncidentType.SHELLING, "Douma", "Rif Dimashq", 3),
        _incident(IncidentType.SHELLING, "Arbin", "Rif Dimashq", 6),
    ]
    choose_main(parts, [["Damascus"]], headline_figures("Shelling kills 9 near Damascus"))
    assert [i.main for i in parts] == [True, False, False]


def test_one_place_read_twice_is_not_two_parts() -> None:
    parts = [
        _incident(IncidentType.SHELLING, "Jamiliyeh", "Aleppo", 4),
        _incident(IncidentType.SHELLING, "Sukkari", "Aleppo", 2),
        _incident(IncidentType.ARMED_CLASH, "Sukkari", "Aleppo", 2),
    ]
    choose_main(parts, [["Aleppo"]])
    assert [i.main for i in parts] == [True, False, False]
