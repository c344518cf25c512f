"""The reports archive: generate a daily or period situation report from the browser into the
archive folder, and download past ones (HTML or PDF).

Reports are built as ``trucewatch report daily|period`` builds them (``report.daily.collect``,
``report.render.write_report``) into ``$TRUCEWATCH_REPORTS`` (default ``./reports``); each
generation goes into the audit chain with who asked for which period.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, Response

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import audit
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.model.centre import User
from trucewatch.store import Store
from trucewatch.web.auth import check_csrf
from trucewatch.web.pages import Viewer
from trucewatch.web.twins import (
    ZONES,
    Csrf,
    Reader,
    Short,
    answer,
    back_to,
    form_day,
    zone,
)

router = APIRouter(include_in_schema=False)
FOLDER_ENV = "TRUCEWATCH_REPORTS"
DEFAULT_FOLDER = Path("reports")
MAX_DAYS = 366  # a period report's trend lines are per day: a longer one is several reports
# What write_report names its files: report-<first day>[-to-<last day>].html|.pdf
NAME = re.compile(r"^report-(\d{4}-\d{2}-\d{2})(?:-to-(\d{4}-\d{2}-\d{2}))?\.(html|pdf)$")


def archive_folder() -> Path:
    """Where generated reports are kept (``$TRUCEWATCH_REPORTS``, default ``./reports``)."""
    return Path(os.environ.get(FOLDER_ENV) or DEFAULT_FOLDER)


def past_reports(folder: Path) -> list[dict]:
    """The reports in ``folder``, newest period first, each with its HTML and PDF file (if any)."""
    found: dict[str, dict] = {}
    if folder.is_dir():
        for path in folder.iterdir():
            match = NAME.match(path.name)
            if match is None or not path.is_file():
                continue
            first, last, kind = match.groups()
            stem = path.name.rsplit(".", 1)[0]
            entry = found.setdefault(
                stem, {"stem": stem, "first_day": first, "last_day": last or first, "files": {}}
            )
            stat = path.stat()
            entry["files"][kind] = {
                "name": path.name,
                "bytes": stat.st_size,
                "written_at": dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC),
            }
    return sorted(found.values(), key=lambda e: (e["last_day"], e["first_day"]), reverse=True)


def generate(
    store: Store,
    user: User,
    record: AgreementRecord,
    folder: Path,
    first: dt.date,
    last: dt.date,
    *,
    cutoff: str = "19:30",
    tz: str = "Asia/Damascus",
    pdf: bool = True,
) -> list[Path]:
    """Write the report for report days ``first``…``last`` into ``folder``; return its files.

    The report is read and rendered outside any write transaction (a PDF takes seconds, and no
    other writer should wait for it); the audit entry is written after the files, in its own
    short transaction."""
    require(user, Action.REPORT_GENERATE)
    from trucewatch.report.daily import collect
    from trucewatch.report.period import Period, parse_cutoff
    from trucewatch.report.render import write_report

    zone(tz)  # an unknown zone is refused by name before any work
    if (last - first).days >= MAX_DAYS:
        raise ValueError(f"a report covers at most {MAX_DAYS} days: generate several")
    period = Period(first, last, parse_cutoff(cutoff), tz)
    try:
        with store.engine.connect() as conn:
            report = collect(conn, period, record)
    except OverflowError:  # the days before and after a period at the calendar's very edge
        raise ValueError(f"{first} to {last} is out of the range reports cover") from None
    written = write_report(report, folder, pdf=pdf)
    files = [p for p in (written.html, written.pdf) if p is not None]
    with store.transaction() as conn:
        audit.append(
            conn,
            user.name,
            "report.generate",
            "report",
            written.html.stem,
            {
                "first_day": first,
                "last_day": last,
                "cutoff": cutoff,
                "tz": tz,
                "files": [p.name for p in files],
            },
        )
    return files


@router.get("/archive")
@router.get("/archive.json")
def archive_page(request: Request, user: Reader) -> Response:
    """Past reports to download, and (for analysts) the form to generate one."""
    require(user, Action.CENTRE_READ)
    data = {"reports": past_reports(archive_folder())}
    return answer(
        request,
        user,
        "registers/archive.html",
        data,
        zones=ZONES,
        can_generate=allowed(user, Action.REPORT_GENERATE),
    )


@router.post("/archive")
def generate_report(
    request: Request,
    user: Viewer,
    csrf_token: Csrf = "",
    first_day: Short = "",
    last_day: Short = "",
    cutoff: Short = "19:30",
    tz: Short = "Asia/Damascus",
    pdf: Annotated[bool, Form()] = False,
) -> Response:
    """Generate the report for a day (or a period, with a last day) into the archive."""
    check_csrf(request, csrf_token)
    require(user, Action.REPORT_GENERATE)
    first = form_day(first_day, "first day")
    if first is None:
        raise ValueError("first day is required")
    last = form_day(last_day, "last day") or first
    files = generate(
        request.app.state.store,
        user,
        request.app.state.record,
        archive_folder(),
        first,
        last,
        cutoff=cutoff or "19:30",
        tz=tz or "Asia/Damascus",
        pdf=pdf,
    )
    return back_to("/archive", f"report-{files[0].stem}")


@router.get("/archive/{name}")
def download(user: Viewer, name: str) -> Response:
    """One archived report file, as a download (its own styles stay out of the app's pages)."""
    require(user, Action.CENTRE_READ)
    if NAME.match(name) is None:  # only the archive's own names: nothing else is reachable
        raise HTTPException(404, "no such report")
    path = archive_folder() / name
    if not path.is_file():
        raise HTTPException(404, "no such report")
    media = "application/pdf" if name.endswith(".pdf") else "text/html; charset=utf-8"
    return FileResponse(path, media_type=media, filename=name)
