"""The record's pages beside the events: agreements (with whom they exclude and who is party),
claims, the hotline, deliveries and the daily counts. Each is one view function answering HTML
or, for ``<path>.json`` / ``Accept: application/json``, the same data as JSON
(``twins.answer``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from trucewatch.adjudicate.parties import excluding, exclusion_lists
from trucewatch.adjudicate.timing import in_force_windows
from trucewatch.agreements import AgreementRecord
from trucewatch.centre import hotline
from trucewatch.centre.permissions import Action, allowed, require
from trucewatch.gazetteer import load_actors
from trucewatch.model.agreement import Agreement
from trucewatch.report.words import RULING_ORDER, designator_words, place_words
from trucewatch.web import event_queries, queries
from trucewatch.web.api import (
    accessions_of,
    agreement_detail,
    agreement_out,
    list_deliveries,
    message_out,
    thread_out,
)
from trucewatch.web.auth import check_csrf
from trucewatch.web.page_base import Conn, Viewer
from trucewatch.web.twins import Reader, answer, page_number, pager, text

router = APIRouter(include_in_schema=False)
CLAIMS_PAGE = 50


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


# --- agreements --------------------------------------------------------------------------------


@router.get("/agreements")
@router.get("/agreements.json")
def agreements(request: Request, user: Reader) -> Response:
    """Agreements, regimes and declarations by start, each with when and why it stopped."""
    require(user, Action.CENTRE_READ)
    record: AgreementRecord = request.app.state.record
    ordered = sorted(record.agreements, key=lambda a: (a.effective_from, a.id))
    data = {
        "agreements": [{**agreement_out(a), **agreement_end(a, record)} for a in ordered],
        "problems": list(record.problems),
    }
    return answer(request, user, "agreements.html", data)


def excluded_groups(agreement: Agreement, record: AgreementRecord) -> list[dict[str, Any]]:
    """Who the agreement excludes, by name: a designation list ("UNSC") stands for the groups
    on it, each with who lists it and who disputes that (a regime inherits its parent's)."""
    by_id = {a.id: a for a in record.agreements}
    lists = exclusion_lists(agreement, by_id)
    groups = [
        {
            "actor": d.actor,
            "listed_by": designator_words(d.by),
            "since": d.valid_from,
            "disputed_by": list(d.disputed_by),
        }
        for d in record.designations
        if excluding(d, lists)
    ]
    named = {g["actor"] for g in groups}
    # An actor excluded by name with no designation behind it is still shown.
    groups += [
        {"actor": name, "listed_by": "this agreement", "since": None, "disputed_by": []}
        for name in lists
        if name not in named and not any(d.by == name for d in record.designations)
    ]
    return groups


def parties_of(accessions: list[dict]) -> list[dict[str, Any]]:
    """Each party once (names read through the actor dictionary), with its latest status and
    every record of it (agreement files, centre register), oldest first."""
    actors = load_actors()
    by_party: dict[str, list[dict]] = defaultdict(list)
    for row in accessions:
        by_party[actors.canonical(row["party"]) or row["party"]].append(row)
    parties = []
    for name, records in by_party.items():
        last = records[-1]
        parties.append(
            {
                "party": name,
                "status": last["status"],
                "through": next((r["through"] for r in reversed(records) if r["through"]), None),
                "since": records[0]["at"] or records[0]["on"],
                "records": records,
            }
        )
    return parties


@router.get("/agreements/{agreement_id}")
@router.get("/agreements/{agreement_id}.json")
def agreement(request: Request, conn: Conn, user: Reader, agreement_id: str) -> Response:
    """One agreement in words: terms, whom it excludes by name, its parties once each with
    their records, rulings under it by value."""
    require(user, Action.CENTRE_READ)
    record: AgreementRecord = request.app.state.record
    found = record.agreement(agreement_id)
    if found is None:
        raise HTTPException(404, "no such agreement")
    accessions = [a for a in accessions_of(conn, user, record) if a["agreement"] == found.id]
    ruled, _rows = queries.search_rulings(conn, agreement=found.id, limit=1)
    by_ruling = {
        value: queries.search_rulings(conn, agreement=found.id, ruling=value, limit=1)[0]
        for value in RULING_ORDER
    }
    data = {
        "agreement": {**agreement_detail(record, found), **agreement_end(found, record)},
        "excluded_groups": excluded_groups(found, record),
        "parties": parties_of(accessions),
        "events_ruled": ruled,
        "by_ruling": {k: v for k, v in by_ruling.items() if v},
    }
    return answer(request, user, "agreement.html", data)


# --- claims ------------------------------------------------------------------------------------


@router.get("/claims")
@router.get("/claims.json")
def claims_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Attributed figures, the units several claimants give a figure for first, 50 a page, each
    linked to what its report told (the incident and its event)."""
    require(user, Action.CENTRE_READ)
    claimant = text((request.query_params.get("claimant") or "")[:200])
    unit = text((request.query_params.get("unit") or "")[:80])
    page = page_number(request)
    total, rows = queries.search_claims(
        conn,
        claimant=claimant,
        unit=unit,
        limit=CLAIMS_PAGE,
        offset=(page - 1) * CLAIMS_PAGE,
        rivals_first=True,
    )
    told = queries.report_incidents(conn, [r["report_id"] for r in rows])
    for row in rows:
        gave = told.get(row["report_id"], [])
        row["incidents"] = [
            {
                "id": i["id"],
                "event_id": i["event_id"],
                "type": i["type"],
                "date": i["date"],
                "place_words": place_words(i["place"], i["governorate"], i["geo_precision"]),
            }
            # The report's main incident is what its figures are about; all when none is.
            for i in ([i for i in gave if i["main"]] or gave)
        ]
    groups: list[dict[str, Any]] = []
    for row in rows:  # contiguous: the query orders by unit
        if not groups or groups[-1]["unit"].lower() != row["unit"].lower():
            groups.append({"unit": row["unit"], "claims": []})
        groups[-1]["claims"].append(row)
    keep = {k: v for k, v in (("claimant", claimant), ("unit", unit)) if v}
    data = {"filters": keep, "groups": groups, **pager(total, page, keep, CLAIMS_PAGE)}
    return answer(request, user, "claims.html", data)


# --- hotline, deliveries, daily ----------------------------------------------------------------


@router.get("/hotline")
@router.get("/hotline.json")
def hotline_page(request: Request, conn: Conn, user: Reader) -> Response:
    """The threads the user may read, those with overdue acknowledgements first."""
    require(user, Action.HOTLINE_READ)
    now = dt.datetime.now(dt.UTC)
    threads = []
    for thread in hotline.visible_threads(conn, user):
        messages = [
            message_out(m, now) for m in hotline.thread_messages(conn, user, thread.id or 0)
        ]
        late = sum(1 for m in messages if m["overdue"])
        threads.append({**thread_out(thread), "messages": messages, "overdue": late})
    # Overdue first (most overdue messages first), then the newest threads.
    threads.sort(key=lambda t: (-t["overdue"], -t["opened_at"].timestamp()))
    data = {"now": now, "threads": threads}
    return answer(request, user, "hotline.html", data, can_ack=allowed(user, Action.HOTLINE_ACK))


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


@router.get("/deliveries")
@router.get("/deliveries.json")
def deliveries_page(request: Request, conn: Conn, user: Reader) -> Response:
    """Deliveries by date, as ``/api/v1/deliveries`` lists them; the register with its forms
    and histories is ``/centre/deliveries``."""
    data = {"deliveries": list_deliveries(conn, user)}
    return answer(request, user, "deliveries.html", data)


@router.get("/daily")
@router.get("/daily.json")
def daily(request: Request, conn: Conn, user: Reader) -> Response:
    """Events, violations and alleged violations per best day, newest first."""
    require(user, Action.CENTRE_READ)
    data = {
        "days": list(reversed(event_queries.daily_counts(conn))),
        "undated": event_queries.undated_count(conn),
    }
    return answer(request, user, "daily.html", data)
