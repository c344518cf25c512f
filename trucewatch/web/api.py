"""The JSON API under ``/api/v1``: every endpoint authenticates, then checks the user's permission.

Reads of the record (reports, incidents, rulings, agreements, claims) need ``centre.read``,
which every role holds; the hotline is narrowed to the threads the user's guarantor takes part
in; users need ``user.manage``. Lists are paginated in the database (``limit``/``offset``) and
return the total; the incident list counts it only up to ``queries.COUNT_LIMIT`` (see ``Page``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic_core import to_json
from sqlalchemy import Connection
from starlette.datastructures import URL

from trucewatch.agreements import AgreementRecord
from trucewatch.centre import deliveries, hotline, parties, records
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.users import list_users
from trucewatch.model.agreement import Agreement
from trucewatch.model.centre import HotlineMessage, User
from trucewatch.web import event_queries, queries, zones
from trucewatch.web.api_params import (
    NO_NUL,
    Filter,
    Include,
    Limit,
    ListPage,
    Offset,
    Paging,
    RulingAgreements,
    Rulings,
    cursor,
    paged,
)
from trucewatch.web.auth import api_user
from trucewatch.web.filters import IncidentFilter
from trucewatch.web.schemas import (
    AccessionOut,
    Acknowledgement,
    AgreementDetail,
    AgreementOut,
    ClaimOut,
    ClauseOut,
    CursorPage,
    DayCount,
    DeliveryOut,
    EventDetail,
    EventOut,
    HotlineMessageOut,
    HotlineThreadOut,
    IncidentDetail,
    IncidentOut,
    Me,
    Page,
    ReportDetail,
    ReportOut,
    RulingOut,
    UserOut,
)

router = APIRouter(prefix="/api/v1", tags=["api"])

Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
Ident = Annotated[str, Path(min_length=1, max_length=130, pattern=NO_NUL)]
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # fits PostgreSQL's integer


def _connect_as_caller(request: Request) -> Connection:
    """A connection, and on it the caller (``request.state.caller``): one trip to a thread."""
    # Autocommit: the API only reads here (writes take ``store.transaction()``), and under READ
    # COMMITTED each statement sees its own snapshot anyway; it spares every request the BEGIN
    # and ROLLBACK round trips around its queries.
    conn = request.app.state.store.engine.connect()
    try:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        request.state.caller = api_user(conn, request)
    except BaseException:
        conn.close()  # refused (401) or failed: give the connection back before answering
        raise
    return conn


@asynccontextmanager
async def pooled(
    request: Request, connect: Callable[[Request], Connection]
) -> AsyncIterator[Connection]:
    """A connection from ``connect(request)``, taken once the pool has one free; the API's and
    the pages' connection dependencies both go through here (``async with``).

    A context manager, not a generator to iterate: a dependency that yielded from ``async for``
    over a generator left that generator suspended when the endpoint raised (a 403, a 409), so
    its ``finally`` waited for the garbage collector and the connection stayed checked out,
    idle in a transaction; on PostgreSQL that held locks (a test's DROP SCHEMA waited forever).

    The wait is on the event loop, not in a worker thread: a request keeps its connection across
    several threaded steps, so threads all blocked on an empty pool would leave none to finish
    those steps and give connections back; requests then hung until the pool's 30 s timeout
    (issue 9). ``read_slots`` admits only as many as the pool holds.
    """
    async with request.app.state.read_slots:
        with anyio.CancelScope(shield=True):  # a connection taken is always given back
            conn = await run_in_threadpool(connect, request)
        try:
            yield conn
        finally:
            if not conn.closed:  # else the endpoint gave it back in its own trip to a thread
                with anyio.CancelScope(shield=True):
                    # A limiter of its own, as FastAPI does for exits: never wait for a thread.
                    await anyio.to_thread.run_sync(conn.close, limiter=anyio.CapacityLimiter(1))


async def connection(request: Request) -> AsyncIterator[Connection]:
    """A read connection for one API request with the caller authenticated on it (every
    endpoint needs both; one thread hop instead of two)."""
    async with pooled(request, _connect_as_caller) as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


async def current_user(request: Request, conn: Conn) -> User:
    """The authenticated user (bearer token or session); ``connection`` answered 401 if none."""
    return request.state.caller


Caller = Annotated[User, Depends(current_user)]


async def reader(user: Caller) -> User:
    """A user allowed to read the record (every active role)."""
    require(user, Action.CENTRE_READ)
    return user


Reader = Annotated[User, Depends(reader)]


def record_of(request: Request) -> AgreementRecord:
    return request.app.state.record


@router.get("/me", response_model=Me)
def me(user: Caller) -> Me:
    """Who the token or session belongs to."""
    return Me(name=user.name, role=user.role.value, guarantor=user.guarantor)


def _toll(row: dict, which: str) -> dict:
    return {
        "low": row[f"{which}_low"],
        "best": row[f"{which}_best"],
        "high": row[f"{which}_high"],
    }


def _float(value: float | None) -> float | None:
    # The model's float fields write an integer as 3.0; a bare int would come out as 3.
    return None if value is None else float(value)


_INCIDENT_FIELDS = tuple(IncidentOut.model_fields)  # in the model's order


def _item(row: dict, fields: tuple[str, ...]) -> dict:
    """A row as its response model writes it: its fields only, in the model's order; the
    rulings (already as ``RulingOut`` writes them, from ``queries.ruling_row``) only when
    the row has them (a list asked for ``include=rulings``, or one item)."""
    out = {}
    for name in fields:
        if name in ("killed", "injured"):
            out[name] = _toll(row, name)
        elif name in ("lat", "lon"):
            out[name] = _float(row[name])
        elif name != "rulings" or name in row:
            out[name] = row[name]
    return out


def incident_out(row: dict) -> dict:
    """An incident row as ``IncidentOut`` writes it."""
    return _item(row, _INCIDENT_FIELDS)


def _json(content: object) -> Response:
    """``content`` written as JSON by pydantic's serialiser, as FastAPI writes a response model.

    The incident endpoints build exactly what their response model would hold and return it
    pre-serialised: FastAPI then skips validating every item against the model, about a tenth
    of a request's CPU at 50 items a page (issue 9); ``response_model`` stays for the schema.
    tests/test_web_api.py checks the bodies against the models."""
    return Response(to_json(content), media_type="application/json")


def _incident_list(
    conn: Connection, url: URL, f: IncidentFilter, page: ListPage, rulings: bool
) -> Response:
    """The incident list's body; gives ``conn`` back as soon as the queries are done."""
    after = cursor("incidents", page.after, page.offset)
    with conn:
        found = queries.incident_page(
            conn, f, page.limit + 1, page.offset, after=after, rulings=rulings
        )
        rows, links = paged(url, found, page.limit, queries.next_incident)
        if after is None and links["next"] is None and (rows or page.offset == 0):
            total, exact = page.offset + len(rows), True  # the last page ends at the total
        else:
            total, exact = queries.count_incidents(conn, f, up_to=queries.COUNT_LIMIT)
    return _json(
        {
            "total": total,
            "total_exact": exact,
            "limit": page.limit,
            "offset": page.offset,
            "items": [incident_out(r) for r in rows],
            **links,
        }
    )


@router.get("/incidents", response_model=CursorPage[IncidentOut])
async def list_incidents(
    request: Request, conn: Conn, _: Reader, f: Filter, page: Paging, include: Include = None
) -> Response:
    """What each report said: the incident every report gave, newest first, each with the
    gravest current ruling of the event it belongs to (`event_id`; its rulings with their
    reasons with `include=rulings`). Events, one per thing that happened however many reports
    tell it, are `/api/v1/events`; count those.

    `total` is exact up to 1,000 matches; past that, `total_exact` is false and more than
    `total` match. Exact counts per day for the same filters: `/api/v1/stats/daily`.
    Page on with `after=<next>` (or `next_url`); `offset` still works.
    """
    # Queries, closing and serialising in one trip to a thread (a sync endpoint took three).
    rulings = "rulings" in (include or ())
    return await run_in_threadpool(_incident_list, conn, request.url, f, page, rulings)


def _incident_detail(conn: Connection, incident_id: str) -> Response | None:
    """The incident's body, or None when there is no such incident; gives ``conn`` back."""
    with conn:
        row = queries.get_incident(conn, incident_id)
        if row is None:
            return None
        evidence = queries.incident_mentions(conn, incident_id)
        history = queries.ruling_versions(conn, row["event_id"])
    return _json({**incident_out(row), "evidence": evidence, "ruling_history": history})


@router.get("/incidents/{incident_id}", response_model=IncidentDetail)
async def incident(conn: Conn, _: Reader, incident_id: Ident) -> Response:
    """What one report said: its incident with its evidence spans, and every version of the
    rulings of its event (`event_id`)."""
    found = await run_in_threadpool(_incident_detail, conn, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return found


_EVENT_FIELDS = tuple(EventOut.model_fields)


def event_out(row: dict) -> dict:
    """An event row as ``EventOut`` writes it."""
    return _item(row, _EVENT_FIELDS)


@router.get("/events", response_model=CursorPage[EventOut])
def list_events(
    request: Request, conn: Conn, _: Reader, f: Filter, page: Paging, include: Include = None
) -> Response:
    """Events matching the filters (the same as `/api/v1/incidents`), newest best day first,
    one per thing that happened with its number of independent sources and gravest current
    ruling (its rulings with their reasons with `include=rulings`).

    Dates are calendar days in UTC on each event's best day (`event_date`); an event whose window
    reaches outside `date_from`..`date_to` is counted where its best day falls and flagged
    `window_straddles`; an event with no known day is listed only without a date range.
    Page on with `after=<next>` (or `next_url`); `offset` still works.
    """
    after = cursor("events", page.after, page.offset)
    rulings = "rulings" in (include or ())
    found = event_queries.event_page(
        conn, f, page.limit + 1, page.offset, after=after, rulings=rulings
    )
    rows, links = paged(request.url, found, page.limit, event_queries.next_event)
    body = {
        "total": event_queries.count_events(conn, f),
        "total_exact": True,
        "limit": page.limit,
        "offset": page.offset,
        "items": [event_out(r) for r in rows],
        **links,
    }
    return _json(body)


@router.get("/events/{event_id}", response_model=EventDetail)
def event(conn: Conn, _: Reader, event_id: Ident) -> Response:
    """One event: combined values with the members they came from, each member's evidence,
    every version of its rulings and its grade history."""
    row = event_queries.get_event(conn, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    detail = {
        name: row[name] for name in EventDetail.model_fields if name not in EventOut.model_fields
    }
    return _json({**event_out(row), **detail})


@router.get("/map/events")
def map_events(conn: Conn, _: Reader, f: Filter) -> dict:
    """Events with coordinates as GeoJSON points, coloured on the map by their gravest ruling;
    `unplaced` counts the matching events without coordinates. Each point's properties: `id`,
    `type`, `date` (best day), `window_straddles`, `place`, `perpetrator`, `attribution`,
    `sources` (the outlets of its reports, earliest first, each once), `independent_sources`
    (how many of them are independent: copies counted once), `ruling` (gravest), `grade`."""
    rows, unplaced = event_queries.map_events(conn, f)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {
                "id": r["id"],
                "type": r["type"],
                "date": r["event_date"].isoformat() if r["event_date"] else None,
                "window_straddles": r["window_straddles"],
                "place": r["place"],
                "perpetrator": r["perpetrator"],
                "attribution": r["attribution"],
                "sources": r["outlets"],
                "independent_sources": r["sources"],
                "ruling": r["ruling"],
                "grade": r["grade"],
            },
        }
        for r in rows
    ]
    return {"type": "FeatureCollection", "features": features, "unplaced": unplaced}


@router.get("/map/zones")
def map_zones(request: Request, _: Reader) -> dict:
    """Where each agreement and regime applies, as GeoJSON."""
    return zones.zones(record_of(request).agreements)


@router.get("/map/basemap")
def map_basemap(_: Reader) -> dict:
    """The country outline and governorates (empty when the base layer is not installed)."""
    return zones.basemap() or {"type": "FeatureCollection", "features": []}


@router.get("/stats/daily", response_model=list[DayCount])
def stats_daily(conn: Conn, _: Reader, f: Filter) -> list[dict]:
    """Events, violations and alleged violations per best day (calendar days, UTC)."""
    return event_queries.daily_counts(conn, f)


@router.get("/reports", response_model=Page[ReportOut])
def list_reports(
    conn: Conn, _: Reader, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict:
    """Stored reports (without text), newest first."""
    total, rows = queries.search_reports(conn, q, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/reports/{report_id}", response_model=ReportDetail)
def report(conn: Conn, _: Reader, report_id: Ident) -> dict:
    """One report with its stored text."""
    row = queries.get_report_row(conn, report_id)
    if row is None:
        raise HTTPException(404, f"no report {report_id}")
    return row


@router.get("/rulings", response_model=Page[RulingOut])
def list_rulings(
    conn: Conn,
    _: Reader,
    agreement: RulingAgreements = None,
    ruling: Rulings = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Current rulings (the newest version of each, one per event and agreement), with their
    reasons; several `agreement` or `ruling` values mean any of them."""
    total, rows = queries.search_rulings(
        conn, agreement=agreement, ruling=ruling, limit=limit, offset=offset
    )
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/claims", response_model=Page[ClaimOut])
def list_claims(
    conn: Conn,
    _: Reader,
    claimant: Text = None,
    unit: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Attributed numeric claims, grouped by unit so rival figures sit together."""
    total, rows = queries.search_claims(
        conn, claimant=claimant, unit=unit, limit=limit, offset=offset
    )
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def agreement_out(a: Agreement) -> dict:
    """An agreement's summary fields."""
    return {
        "id": a.id,
        "title": a.title,
        "kind": a.kind,
        "instrument": a.instrument,
        "effective_from": a.effective_from,
        "effective_to": a.effective_to,
        "local_tz": a.local_tz,
        "guarantors": list(a.guarantors),
        "parent": a.parent,
        "governorates": list(a.territory.governorates),
        "places": list(a.territory.places),
        "whole_country": a.territory.whole_country,
    }


def agreement_detail(record: AgreementRecord, a: Agreement) -> dict:
    """An agreement with its clauses, exclusions and the regimes under or beside it."""
    return {
        **agreement_out(a),
        "clauses": [
            ClauseOut(
                number=c.number, text=c.text, prohibits=list(c.prohibits), requires=list(c.requires)
            )
            for c in a.clauses
        ],
        "excluded": list(a.excluded),
        "accede_through": list(a.accede_through),
        "supersedes": list(a.supersedes),
        "sources": list(a.sources),
        "regimes": [r.id for r in record.agreements if r.parent == a.id or a.id in r.beside],
    }


@router.get("/agreements", response_model=list[AgreementOut])
def list_agreements(request: Request, _: Reader) -> list[dict]:
    """Agreements, regimes and declarations of the loaded record, by start."""
    ordered = sorted(record_of(request).agreements, key=lambda a: (a.effective_from, a.id))
    return [agreement_out(a) for a in ordered]


@router.get("/agreements/{agreement_id}", response_model=AgreementDetail)
def agreement(request: Request, _: Reader, agreement_id: Ident) -> dict:
    """One agreement or regime in full."""
    record = record_of(request)
    found = record.agreement(agreement_id)
    if found is None:
        raise HTTPException(404, f"no agreement {agreement_id}")
    return agreement_detail(record, found)


def accessions_of(conn: Connection, user: User, record: AgreementRecord) -> list[dict]:
    """Accessions from the agreement files and the centre's register, by agreement and time."""
    rows = [
        {
            "agreement": a.agreement,
            "party": a.party,
            "status": a.status,
            "through": a.through,
            "at": a.at,
            "on": a.on,
            "source": a.source,
            "recorded_by": "agreements",
        }
        for a in record.accessions
    ]
    for a in parties.list_accessions(conn, user):
        rows.append(
            {
                "agreement": a.agreement,
                "party": a.party,
                "status": str(a.status),
                "through": a.through,
                "at": a.status_at or a.received_at,
                "on": None,
                "source": f"{a.channel} from {a.sender}",
                "recorded_by": "centre",
            }
        )
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def when(row: dict) -> dt.datetime:
        if row["at"] is not None:
            return row["at"]
        if row["on"] is not None:
            return dt.datetime.combine(row["on"], dt.time(), dt.UTC)
        return far

    return sorted(rows, key=lambda r: (r["agreement"], when(r), r["party"]))


@router.get("/accessions", response_model=list[AccessionOut])
def list_accessions(
    request: Request, conn: Conn, user: Reader, agreement: Text = None
) -> list[dict]:
    """Parties' accessions, from the agreement files and from the centre's register."""
    rows = accessions_of(conn, user, record_of(request))
    return [r for r in rows if agreement is None or r["agreement"] == agreement]


def thread_out(t) -> dict:
    return {
        "id": t.id,
        "subject": t.subject,
        "participants": list(t.participants),
        "opened_at": t.opened_at,
        "shared": t.shared,
        "escalation": str(t.escalation),
    }


def message_out(m: HotlineMessage, now: dt.datetime) -> dict:
    return {
        "id": m.id,
        "thread_id": m.thread_id,
        "sender": m.sender,
        "recipients": list(m.recipients),
        "body": m.body,
        "sent_at": m.sent_at,
        "ack_due": m.ack_due,
        "acked_at": m.acked_at,
        "acked_by": m.acked_by,
        "reply": m.reply,
        "overdue": m.overdue(now),
        "subject_incidents": list(m.subject_incidents),
    }


@router.get("/hotline/threads", response_model=list[HotlineThreadOut])
def hotline_threads(conn: Conn, user: Caller) -> list[dict]:
    """The hotline threads the user may read (a liaison: its guarantor's and shared ones)."""
    return [thread_out(t) for t in hotline.visible_threads(conn, user)]


@router.get("/hotline/threads/{thread_id}/messages", response_model=list[HotlineMessageOut])
def hotline_thread_messages(conn: Conn, user: Caller, thread_id: RowId) -> list[dict]:
    """A thread's messages in the order sent."""
    # Refuse a role without the hotline before looking the thread up: a 404 would tell it
    # which thread ids exist.
    require(user, Action.HOTLINE_READ)
    now = dt.datetime.now(dt.UTC)
    return [message_out(m, now) for m in hotline.thread_messages(conn, user, thread_id)]


@router.get("/hotline/overdue", response_model=list[HotlineMessageOut])
def hotline_overdue(conn: Conn, user: Caller) -> list[dict]:
    """Messages past their acknowledgement deadline, earliest deadline first."""
    now = dt.datetime.now(dt.UTC)
    return [message_out(m, now) for m in hotline.overdue(conn, user, now)]


@router.post("/hotline/messages/{message_id}/acknowledge", response_model=HotlineMessageOut)
def hotline_acknowledge(
    request: Request, user: Caller, message_id: RowId, body: Acknowledgement | None = None
) -> dict:
    """Acknowledge a message (once), with an optional reply; the time is the server's now."""
    require(user, Action.HOTLINE_ACK)  # before the lookup, as for the threads
    now = dt.datetime.now(dt.UTC)
    store = request.app.state.store
    with store.transaction() as conn:
        hotline.acknowledge(conn, user, message_id, at=now, reply=body.reply if body else None)
        row = records.read(conn, hotline.MESSAGES, message_id)
        thread_id = row.thread_id
        messages = hotline.thread_messages(conn, user, thread_id)
    found = next(m for m in messages if m.id == message_id)
    return message_out(found, now)


@router.get("/deliveries", response_model=list[DeliveryOut])
def list_deliveries(
    conn: Conn,
    user: Reader,
    status: Annotated[str | None, Query(pattern="^(planned|done|blocked|cancelled)$")] = None,
) -> list[dict]:
    """Humanitarian deliveries by date, optionally in one status."""
    return [
        {
            "id": d.id,
            "agency": d.agency,
            "place": d.place,
            "governorate": d.governorate,
            "method": d.method,
            "status": d.status,
            "date": d.date,
            "tonnes": d.tonnes,
            "trucks": d.trucks,
            "agreement": d.agreement,
            "access_clause": d.access_clause,
            "notes": d.notes,
        }
        for d in deliveries.list_deliveries(conn, user, status)
    ]


@router.get("/users", response_model=list[UserOut])
def users(conn: Conn, user: Caller) -> list[dict]:
    """Every user with role and guarantor (admins only)."""
    return [
        {"name": u.name, "role": u.role.value, "guarantor": u.guarantor, "active": u.active}
        for u in list_users(conn, user)
    ]
