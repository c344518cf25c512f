"""Ingest on real files from ../shared and on inputs we write, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.conftest import FAKES_CSV, SEEDS, needs
from trucewatch.cli import app
from trucewatch.ingest import read_inputs
from trucewatch.ingest.records import Rejected
from trucewatch.ingest.run import ingest
from trucewatch.model.report import PublishedBasis
from trucewatch.store.reports import count_reports, iter_reports, list_quarantine
from trucewatch.store.schema import reports


def _reports(paths, **kwargs):
    return [r for r in read_inputs(paths, **kwargs) if not isinstance(r, Rejected)]


def test_seed_004_url_becomes_the_url_and_its_date_the_published_date():
    (report,) = _reports([needs(SEEDS) / "004_dcc3a013572ae37a.txt"])
    assert report.url.startswith("http://presstv.ir/Detail/2016/06/21/")
    assert report.published.date == dt.date(2016, 6, 21)
    assert report.published.basis is PublishedBasis.URL
    # the share counters under the URL are not report text
    assert report.text.startswith("Russia has warned")
    assert any("counters" in r for r in report.repairs)


def test_seeds_without_dates_are_not_given_an_invented_date():
    for report in _reports([needs(SEEDS)]):
        if report.url is None:
            assert report.published.date is None
            assert report.published.basis in (PublishedBasis.INFERRED, PublishedBasis.UNKNOWN)
            assert report.published.reason


def test_undated_seeds_get_the_range_their_landmarks_allow():
    """000–003 name the US-Russian truce of February 2016; 001 also calls the start of Russia's
    air campaign (30 September 2015) "last year", so it was written in 2016."""
    ranges = {
        r.origin.rsplit("/", 1)[-1][:3]: (r.published.earliest, r.published.latest)
        for r in _reports([needs(SEEDS)])
        if r.url is None
    }
    assert set(ranges) == {"000", "001", "002", "003"}
    truce = dt.date(2016, 2, 22)
    assert all(earliest == truce for earliest, _ in ranges.values())
    assert ranges["001"][1] == dt.date(2016, 12, 31)
    # 000's "(Thursday) March 10" fits 2011 and 2016; the truce rules out 2011
    assert ranges["000"][1] == dt.date(2016, 12, 31)


def test_ingesting_the_seeds_twice_stores_five_reports_once(store):
    first = ingest(store, [needs(SEEDS)])
    assert (first.read, first.new, first.quarantined) == (5, 5, 0)
    second = ingest(store, [SEEDS])
    assert (second.new, second.already_present) == (0, 5)
    with store.engine.connect() as conn:
        assert count_reports(conn) == 5
        stored = {r.external_id or r.origin: r for r in iter_reports(conn)}
    seed = next(r for r in stored.values() if r.url)
    assert seed.published.date == dt.date(2016, 6, 21)
    assert seed.raw.startswith(b"http://presstv.ir")  # raw bytes kept exactly as received


def test_fakes_csv_rows_are_all_accounted_for_and_a_rerun_adds_nothing(store):
    summary = ingest(store, [needs(FAKES_CSV)])
    assert summary.read + summary.quarantined == 804
    assert summary.read >= 800
    # 9 unit ids occur on more than one row; each is listed with its rows
    assert len(summary.repeated_ids) == 9
    assert all(len(r.rows) >= 2 for r in summary.repeated_ids)
    assert summary.repaired > 0 and any("cp1252" in k for k in summary.repairs)
    with store.engine.connect() as conn:
        stored = count_reports(conn)
        one = next(iter_reports(conn))
    assert stored == summary.new
    assert one.annotations["location"] and one.annotations["date"]  # crowd labels kept
    assert one.published.basis is not PublishedBasis.METADATA  # the crowd date is not publication
    again = ingest(store, [FAKES_CSV])
    assert again.new == 0 and again.already_present == summary.new
    assert summary.new + summary.repeated_in_input == summary.read


def test_repeated_ids_with_identical_text_are_reported_as_stored_once(tmp_path):
    path = tmp_path / "repeat.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "source", "text"])
        w.writerow(["a1", "Levant Daily", "Shelling hit Douma on Monday."])
        w.writerow(["a1", "Levant Daily", "Shelling hit Douma on Monday."])
        w.writerow(["a1", "Levant Daily", "A convoy reached Madaya on Tuesday."])
    from trucewatch.store import open_store

    summary = ingest(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}"), [path])
    (repeated,) = summary.repeated_ids
    assert repeated.rows == [0, 1, 2] and repeated.distinct_texts == 2
    assert (summary.new, summary.repeated_in_input) == (2, 1)


def test_bad_csv_rows_are_quarantined_with_their_row_and_the_rest_is_stored(store, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"id,source,text\n"
        b"1,Gulf Wire,Clashes near Tal al-Eis on Saturday.\n"
        b"2,Gulf Wire\n"
        b"3,Gulf Wire,\n"
        b"4,Gulf Wire,An air strike hit Kafr Nabl market.\n"
    )
    summary = ingest(store, [path])
    assert summary.new == 2
    with store.engine.connect() as conn:
        quarantined = list_quarantine(conn)
    assert {q["location"] for q in quarantined} == {"row 1 (line 3)", "row 2 (line 4)"}
    assert all(q["origin"] == str(path) for q in quarantined)
    assert "2 cells where the header has 3" in {q["reason"] for q in quarantined}
    assert ingest(store, [path]).quarantined == 2
    with store.engine.connect() as conn:
        assert len(list_quarantine(conn)) == 2  # quarantine is idempotent too


def test_jsonl_bad_lines_are_quarantined_by_line_number(store, tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "n1", "source": "North Syria Monitor", "text": "Shelling on Azaz."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"source": "x", "title": "no text"}),
        json.dumps(
            {"id": "n2", "source": "Aid Bulletin", "published": "2016-03-01", "text": "Trucks."}
        ),
    ]
    path.write_text("\n".join(lines) + "\n")
    summary = ingest(store, [path])
    assert summary.new == 2
    assert [r.location for r in summary.rejections] == ["line 2", "line 3", "line 4"]
    with store.engine.connect() as conn:
        dated = [r for r in iter_reports(conn) if r.published.date]
    assert dated[0].published.date == dt.date(2016, 3, 1)
    assert dated[0].published.basis is PublishedBasis.METADATA


def test_html_page_gives_title_date_and_article_text_without_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Strike on market</title>"
        '<meta property="article:published_time" content="2016-04-28T09:00:00+03:00">'
        "</head><body><nav>Home | World | Sport</nav><article><h1>Strike on market</h1>"
        "<p>Warplanes struck a busy market in Maarat al-Numan on Tuesday, killing at least a dozen"
        " people, a local monitor said, and rescuers were still searching the rubble.</p>"
        "<script>document.title='pwned'</script><p>The council said the toll may rise further"
        " as more bodies were recovered from the site during the evening.</p></article>"
        "<footer>All rights reserved</footer></body></html>"
    )
    (report,) = _reports([page])
    assert report.title == "Strike on market"
    assert report.published.date == dt.date(2016, 4, 28)
    assert "Maarat al-Numan" in report.text
    assert "pwned" not in report.text and "All rights reserved" not in report.text


def test_binary_and_empty_files_are_quarantined_and_the_run_goes_on(store, tmp_path):
    (tmp_path / "a.txt").write_text("Two rockets hit Jobar on Friday.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01PK\x03\x04 binary")
    (tmp_path / "c.txt").write_bytes(b"")
    summary = ingest(store, [tmp_path])
    assert summary.new == 1
    reasons = {Path(r.origin).name: r.reason for r in summary.rejections}
    assert "binary" in reasons["b.txt"] and "empty" in reasons["c.txt"]


def test_cli_exits_nonzero_only_when_nothing_could_be_read(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n")
    result = CliRunner().invoke(app, ["ingest", str(bad), "--db", db])
    assert result.exit_code == 1
    assert "line 1" in result.output
    good = tmp_path / "good.txt"
    good.write_text("Shelling was reported in Harasta.")
    result = CliRunner().invoke(app, ["ingest", str(bad), str(good), "--db", db])
    assert result.exit_code == 0, result.output
    assert "new 1" in result.output


def test_identity_is_content_plus_source_whatever_the_whitespace(store, tmp_path):
    path = tmp_path / "same.jsonl"
    rows = [
        {"source": "Levant Daily", "text": "Shelling hit Douma on Monday."},
        {"source": "Levant Daily", "text": "Shelling  hit Douma\non Monday. "},
        {"source": "Gulf Wire", "text": "Shelling hit Douma on Monday."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    summary = ingest(store, [path])
    assert (summary.new, summary.repeated_in_input) == (2, 1)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == 2
