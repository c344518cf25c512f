"""``trucewatch report daily|period`` and ``trucewatch export incidents``.

The lead mounts them: ``app.add_typer(report_app, name="report")`` and
``app.add_typer(export_app, name="export")``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

report_app = typer.Typer(
    help="Daily and period situation reports (HTML and PDF).", no_args_is_help=True
)
export_app = typer.Typer(
    help="Data out: incidents as CSV, GeoJSON, Parquet or JSONL.", no_args_is_help=True
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file. Default: $TRUCEWATCH_DB or ./trucewatch.db."
    ),
]
CutoffOption = Annotated[
    str | None,
    typer.Option(
        "--cutoff", help="Local time a report day ends (HH:MM). Default: the settings', else 19:30."
    ),
]
TzOption = Annotated[
    str | None,
    typer.Option(
        "--tz",
        help="Time zone of the cut-off and of every time shown. "
        "Default: the settings', else Asia/Damascus.",
    ),
]
SettingsOption = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help="TOML file whose \\[report] table gives mission, logo, classification, "
        "distribution, cutoff and tz. Default: ./trucewatch.toml when it exists.",
    ),
]
OutDirOption = Annotated[Path, typer.Option("--out", help="Folder to write the report into.")]
AgreementsOption = Annotated[
    Path | None,
    typer.Option(
        "--agreements",
        help="Folder of agreement files, for the regimes in force and accessions. "
        "Default: examples/syria-2016/agreements when it exists.",
    ),
]
NoPdfOption = Annotated[bool, typer.Option("--no-pdf", help="Write the HTML only.")]

DEFAULT_AGREEMENTS = Path("examples/syria-2016/agreements")


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date like 2016-03-01", param_hint=option
        ) from None


def _settings(path: Path | None):
    from trucewatch.report.settings import SettingsError, load_settings

    try:
        return load_settings(path)
    except SettingsError as exc:
        raise typer.BadParameter(str(exc), param_hint="--settings") from None


def _period(first: dt.date, last: dt.date, cutoff: str | None, tz: str | None, settings):
    from trucewatch.report.period import Period, parse_cutoff

    if cutoff is None:
        cutoff = settings.cutoff.strftime("%H:%M")
    tz = tz or settings.tz
    try:
        time = parse_cutoff(cutoff)
    except ValueError:
        raise typer.BadParameter(
            f"{cutoff!r} is not a time like 19:30", param_hint="--cutoff"
        ) from None
    try:
        return Period(first, last, time, tz)
    except ValueError as exc:  # an unknown zone, or a period that ends before it starts
        raise typer.BadParameter(str(exc)) from None
    except Exception as exc:  # zoneinfo raises its own error for an unknown zone
        raise typer.BadParameter(f"unknown time zone {tz!r}", param_hint="--tz") from exc


def _agreements(path: Path | None):
    from trucewatch.agreements import read_record

    if path is None:
        if not DEFAULT_AGREEMENTS.is_dir():
            return None
        path = DEFAULT_AGREEMENTS
    record = read_record(path)
    for problem in record.problems:
        typer.echo(f"agreements: {problem}", err=True)
    return record


def _run(period, settings, db: str | None, out: Path, agreements: Path | None, pdf: bool) -> None:
    import dataclasses

    from trucewatch.report.daily import collect
    from trucewatch.report.render import write_report
    from trucewatch.store import open_store

    # --cutoff and --tz win over the file's; the report states what it used.
    settings = dataclasses.replace(settings, cutoff=period.cutoff, tz=period.tz)
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            report = collect(conn, period, _agreements(agreements), settings=settings)
    finally:
        store.close()
    written = write_report(report, out, pdf=pdf)
    figures = ", ".join(f"{f.name} {f.shown()} ({f.change_shown()})" for f in report.headline)
    typer.echo(f"{report.title}: {figures}")
    typer.echo(f"wrote {written.html}")
    if written.pdf:
        typer.echo(f"wrote {written.pdf}")


@report_app.command("daily")
def daily(
    date: Annotated[str, typer.Option("--date", help="The report day, e.g. 2016-03-01.")],
    cutoff: CutoffOption = None,
    tz: TzOption = None,
    settings: SettingsOption = None,
    db: DbOption = None,
    out: OutDirOption = Path("."),
    agreements: AgreementsOption = None,
    no_pdf: NoPdfOption = False,
) -> None:
    """The report for the 24 hours to the cut-off on DATE: report-DATE.html and .pdf."""
    day = _day(date, "--date")
    chosen = _settings(settings)
    _run(_period(day, day, cutoff, tz, chosen), chosen, db, out, agreements, not no_pdf)


@report_app.command("period")
def period(
    first: Annotated[str, typer.Option("--from", help="First report day.")],
    last: Annotated[str, typer.Option("--to", help="Last report day (inclusive).")],
    cutoff: CutoffOption = None,
    tz: TzOption = None,
    settings: SettingsOption = None,
    db: DbOption = None,
    out: OutDirOption = Path("."),
    agreements: AgreementsOption = None,
    no_pdf: NoPdfOption = False,
) -> None:
    """The same report over several report days (a week, a month), with trends per party and
    governorate."""
    chosen = _settings(settings)
    period = _period(_day(first, "--from"), _day(last, "--to"), cutoff, tz, chosen)
    _run(period, chosen, db, out, agreements, not no_pdf)


@export_app.command("incidents")
def incidents(
    fmt: Annotated[str, typer.Option("--format", help="csv, geojson, parquet or jsonl.")] = "csv",
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write; stdout without it.")
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="Only events on or after this date.")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Only events on or before this date.")
    ] = None,
    tz: Annotated[str, typer.Option("--tz", help="Time zone of local dates.")] = "Asia/Damascus",
) -> None:
    """Every stored incident (or those dated --from/--to) in one format (see docs/exports.md)."""
    from trucewatch.report.exports import FORMATS, incident_rows, write_export
    from trucewatch.report.feeds import load_grades
    from trucewatch.report.records import load_records
    from trucewatch.store import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise typer.BadParameter(
            "Parquet is binary: give --out FILE or redirect stdout", param_hint="--out"
        )
    start = _day(first, "--from") if first else None
    end = _day(last, "--to") if last else None
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            records = load_records(conn, grades=load_grades(conn))
    finally:
        store.close()
    rows = incident_rows(records, tz, start, end)
    if out is None:
        write_export(rows, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_export(rows, fmt, handle)
    typer.echo(f"wrote {len(rows)} incidents to {out}", err=True)
