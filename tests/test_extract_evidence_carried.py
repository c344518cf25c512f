"""Evidence first, for values one telling passes to another: a party carried to the next
sentence's strike, a party chosen from a doubt or from who blames whom, a place an elaborating
sentence adds. Each such value keeps the words that state it, so
nothing the extractor asserts is left without its span. Passages are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FAKES_CSV, needs
from tests.passages import passage_incidents

MONDAY = dt.date(2016, 3, 7)

PASSAGES = {
    "a party carried to the next sentence": (
        "Russian warplanes struck the town of Saraqib on Monday, killing nine people. "
        "Strikes also hit the town of Binnish, killing four."
    ),
    "a party left in doubt": (
        "Air strikes killed 12 people in the town of Saraqib on Monday, the Observatory said. "
        "It was unclear whether the raids were carried out by aircraft belonging to the Syrian "
        "government or its ally Russia."
    ),
    "parties blaming each other": (
        "Shells killed four people in the town of Nubl on Monday. "
        "The government and the rebels blamed each other for the shelling."
    ),
    "a place told by the next sentence": (
        "A suicide car bomb killed at least 20 people on Monday, a monitor said. "
        "The explosion took place in Rashideen, west of Aleppo."
    ),
}


@pytest.mark.parametrize("passage", PASSAGES.values(), ids=PASSAGES.keys())
def test_every_value_keeps_the_words_that_state_it(passage: str) -> None:
    found = passage_incidents(passage, MONDAY)
    assert found
    for inc in found:
        fields = {m.field for m in inc.evidence}
        stated = {
            "perpetrator": inc.perpetrator,
            "place": inc.place,
            "date": inc.date,
            "killed": inc.killed.low if inc.killed.best is None else inc.killed.best,
        }
        missing = {f for f, value in stated.items() if value is not None and f not in fields}
        assert not missing, (inc.type, missing)
        for m in inc.evidence:
            assert passage[m.start : m.end] == m.text


@pytest.mark.slow
def test_no_value_extracted_from_fakes_lacks_its_words() -> None:
    from trucewatch.extract.evaluate import read_fakes
    from trucewatch.extract.pipeline import extract_many

    reports = read_fakes(needs(FAKES_CSV))
    bare = []
    for report, extraction in extract_many(reports):
        for inc in extraction.incidents:
            fields = {m.field for m in inc.evidence}
            stated = {"perpetrator": inc.perpetrator, "place": inc.place, "date": inc.date}
            bare += [(report.title, f) for f, v in stated.items() if v and f not in fields]
    assert not bare, bare[:5]
