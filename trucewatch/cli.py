"""The ``trucewatch`` command: a thin shell over the packages that do the work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer
from rich.table import Table
from typer.core import TyperGroup

from trucewatch.console import console, errors, progress

if TYPE_CHECKING:
    from trucewatch.ingest.run import IngestSummary
    from trucewatch.pipeline import ExtractSummary


class _Commands(TyperGroup):
    """The command group, catching the store's own failures (a damaged file, an unreachable
    server) at the top: one line naming the store and what to do, exit 2, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as error:
            from trucewatch.store.errors import store_failure

            message = store_failure(error)
            if message is None:
                raise
            errors.print(message, markup=False)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Commands,
    help="Ceasefire monitoring: ingest reports, extract incidents, corroborate, rule, report.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file. Default: $TRUCEWATCH_DB or ./trucewatch.db."
    ),
]
Paths = Annotated[list[Path], typer.Argument(help="Files or folders to read.", show_default=False)]
EngineOption = Annotated[
    str, typer.Option("--engine", help="local (one process) or dask (partitions on a cluster).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="With --engine dask: a scheduler address; default a LocalCluster."),
]
WorkersOption = Annotated[
    int | None, typer.Option(help="With --engine dask and no --scheduler: LocalCluster workers.")
]
ENGINES = ("local", "dask")


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")


@app.command()
def ingest(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", help="auto, text, html, csv or jsonl.")] = "auto",
    mapping: Annotated[
        str | None,
        typer.Option(
            help="CSV column mapping: a built-in name (fakes) — guessed from the header by default."
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Source to record when the input does not name one.")
    ] = None,
    db: DbOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Read reports into the store. Running it again adds nothing already there."""
    from trucewatch.ingest.readers import FORMATS
    from trucewatch.ingest.run import ingest as run_ingest
    from trucewatch.ingest.tabular import BUILTIN_MAPPINGS
    from trucewatch.store import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if mapping is not None and mapping not in BUILTIN_MAPPINGS:
        raise typer.BadParameter(
            f"no mapping {mapping!r}; built in: {', '.join(BUILTIN_MAPPINGS)}",
            param_hint="--mapping",
        )
    _check_engine(engine)
    store = open_store(db)
    if engine == "dask":
        from trucewatch.scale import ingest_dask

        summary = ingest_dask(
            store,
            paths,
            fmt=fmt,
            mapping=BUILTIN_MAPPINGS.get(mapping or ""),
            source=source,
            scheduler=scheduler,
            workers=workers,
        )
        print_ingest_summary(summary)
        if not summary.ok:
            raise typer.Exit(1)
        return
    with progress() as bar:
        task = bar.add_task("reading reports", total=None)
        summary = run_ingest(
            store,
            paths,
            fmt=fmt,
            mapping=BUILTIN_MAPPINGS.get(mapping or ""),
            source=source,
            on_item=lambda _item: bar.advance(task),
        )
    print_ingest_summary(summary)
    if not summary.ok:
        errors.print("[red]nothing could be read[/red]")
        raise typer.Exit(1)


def print_ingest_summary(summary: IngestSummary) -> None:
    """The closing summary of an ingest: counts, repeated ids, repairs and rejections."""
    counts = summary.as_dict()
    console.print(
        "ingest: "
        + ", ".join(
            f"{name.replace('_', ' ')} [bold]{value}[/bold]" for name, value in counts.items()
        )
    )
    if summary.new == 0 and summary.already_present:
        console.print("nothing new: every report read is already in the store")
    for repeated in summary.repeated_ids:
        same = (
            "same text, stored once"
            if repeated.distinct_texts == 1
            else (f"{repeated.distinct_texts} different texts, each stored")
        )
        console.print(
            f"repeated id {repeated.external_id} in {repeated.origin}: rows "
            f"{', '.join(map(str, repeated.rows))} ({same})"
        )
    for repair, n in sorted(summary.repairs.items()):
        console.print(f"repaired in {n} report(s): {repair}")
    for item in summary.rejections[:50]:
        errors.print(f"quarantined {item.origin} {item.location}: {item.reason}")
    if summary.quarantined > 50:
        errors.print(f"... and {summary.quarantined - 50} more (see `trucewatch quarantine`)")


@app.command()
def quarantine(db: DbOption = None) -> None:
    """List inputs that could not be read, with file, row or line, and reason."""
    from trucewatch.store import open_store
    from trucewatch.store.reports import list_quarantine

    store = open_store(db)
    with store.engine.connect() as conn:
        rows = list_quarantine(conn)
    table = Table("file", "where", "reason")
    for row in rows:
        table.add_row(row["origin"], row["location"], row["reason"])
    console.print(table if rows else "quarantine is empty")


@app.command()
def extract(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to read (no database needed).", show_default=False),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Write one JSON object per report to stdout.")
    ] = False,
    redo: Annotated[
        bool,
        typer.Option(
            help="With --db: replace every extraction (corroboration and adjudication become "
            "stale: `trucewatch run` brings them back)."
        ),
    ] = False,
    db: DbOption = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract incidents and claims, each value with the span of text it came from.

    With PATHs: read them with the ingest readers and print JSON Lines (``--jsonl``).
    Without: extract the stored reports not yet extracted and save the results.
    """
    if paths:
        _extract_files(paths)
        return
    if jsonl:
        raise typer.BadParameter("--jsonl needs PATHs; stored results are read with `export`")
    from trucewatch.pipeline import extract_stored
    from trucewatch.store import open_store

    _check_engine(engine)
    store = open_store(db)
    if engine == "dask":
        from trucewatch.scale import extract_dask

        summary = extract_dask(store, redo=redo, scheduler=scheduler, workers=workers)
        print_extract_summary(summary)
        return
    with progress() as bar:
        task = bar.add_task("extracting", total=None)
        summary = extract_stored(
            store,
            redo=redo,
            on_report=lambda: bar.advance(task),
            on_total=lambda n: bar.update(task, total=n),
        )
    print_extract_summary(summary)


def print_extract_summary(summary: ExtractSummary) -> None:
    """One line: reports read, incidents by type, claims."""
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_type.items())) or "none"
    console.print(
        f"extract: reports {summary.reports}, incidents {summary.incidents} ({kinds}), "
        f"claims {summary.claims}"
    )


def _extract_files(paths: list[Path]) -> None:
    import json
    import sys

    from trucewatch.extract import extract_many, to_json
    from trucewatch.ingest import read_inputs
    from trucewatch.ingest.records import Rejected
    from trucewatch.model.report import Report

    def readable() -> Iterator[Report]:
        for item in read_inputs(paths):
            if isinstance(item, Rejected):
                errors.print(f"skipped {item.origin} {item.location}: {item.reason}")
            else:
                yield item

    written = 0
    for report, extraction in extract_many(readable()):
        sys.stdout.write(json.dumps(to_json(report, extraction), ensure_ascii=False) + "\n")
        written += 1
    if not written:
        raise typer.Exit(1)


@app.command()
def adjudicate(
    agreements: Annotated[
        Path, typer.Option(help="Folder of agreement, regime and designation YAML files.")
    ],
    incidents: Annotated[
        Path | None,
        typer.Option(help="Incidents as JSON Lines (extraction format, each with an id)."),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON object per incident.")
    ] = False,
    tally: Annotated[bool, typer.Option(help="With --jsonl: end with a tally line.")] = False,
    db: DbOption = None,
) -> None:
    """Rule on events against the terms in force at their time and place.

    Without --incidents: rule on the stored events (one verdict per event and agreement) and store
    the rulings (versioned: a ruling changes only when facts or terms do). With --incidents FILE
    --jsonl: no database, each incident in the file ruled on as its own event, to stdout.
    """
    from trucewatch.agreements import AgreementFileError

    try:
        if incidents is not None:
            from trucewatch.adjudicate.commands import adjudicate_jsonl

            adjudicate_jsonl(agreements, incidents, with_tally=tally)
            return
        from trucewatch.pipeline import adjudicate_stored
        from trucewatch.store import open_store

        summary = adjudicate_stored(open_store(db), agreements)
    except AgreementFileError as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(2) from exc
    console.print(
        f"adjudicate: {summary.events} events, {summary.rulings} rulings, "
        f"{summary.new_versions} new or changed"
    )
    print_tally(summary.tally)


def print_tally(tally: dict) -> None:
    """Violations by party, governorate and agreement, as small tables; alleged violations
    (a single source, attribution not stated) counted apart."""
    unit = "events" if "events_with_violation" in tally else "incidents"
    console.print(f"{unit} with a violation: {tally.get(f'{unit}_with_violation', 0)}")
    console.print(
        f"{unit} with an alleged violation only: {tally.get(f'{unit}_with_alleged_violation', 0)}"
    )
    for key in ("by_ruling", "by_party", "by_governorate", "by_agreement"):
        counts = tally.get(key) or {}
        if counts:
            table = Table(key.replace("by_", ""), "count", title=key.replace("_", " "))
            for name, n in counts.items():
                table.add_row(str(name), str(n))
            console.print(table)


@app.command()
def run(
    db: DbOption = None,
    agreements: Annotated[
        Path | None,
        typer.Option(
            help="Folder of agreement YAML files; default the one the last adjudication used."
        ),
    ] = None,
) -> None:
    """Run every stale or new stage in order (extract, corroborate, adjudicate).

    Prints what each stage did, or that it was up to date; lists analysts' grades and reviews
    whose event is gone. Without --agreements and with no adjudication recorded, adjudication
    is skipped and says so. The one command a deployment schedules.
    """
    from trucewatch.agreements import AgreementFileError
    from trucewatch.pipeline import run_stages
    from trucewatch.store import open_store

    if agreements is not None and not agreements.is_dir():
        raise typer.BadParameter(f"{agreements} is not a folder", param_hint="--agreements")

    def show(report) -> None:
        mark = "[green]ran[/green]" if report.ran else "[dim]—[/dim]"
        console.print(f"[bold]{report.stage}[/bold] {mark}")
        for line in report.lines:
            console.print(f"  {line}", markup=False)

    with progress() as bar:
        task = bar.add_task("stages", total=None)

        def started(stage: str, why: str) -> None:
            bar.update(task, description=f"{stage} ({why})")

        try:
            reports = run_stages(open_store(db), agreements, on_start=started)
        except AgreementFileError as exc:
            errors.print(str(exc), markup=False)
            raise typer.Exit(2) from exc
    for report in reports:
        show(report)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes; one per core serves more requests. Login throttling counts "
            "per process; logouts reach every process.",
        ),
    ] = 1,
    secure_cookies: Annotated[
        str,
        typer.Option(
            envvar="TRUCEWATCH_SECURE_COOKIES",
            help="Mark the session cookie HTTPS-only: 'auto' does, except for plain HTTP to "
            "localhost with no proxy in between; 'always' (behind any TLS proxy you can) or "
            "'never' (plain HTTP across a network: avoid).",
        ),
    ] = "auto",
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            envvar="TRUCEWATCH_TRUSTED_PROXIES",
            help="Address or network of a reverse proxy whose X-Forwarded-For is believed "
            "(repeat for several; the variable takes a comma-separated list). Without it, "
            "log-in throttling sees every client behind the proxy as the proxy.",
        ),
    ] = None,
    limit_concurrency: Annotated[
        int | None,
        typer.Option(
            min=1, help="Connections and requests at once per process, then 503. Default: 1000."
        ),
    ] = None,
    timeout_keep_alive: Annotated[
        int | None,
        typer.Option(min=1, help="Seconds an idle kept-alive connection stays open. Default: 5."),
    ] = None,
    header_timeout: Annotated[
        float | None,
        typer.Option(
            min=0.1, help="Seconds a client has to send a request's headers. Default: 10."
        ),
    ] = None,
    body_timeout: Annotated[
        float | None,
        typer.Option(min=0.1, help="Seconds a client has to send a request's body. Default: 30."),
    ] = None,
) -> None:
    """Serve the web app (map, incidents, evidence, hotline) and the JSON API at /api/v1.

    In production put it behind a TLS reverse proxy (deploy/nginx.conf) and name the proxy with
    --trusted-proxy; docs/web.md explains each option.
    """
    from trucewatch.web.app import serve as run
    from trucewatch.web.server import Limits

    if secure_cookies not in ("auto", "always", "never"):
        raise typer.BadParameter(
            f"{secure_cookies!r}: use auto, always or never", param_hint="--secure-cookies"
        )
    proxies = ",".join(p for item in trusted_proxy or [] for p in item.split(",") if p.strip())
    try:
        from trucewatch.web.auth import parse_proxies

        parse_proxies(proxies)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--trusted-proxy") from None
    given = {
        "limit_concurrency": limit_concurrency,
        "timeout_keep_alive": timeout_keep_alive,
        "header_timeout": header_timeout,
        "body_timeout": body_timeout,
    }
    limits = Limits(**{k: v for k, v in given.items() if v is not None})
    run(
        db,
        host,
        port,
        workers,
        secure_cookies=secure_cookies,
        trusted_proxies=proxies or None,
        limits=limits,
    )


