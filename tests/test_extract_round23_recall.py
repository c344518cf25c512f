"""A wire dateline with no year is its own sentence, on passages we wrote (round 23,
r23-recall): "BEIRUT, March 9 (Wire) —" opens many reports; left in the lead sentence, its day
and city were read with the story told after it, and a capture told there ("took full control
of X on Tuesday") was lost. Texts with a dated dateline or none are split as before."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import IncidentType

T = IncidentType
WEDNESDAY = dt.date(2016, 3, 9)

CAPTURE = (
    "Rebel fighters took full control of the town of Saraqeb on Tuesday after government "
    "forces withdrew the monitoring group said."
)


def _sentences(text: str) -> list[str]:
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, WEDNESDAY)))
    return [doc.text[s.start : s.end] for s in doc._.sentences]


def test_a_wire_dateline_without_a_year_is_its_own_sentence() -> None:
    text = "BEIRUT, March 9 (Wire) — " + CAPTURE
    assert _sentences(text)[0] == "BEIRUT, March 9 (Wire) —"
    taken = [i for i in extract(passage(text, WEDNESDAY)).incidents if i.type == T.TERRITORY_TAKEN]
    assert taken and taken[0].date == dt.date(2016, 3, 8)
    assert taken[0].place is not None and taken[0].place.governorate == "Idlib"


def test_a_dateline_with_a_country_and_an_agency_is_cut_after_its_dash() -> None:
    text = "AIN ISSA, Syria, March 9 (Agency) - " + CAPTURE
    assert _sentences(text)[0] == "AIN ISSA, Syria, March 9 (Agency) -"


def test_a_text_without_a_wire_dateline_is_split_as_before() -> None:
    assert _sentences(CAPTURE) == [CAPTURE]
    # capitals and brackets inside the story are no dateline
    text = "Rebels (the FSA) took the town of Saraqeb on Tuesday, the monitor said."
    assert _sentences(text) == [text]
