"""Server-sent events for the live pages: ``GET /live/stream`` says ``changed`` when events or
rulings change, and the page refreshes its live parts in place (``static/live.js``).

Streams have their own limit (``MAX_STREAMS`` open at once per process; more get 503) and send a
comment every ``KEEPALIVE`` seconds, so proxies and idle-connection limits do not cut them.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from trucewatch.centre.permissions import Action, require
from trucewatch.store.corroboration_tables import events
from trucewatch.store.schema import rulings
from trucewatch.web.auth import session_user

router = APIRouter(include_in_schema=False)
MAX_STREAMS = 50
POLL = 3.0  # seconds between looks at the store
KEEPALIVE = 15.0


def store_version(request: Request) -> str:
    """A fingerprint that moves whenever an event or a ruling is added or changed."""
    with request.app.state.store.engine.connect() as conn:
        stored = conn.execute(select(func.count(), func.max(events.c.corroborated_at))).one()
        ruled = conn.execute(select(func.count(), func.max(rulings.c.ruled_at))).one()
    return json.dumps([stored[0], str(stored[1]), ruled[0], str(ruled[1])])


def _viewer(request: Request) -> None:
    with request.app.state.store.engine.connect() as conn:
        user = session_user(conn, request)
    if user is None:
        raise HTTPException(401, "log in to follow live updates")
    require(user, Action.CENTRE_READ)


async def _events(request: Request, version: str) -> AsyncIterator[str]:
    try:
        yield f"retry: 5000\nevent: hello\ndata: {json.dumps({'version': version})}\n\n"
        quiet = 0.0
        while not await request.is_disconnected():
            await asyncio.sleep(POLL)
            now = await run_in_threadpool(store_version, request)
            if now != version:
                version = now
                quiet = 0.0
                yield f"event: changed\ndata: {json.dumps({'version': version})}\n\n"
            else:
                quiet += POLL
                if quiet >= KEEPALIVE:
                    quiet = 0.0
                    yield ": keep-alive\n\n"
    finally:
        request.app.state.live_streams -= 1


@router.get("/live/stream")
async def stream(request: Request) -> StreamingResponse:
    """Server-sent events: ``changed`` whenever events or rulings change (session users)."""
    await run_in_threadpool(_viewer, request)
    state = request.app.state
    if getattr(state, "live_streams", 0) >= MAX_STREAMS:
        raise HTTPException(503, "too many live streams open; the page still works without")
    state.live_streams = getattr(state, "live_streams", 0) + 1
    try:
        version = await run_in_threadpool(store_version, request)
    except BaseException:
        state.live_streams -= 1
        raise
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(
        _events(request, version), media_type="text/event-stream", headers=headers
    )
