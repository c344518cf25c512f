"""Round 22 (lead): a later telling at a narrower place that counts fewer dead than the incident
it joins is one part of that incident. It gives the incident its place, never a lower toll: the
lead's count is the incident's (a range between the whole and its part would be scored by its
low end, the part). Passages are our own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage_incidents

WEDNESDAY = dt.date(2016, 4, 27)


def _main(text: str):
    return next(i for i in passage_incidents(text, WEDNESDAY) if i.main)


def test_a_hospital_strike_told_after_the_provinces_toll_keeps_the_whole_toll() -> None:
    text = (
        "Air strikes on opposition-held Idlib province killed 26 people on Tuesday, the Syrian "
        "Observatory for Human Rights said. A medic at the hospital in Saraqib said a strike on "
        "its courtyard killed 14 people."
    )
    main = _main(text)
    assert main.place is not None and main.place.name == "Saraqib"  # the narrower place told
    assert main.killed.low == 26  # the province's count, not a 14-26 range


def test_a_later_count_at_the_same_place_is_still_another_sources_count() -> None:
    text = (
        "Air strikes on the town of Saraqib killed 26 people on Tuesday, the Syrian Observatory "
        "for Human Rights said. Civil defence workers in Saraqib put the toll at 14."
    )
    main = _main(text)
    assert main.killed.low == 14 and main.killed.high == 26  # two sources: a range, as before
