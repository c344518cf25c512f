"""Round 25 (r25-precision): a zone or line a truce drew, named as a place, is no truce taking
effect, on passages we wrote.

"Jets bombed a town outside the agreed ceasefire zone" or "a checkpoint on the ceasefire line"
names where something happened; the truce word only describes the zone or line, so no
``truce_declared`` incident comes of it. A truce told as taking effect still is one.
"""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents
from trucewatch.model.incident import IncidentType

T = IncidentType
TUESDAY = dt.date(2018, 3, 6)


def _truces(text: str) -> list[str | None]:
    return [
        i.place.name if i.place else None
        for i in passage_incidents(text, TUESDAY)
        if i.type == T.TRUCE_DECLARED
    ]


def test_a_ceasefire_zone_named_as_a_place_is_no_truce() -> None:
    found = _truces(
        "Warplanes bombed a bakery in the town of Mayadin on Tuesday, well outside the agreed "
        "ceasefire zone, a monitor said."
    )
    assert not found


def test_a_ceasefire_line_named_as_a_place_is_no_truce() -> None:
    assert not _truces(
        "Army tanks retook a checkpoint on the ceasefire line in the Golan Heights on Tuesday, "
        "two hours after rebels had overrun it, a monitor said."
    )


def test_a_ceasefire_taking_effect_is_still_a_truce() -> None:
    assert _truces(
        "A three-day ceasefire took effect at dawn on Tuesday in the town of Madaya, "
        "local officials said."
    )
