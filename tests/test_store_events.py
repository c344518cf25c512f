"""The events repository: what corroboration stores is what every reader gets back."""

from __future__ import annotations

import datetime as dt

from trucewatch.model.dates import incident_window
from trucewatch.model.event import Event, Sided
from trucewatch.model.ids import event_id
from trucewatch.model.incident import Attribution, GeoPrecision, Grade, IncidentType, Place, Toll
from trucewatch.store import open_store
from trucewatch.store.events import get_event, iter_events, replace_events


def _event(anchor: str, other: str) -> Event:
    return Event(
        id=event_id(anchor),
        type=IncidentType.AIR_STRIKE,
        window=incident_window(dt.date(2016, 4, 27)),
        members=(anchor, other),
        report_ids=("r1", "r2"),
        sources=2,
        place=Place("al-Sukkari", "Aleppo", 36.18, 37.15, GeoPrecision.TOWN),
        perpetrator="Syrian government",
        attribution=Attribution.ALLEGED,
        perpetrator_alternatives=("Russian forces",),
        killed=Toll(27, 55, 55),
        killed_values=(
            Sided(Toll(27, 27, 27), ("r1",), (anchor,), "updated", "27 people"),
            Sided(Toll(55, 55, 55), ("r2",), (other,), "current", "has risen to 55"),
        ),
        grade=Grade.CORROBORATED,
        computed_grade=Grade.CORROBORATED,
        explanation="two independent sources",
        provenance={"place": (anchor,), "killed": (other,)},
    )


def test_events_round_trip_and_replace(store_url):
    store = open_store(store_url)
    first = _event("r1-aaaaaaaaaaaa", "r2-bbbbbbbbbbbb")
    with store.transaction() as conn:
        replace_events(conn, [first], {"r1-aaaaaaaaaaaa": "anchor"})
    with store.engine.connect() as conn:
        back = get_event(conn, first.id)
    assert back == first
    second = _event("r2-cccccccccccc", "r1-dddddddddddd")
    with store.transaction() as conn:
        replace_events(conn, [second])
    with store.engine.connect() as conn:
        assert [e.id for e in iter_events(conn)] == [second.id]
        assert get_event(conn, second.id).members == ("r2-cccccccccccc", "r1-dddddddddddd")
    store.close()
