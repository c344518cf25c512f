"""The record's registers as pages: rulings per event (filtered by agreement, ruling, party,
governorate, best day and review state) and source reports with their extractions and reuse."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import Response

from trucewatch.centre import verification
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.model.agreement import RulingValue
from trucewatch.model.centre import REVIEW_FLOW, ReviewState
from trucewatch.web import register_queries
from trucewatch.web.pages import Conn, Viewer
from trucewatch.web.register_queries import RulingFilter
from trucewatch.web.twins import (
    PAGE_SIZE,
    Csrf,
    Reader,
    Reason,
    Word40,
    answer,
    back_to,
    page_number,
    pager,
    required,
    text,
    writing,
)

router = APIRouter(include_in_schema=False)
RULINGS = [r.value for r in RulingValue]
REVIEWS = [r.value for r in ReviewState]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None  # a page drops a filter that makes no sense rather than failing


def ruling_filter(request: Request) -> RulingFilter:
    """The rulings register's filters from the query string; nonsense values are dropped."""
    p = request.query_params
    ruling, review = p.get("ruling"), p.get("review")
    return RulingFilter(
        agreement=text((p.get("agreement") or "")[:80]),
        ruling=ruling if ruling in RULINGS else None,
        party=text((p.get("party") or "")[:120]),
        governorate=text((p.get("governorate") or "")[:40]),
        date_from=_day(p.get("date_from")),
        date_to=_day(p.get("date_to")),
        review=review if review in REVIEWS else None,
    )


@router.get("/rulings")
@router.get("/rulings.json")
def rulings_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Each event's current ruling under each agreement, with its review state."""
    require(user, Action.CENTRE_READ)
    f = ruling_filter(request)
    page = page_number(request)
    total, rows = register_queries.search_rulings(conn, f, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    for row in rows:
        row["review_next"] = [s for s in REVIEWS if s in REVIEW_FLOW[row["review"]]]
    data = {"filters": f.active(), "rulings": rows, **pager(total, page, f.active())}
    return answer(
        request,
        user,
        "registers/rulings.html",
        data,
        f=f,
        menus=register_queries.ruling_menus(conn),
        ruling_values=RULINGS,
        review_states=REVIEWS,
        can_review=allowed(user, Action.REVIEW_CHANGE),
        back=request.url.query,
    )


@router.post("/rulings/{event_id}/{agreement_id}/review")
def review(
    request: Request,
    user: Viewer,
    event_id: Annotated[str, Path(max_length=48, pattern=r"^[^\x00]*$")],
    agreement_id: Annotated[str, Path(max_length=80, pattern=r"^[^\x00]*$")],
    csrf_token: Csrf = "",
    state: Word40 = "",
    reason: Reason = "",
    seen: Annotated[int | None, Form()] = None,
    back: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Move the review of an event's ruling (under review, upheld, overturned) with a reason."""
    with writing(request, csrf_token) as conn:
        verification.review_ruling(
            conn,
            user,
            event_id,
            agreement_id,
            required(state, "review state"),
            reason=required(reason, "reason"),
            seen=seen,
        )
    query = urlencode(parse_qsl(back.replace("\x00", "")))  # the filters, re-encoded
    return back_to("/rulings" + (f"?{query}" if query else ""), f"ruling-{event_id}-{agreement_id}")


@router.get("/reports")
@router.get("/reports.json")
def reports_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Stored source reports, newest first, with their extractions and reuse clusters."""
    require(user, Action.CENTRE_READ)
    q = text((request.query_params.get("q") or "")[:200])
    page = page_number(request)
    total, rows = register_queries.search_source_reports(conn, q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    keep = {"q": q} if q else {}
    data = {"q": q, "reports": rows, **pager(total, page, keep)}
    return answer(request, user, "registers/reports.html", data)
