"""Incident merging: the same event told by several reports becomes one incident; look-alikes stay
apart; disagreements are kept side by side."""

from __future__ import annotations

import datetime as dt

from trucewatch.corroborate.merge import merge_incidents
from trucewatch.corroborate.pair_rules import places_compatible, types_compatible
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


# --- a rare, specific type: a chemical attack ----------------------------------------------------

CHEM = IncidentType.CHEMICAL_ATTACK
# A town and a city named like its governorate ("Idlib" used for the province), ~30 km apart.
KHAN = Place("Khan Town", "Idlib", 35.44, 36.65)
IDLIB_CITY = Place("Idlib", "Idlib", 35.93, 36.63)
# A capital that is its own governorate, inside a surrounding governorate given at region level.
CAPITAL = Place("Capital", "Capital", 33.51, 36.29)
COUNTRYSIDE = Place("Countryside", "Countryside", 33.60, 36.95, GeoPrecision.REGION)


def test_one_chemical_attack_told_with_different_places_and_actors_is_one_event():
    merged = merge_incidents(
        [
            inc("a", type_=CHEM, place=KHAN, perpetrator="Syrian government forces"),
            inc("b", type_=CHEM, place=IDLIB_CITY, target="Syrian government forces"),
            inc("c", type_=CHEM, place=IDLIB_REGION, target="civilians", killed=Toll(80, 80, 80)),
            inc("d", type_=CHEM, place=KHAN, perpetrator="Russian forces"),
        ]
    )
    assert sizes(merged) == [4]
    # who did it stays contested, not resolved
    assert {p.value for p in merged[0].perpetrators} == {
        "Syrian government forces",
        "Russian forces",
    }


def test_a_chemical_attack_in_a_capital_and_in_its_countryside_is_one_event():
    merged = merge_incidents(
        [inc("a", type_=CHEM, place=CAPITAL), inc("b", type_=CHEM, place=COUNTRYSIDE)]
    )
    assert sizes(merged) == [2]


def test_chemical_attacks_on_two_named_towns_each_with_its_toll_are_two_events():
    merged = merge_incidents(
        [
            inc("a", type_=CHEM, place=MASTUMAH, killed=Toll(5, 5, 5)),
            inc("b", type_=CHEM, place=SARMADA, killed=Toll(9, 9, 9)),
        ]
    )
    assert sizes(merged) == [1, 1]
    # without a toll of its own, the second report is the same attack placed elsewhere
    merged = merge_incidents(
        [
            inc("a", type_=CHEM, place=MASTUMAH, killed=Toll(5, 5, 5)),
            inc("b", type_=CHEM, place=SARMADA),
        ]
    )
    assert sizes(merged) == [2]


def test_towns_a_report_tells_as_places_of_one_attack_are_one_event_for_every_report():
    # The extractor gives an attack told over a list of towns one incident per town. A report
    # telling both towns so on one day makes them one attack, for reports naming one town too.
    told = [
        inc("a", type_=CHEM, place=MASTUMAH, killed=_killed(5), seq=0),
        inc("a", type_=CHEM, place=ZOUAINIYAH, killed=_killed(7), seq=1),
        inc("b", type_=CHEM, place=MASTUMAH, killed=_killed(6)),
        inc("c", type_=CHEM, place=ZOUAINIYAH, killed=_killed(8)),
    ]
    merged = merge_incidents(told)
    assert sizes(merged) == [4]
    # the one report's towns are parts of the attack: their dead add up, they are no rival count
    by_report = {r: v.value for v in merged[0].killed for r in v.reports}
    assert by_report == {"a": _killed(12), "b": _killed(6), "c": _killed(8)}
    # common types keep one event per town
    strikes = [
        inc(i.report_id or "", place=i.place, killed=i.killed, seq=n) for n, i in enumerate(told)
    ]
    assert sizes(merge_incidents(strikes)) == [2, 2]


def test_chemical_attacks_on_different_days_or_far_apart_stay_apart():
    next_day = inc("b", type_=CHEM, place=KHAN, date=D + dt.timedelta(days=1))
    assert sizes(merge_incidents([inc("a", type_=CHEM, place=KHAN), next_day])) == [1, 1]
    far = Place("Far", "Far", 36.5, 40.7)  # another governorate, hundreds of km away
    assert sizes(
        merge_incidents([inc("a", type_=CHEM, place=KHAN), inc("b", type_=CHEM, place=far)])
    ) == [1, 1]


def test_the_rare_type_rule_does_not_loosen_common_types():
    merged = merge_incidents(
        [
            inc("a", place=KHAN, perpetrator="Syrian government forces"),
            inc("b", place=IDLIB_CITY, perpetrator="Russian forces"),
        ]
    )
    assert sizes(merged) == [1, 1]


def test_a_report_telling_a_shelling_and_the_attack_gives_its_seat_to_the_attack():
    # report "a" splits one story into a shelling at the town and the chemical attack nearby;
    # report "b" tells the attack only: the attack, not the shelling, is what b corroborates.
    merged = merge_incidents(
        [
            inc("a", type_=IncidentType.SHELLING, place=KHAN, seq=0),
            inc("a", type_=CHEM, place=IDLIB_CITY, seq=1),
            inc("b", type_=CHEM, place=KHAN),
        ]
    )
    attack = next(m for m in merged if len(m.members) == 2)
    assert {i.id for i in attack.incidents} == {"a-i1", "b-i0"}


