"""Rendering: the same database gives the same HTML; charts and the map are real SVG images;
the centre's registers appear when they hold records; the commands write HTML and PDF."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from shapely.geometry import shape
from typer.testing import CliRunner

from tests.test_report_fixtures import DAY, build_day, utc
from trucewatch.report.daily import collect
from trucewatch.report.maps import basemap, governorate_names
from trucewatch.report.period import Period
from trucewatch.report.render import render_html, write_report
from trucewatch.store import open_store

GOVERNORATES = {
    "Aleppo",
    "Damascus",
    "Daraa",
    "Deir ez-Zor",
    "Hama",
    "Hasakah",
    "Homs",
    "Idlib",
    "Latakia",
    "Quneitra",
    "Raqqa",
    "Rif Dimashq",
    "Suwayda",
    "Tartus",
}


@pytest.fixture
def sqlite_day(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'day.db'}"
    store = open_store(url)
    ids = build_day(store)
    yield store, url, ids
    store.close()


def _images(html: str) -> list[str]:
    """The SVG documents inlined in the HTML as data URIs."""
    found = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    return [base64.b64decode(b).decode("utf-8") for b in found]


def test_two_renders_of_the_same_database_give_identical_html(sqlite_day):
    store, _, _ = sqlite_day
    with store.engine.connect() as conn:
        first = render_html(collect(conn, Period.day(DAY)))
    with store.engine.connect() as conn:
        second = render_html(collect(conn, Period.day(DAY)))
    assert first == second


def test_the_html_carries_the_sections_and_figures_of_the_day(sqlite_day):
    store, _, _ = sqlite_day
    with store.engine.connect() as conn:
        html = render_html(collect(conn, Period.day(DAY), _record()))
    for anchor, heading in (
        ("summary", "Summary"),
        ("headline", "Headline"),
        ("map", "Map"),
        ("by-party", "By party"),
        ("governorates", "Events by governorate"),
        ("other-events", "Other events"),
    ):
        assert f'<h2 id="{anchor}">{heading}</h2>' in html
    for governorate in ("Aleppo", "Idlib", "Raqqa"):
        assert f'id="gov-{governorate.lower()}"' in html
    assert "15–19" in html  # killed, low–high
    assert "violation under Cessation of Hostilities in Syria" in html
    assert "alleged violation under Cessation of Hostilities in Syria" in html
    assert "(alleged (residents, activists or unnamed sources))" in html
    assert 'href="https://example.org/bulletin-a"' in html
    assert "No records for this period." not in html  # empty registers are left out
    for register in ("Hotline", "Deliveries", "Contradictions"):
        assert f">{register}</h2>" not in html
    images = _images(html)
    assert len(images) == 1  # the map (no trend line for a single day)
    for svg in images:
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<path" in svg
        assert "dc:date" not in svg  # no timestamp: the bytes depend on the data only


def _record():
    from trucewatch.agreements import read_record

    return read_record(Path(__file__).resolve().parents[1] / "examples/syria-2016/agreements")


def test_the_map_colours_events_by_ruling_without_shading_by_count(sqlite_day):
    import warnings

    from trucewatch.report.event_records import load_events
    from trucewatch.report.maps import event_map
    from trucewatch.report.words import RULING_COLOURS

    store, _, _ = sqlite_day
    with store.engine.connect() as conn:
        records = [r for r in load_events(conn, Period.day(DAY)) if r.event.type.violent]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a legend with nothing in it warns: that fails here
        svg = event_map(records)
        empty = event_map([])
    assert RULING_COLOURS["violation"].lower() in svg.lower()  # the Aleppo strike
    assert RULING_COLOURS["permitted_excluded_target"].lower() in svg.lower()  # Raqqa
    for shade in ("#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26"):
        assert shade not in svg  # no choropleth by count
    assert svg != empty and RULING_COLOURS["violation"].lower() not in empty.lower()


def test_the_basemap_has_14_governorates_and_a_country_outline_that_covers_them():
    assert set(governorate_names()) == GOVERNORATES
    features = basemap()["features"]
    country = next(shape(f["geometry"]) for f in features if f["properties"]["kind"] == "country")
    for feature in features:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid
        assert country.buffer(1e-6).contains(geometry)
    # Aleppo city lies in Aleppo governorate and Damascus in Damascus.
    from shapely.geometry import Point

    by_name = {f["properties"]["name"]: shape(f["geometry"]) for f in features}
    assert by_name["Aleppo"].contains(Point(37.16, 36.20))
    assert by_name["Damascus"].contains(Point(36.29, 33.51))
    path = Path(__file__).resolve().parents[1] / "trucewatch/report/data/syria-governorates.geojson"
    assert path.stat().st_size < 300_000
    assert "Natural Earth" in json.loads(path.read_text())["source"]


def test_centre_registers_show_overdue_hotline_items_and_deliveries(sqlite_day):
    from trucewatch.centre.deliveries import record_delivery
    from trucewatch.centre.hotline import acknowledge, open_thread, send_message
    from trucewatch.model.centre import Role, User

    store, _, _ = sqlite_day
    admin = User("duty officer", Role.ADMIN)
    with store.transaction() as conn:
        thread = open_thread(
            conn,
            admin,
            subject="shelling near Aleppo",
            participants=["United States", "Russia"],
            opened_at=utc(2016, 3, 1, 8, 0),
        )
        overdue = send_message(
            conn,
            admin,
            thread,
            sender="United States",
            recipients=["Russia"],
            body="constructed message one",
            sent_at=utc(2016, 3, 1, 8, 0),
            ack_due=utc(2016, 3, 1, 12, 0),
        )
        answered = send_message(
            conn,
            admin,
            thread,
            sender="Russia",
            recipients=["United States"],
            body="constructed message two",
            sent_at=utc(2016, 3, 1, 9, 0),
            ack_due=utc(2016, 3, 1, 15, 0),
        )
        acknowledge(conn, admin, answered, at=utc(2016, 3, 1, 10, 0))
        record_delivery(
            conn,
            admin,
            agency="WFP",
            place="Deir ez-Zor",
            governorate="Deir ez-Zor",
            method="airdrop",
            status="done",
            tonnes=21,
            date=DAY,
        )
    assert overdue != answered
    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY))
        next_day = collect(conn, Period.day(DAY + dt.timedelta(days=1)))
    assert dict(report.hotline.counts) == {
        "sent": 2,
        "acknowledged": 1,
        "overdue at cut-off": 1,
    }
    # Still unacknowledged a day later: overdue there too, though nothing new was sent.
    assert dict(next_day.hotline.counts)["overdue at cut-off"] == 1
    assert dict(next_day.hotline.counts)["sent"] == 0
    assert [row[1] for row in report.deliveries.rows] == ["WFP"]
    assert "21 t" in report.deliveries.rows[0][-1]
    html = render_html(report)
    assert 'id="hotline"' in html and 'id="deliveries"' in html
    assert 'id="accessions"' not in html and 'id="contradictions"' not in html
    assert '<a href="#hotline">1 hotline message</a> was overdue' in html
    assert '<a href="#deliveries">1 humanitarian delivery</a> was recorded' in html
    assert "2016-03-01 10:00\u00a0Damascus\u00a0time" in html  # the hotline's times, zoned


def test_accessions_from_the_agreement_files_appear_on_their_day(sqlite_day):
    from trucewatch.agreements import read_record

    store, _, _ = sqlite_day
    examples = Path(__file__).resolve().parents[1] / "examples" / "syria-2016" / "agreements"
    record = read_record(examples)
    accepted = [a for a in record.accessions if a.at is not None and a.status == "accepted"]
    assert accepted, "the example agreements record accessions"
    moment = accepted[0].at if accepted[0].at.tzinfo else accepted[0].at.replace(tzinfo=dt.UTC)
    period = Period.day(moment.astimezone(Period.day(DAY).zone).date())
    if moment.astimezone(period.zone).time() > period.cutoff:
        period = Period.day(period.first_day + dt.timedelta(days=1))
    with store.engine.connect() as conn:
        report = collect(conn, period, record)
    assert accepted[0].party in {row[1] for row in report.accessions.rows}
    assert dict(report.accessions.counts)["accepted"] >= 1
    assert any(a.id == accepted[0].agreement for a in record.agreements)


@pytest.mark.slow  # starts a cluster or renders a PDF: full `make test` only
def test_report_commands_write_html_and_pdf(sqlite_day, tmp_path):
    import typer

    from trucewatch.report.commands import report_app

    _, url, _ = sqlite_day
    app = typer.Typer()
    app.add_typer(report_app, name="report")
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", "daily", "--date", "2016-03-01", "--db", url, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "violations 2 (+1)" in result.output and "alleged violations 1 (+1)" in result.output
    pdf = (out / "report-2016-03-01.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 20_000  # fonts, charts and the map are in it, not just a blank page
    html = (out / "report-2016-03-01.html").read_text()
    time.sleep(1.1)  # a second later: a clock read anywhere in the PDF would now show
    again = runner.invoke(
        app, ["report", "daily", "--date", "2016-03-01", "--db", url, "--out", str(tmp_path / "2")]
    )
    assert again.exit_code == 0, again.output
    assert (tmp_path / "2" / "report-2016-03-01.pdf").read_bytes() == pdf  # no timestamps in it
    result = runner.invoke(
        app,
        [
            *("report", "period", "--from", "2016-02-28", "--to", "2016-03-02"),
            *("--db", url, "--out", str(out), "--no-pdf"),
        ],
    )
    assert result.exit_code == 0, result.output
    period_html = (out / "report-2016-02-28-to-2016-03-02.html").read_text()
    assert '<h2 id="trend">Trends</h2>' in period_html and 'id="trend"' not in html
    assert (
        "Violent events per party" in period_html
        and "Violent events per governorate" in period_html
    )
    assert not (out / "report-2016-02-28-to-2016-03-02.pdf").exists()
    bad = runner.invoke(app, ["report", "daily", "--date", "1 March", "--db", url])
    assert bad.exit_code != 0


def test_write_report_names_files_by_period(sqlite_day, tmp_path):
    store, _, _ = sqlite_day
    with store.engine.connect() as conn:
        report = collect(conn, Period(DAY, DAY + dt.timedelta(days=2)))
    written = write_report(report, tmp_path, pdf=False)
    assert written.html.name == "report-2016-03-01-to-2016-03-03.html" and written.pdf is None


def test_event_grades_and_contradictions_found_reach_the_report(sqlite_day):
    from sqlalchemy import update

    from trucewatch.store.corroboration_tables import events

    store, _, ids = sqlite_day
    with store.transaction() as conn:
        conn.execute(update(events).where(events.c.id == ids["A0"]).values(grade="corroborated"))
    seen: list[Period] = []

    def finder(conn, period):  # stands in for corroboration's reader
        seen.append(period)
        return [("truce start", "outlet one", "Thursday", "outlet two", "27 February")]

    with store.engine.connect() as conn:
        report = collect(conn, Period.day(DAY), contradictions=finder)
    assert seen == [Period.day(DAY)]
    strike = next(r for r in report.events if r.id == ids["A0"])
    assert strike.event.grade.value == "corroborated"
    assert report.contradictions.has_records
    html = render_html(report)
    assert "graded corroborated" in html and "27 February" in html