eval_app = typer.Typer(help="Score extraction against FA-KES crowd labels or our hand-made gold.")
app.add_typer(eval_app, name="eval")


@eval_app.command("fakes")
def eval_fakes(
    csv_path: Annotated[Path, typer.Argument(help="FA-KES-Dataset.csv")],
) -> None:
    """Main-incident governorate and date against FA-KES's crowd labels, overall and per outlet."""
    from trucewatch.extract.evaluate import GoldFileError
    from trucewatch.extract.evaluate import eval_fakes as run

    try:
        table = run(csv_path)
    except GoldFileError as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(2) from exc
    console.print(table.to_markdown(), markup=False)


@eval_app.command("gold")
def eval_gold(
    gold_paths: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files: gold-dev.jsonl, gold-dev-2.jsonl (FA-KES rows) and/or "
            "statements-dev.jsonl (texts with claims gold); each is scored apart."
        ),
    ],
    csv_path: Annotated[
        Path | None,
        typer.Option(
            "--csv", help="The FA-KES CSV the gold rows index (default: beside the gold)."
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            help="Score one half of gold-dev-2.jsonl: 'tune' (rows at even 0-based line "
            "index) or 'check' (odd). Read the checking half only at the end of a round.",
        ),
    ] = None,
) -> None:
    """Incident F1, main-incident fields, place, discourse rows and claimants, per gold file."""
    from trucewatch.extract.evaluate import GoldFileError
    from trucewatch.extract.evaluate import eval_gold as run

    try:
        table = run(gold_paths, csv_path, half)
    except GoldFileError as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(2) from exc
    console.print(table.to_markdown(), markup=False)