def test_an_undated_anniversary_mention_joins_the_one_earlier_attack_at_its_place():
    years_later = dt.date(2019, 3, 1)
    attack = [inc("a", type_=CHEM, place=KHAN), inc("b", type_=CHEM, place=KHAN)]
    recall = inc("c", type_=CHEM, place=KHAN, date=None, perpetrator="Syrian government forces")
    merged = merge_incidents([*attack, recall], published={"c": (years_later, years_later)})
    assert sizes(merged) == [3]
    assert "recalls" in next(m for m in merged[0].members if m.incident.id == "c-i0").joined
    # two earlier attacks at the place: which one is recalled is not known, so it stays alone
    other = inc("d", type_=CHEM, place=KHAN, date=D + dt.timedelta(days=200))
    merged = merge_incidents([*attack, other, recall], published={"c": (years_later, years_later)})
    assert sizes(merged) == [1, 1, 2]
    # an attack at another place is not recalled
    elsewhere = inc("c", type_=CHEM, place=SARMADA, date=None)
    merged = merge_incidents([*attack, elsewhere], published={"c": (years_later, years_later)})
    assert sizes(merged) == [1, 2]


def test_a_governorate_stored_without_coordinates_is_given_its_centre_for_merging():
    from trucewatch.corroborate.stage import with_region_centres

    bare = Place("Rif Dimashq", "Rif Dimashq", geo_precision=GeoPrecision.REGION)
    town = Place("Nowhere", "Rif Dimashq")  # a town without coordinates stays as it is
    out = with_region_centres([inc("a", place=bare), inc("b", place=town)])
    assert out[0].place is not None and out[0].place.lat is not None
    assert out[0].place.name == "Rif Dimashq" and out[1].place == town


def test_a_chemical_attack_without_a_place_joins_the_one_attack_of_that_day():
    attack = [inc("a", type_=CHEM, place=KHAN), inc("b", type_=CHEM, place=IDLIB_CITY)]
    nowhere = inc("c", type_=CHEM, place=None)
    merged = merge_incidents([*attack, nowhere])
    assert sizes(merged) == [3]
    # two attacks that day (two towns, each with its toll): which one is unknown, so alone
    two = [
        inc("a", type_=CHEM, place=MASTUMAH, killed=Toll(5, 5, 5)),
        inc("b", type_=CHEM, place=SARMADA, killed=Toll(9, 9, 9)),
    ]
    assert sizes(merge_incidents([*two, nowhere])) == [1, 1, 1]
    # an air strike without a place does not get this licence
    assert sizes(merge_incidents([inc("a"), inc("c", place=None)])) == [1, 1]


def test_an_undated_chemical_attack_goes_to_the_attack_dated_before_its_report():
    # "c" copies "b2", whose undated mention of the attack stands alone; "a" dates the attack.
    # Both could take c; the dated attack, printed no later than c, is the one c tells.
    attack = inc("a", type_=CHEM, place=KHAN)
    copied = inc("b2", type_=CHEM, place=IDLIB_REGION, date=None)
    undated = inc("c", type_=CHEM, place=IDLIB_REGION, date=None)
    printed = D + dt.timedelta(days=1)
    merged = merge_incidents(
        [attack, copied, undated],
        stories={"c": "b2"},
        published={"b2": (D + dt.timedelta(days=9),) * 2, "c": (printed, printed)},
    )
    joined = next(m for m in merged if "c" in m.report_ids)
    assert set(joined.report_ids) == {"a", "c"}


def _killed(n: int) -> Toll:
    return Toll(low=n, best=n, high=n)


def test_a_chemical_attack_retold_on_later_days_is_one_event():
    # Three reports tell the attack on its day; later ones date it by the day they write, the
    # day the toll rose, and one gives no day at all: one attack, not four.
    day = lambda n: D + dt.timedelta(days=n)  # noqa: E731
    attack = [
        inc(r, type_=CHEM, place=KHAN, killed=_killed(k))
        for r, k in zip("abc", (58, 70, 86), strict=True)
    ]
    # the province's capital named for the province: a town-precise place far from the town
    toll_rose = inc("d", type_=CHEM, place=IDLIB_CITY, date=day(1), killed=_killed(72))
    reaction = inc("e", type_=CHEM, place=KHAN, date=day(3), killed=_killed(86))
    undated = inc("f", type_=CHEM, place=IDLIB_REGION, date=None, killed=_killed(70))
    at_town = inc("g", type_=CHEM, place=KHAN, date=None, killed=_killed(100))
    merged = merge_incidents(
        [*attack, toll_rose, reaction, undated, at_town],
        published={"f": (day(1), day(1)), "g": (D, D)},
    )
    assert sizes(merged) == [7]
    assert merged[0].date == D
    joined = {m.incident.report_id: m.joined for m in merged[0].members}
    assert "retells the attack of 2016-03-01" in joined["d"]


def test_a_smaller_or_later_chemical_attack_nearby_keeps_its_event():
    attack = [inc(r, type_=CHEM, place=KHAN, killed=_killed(80)) for r in "abc"]
    smaller = inc(
        "d", type_=CHEM, place=IDLIB_REGION, date=D + dt.timedelta(days=2), killed=_killed(5)
    )
    no_toll = inc("e", type_=CHEM, place=KHAN, date=D + dt.timedelta(days=1))
    week_on = inc("f", type_=CHEM, place=KHAN, date=D + dt.timedelta(days=6), killed=_killed(80))
    merged = merge_incidents([*attack, smaller, no_toll, week_on])
    assert sizes(merged) == [1, 1, 1, 3]
