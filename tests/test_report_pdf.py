"""The PDF as its reader gets it, read back with pdftotext (poppler-utils): the header and marking
from the settings file, a summary whose numbers match the store, every value in words (no
snake_case, no bare agreement id), the time zone beside every time, no empty pages, and one line
for a day with no events."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.test_report_fixtures import DAY, build_day, utc
from trucewatch.agreements import read_record
from trucewatch.report.daily import collect
from trucewatch.report.period import Period
from trucewatch.report.render import write_report
from trucewatch.report.settings import SettingsError, load_settings
from trucewatch.store import open_store
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.schema import incidents, rulings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria-2016"
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def _need_pdftotext() -> None:
    if shutil.which("pdftotext") is not None:
        return
    if os.environ.get("CI"):  # CI installs poppler-utils: a missing tool is a failure there
        pytest.fail("pdftotext is missing under CI: apt-get install poppler-utils")
    pytest.skip("pdftotext not installed (apt-get install poppler-utils)")


def pdf_text(path: Path) -> str:
    """The PDF's text in reading layout, no-break spaces as spaces; pages split by form feeds."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.replace("\u00a0", " ")


@pytest.fixture
def day_store(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'day.db'}")
    ids = build_day(store)
    _centre_records(store)
    yield store, ids
    store.close()


def _centre_records(store) -> None:
    """An overdue hotline message and a delivery on the report day."""
    from trucewatch.centre.deliveries import record_delivery
    from trucewatch.centre.hotline import open_thread, send_message
    from trucewatch.model.centre import Role, User

    admin = User("duty officer", Role.ADMIN)
    with store.transaction() as conn:
        thread = open_thread(
            conn,
            admin,
            subject="shelling near Aleppo",
            participants=["United States", "Russia"],
            opened_at=utc(2016, 3, 1, 8, 0),
        )
        send_message(
            conn,
            admin,
            thread,
            sender="United States",
            recipients=["Russia"],
            body="constructed message",
            sent_at=utc(2016, 3, 1, 8, 0),
            ack_due=utc(2016, 3, 1, 9, 0),
        )
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


def _write(store, period: Period, out: Path) -> tuple[Path, str]:
    settings = load_settings(EXAMPLE / "trucewatch.toml")
    with store.engine.connect() as conn:
        report = collect(conn, period, read_record(EXAMPLE / "agreements"), settings=settings)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # e.g. matplotlib's empty-legend warning
        written = write_report(report, out)
    assert written.pdf is not None
    return written.pdf, written.html.read_text(encoding="utf-8")


def _recount(store, period: Period) -> dict[str, object]:
    """The day's numbers from the raw tables, without the report code: an event with a member's
    time of day lands on the local report day of that time, any other on its best day."""
    zone = ZoneInfo(period.tz)
    with store.engine.connect() as conn:
        rows = conn.execute(select(events)).all()
        times = dict(
            conn.execute(
                select(event_members.c.event_id, incidents.c.time)
                .join(incidents, incidents.c.id == event_members.c.incident_id)
                .where(incidents.c.time.is_not(None))
            ).all()
        )
        ruled = conn.execute(select(rulings.c.event_id, rulings.c.ruling)).all()
    values: dict[str, set[str]] = {}
    for event_id, value in ruled:  # one version per event in this store
        values.setdefault(event_id, set()).add(value)

    def day_of(row) -> dt.date | None:
        moment = times.get(row.id)
        if moment is None:
            return row.event_date
        local = (
            moment.replace(tzinfo=dt.UTC).astimezone(zone)
            if moment.tzinfo is None
            else (moment.astimezone(zone))
        )
        late = local.time().replace(tzinfo=None) > period.cutoff
        return local.date() + dt.timedelta(days=1) if late else local.date()

    violent = [
        r for r in rows if r.type != "humanitarian_delivery" and period.contains_day(day_of(r))
    ]
    violations = [r for r in violent if "violation" in values.get(r.id, ())]
    alleged = [
        r for r in violent if "alleged_violation" in values.get(r.id, ()) and r not in violations
    ]
    low = sum(r.killed_low if r.killed_low is not None else (r.killed_best or 0) for r in violent)
    high = sum(
        r.killed_high if r.killed_high is not None else (r.killed_best or r.killed_low or 0)
        for r in violent
    )
    return {
        "events": len(violent),
        "violations": violations,
        "alleged": alleged,
        "killed": f"{low}–{high}" if low != high else str(low),
    }