def export_events(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, geojson or parquet.")] = "jsonl",
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write; stdout without it.")
    ] = None,
    first: Annotated[
        str | None,
        typer.Option("--from", help="Only events whose best day is on or after this date."),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option("--to", help="Only events whose best day is on or before this date."),
    ] = None,
) -> None:
    """Every event (one row each, however many reports tell it), with its window, combined
    values, sources and rulings (see docs/exports.md). `export incidents` gives what each
    report said."""
    import datetime as dt
    import sys

    from trucewatch.report.exports import (
        FORMATS,
        deliver,
        stored_event_rows,
        write_event_export,
    )
    from trucewatch.store import open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise typer.BadParameter(
            "Parquet is binary: give --out FILE or redirect stdout", param_hint="--out"
        )
    days = []
    for text, option in ((first, "--from"), (last, "--to")):
        try:
            days.append(dt.date.fromisoformat(text) if text else None)
        except ValueError as exc:
            raise typer.BadParameter("give a date as YYYY-MM-DD", param_hint=option) from exc
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            rows = stored_event_rows(conn, days[0], days[1])
    finally:
        store.close()
    deliver(rows, fmt, out, write_event_export)
    if out is not None:
        errors.print(f"wrote {len(rows)} events to {out}", markup=False)


def _mount_subcommands() -> None:
    from trucewatch.adjudicate.commands import agreements_app
    from trucewatch.centre.commands import audit_app, centre_app
    from trucewatch.centre.correction_commands import correct_command
    from trucewatch.centre.user_commands import users_app
    from trucewatch.corroborate.commands import corroborate, grade, reference_app, reuse
    from trucewatch.live.commands import alerts_app, feeds_app, watch
    from trucewatch.report.commands import export_app, report_app
    from trucewatch.store.commands import backup_command, restore_command

    app.command()(corroborate)
    app.command()(reuse)
    app.command()(grade)
    app.add_typer(reference_app, name="reference")
    app.add_typer(agreements_app, name="agreements")
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    app.add_typer(centre_app, name="centre")
    app.add_typer(users_app, name="users")
    app.add_typer(audit_app, name="audit")
    app.command("correct")(correct_command)
    app.add_typer(report_app, name="report")
    export_app.command("events")(export_events)
    app.add_typer(export_app, name="export")
    app.add_typer(feeds_app, name="feeds")
    app.add_typer(alerts_app, name="alerts")
    app.command()(watch)


_mount_subcommands()

if __name__ == "__main__":
    app()
