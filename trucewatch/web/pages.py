"""The HTML pages: login, dashboard, events, an event's page, what each report said (incidents
and their evidence). Agreements, claims, hotline, deliveries and daily counts are in
``web/record_pages.py``. Jinja2 escapes everything; forms carry the session's CSRF token.

Each page is one view function that builds the page's data once and answers it as HTML or, for
``<path>.json`` or ``Accept: application/json``, as JSON (``twins.answer``): the dashboard is
``/.json``, the event list ``/events.json``, an event ``/events/{id}.json``. List items are
written as the API's schemas write them (``/api/v1``), with the page's words beside them.

Every count is a count of events (one per thing that happened, however many reports tell it);
each page reads its data through the same query functions as its ``/api/v1`` twin.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from trucewatch.agreements import AgreementRecord
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.model.agreement import Agreement
from trucewatch.model.dates import FIRST_DAY, LAST_DAY
from trucewatch.model.incident import Attribution
from trucewatch.report.words import RULING_ORDER, place_words
from trucewatch.web import event_queries, queries, record_pages
from trucewatch.web.api import event_out, incident_out  # the API's item shapes
from trucewatch.web.auth import (
    check_csrf,
    check_login,
    client_address,
    safe_next,
    start_session,
)
from trucewatch.web.corroboration import event_corroboration
from trucewatch.web.evidence import highlight
from trucewatch.web.filters import IncidentFilter, from_query
from trucewatch.web.page_base import (
    Conn,
    Viewer,
    configure_templates,
    connection,
    page_user,
    render,
)
from trucewatch.web.record_pages import in_force_on
from trucewatch.web.schemas import EventDetail, EventOut, GradeName, IncidentTypeName
from trucewatch.web.twins import Reader, answer, page_number, pager, sort_of

# Re-exported: the register and form modules take the page helpers from here.
__all__ = ["Conn", "Viewer", "configure_templates", "connection", "page_user", "render", "router"]

router = APIRouter(include_in_schema=False)
router.include_router(record_pages.router)
PAGE_SIZE = 50
RULINGS = list(RULING_ORDER)
TYPES = list(IncidentTypeName.__args__)  # type: ignore[attr-defined]
GRADES = list(GradeName.__args__)  # type: ignore[attr-defined]


# --- login -------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    from trucewatch.centre.users import count_users

    with request.app.state.store.engine.connect() as conn:
        first_run = count_users(conn) == 0
    return render(
        request, "login.html", None, next=safe_next(next), error=None, first_run=first_run
    )


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=120)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the password; a success starts a new session (new CSRF token), a failure counts."""
    check_csrf(request, csrf_token)
    throttle = request.app.state.throttle
    address = client_address(request.scope, request.app.state.trusted_proxies)
    wait = throttle.retry_after(address, username)
    if wait:
        response = render(
            request,
            "login.html",
            None,
            429,
            next=safe_next(next),
            error=f"Too many failed log-ins: try again in {wait} seconds.",
        )
        response.headers["Retry-After"] = str(wait)
        return response
    with request.app.state.store.transaction() as conn:
        user = check_login(conn, username, password)
    if user is None:
        throttle.failed(address, username)
        return render(
            request,
            "login.html",
            None,
            401,
            next=safe_next(next),
            error="Wrong user name or password.",
        )
    throttle.succeeded(address, username)
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    check_csrf(request, csrf_token)
    start_session(request, None)
    return RedirectResponse("/login", status_code=303)