def test_the_pdf_has_the_header_and_a_summary_whose_numbers_match_the_store(
    day_store, tmp_path: Path
) -> None:
    _need_pdftotext()
    store, _ = day_store
    period = Period.day(DAY)
    pdf, html = _write(store, period, tmp_path)
    again, _ = _write(store, period, tmp_path / "again")
    assert again.read_bytes() == pdf.read_bytes()  # logo and marking keep it byte-identical
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Ceasefire Monitoring Mission, Syria (demonstration)" in flat
    assert text.count("UNCLASSIFIED – FOR DEMONSTRATION") >= 2  # the header and every page
    assert "Distribution: Co-chairs of the ceasefire task force;" in flat
    assert "Cut-off 19:30 Damascus time on 1 March 2016" in flat
    summary = flat.split("Summary", 1)[1].split("Headline", 1)[0]
    counted = _recount(store, period)
    assert f"recorded {counted['events']} violent events" in summary
    violations = counted["violations"]
    assert f"of which {len(violations)} violations" in summary
    for row in violations:
        assert f"1 by {row.perpetrator} in {row.governorate}" in summary
    (alleged,) = counted["alleged"]
    assert "A further 1 event was ruled an alleged violation" in summary
    assert f"1 by {alleged.perpetrator} in {alleged.governorate}" in summary
    assert f"{counted['killed']} killed" in summary
    assert "1 humanitarian delivery was recorded" in summary
    assert "1 hotline message was overdue for acknowledgement at the cut-off" in summary
    # Each number links to the table it comes from.
    assert f'<a href="#headline">{counted["events"]} violent events</a>' in html
    assert '<a href="#gov-aleppo">1</a> by Syrian Arab Army in Aleppo' in html
    assert '<a href="#hotline">1 hotline message</a>' in html


def test_every_value_is_in_words_and_every_time_names_its_zone(day_store, tmp_path: Path) -> None:
    _need_pdftotext()
    store, _ = day_store
    record = read_record(EXAMPLE / "agreements")
    for period in (Period.day(DAY), Period(DAY - dt.timedelta(days=3), DAY + dt.timedelta(days=3))):
        pdf, _ = _write(store, period, tmp_path / period.label().replace(" ", ""))
        text = pdf_text(pdf)
        assert not SNAKE.findall(text), SNAKE.findall(text)
        for agreement in record.agreements:
            assert agreement.id not in text, agreement.id
        assert "Cessation of Hostilities in Syria" in text
        timed = [line for line in text.splitlines() if TIME.search(line)]
        assert timed and all("Damascus time" in line for line in timed), [
            line for line in timed if "Damascus time" not in line
        ]
        # No page is nearly empty: each holds more than its marking and footer.
        marks = ("UNCLASSIFIED – FOR DEMONSTRATION", "Ceasefire Monitoring Mission, Syria")
        bodies = [
            " ".join(line for line in page.splitlines() if not line.strip().startswith(marks))
            for page in text.split("\f")
            if page.strip()
        ]
        assert all(len(" ".join(b.split())) > 150 for b in bodies), [len(b) for b in bodies]


def test_a_day_with_no_events_says_so_in_one_line_on_one_page(tmp_path: Path) -> None:
    _need_pdftotext()
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        pdf, html = _write(store, Period.day(DAY), tmp_path)
    finally:
        store.close()
    text = pdf_text(pdf)
    assert text.count("\f") <= 1  # one page
    assert "In the 24 hours to 19:30 Damascus time on 1 March 2016 the mission recorded no " in (
        " ".join(text.split())
    )
    assert "<table" not in html and "Headline" not in text


def test_settings_errors_name_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "trucewatch.toml"
    bad.write_text('[report]\ntz = "Mars/Olympus"\n')
    with pytest.raises(SettingsError, match=r"trucewatch.toml: \[report\] tz 'Mars/Olympus'"):
        load_settings(bad)
    bad.write_text('[report]\ncutoff = "late"\n')
    with pytest.raises(SettingsError, match="cutoff 'late' is not a time"):
        load_settings(bad)
    bad.write_text('[report]\nmision = "typo"\n')
    with pytest.raises(SettingsError, match=r"unknown key.*mision"):
        load_settings(bad)
    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(tmp_path / "missing.toml")
    settings = load_settings(EXAMPLE / "trucewatch.toml")
    assert settings.logo and settings.logo.startswith("data:image/svg+xml;base64,")
    assert settings.cutoff == dt.time(19, 30) and settings.zone_label == "Damascus time"


def test_the_report_command_reads_the_settings_file(day_store, tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from trucewatch.report.commands import report_app

    store, _ = day_store
    url = store.engine.url.render_as_string(hide_password=False)
    app = typer.Typer()
    app.add_typer(report_app, name="report")
    settings = tmp_path / "mission.toml"
    settings.write_text('[report]\nmission = "Test Mission"\ncutoff = "18:00"\ntz = "UTC"\n')
    args = ["report", "daily", "--date", "2016-03-01", "--db", url, "--no-pdf"]
    result = CliRunner().invoke(app, [*args, "--settings", str(settings), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report-2016-03-01.html").read_text()
    assert "Test Mission" in html and "Cut-off 18:00&nbsp;UTC" in html
    bad = CliRunner().invoke(app, [*args, "--settings", str(tmp_path / "none.toml")])
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", bad.output).split())
    assert bad.exit_code != 0 and "no such settings file" in said
