"""Every register a page (issue 16): the routers of the record's registers, the centre's
registers, hotline writing and the reports archive, mounted together by ``web/app.py``; and
``/centre``, the index of the centre's registers with how many records each holds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from trucewatch.centre import deliveries, hotline, meetings, parties, protection
from trucewatch.centre.permissions import Action, allowed
from trucewatch.web import (
    archive,
    centre_accessions,
    centre_deliveries,
    centre_meetings,
    centre_protection,
    hotline_compose,
    record_registers,
)
from trucewatch.web.pages import Conn
from trucewatch.web.twins import Reader, answer

router = APIRouter(include_in_schema=False)
for _module in (
    record_registers,
    centre_accessions,
    centre_deliveries,
    centre_meetings,
    centre_protection,
    hotline_compose,
    archive,
):
    router.include_router(_module.router)


@router.get("/centre")
@router.get("/centre.json")
def centre_index(request: Request, conn: Conn, user: Reader) -> Response:
    """The centre's registers, each with how many records it holds (and how many are open)."""
    requests = protection.list_protection_requests(conn, user)
    registers = [
        {
            "name": "Parties",
            "path": "/centre/parties",
            "records": len(parties.list_parties(conn, user)),
        },
        {
            "name": "Accession requests",
            "path": "/centre/accessions",
            "records": len(parties.list_accessions(conn, user)),
            "open": len(parties.list_accessions(conn, user, "received"))
            + len(parties.list_accessions(conn, user, "in_negotiation")),
        },
        {
            "name": "Meetings",
            "path": "/centre/meetings",
            "records": len(meetings.list_meetings(conn, user)),
        },
        {
            "name": "Local agreements",
            "path": "/centre/local-agreements",
            "records": len(meetings.list_local_agreements(conn, user)),
        },
        {
            "name": "Protection requests",
            "path": "/centre/protection",
            "records": len(requests),
            "open": sum(1 for r in requests if r.status.value not in ("closed", "declined")),
        },
        {
            "name": "Deliveries",
            "path": "/centre/deliveries",
            "records": len(deliveries.list_deliveries(conn, user)),
        },
    ]
    if allowed(user, Action.HOTLINE_READ):
        registers.append(
            {
                "name": "Hotline threads",
                "path": "/hotline",
                "records": len(hotline.visible_threads(conn, user)),
            }
        )
    return answer(request, user, "registers/centre.html", {"registers": registers})
