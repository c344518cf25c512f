"""Reports in over the web: ``POST /api/v1/reports`` (token), the form at ``/reports/new``
(session), and ``GET /api/v1/status`` for live monitoring (feeds' health, queues).

Both ways in share ``trucewatch.live.intake.submit_report``: the same dedupe as ingest and
quarantine for what cannot be read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from trucewatch.centre.permissions import Action, require
from trucewatch.live.intake import Submission, live_status, submit_report
from trucewatch.model.centre import User
from trucewatch.web.api import Caller, Conn
from trucewatch.web.auth import check_csrf
from trucewatch.web.pages import Viewer, render

api = APIRouter(prefix="/api/v1", tags=["live"])
pages = APIRouter(include_in_schema=False)
NO_NUL = r"^[^\x00]*$"


class ReportIn(BaseModel):
    """A report submitted through the API."""

    text: str = Field(max_length=200_000, description="The report's full text.")
    title: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    source: str | None = Field(
        default=None, max_length=200, pattern=NO_NUL, description="Default: the submitting user."
    )
    url: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)
    published: str | None = Field(
        default=None, max_length=60, pattern=NO_NUL, description="Date or date-time, ISO 8601."
    )
    attachments: list[Annotated[str, Field(max_length=300, pattern=NO_NUL)]] = Field(
        default_factory=list, max_length=50, description="Names of attached files."
    )


class ReportAccepted(BaseModel):
    status: str  # new, duplicate or quarantined
    report_id: str | None = None
    reason: str | None = None


async def submitter(user: Caller) -> User:
    """A user allowed to submit reports (checked before the body is looked at)."""
    require(user, Action.REPORT_SUBMIT)
    return user


async def live_reader(user: Caller) -> User:
    require(user, Action.LIVE_STATUS)
    return user


@api.post(
    "/reports",
    response_model=ReportAccepted,
    status_code=201,
    responses={200: {"model": ReportAccepted}, 422: {"model": ReportAccepted}},
)
def post_report(
    request: Request, user: Annotated[User, Depends(submitter)], body: ReportIn
) -> Response:
    """Submit a report: 201 when new, 200 ``duplicate`` when the same text from the same source
    is stored already, 422 ``quarantined`` (with the reason) when it cannot be read."""
    submission = Submission(**body.model_dump())
    with request.app.state.store.transaction() as conn:
        done = submit_report(conn, user, submission)
    status = {"new": 201, "duplicate": 200}.get(done.status, 422)
    return JSONResponse(
        {"status": done.status, "report_id": done.report_id, "reason": done.reason}, status
    )


@api.get("/status")
def status(conn: Conn, user: Annotated[User, Depends(live_reader)]) -> dict:
    """Live monitoring: each feed's health, last poll, last new item, last error and next poll,
    and the queues (reports waiting for the pipeline, alerts waiting to be delivered)."""
    return live_status(conn, user)


@pages.get("/reports/new", response_class=HTMLResponse)
def report_form(request: Request, user: Viewer) -> Response:
    require(user, Action.REPORT_SUBMIT)
    return render(request, "report_new.html", user, done=None, form={})


@pages.post("/reports/new", response_class=HTMLResponse)
def report_form_post(
    request: Request,
    user: Viewer,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    text: Annotated[str, Form(max_length=60_000)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    source: Annotated[str, Form(max_length=200)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=60)] = "",
    attachments: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    submission = Submission(
        text=text,
        title=title or None,
        source=source or None,
        url=url or None,
        published=published or None,
        attachments=[a.strip() for a in attachments.splitlines() if a.strip()],
    )
    with request.app.state.store.transaction() as conn:
        done = submit_report(conn, user, submission)
    code = {"new": 201, "duplicate": 200}.get(done.status, 422)
    form = {} if done.status == "new" else vars(submission)
    return render(request, "report_new.html", user, status=code, done=done, form=form)
