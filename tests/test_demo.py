"""`make demo`'s pipeline end to end on the bundled example, into a fresh SQLite store."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from trucewatch.demo import run
from trucewatch.store.schema import incidents, mentions, reports, rulings


@pytest.mark.slow  # the whole pipeline on the bundled example: `make demo` runs it too
def test_demo_builds_a_store_with_reports_incidents_evidence_and_rulings(tmp_path):
    demo = run(tmp_path / "out")
    with demo.store.engine.connect() as conn:

        def count(table):
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

        assert count(reports) == 30
        assert count(incidents) > 0
        assert count(mentions) >= count(incidents)  # every incident keeps its evidence
        assert count(rulings) > 0
    assert "tally" in demo.notes
    (html,) = (tmp_path / "out").glob("report-*.html")
    assert html.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    # running again starts from a fresh store rather than piling onto the old one
    again = run(tmp_path / "out")
    with again.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == 30
