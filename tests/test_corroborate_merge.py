"""Incident merging: the same event told by several reports becomes one incident; look-alikes stay
apart; disagreements are kept side by side."""

from __future__ import annotations

import datetime as dt

from trucewatch.corroborate.merge import merge_incidents, places_compatible, types_compatible
from trucewatch.model.incident import (
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)

D = dt.date(2016, 3, 1)
# Real coordinates of three Idlib places: two villages about 9 km apart, and a town farther off.
MASTUMAH = Place("al-Mastumah", "Idlib", 35.7406, 36.6218)
ZOUAINIYAH = Place("al-Zouainiyah", "Idlib", 35.8099, 36.5725)
SARMADA = Place("Sarmada", "Idlib", 36.1797, 36.7225)
NO_TOLL = Toll()
IDLIB_REGION = Place("Idlib", "Idlib", 35.93, 36.63, GeoPrecision.REGION)


def inc(
    report: str,
    *,
    type_: IncidentType = IncidentType.AIR_STRIKE,
    date: dt.date | None = D,
    place: Place | None = MASTUMAH,
    perpetrator: str | None = None,
    target: str | None = None,
    killed: Toll = NO_TOLL,
    precision: TimePrecision = TimePrecision.DAY,
    seq: int = 0,
) -> Incident:
    return Incident(
        type=type_,
        date=date,
        time_precision=precision if date else None,
        place=place,
        perpetrator=perpetrator,
        target=target,
        killed=killed,
        report_id=report,
        id=f"{report}-i{seq}",
    )


def sizes(merged) -> list[int]:
    return sorted(len(m.members) for m in merged)


def test_three_reports_of_one_strike_become_one_incident_with_all_reports():
    merged = merge_incidents(
        [
            inc("a", killed=Toll(2, 2, 2)),
            inc("b", type_=IncidentType.SHELLING, killed=Toll(2, 2, 2)),  # called shelling
            inc("c", place=Place("Mastumah", "Idlib", 35.7410, 36.6220)),  # spelled differently
        ]
    )
    assert len(merged) == 1
    assert set(merged[0].report_ids) == {"a", "b", "c"}
    assert merged[0].killed[0].reports == ("a", "b")


def test_same_town_on_different_days_stays_two_incidents():
    merged = merge_incidents([inc("a"), inc("b", date=D + dt.timedelta(days=2))])
    assert sizes(merged) == [1, 1]


def test_same_day_in_towns_ten_km_apart_stays_two_incidents():
    merged = merge_incidents([inc("a", place=MASTUMAH), inc("b", place=ZOUAINIYAH)])
    assert sizes(merged) == [1, 1]


def test_week_precision_reaches_a_few_days_but_day_precision_does_not():
    week = inc("b", date=D + dt.timedelta(days=2), precision=TimePrecision.WEEK)
    assert sizes(merge_incidents([inc("a"), week])) == [2]
    far = inc("b", date=D + dt.timedelta(days=6), precision=TimePrecision.WEEK)
    assert sizes(merge_incidents([inc("a"), far])) == [1, 1]


def test_a_region_level_report_joins_a_town_in_its_governorate_only():
    assert places_compatible(IDLIB_REGION, SARMADA)
    aleppo = Place("Aleppo", "Aleppo", 36.2, 37.16, GeoPrecision.REGION)
    assert not places_compatible(aleppo, SARMADA)
    merged = merge_incidents([inc("a", place=SARMADA), inc("b", place=IDLIB_REGION)])
    assert sizes(merged) == [2]


def test_incidents_of_one_report_are_never_merged():
    merged = merge_incidents([inc("a", seq=0), inc("a", seq=1)])
    assert sizes(merged) == [1, 1]


def test_incompatible_types_stay_apart():
    assert types_compatible(IncidentType.AIR_STRIKE, IncidentType.EXPLOSION)
    assert not types_compatible(IncidentType.AIR_STRIKE, IncidentType.ARMED_CLASH)
    assert not types_compatible(IncidentType.TRUCE_DECLARED, IncidentType.ACCESSION)
    merged = merge_incidents([inc("a"), inc("b", type_=IncidentType.ARMED_CLASH)])
    assert sizes(merged) == [1, 1]


def test_competing_perpetrators_of_a_pinned_down_event_are_kept_side_by_side():
    merged = merge_incidents(
        [
            inc("a", perpetrator="Russian forces", killed=Toll(27, 27, 27)),
            inc("b", perpetrator="US-led coalition", killed=Toll(55, 55, 55)),
        ]
    )
    assert len(merged) == 1
    m = merged[0]
    assert [p.value for p in m.perpetrators] == ["Russian forces", "US-led coalition"]
    assert {t.value.best for t in m.killed} == {27, 55}  # not averaged to 41
    assert any(d.startswith("killed: 27") and "55" in d for d in m.disagreements())


def test_different_perpetrators_in_a_vague_place_are_different_events():
    vague = Place("near Idlib", "Idlib", 35.93, 36.63, GeoPrecision.NEAR_TOWN)
    merged = merge_incidents(
        [
            inc("a", place=vague, perpetrator="Russian forces"),
            inc("b", place=vague, perpetrator="US-led coalition"),
        ]
    )
    assert sizes(merged) == [1, 1]


def test_complete_linkage_does_not_chain_neighbours():
    # b is 4 km from a and from c, but a and c are 8 km apart: c must not join a's incident.
    a = inc("a", place=Place("west", "Idlib", 35.80, 36.60))
    b = inc("b", place=Place("middle", "Idlib", 35.80, 36.644))
    c = inc("c", place=Place("east", "Idlib", 35.80, 36.688))
    assert sizes(merge_incidents([a, b, c])) == [1, 2]


def test_an_undated_copy_joins_through_its_reuse_story_only():
    dated = inc("orig")
    undated = inc("copy", date=None)
    stranger = inc("other", date=None)
    merged = merge_incidents([dated, undated, stranger], stories={"copy": "orig"})
    together = next(m for m in merged if "orig" in m.report_ids)
    assert set(together.report_ids) == {"orig", "copy"}
    assert "same story" in together.members[1].joined


def test_an_undated_incident_with_two_candidates_stays_alone():
    a = inc("a")
    b = inc("b", place=Place("al-Mastumah", "Idlib", 35.7406, 36.6218), date=D - dt.timedelta(1))
    undated = inc("c", date=None)
    published = {"c": (D, D)}
    merged = merge_incidents([a, b, undated], published=published)
    alone = next(m for m in merged if "c" in m.report_ids)
    assert alone.report_ids == ("c",) and "ambiguous" in alone.members[0].joined
    # with one candidate in its publication window it joins
    merged = merge_incidents([a, undated], published=published)
    assert sizes(merged) == [2]


def test_merged_ids_are_stable_whatever_the_input_order():
    items = [inc("a"), inc("b"), inc("c", place=SARMADA)]
    first = {m.id: set(m.report_ids) for m in merge_incidents(items)}
    again = {m.id: set(m.report_ids) for m in merge_incidents(list(reversed(items)))}
    assert first == again
