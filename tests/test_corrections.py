"""Corrections (issue 16, part 3), on SQLite and PostgreSQL: an analyst's correction wins over
extraction in every reader, survives every re-run, re-rules the event at once, is audited (and a
row changed behind the log is caught), is listed as orphaned when its event is gone, and a
withdrawal restores what extraction said.

The stores are built from the example reports in ``examples/syria-2016`` (our own texts).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from tests.test_events_pipeline import AGREEMENTS, _some_reports
from trucewatch.centre import corrections
from trucewatch.centre.audit import entries, verify
from trucewatch.centre.errors import NotFound, PermissionDenied
from trucewatch.cli import app
from trucewatch.ingest.run import ingest
from trucewatch.model.centre import Role, User
from trucewatch.pipeline import EXTRACTOR, adjudicate_due, run_stages
from trucewatch.report.exports import stored_event_rows
from trucewatch.store import open_store
from trucewatch.store.correction_tables import corrections as corrections_table
from trucewatch.store.corroboration_tables import events
from trucewatch.store.events import get_event, iter_events
from trucewatch.store.incidents import save_extraction
from trucewatch.store.rulings import ruling_history

ANALYST = User("analyst", Role.ANALYST)
VIEWER = User("viewer", Role.VIEWER)


@pytest.fixture
def built(store_url, tmp_path):
    store = open_store(store_url)
    ingest(store, _some_reports(tmp_path))
    run_stages(store, AGREEMENTS)
    yield store, store_url
    store.close()


def _idlib(store):
    """The Idlib raids of 1 March (one report, ruled an alleged violation)."""
    with store.engine.connect() as conn:
        (found,) = [
            e
            for e in iter_events(conn)
            if e.place and e.place.name == "Idlib" and str(e.window.event_date) == "2016-03-01"
        ]
    return found


def _cli(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_a_correction_wins_rules_again_and_survives_every_rerun(built):
    store, url = built
    idlib = _idlib(store)
    fields = corrections.parse_fields(place="Saraqib", date="2016-03-02", killed="3-5")
    with store.transaction() as conn:
        done = corrections.correct(conn, ANALYST, idlib.id, fields, reason="dateline was Idlib")
    # The stored event carries the corrected values, so every reader sees them.
    with store.engine.connect() as conn:
        event = get_event(conn, idlib.id)
        history = ruling_history(conn, idlib.id)
        exported = next(r for r in stored_event_rows(conn) if r["event_id"] == idlib.id)
    assert (event.place.name, event.place.governorate) == ("Saraqib", "Idlib")
    assert event.place.lat == pytest.approx(35.86, abs=0.01)
    assert str(event.window.event_date) == "2016-03-02" and event.window.precision == 1
    assert (event.killed.low, event.killed.high) == (3, 5)
    assert exported["place"] == "Saraqib" and str(exported["event_date"]) == "2016-03-02"
    # Ruled again at once: the new version's reasons name the corrected place and day.
    assert done.new_rulings >= 1 and done.rulings
    newest = max(history, key=lambda h: (h.ruling.agreement == "coh-2016-02", h.version))
    facts = " ".join(r.fact for r in newest.ruling.reasons)
    assert "Saraqib" in facts and "2016-03-02" in facts
    # Adjudication stays up to date: one correction does not re-rule every event.
    assert adjudicate_due(store, AGREEMENTS) is None

    # Every stage again, and every extraction replaced: the correction is kept and still wins.
    _cli("corroborate", "--db", url)
    _cli("extract", "--redo", "--db", url)
    _cli("run", "--db", url)
    with store.engine.connect() as conn:
        again = get_event(conn, idlib.id)
        extracted = conn.execute(
            select(corrections_table.c.original).where(corrections_table.c.event_id == idlib.id)
        ).scalar_one()
    assert again.place.name == "Saraqib" and str(again.window.event_date) == "2016-03-02"
    assert extracted["place"]["name"] == "Idlib"  # what extraction said is kept beside it

    # Withdrawn: back to what extraction says, ruled again, the record kept.
    with store.transaction() as conn:
        corrections.withdraw(conn, ANALYST, done.correction_id, reason="the dateline was right")
    with store.engine.connect() as conn:
        back = get_event(conn, idlib.id)
        kept = conn.execute(select(corrections_table.c.status)).scalars().all()
    assert back.place.name == "Idlib" and str(back.window.event_date) == "2016-03-01"
    assert (back.killed.low, back.killed.high) == (idlib.killed.low, idlib.killed.high)
    assert kept == ["withdrawn"]


def test_corrections_are_audited_and_a_row_changed_behind_the_log_is_caught(built):
    store, _ = built
    idlib = _idlib(store)
    with store.transaction() as conn:
        done = corrections.correct(
            conn, ANALYST, idlib.id, {"attribution": "stated"}, reason="MoD statement"
        )
    with store.engine.connect() as conn:
        (entry,) = entries(conn, "correction", done.correction_id)
        assert entry.actor == "analyst" and entry.action == "correction.create"
        assert "MoD statement" in str(entry.detail)
        assert verify(conn).ok
    with store.transaction() as conn:
        conn.execute(update(corrections_table).values(fields={"attribution": "denied"}))
    with store.engine.connect() as conn:
        verdict = verify(conn)
    assert not verdict.ok
    assert any(f"correction {done.correction_id}" in c for c in verdict.changed)


def test_a_viewer_is_refused_and_bad_values_are_refused_with_words(built):
    store, _ = built
    idlib = _idlib(store)
    with store.engine.connect() as conn, conn.begin():
        with pytest.raises(PermissionDenied):
            corrections.correct(conn, VIEWER, idlib.id, {"target": "a school"}, reason="r")
        with pytest.raises(ValueError, match="reason"):
            corrections.correct(conn, ANALYST, idlib.id, {"target": "a school"}, reason=" ")
        with pytest.raises(NotFound):
            corrections.correct(conn, ANALYST, "e-nothing", {"target": "x"}, reason="r")
    with pytest.raises(ValueError, match="not in the gazetteer"):
        corrections.parse_fields(place="Atlantis")
    with pytest.raises(ValueError, match="attribution"):
        corrections.parse_fields(attribution="rumoured")
    with pytest.raises(ValueError, match="killed"):
        corrections.parse_fields(killed="5-2")
    with pytest.raises(ValueError, match="date"):
        corrections.parse_fields(date="1 March")
    with store.engine.connect() as conn:
        assert conn.execute(select(corrections_table)).all() == []  # nothing written


def test_a_correction_whose_event_is_gone_is_kept_and_listed_as_orphaned(built):
    store, url = built
    idlib = _idlib(store)
    with store.transaction() as conn:
        corrections.correct(conn, ANALYST, idlib.id, {"target": "a market"}, reason="photos")
    anchor_report = idlib.id.removeprefix("e-").split("-")[0]
    with store.transaction() as conn:
        save_extraction(conn, anchor_report, [], [], EXTRACTOR)
    out = _cli("run", "--db", url)
    assert f"correction 1 on {idlib.id} (event gone)" in out
    with store.engine.connect() as conn:
        assert conn.execute(select(events.c.id).where(events.c.id == idlib.id)).first() is None
    listed = _cli("correct", "--list", "--orphans", "--db", url)
    assert idlib.id in listed and "(event gone)" in listed and "photos" in listed


def test_the_cli_corrects_lists_and_withdraws(built, monkeypatch):
    store, url = built
    idlib = _idlib(store)
    from trucewatch.centre.users import SYSTEM  # the acting user while a store has no users

    assert SYSTEM.role == Role.ADMIN
    out = _cli("correct", idlib.id, "--place", "Saraqib", "--reason", "hit Saraqib", "--db", url)
    assert "place Saraqib, Idlib" in out and "ruled again" in out and "coh-2016-02" in out
    out = _cli("correct", idlib.id, "--place", "Atlantis", "--reason", "x", "--db", url, code=2)
    assert "not in the gazetteer" in out
    listed = _cli("correct", "--list", "--db", url)
    assert "place Idlib → Saraqib, Idlib" in listed and "hit Saraqib" in listed
    _cli("correct", "--withdraw", "1", "--reason", "wrong town", "--db", url)
    assert "[withdrawn]" in _cli("correct", idlib.id, "--db", url)
