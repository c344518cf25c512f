"""Security headers on every response (server errors included), and a cap on request bodies.

All JavaScript lives in ``static/``; templates carry no ``<script>`` body, no ``on*=`` handler and
no ``style=`` attribute, so the policy below can forbid them all. Everything but the static
assets is marked ``no-store``: pages and API answers hold what a user may see, and a shared or
back-button cache must not hand them to the next person at the keyboard.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("trucewatch.web")

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Leaflet's CSS uses data: URIs for a few cursors/icons
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "geolocation=(), camera=(), microphone=()",
}
PUBLIC_PREFIX = "/static/"  # vendored assets: the same for everyone, so caching them is fine
MAX_BODY = 64 * 1024  # the largest form (a hotline reply of 4,000 characters) is far below this


class SecurityHeaders:
    """ASGI middleware that adds :data:`HEADERS` to every HTTP response (errors included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode())
                    for k, v in HEADERS.items()
                    if k.encode() not in present
                ]
                private = not scope.get("path", "").startswith(PUBLIC_PREFIX)
                if private and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))  # nothing private in caches
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware that refuses (413) a request body larger than ``limit`` bytes.

    A declared ``Content-Length`` over the limit is refused before anything is read; a body sent
    without one (chunked) is counted as it arrives and cut off at the limit, so no request can
    make the server buffer more than ``limit`` bytes of it.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                too_big = True  # a length that is not a number is not a request we serve
            if too_big:
                await _refuse(send, self.limit)
                return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Answer 413 now and tell the app the client left: raising here instead
                    # would reach the app as a body-parsing failure (a 400).
                    if not started and not refused:
                        await _refuse(send, self.limit)
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent: whatever the app says after it is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted, tracked)


async def _refuse(send: Send, limit: int) -> None:
    body = b'{"detail":"request body larger than %d bytes"}' % limit
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ServerErrors:
    """ASGI middleware that turns an unhandled exception into a 500 answered *inside* the
    security headers: JSON ``{"detail": ...}`` on API routes, a short page elsewhere.

    Starlette's own last-resort handler sits outside every middleware, so its ``text/plain`` 500
    went out without the headers. This one logs the traceback and answers, unless the response
    had already started (then the connection is simply closed by the server).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            log.exception("unhandled error serving %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _server_error(send, scope.get("path", ""))


ERROR_PAGE = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Server error'
    b"</title></head><body><h1>Something went wrong on our side</h1><p>The error has been "
    b"logged. Try again, or tell the centre's administrator.</p></body></html>"
)


async def _server_error(send: Send, path: str) -> None:
    if path.startswith("/api/") or path == "/openapi.json":
        body, kind = (
            b'{"detail":"internal server error: the error has been logged"}',
            b"application/json",
        )
    else:
        body, kind = ERROR_PAGE, b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
