"""Incidents told in run-on text, on passages we wrote (round 23, r23-recall): a report whose
full stops and the capitals that open its sentences were both stripped is read sentence by
sentence, cut where a new lower-case subject starts ("... on Monday the observatory said ...",
"it said ..."), so an attack told in it is no longer lost in one long sentence that a war total
at its end marks as background; a source named in full right after a clause stays that
clause's source, so its figures keep their claimant."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import IncidentType

T = IncidentType
WEDNESDAY = dt.date(2016, 3, 9)

RUN_ON = (
    "Government air strikes on a crowded bakery in the rebel held town of Saraqeb in Idlib "
    "province killed at least 31 people on Tuesday the Syrian Observatory for Human Rights "
    "said one of the worst attacks on the province this year the observatory said the planes "
    "struck twice as rescuers arrived and that more than 60 people were wounded it said the "
    "toll could rise because many of the wounded were in a serious condition the government "
    "says its forces strike only militants and the war has killed more than 250000 people "
    "since it began according to the observatory"
)


def test_an_attack_told_in_run_on_text_is_found() -> None:
    incidents = extract(passage(RUN_ON, WEDNESDAY)).incidents
    strikes = [i for i in incidents if i.type == T.AIR_STRIKE]
    assert strikes, "the strike on Saraqeb is lost in one long sentence"
    main = strikes[0]
    assert main.place is not None and main.place.governorate == "Idlib"
    assert main.date == dt.date(2016, 3, 8)
    assert main.killed.low == 31
    # the war total at the end is background, never an incident's toll
    assert all(i.killed.low != 250000 for i in incidents)


def test_a_source_named_after_its_clause_keeps_the_figure() -> None:
    claims = extract(passage(RUN_ON, WEDNESDAY)).claims
    toll = [c for c in claims if c.quantity == 31]
    assert toll and toll[0].claimant == "Syrian Observatory for Human Rights"


def _sentences(text: str) -> list[str]:
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, WEDNESDAY)))
    return [doc.text[s.start : s.end] for s in doc._.sentences]


def test_run_on_cuts_leave_objects_and_punctuated_text_alone() -> None:
    cut = _sentences(RUN_ON)
    assert any(s.startswith("it said the toll") for s in cut)
    assert any(s.startswith("the observatory said the planes") for s in cut)
    turn = RUN_ON.replace("the government says", "meanwhile the government says")
    assert any(s.startswith("meanwhile the government") for s in _sentences(turn))
    # a perfect keeps its object, a nationality its "state media"
    held = _sentences(
        RUN_ON.replace(
            "the observatory said the planes",
            "rebels said they had taken the hill later Syrian state media said the planes",
        )
    )
    assert not any(s.startswith("the hill") or s.startswith("state media") for s in held)
    # a verb taking its object ("struck the town") is never cut from it
    assert not any(s.startswith("the town") for s in cut)
    # the same words with their full stops are split only at the stops
    punctuated = (
        "Jets struck the town of Saraqeb on Tuesday, the monitor said. It said the toll could rise."
    )
    assert len(_sentences(punctuated)) == 2


def test_a_wire_dateline_without_a_year_is_its_own_sentence() -> None:
    text = (
        "BEIRUT, March 9 (Wire) — Rebel fighters took full control of the town of Saraqeb on "
        "Tuesday after government forces withdrew the monitoring group said."
    )
    assert _sentences(text)[0] == "BEIRUT, March 9 (Wire) —"
    taken = [i for i in extract(passage(text, WEDNESDAY)).incidents if i.type == T.TERRITORY_TAKEN]
    assert taken and taken[0].date == dt.date(2016, 3, 8)
    assert taken[0].place is not None and taken[0].place.governorate == "Idlib"