# --- filters -----------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    """The ``?day=`` a page shows: a date out of range is a 400 saying so (text that is not a
    date is dropped, like any filter value that makes no sense)."""
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise HTTPException(400, f"day must be from {FIRST_DAY} to {LAST_DAY}, not {day}")
    return day


def page_filter(request: Request) -> IncidentFilter:
    """The incident filters from a page's query string, read as the API reads them (repeated
    parameters are any-of); values that make no sense are dropped."""
    return from_query(request.query_params)


Filter = Annotated[IncidentFilter, Depends(page_filter)]


def _menus(conn: Connection) -> dict[str, list[str]]:
    menus = event_queries.distinct_values(conn)
    menus.update(rulings=RULINGS, grades=GRADES, all_types=TYPES)
    return menus


# --- dashboard ---------------------------------------------------------------------------------


def day_chart(counts: list[dict], width: int = 640, height: int = 160) -> dict:
    """Bars of events and violations per best day, laid out for an inline SVG (no script)."""
    if not counts:
        return {"bars": [], "width": width, "height": height, "max": 0}
    first, last = counts[0]["date"], counts[-1]["date"]
    days = (last - first).days + 1
    by_day = {c["date"]: c for c in counts}
    most = max(c["events"] for c in counts) or 1
    step = width / days
    plot = height - 20  # room for the axis labels
    bars = []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        c = by_day.get(day, {"events": 0, "violations": 0, "alleged_violations": 0})
        h_all = plot * c["events"] / most
        h_vio = plot * c["violations"] / most
        bars.append(
            {
                "date": day,
                "x": round(i * step, 2),
                "w": round(max(step - 1, 1), 2),
                "y_all": round(plot - h_all, 2),
                "h_all": round(h_all, 2),
                "y_vio": round(plot - h_vio, 2),
                "h_vio": round(h_vio, 2),
                "events": c["events"],
                "violations": c["violations"],
                "alleged_violations": c["alleged_violations"],
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "max": most,
        "first": first,
        "last": last,
    }


def _agreement_ref(agreement: Agreement) -> dict[str, str]:
    return {"id": agreement.id, "title": agreement.title}


@router.get("/", response_class=HTMLResponse)
@router.get("/.json")
def dashboard(request: Request, conn: Conn, user: Reader, f: Filter) -> Response:
    """The day's tiles against the day before, the agreements in force, events per day; the
    map reads ``/api/v1/map/events`` with the same filters."""
    require(user, Action.CENTRE_READ)
    counts = event_queries.daily_counts(conn, f)
    day = _day(request.query_params.get("day")) or (counts[-1]["date"] if counts else None)
    by_day = {c["date"]: c for c in counts}
    empty = {"events": 0, "violations": 0, "alleged_violations": 0}
    today = by_day.get(day, empty) if day else empty
    before = by_day.get(day - dt.timedelta(days=1), empty) if day else empty
    record: AgreementRecord = request.app.state.record
    in_force = [
        _agreement_ref(a)
        for a in record.agreements
        if day is not None and a.kind != "declaration" and in_force_on(a, record, day)
    ]
    data = {
        "filters": f.active(),
        "day": day,
        "today": today,
        "before": before,
        "in_force": in_force,
        "per_day": counts,
        "undated": event_queries.undated_count(conn, f),
    }
    return answer(
        request,
        user,
        "dashboard.html",
        data,
        f=f,
        menus=_menus(conn),
        chart=day_chart(counts),
        query=urlencode(f.active(), doseq=True),
        total_days=len(counts),
    )


# --- events ------------------------------------------------------------------------------------


def _list_page(request: Request, f: IncidentFilter, sort: str | None, total: int) -> dict[str, Any]:
    """Where a filtered, sorted list stands: the filters, the sort and the pages either side
    (their links keep both)."""
    keep: dict[str, Any] = dict(f.active())
    if sort:
        keep["sort"] = sort
    return {"filters": f.active(), "sort": sort, **pager(total, page_number(request), keep)}


@router.get("/events", response_class=HTMLResponse)
@router.get("/events.json")
def events_page(request: Request, conn: Conn, user: Reader, f: Filter) -> Response:
    """One row per event with its sources (the twin of ``/api/v1/events``), sortable by any
    column (``sort=killed``, ``sort=-killed``)."""
    require(user, Action.CENTRE_READ)
    sort = sort_of(request, event_queries.SORTS)
    offset = (page_number(request) - 1) * PAGE_SIZE
    total, rows = event_queries.search_events(conn, f, PAGE_SIZE, offset, sort)
    outlets = event_queries.outlets_of(conn, [r["id"] for r in rows])
    items = [
        {
            **event_out(r),
            "place_words": place_words(r["place"], r["governorate"], r["geo_precision"]),
            "window": r["window"],
            "outlets": outlets.get(r["id"], []),
        }
        for r in rows
    ]
    data = {"events": items, **_list_page(request, f, sort, total)}
    return answer(request, user, "events.html", data, f=f, menus=_menus(conn))


@router.get("/events/{event_id}", response_class=HTMLResponse)
@router.get("/events/{event_id}.json")
def event_page(request: Request, conn: Conn, user: Reader, event_id: str) -> Response:
    """An event: combined values and where they came from, members with their evidence, rulings
    per agreement in words, corrections, grade history (the twin of ``/api/v1/events/{id}``)."""
    require(user, Action.CENTRE_READ)
    row = None if "\x00" in event_id else event_queries.get_event(conn, event_id[:130])
    if row is None:
        raise HTTPException(404, "no such event")
    texts = queries.reports_by_id(conn, sorted({m["report_id"] for m in row["members"]}))
    marked = {}
    for member in row["members"]:
        report = texts.get(member["report_id"])
        if report:
            marked[member["incident_id"]] = highlight(report["text"], member["evidence"])
    from trucewatch.web.corrections import event_corrections

    detail = {
        name: row[name] for name in EventDetail.model_fields if name not in EventOut.model_fields
    }
    data = {
        "event": {
            **event_out(row),
            **detail,
            "place_words": place_words(row["place"], row["governorate"], row["geo_precision"]),
            "window": row["window"],
        },
        "came_from": event_queries.provenance_words(row),
        "corroboration": event_corroboration(conn, row["id"]),
        "corrections": event_corrections(conn, row["id"]),
    }
    return answer(
        request,
        user,
        "event.html",
        data,
        e=row,
        marked=marked,
        history=_history(row["ruling_history"]),
        can_correct=allowed(user, Action.CORRECT),
        attributions=[a.value for a in Attribution],
    )


def _history(versions: list[dict]) -> dict[str, list[dict]]:
    """Ruling versions by agreement."""
    history: dict[str, list[dict]] = defaultdict(list)
    for version in versions:
        history[version["agreement"]].append(version)
    return dict(history)


# --- what each report said ---------------------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
@router.get("/incidents.json")
def incidents(request: Request, conn: Conn, user: Reader, f: Filter) -> Response:
    """What each report said: one row per report's incident, each linking to its event,
    sortable by any column (the twin of ``/api/v1/incidents``)."""
    require(user, Action.CENTRE_READ)
    sort = sort_of(request, queries.SORTS)
    offset = (page_number(request) - 1) * PAGE_SIZE
    total, rows = queries.search_incidents(conn, f, PAGE_SIZE, offset, sort)
    items = [
        {
            **incident_out(r),
            "place_words": place_words(r["place"], r["governorate"], r["geo_precision"]),
        }
        for r in rows
    ]
    data = {"incidents": items, **_list_page(request, f, sort, total)}
    return answer(request, user, "incidents.html", data, f=f, menus=_menus(conn))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
@router.get("/incidents/{incident_id}.json")
def incident(request: Request, conn: Conn, user: Reader, incident_id: str) -> Response:
    """What one report said about an incident, its words highlighted, and the event it is in
    (the twin of ``/api/v1/incidents/{id}``)."""
    require(user, Action.CENTRE_READ)
    # PostgreSQL refuses NUL in text with an error: an id holding one names no incident.
    row = None if "\x00" in incident_id else queries.get_incident(conn, incident_id[:130])
    if row is None:
        raise HTTPException(404, "no such incident")
    spans = queries.incident_mentions(conn, row["id"])
    report_ids = sorted({row["report_id"], *(s["report_id"] for s in spans if s["report_id"])})
    texts = queries.reports_by_id(conn, report_ids)
    evidence = []
    for rid in report_ids:
        report = texts.get(rid)
        if report is None:
            continue
        own = [s for s in spans if (s["report_id"] or row["report_id"]) == rid]
        evidence.append({"report": report, "marked": highlight(report["text"], own)})
    from trucewatch.centre.verification import grade_history

    versions = queries.ruling_versions(conn, row["event_id"])
    event = event_queries.get_event(conn, row["event_id"]) if row["event_id"] else None
    data = {
        "incident": {
            **incident_out(row),
            "place_words": place_words(row["place"], row["governorate"], row["geo_precision"]),
            "evidence": spans,
            "ruling_history": versions,
        },
        "event": None
        if event is None
        else {
            "id": event["id"],
            "type": event["type"],
            "event_date": event["event_date"],
            "place_words": place_words(
                event["place"], event["governorate"], event["geo_precision"]
            ),
            "members": len(event["members"]),
            "sources": event["sources"],
            "grade": event["grade"],
            "grade_history": event["grade_history"],
        },
        "grades": grade_history(conn, user, row["id"]),
    }
    return answer(
        request,
        user,
        "incident.html",
        data,
        i=row,
        spans=spans,
        evidence=evidence,
        history=_history(versions),
    )
