"""Combining an event from its members (pure): tolls updated or contradicted, the narrowest
window, attribution, and an id that does not change when a later report joins."""

from __future__ import annotations

import datetime as dt

from trucewatch.corroborate.events import Publication, build_event
from trucewatch.corroborate.grades import Witness, compute_grade
from trucewatch.corroborate.merge import merge_incidents
from trucewatch.model.dates import DateBasis
from trucewatch.model.ids import event_id
from trucewatch.model.incident import Attribution, Grade, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Mention

DAY = dt.date(2016, 4, 27)
TOWN = Place("Sukkari", "Aleppo", 36.18, 37.16)
# Our own sentences, one per report; the toll's words sit where the mention says.
TEXTS = {
    "a1": "Air strikes hit the Sukkari clinic, killing 20 people.",
    "a2": "The toll from the Sukkari clinic strike has risen to 31, rescuers said.",
    "b1": "Monitors counted 25 dead after raids on the Sukkari clinic.",
    "c1": "Residents said Russian jets bombed the Sukkari clinic.",
}


def incident(rid: str, killed: int | None, *, date: dt.date | None = DAY, **kw) -> Incident:
    text = TEXTS[rid]
    evidence = [Mention("type", 0, 11, text[:11], rid)]
    if killed is not None:
        at = text.index(str(killed))
        start = max(0, at - 12)
        evidence.append(Mention("killed", start, at + len(str(killed)), text[start : at + 2], rid))
    return Incident(
        type=IncidentType.AIR_STRIKE,
        date=date,
        place=TOWN,
        killed=Toll(killed, killed, killed) if killed is not None else Toll(),
        evidence=evidence,
        report_id=rid,
        id=f"{rid}-x",
        **kw,
    )


SOURCES = {"a1": "Outlet A", "a2": "Outlet A", "b1": "Outlet B", "c1": "Outlet C"}


def event_of(incidents: list[Incident], published: dict[str, dt.date]):
    pubs = {rid: Publication(day) for rid, day in published.items()}
    windows = {rid: (day, day) for rid, day in published.items()}
    (merged,) = merge_incidents(incidents, published=windows)
    witnesses = {rid: Witness(rid, SOURCES[rid], rid, rid) for rid in merged.report_ids}
    grade = compute_grade(merged, witnesses)
    return build_event(
        merged,
        grade=grade,
        grade_in_force=grade.grade,
        witnesses=witnesses,
        published=pubs,
        texts=TEXTS,
    )


def test_a_later_report_of_the_same_outlet_updates_its_toll():
    event = event_of(
        [incident("a1", 20), incident("a2", 31)], {"a1": DAY, "a2": DAY + dt.timedelta(days=2)}
    )
    status = {v.value.best: v.status for v in event.killed_values}
    assert status == {20: "updated", 31: "current"}
    assert event.killed == Toll(31, 31, 31) and event.provenance["killed"] == ("a2-x",)


def test_a_report_that_says_the_toll_rose_updates_an_independent_count():
    # Outlet B counted 25 on the day; Outlet A's "has risen to 31" replaces it, and A's own 20.
    event = event_of(
        [incident("b1", 25), incident("a2", 31)], {"b1": DAY, "a2": DAY + dt.timedelta(days=1)}
    )
    status = {v.value.best: v.status for v in event.killed_values}
    assert status == {25: "updated", 31: "current"}
    assert event.sources == 2


def test_independent_sources_disagreeing_at_the_same_time_are_a_contradiction():
    event = event_of([incident("a1", 20), incident("b1", 25)], {"a1": DAY, "b1": DAY})
    assert {v.status for v in event.killed_values} == {"contradicted"}
    assert (event.killed.low, event.killed.best, event.killed.high) == (20, None, 25)


def test_the_event_takes_the_narrowest_window_and_says_which_member_gave_it():
    undated = incident("b1", 25, date=None)
    event = event_of([incident("a1", 20), undated], {"a1": DAY, "b1": DAY + dt.timedelta(days=1)})
    assert event.window.basis == DateBasis.TEXT and event.window.days == 1
    assert event.window.event_date == DAY and event.provenance["window"] == ("a1-x",)


def test_the_event_id_stays_when_a_later_report_joins():
    first = event_of([incident("a1", 20)], {"a1": DAY})
    later = event_of(
        [incident("a1", 20), incident("b1", 25)], {"a1": DAY, "b1": DAY + dt.timedelta(days=1)}
    )
    assert first.id == later.id == event_id("a1-x")
    assert later.members[0] == "a1-x" and set(later.report_ids) == {"a1", "b1"}


def test_attribution_stated_by_any_member_wins_and_alleged_alone_stays_alleged():
    alleged = incident("c1", None, perpetrator="Russian forces", attribution=Attribution.ALLEGED)
    alone = event_of([alleged], {"c1": DAY})
    assert alone.attribution == Attribution.ALLEGED and alone.grade == Grade.UNVERIFIED
    stated = incident("b1", 25, perpetrator="Russian forces")  # no status: the text states it
    both = event_of([alleged, stated], {"c1": DAY, "b1": DAY})
    assert both.attribution == Attribution.STATED
    assert set(both.provenance["perpetrator"]) == {"c1-x", "b1-x"}
