"""The HTML pages: login, dashboard, events, an event's page, what each report said (incidents
and their evidence), agreements, claims, hotline, deliveries and daily counts. Jinja2 escapes
everything; forms carry the session's CSRF token.

Every count is a count of events (one per thing that happened, however many reports tell it);
each page reads its data through the same query functions as its ``/api/v1`` twin.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection

from trucewatch.adjudicate.timing import in_force_windows
from trucewatch.agreements import AgreementRecord
from trucewatch.centre import deliveries, hotline
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.model.agreement import Agreement
from trucewatch.model.centre import User
from trucewatch.model.dates import FIRST_DAY, LAST_DAY
from trucewatch.model.incident import Attribution
from trucewatch.report.words import (
    RULING_COLOURS,
    RULING_ORDER,
    agreement_title,
    attribution_words,
    ruling_words,
    words,
)
from trucewatch.web import event_queries, queries
from trucewatch.web.api import accessions_of, agreement_detail, agreement_out, pooled
from trucewatch.web.auth import (
    CSRF_FIELD,
    LoginRequired,
    check_csrf,
    check_login,
    client_address,
    safe_next,
    session_of,
    session_user,
    start_session,
)
from trucewatch.web.corroboration import event_corroboration
from trucewatch.web.evidence import highlight
from trucewatch.web.filters import IncidentFilter, from_query
from trucewatch.web.schemas import GradeName, IncidentTypeName

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
RULINGS = list(RULING_ORDER)
TYPES = list(IncidentTypeName.__args__)  # type: ignore[attr-defined]
GRADES = list(GradeName.__args__)  # type: ignore[attr-defined]


def configure_templates(templates: Jinja2Templates) -> None:
    """Filters the templates use."""
    env = templates.env
    env.filters["when"] = _when
    env.filters["label"] = words
    env.filters["ruling_words"] = ruling_words
    env.filters["attribution"] = attribution_words
    env.filters["toll"] = _toll
    env.filters["toll_value"] = lambda v: _toll({f"v_{k}": n for k, n in v.items()}, "v")
    env.globals["RULING_COLOURS"] = RULING_COLOURS
    env.globals["CSRF_FIELD"] = CSRF_FIELD


def _when(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _toll(row: dict, which: str) -> str:
    low, best, high = (row.get(f"{which}_{k}") for k in ("low", "best", "high"))
    if best is None and low is None and high is None:
        return "—"
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" (best {best})" if best is not None else "")
    return str(next(v for v in (best, low, high) if v is not None))


async def connection(request: Request) -> AsyncIterator[Connection]:
    """A read connection for one page, awaited like the API's (see ``api.pooled``)."""
    async for conn in pooled(request, lambda r: r.app.state.store.engine.connect()):
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def page_user(request: Request, conn: Conn) -> User:
    """The logged-in user, or a redirect to the login page that comes back here."""
    user = session_user(conn, request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return user


Viewer = Annotated[User, Depends(page_user)]


def render(
    request: Request, name: str, user: User | None, status: int = 200, **ctx: Any
) -> Response:
    """A page with the user, the CSRF token and the nav filled in."""
    templates: Jinja2Templates = request.app.state.templates
    record: AgreementRecord | None = getattr(request.app.state, "record", None)
    titles = {a.id: a.title for a in record.agreements} if record else {}
    ctx.update(
        title_of=lambda agreement: agreement_title(agreement, titles),
        user=user,
        csrf=session_of(request).csrf,
        can_hotline=user is not None and allowed(user, Action.HOTLINE_READ),
        path=request.url.path,
    )
    return templates.TemplateResponse(request, name, ctx, status_code=status)


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


def in_force_on(agreement: Agreement, record: AgreementRecord, day: dt.date) -> bool:
    """Whether ``agreement`` was in force for any part of ``day`` (UTC), after supersession
    and suspension by the other texts: the windows the rulings use (``adjudicate.timing``)."""
    start = dt.datetime.combine(day, dt.time(), dt.UTC)
    end = start + dt.timedelta(days=1)
    return any(
        w.start < end and (w.end is None or w.end > start)
        for w in in_force_windows(agreement, list(record.agreements))
    )


def agreement_end(agreement: Agreement, record: AgreementRecord) -> dict[str, Any]:
    """When an agreement stopped applying and why (its stated end, a supersession, a
    suspension), from the same windows; both None while it is open-ended."""
    last = in_force_windows(agreement, list(record.agreements))[-1]
    return {"ends_at": last.end, "end_reason": last.end_reason}


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, conn: Conn, user: Viewer, f: Filter) -> Response:
    require(user, Action.CENTRE_READ)
    counts = event_queries.daily_counts(conn, f)
    day = _day(request.query_params.get("day")) or (counts[-1]["date"] if counts else None)
    by_day = {c["date"]: c for c in counts}
    empty = {"events": 0, "violations": 0, "alleged_violations": 0}
    today = by_day.get(day, empty) if day else empty
    before = by_day.get(day - dt.timedelta(days=1), empty) if day else empty
    record: AgreementRecord = request.app.state.record
    in_force = [
        a
        for a in record.agreements
        if day is not None and a.kind != "declaration" and in_force_on(a, record, day)
    ]
    return render(
        request,
        "dashboard.html",
        user,
        f=f,
        menus=_menus(conn),
        day=day,
        today=today,
        before=before,
        chart=day_chart(counts),
        in_force=in_force,
        query=urlencode(f.active(), doseq=True),
        total_days=len(counts),
        undated=event_queries.undated_count(conn, f),
    )


