"""The verification workflow: grades and ruling reviews change only with a reason, and every
change stays in the history."""

from __future__ import annotations

import datetime as dt

import pytest

from trucewatch.centre import IllegalTransition, NotFound, verification
from trucewatch.model.centre import Role, User
from trucewatch.model.incident import Grade
from trucewatch.store.schema import incidents, reports, rulings, sources

ANALYST = User("analyst", Role.ANALYST)
T0 = dt.datetime(2016, 2, 28, tzinfo=dt.UTC)


def _incident_with_ruling(conn) -> str:
    source = conn.execute(sources.insert().values(name="an outlet")).inserted_primary_key[0]
    conn.execute(
        reports.insert().values(
            id="r1",
            source_id=source,
            content_hash="h",
            text="t",
            raw=b"t",
            language="en",
            published_basis="unknown",
            annotations={},
            repairs=[],
            ingested_at=T0,
        )
    )
    conn.execute(
        incidents.insert().values(
            id="r1-i0", report_id="r1", seq=0, type="shelling", main=True, extracted_at=T0
        )
    )
    conn.execute(
        rulings.insert().values(
            event_id="r1-i0",
            agreement="coh-2016-02",
            ruling="violation",
            reasons=[],
            version=1,
            basis_hash="x",
            ruled_at=T0,
        )
    )
    return "r1-i0"


def test_grades_change_with_reasons_and_keep_their_history(store):
    with store.transaction() as conn:
        iid = _incident_with_ruling(conn)
        assert verification.grade_of(conn, iid) is None
        verification.set_grade(conn, ANALYST, iid, "corroborated", reason="a second outlet")
        verification.set_grade(conn, ANALYST, iid, "contested", reason="a party denies it")
        with pytest.raises(IllegalTransition, match="contested to contested"):
            verification.set_grade(conn, ANALYST, iid, "contested", reason="again")
        with pytest.raises(ValueError, match="reason"):
            verification.set_grade(conn, ANALYST, iid, "confirmed", reason=" ")
        with pytest.raises(NotFound):
            verification.set_grade(conn, ANALYST, "no-such-incident", "confirmed", reason="x")
        steps = verification.grade_history(conn, ANALYST, iid)
        assert verification.grade_of(conn, iid) is Grade.CONTESTED
    assert [(s.to_state, s.reason, s.by) for s in steps] == [
        ("corroborated", "a second outlet", "analyst"),
        ("contested", "a party denies it", "analyst"),
    ]


def test_ruling_reviews_follow_their_machine(store):
    with store.transaction() as conn:
        iid = _incident_with_ruling(conn)
        assert verification.review_state(conn, iid, "coh-2016-02") == "unreviewed"
        verification.review_ruling(
            conn, ANALYST, iid, "coh-2016-02", "under_review", reason="perpetrator doubtful"
        )
        verification.review_ruling(
            conn,
            ANALYST,
            iid,
            "coh-2016-02",
            "overturned",
            reason="the strike predates the accession",
        )
        with pytest.raises(IllegalTransition, match="overturned to upheld"):
            verification.review_ruling(conn, ANALYST, iid, "coh-2016-02", "upheld", reason="x")
        with pytest.raises(NotFound, match="no ruling"):
            verification.review_ruling(conn, ANALYST, iid, "other-agreement", "upheld", reason="x")
        states = [
            s.to_state for s in verification.review_history(conn, ANALYST, iid, "coh-2016-02")
        ]
        assert verification.review_state(conn, iid, "coh-2016-02") == "overturned"
    assert states == ["unreviewed", "under_review", "overturned"]
