"""A toll told for a named area of several towns that sums the tolls told for towns in it is
those towns' incidents, not one more (GOLD-DEV-2.md: each part gets its own toll); and a town's
own toll is never read as the sum of other towns'. Passages are our own."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract

WEDNESDAY = dt.date(2017, 11, 1)


def shellings(text: str, title: str | None = None):
    got = extract(passage(text, WEDNESDAY, title=title)).incidents
    return [i for i in got if i.type.value == "shelling"]


AREA_ROUNDUP = (
    "Government shelling killed seven civilians in the Eastern Ghouta on Tuesday, a monitor "
    "said. Four pupils were killed when shells struck a school in Jisrin. Three people were "
    "killed by shells that hit Mesraba."
)


def test_an_area_toll_summing_its_towns_is_those_towns_incidents() -> None:
    got = shellings(AREA_ROUNDUP)
    assert sorted((i.place.name, i.killed.low) for i in got) == [("Jisrin", 4), ("Mesraba", 3)]
    assert all(i.date == dt.date(2017, 10, 31) for i in got)


def test_an_area_toll_that_sums_nothing_stays_its_own_incident() -> None:
    got = shellings(AREA_ROUNDUP.replace("seven", "twelve"))
    assert ("Eastern Ghouta", 12) in {(i.place.name, i.killed.low) for i in got}


def test_a_towns_toll_is_no_sum_of_other_towns() -> None:
    # five in Jisrin, then three and two elsewhere: Jisrin's five stays the main story
    text = (
        "Government shelling killed five civilians at a school in Jisrin on Tuesday, a monitor "
        "said. Three people were killed by shells that hit Mesraba. Two more died when shells "
        "fell on Hammouriyeh."
    )
    main = next(i for i in extract(passage(text, WEDNESDAY)).incidents if i.main)
    assert (main.place.name, main.killed.low) == ("Jisrin", 5)