# --- events ------------------------------------------------------------------------------------


def _page_number(request: Request) -> int:
    try:
        page = max(int(request.query_params.get("page", "1")), 1)
    except ValueError:
        page = 1
    return min(page, 1_000_000)


def _pager(f: IncidentFilter, page: int, total: int) -> dict[str, Any]:
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    keep = f.active()
    return {
        "page": page,
        "pages": pages,
        "prev_query": urlencode({**keep, "page": page - 1}, doseq=True) if page > 1 else None,
        "next_query": (urlencode({**keep, "page": page + 1}, doseq=True) if page < pages else None),
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn, user: Viewer, f: Filter) -> Response:
    """One row per event with its number of sources (the twin of ``/api/v1/events``)."""
    require(user, Action.CENTRE_READ)
    page = _page_number(request)
    total, rows = event_queries.search_events(conn, f, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(
        request,
        "events.html",
        user,
        f=f,
        menus=_menus(conn),
        rows=rows,
        total=total,
        **_pager(f, page, total),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, conn: Conn, user: Viewer, event_id: str) -> Response:
    """An event: combined values and where they came from, members with their evidence, rulings
    per agreement in words, grade history (the twin of ``/api/v1/events/{id}``)."""
    require(user, Action.CENTRE_READ)
    row = None if "\x00" in event_id else event_queries.get_event(conn, event_id[:130])
    if row is None:
        raise HTTPException(404, "no such event")
    texts = queries.reports_by_id(conn, sorted({m["report_id"] for m in row["members"]}))
    for member in row["members"]:
        report = texts.get(member["report_id"])
        member["marked"] = highlight(report["text"], member["evidence"]) if report else None
    history: dict[str, list[dict]] = defaultdict(list)
    for version in row["ruling_history"]:
        history[version["agreement"]].append(version)
    from trucewatch.web.corrections import event_corrections

    return render(
        request,
        "event.html",
        user,
        e=row,
        came_from=event_queries.provenance_words(row),
        history=dict(history),
        corroboration=event_corroboration(conn, row["id"]),
        corrections=event_corrections(conn, row["id"]),
        can_correct=allowed(user, Action.CORRECT),
        attributions=[a.value for a in Attribution],
    )


# --- what each report said ---------------------------------------------------------------------


@router.get("/incidents", response_class=HTMLResponse)
def incidents(request: Request, conn: Conn, user: Viewer, f: Filter) -> Response:
    """What each report said: one row per report's incident, each linking to its event."""
    require(user, Action.CENTRE_READ)
    page = _page_number(request)
    total, rows = queries.search_incidents(conn, f, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(
        request,
        "incidents.html",
        user,
        f=f,
        menus=_menus(conn),
        rows=rows,
        total=total,
        **_pager(f, page, total),
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, conn: Conn, user: Viewer, incident_id: str) -> Response:
    """What one report said about an incident, its words highlighted, and the event it is in."""
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
    history: dict[str, list[dict]] = defaultdict(list)
    for version in queries.ruling_versions(conn, row["event_id"]):
        history[version["agreement"]].append(version)
    from trucewatch.centre.verification import grade_history

    event = event_queries.get_event(conn, row["event_id"]) if row["event_id"] else None
    return render(
        request,
        "incident.html",
        user,
        i=row,
        spans=spans,
        evidence=evidence,
        history=dict(history),
        grades=grade_history(conn, user, row["id"]),
        event=event,
    )


# --- agreements --------------------------------------------------------------------------------


@router.get("/agreements", response_class=HTMLResponse)
def agreements(request: Request, user: Viewer) -> Response:
    require(user, Action.CENTRE_READ)
    record: AgreementRecord = request.app.state.record
    ordered = sorted(record.agreements, key=lambda a: (a.effective_from, a.id))
    return render(
        request,
        "agreements.html",
        user,
        agreements=[{**agreement_out(a), **agreement_end(a, record)} for a in ordered],
        problems=record.problems,
    )


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement(request: Request, conn: Conn, user: Viewer, agreement_id: str) -> Response:
    require(user, Action.CENTRE_READ)
    record: AgreementRecord = request.app.state.record
    found = record.agreement(agreement_id)
    if found is None:
        raise HTTPException(404, "no such agreement")
    accessions = [a for a in accessions_of(conn, user, record) if a["agreement"] == found.id]
    tally_total, _rows = queries.search_rulings(conn, agreement=found.id, limit=1)
    by_ruling = {
        value: queries.search_rulings(conn, agreement=found.id, ruling=value, limit=1)[0]
        for value in RULINGS
    }
    return render(
        request,
        "agreement.html",
        user,
        a=agreement_detail(record, found),
        accessions=accessions,
        designations=list(record.designations),
        ruled=tally_total,
        by_ruling={k: v for k, v in by_ruling.items() if v},
    )


# --- claims, hotline, deliveries, daily ----------------------------------------------------------


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, conn: Conn, user: Viewer) -> Response:
    require(user, Action.CENTRE_READ)
    total, rows = queries.search_claims(conn, limit=queries.MAX_LIMIT)
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["unit"].lower()].append(row)
    # Claims about the same unit by different claimants, side by side: the rival figures first.
    ordered = sorted(groups.items(), key=lambda kv: (-len({r["claimant"] for r in kv[1]}), kv[0]))
    return render(request, "claims.html", user, groups=ordered, total=total, shown=len(rows))


