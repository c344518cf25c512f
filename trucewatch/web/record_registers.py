"""The record's registers as pages: rulings per event (filtered by agreement, ruling, party,
governorate, best day and review state) and source reports with their extractions and reuse."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from trucewatch.centre.permissions import Action, require
from trucewatch.model.agreement import RulingValue
from trucewatch.model.centre import ReviewState
from trucewatch.web import register_queries
from trucewatch.web.pages import Conn
from trucewatch.web.register_queries import RulingFilter
from trucewatch.web.twins import PAGE_SIZE, Reader, answer, page_number, pager, text

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
    )


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
