"""Extraction results and rulings round-trip through the store with their evidence and history."""

from __future__ import annotations

import datetime as dt

from trucewatch.ingest.records import ReportDraft, finish
from trucewatch.model import ids
from trucewatch.model.agreement import Reason, Ruling, RulingValue
from trucewatch.model.incident import (
    Claim,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)
from trucewatch.model.report import Mention
from trucewatch.store.incidents import (
    iter_claims,
    iter_incidents,
    save_extraction,
    stored_incident_ids,
    unextracted_report_ids,
)
from trucewatch.store.reports import save_reports
from trucewatch.store.rulings import current_rulings, ruling_history, save_rulings

TEXT = "Shelling hit Douma on 1 March 2016 at 10:00 GMT, killing at least 4 civilians."


def _stored_report(store):
    report = finish(ReportDraft(text=TEXT, source="Levant Daily", published="2016-03-01"))
    with store.transaction() as conn:
        save_reports(conn, [report])
    return report


def _incident() -> Incident:
    return Incident(
        type=IncidentType.SHELLING,
        date=dt.date(2016, 3, 1),
        time=dt.datetime(2016, 3, 1, 10, tzinfo=dt.UTC),
        time_precision=TimePrecision.DAY,
        place=Place("Douma", "Rif Dimashq", 33.57, 36.40, GeoPrecision.TOWN),
        target="civilians",
        killed=Toll(low=4),
        main=True,
        evidence=[
            Mention("type", 0, 8, TEXT[0:8]),
            Mention("place", 13, 18, TEXT[13:18]),
            Mention("killed", 60, 70, TEXT[60:70]),
        ],
    )


def test_extraction_round_trips_with_spans_and_replaces_itself(store):
    report = _stored_report(store)
    with store.transaction() as conn:
        assert unextracted_report_ids(conn) == [report.id]
        claim = Claim(
            "Levant Daily",
            4,
            "civilians killed",
            evidence=[Mention("quantity", 60, 70, TEXT[60:70])],
        )
        save_extraction(conn, report.id, [_incident()], [claim], "test-1")
    with store.engine.connect() as conn:
        (stored,) = list(iter_incidents(conn))
        (stored_claim,) = list(iter_claims(conn))
        assert unextracted_report_ids(conn) == []
        assert unextracted_report_ids(conn, extractor="test-2") == [report.id]
    # The id comes from the report, the type and the words that anchor it, not its position.
    anchor = [(m.start, m.end) for m in _incident().evidence if m.field == "type"]
    assert stored.id == ids.incident_id(report.id, "shelling", anchor)
    assert stored.time == dt.datetime(2016, 3, 1, 10, tzinfo=dt.UTC)
    assert stored.place.governorate == "Rif Dimashq" and stored.killed == Toll(low=4)
    assert [TEXT[m.start : m.end] for m in stored.evidence] == [m.text for m in stored.evidence]
    assert stored_claim.evidence[0].report_id == report.id
    with store.transaction() as conn:  # re-extraction replaces, never duplicates
        save_extraction(conn, report.id, [_incident(), _incident()], [], "test-2")
    with store.engine.connect() as conn:
        again = [i.id for i in iter_incidents(conn)]
        assert list(iter_claims(conn)) == []
    # The same incident keeps its id; a second one with the same anchor is told apart.
    assert again == [stored.id, f"{stored.id}~2"]


def test_rulings_are_versioned_only_when_the_verdict_or_reasons_change(store):
    report = _stored_report(store)
    with store.transaction() as conn:
        save_extraction(conn, report.id, [_incident()], [], "test-1")
    with store.engine.connect() as conn:
        (iid,) = stored_incident_ids(conn, report.id)
    first = Ruling(iid, "coh-2016", RulingValue.UNDETERMINED, (Reason("perpetrator", "missing"),))
    second = Ruling(iid, "coh-2016", RulingValue.VIOLATION, (Reason("clause 1", "shelling"),))
    with store.transaction() as conn:
        assert save_rulings(conn, [first]) == 1
        assert save_rulings(conn, [first]) == 0  # same facts, same ruling: no new version
        assert save_rulings(conn, [second]) == 1
    with store.engine.connect() as conn:
        (current,) = list(current_rulings(conn))
        history = ruling_history(conn, iid)
    assert current.version == 2 and current.ruling.ruling is RulingValue.VIOLATION
    assert [h.ruling.ruling for h in history] == [RulingValue.UNDETERMINED, RulingValue.VIOLATION]