@router.get("/hotline", response_class=HTMLResponse)
def hotline_page(request: Request, conn: Conn, user: Viewer) -> Response:
    require(user, Action.HOTLINE_READ)
    now = dt.datetime.now(dt.UTC)
    threads = []
    for thread in hotline.visible_threads(conn, user):
        messages = hotline.thread_messages(conn, user, thread.id or 0)
        late = [m for m in messages if m.overdue(now)]
        threads.append({"t": thread, "messages": messages, "overdue": len(late)})
    # Overdue first (most overdue messages first), then the newest threads.
    threads.sort(key=lambda t: (-t["overdue"], -t["t"].opened_at.timestamp()))
    can_ack = allowed(user, Action.HOTLINE_ACK)
    return render(request, "hotline.html", user, threads=threads, now=now, can_ack=can_ack)


@router.post("/hotline/messages/{message_id}/acknowledge")
def acknowledge(
    request: Request,
    user: Viewer,
    message_id: int,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    reply: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    if not 1 <= message_id < 2**31:
        raise HTTPException(404, "no such message")
    with request.app.state.store.transaction() as conn:
        hotline.acknowledge(
            conn,
            user,
            message_id,
            at=dt.datetime.now(dt.UTC),
            reply=reply.replace("\x00", "").strip() or None,
        )
    return RedirectResponse(f"/hotline#message-{message_id}", status_code=303)


@router.get("/deliveries", response_class=HTMLResponse)
def deliveries_page(request: Request, conn: Conn, user: Viewer) -> Response:
    rows = deliveries.list_deliveries(conn, user)
    return render(request, "deliveries.html", user, rows=rows)


@router.get("/daily", response_class=HTMLResponse)
def daily(request: Request, conn: Conn, user: Viewer) -> Response:
    require(user, Action.CENTRE_READ)
    counts = list(reversed(event_queries.daily_counts(conn)))
    undated = event_queries.undated_count(conn)
    return render(request, "daily.html", user, counts=counts, undated=undated)
