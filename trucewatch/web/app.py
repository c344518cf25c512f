"""The FastAPI application: store, agreements, sessions, security headers, routers, errors.

``create_app(db_url, agreements_dir)`` is what ``trucewatch serve`` and the tests call;
``serve(db_url, host, port, workers)`` runs it with uvicorn, in one or several processes.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from pathlib import Path
from urllib.parse import urlencode

import anyio
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trucewatch.agreements import AgreementRecord, read_record
from trucewatch.centre.audit_key import AuditKeyError
from trucewatch.centre.errors import (
    CentreError,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    StaleRecord,
)
from trucewatch.store import open_store
from trucewatch.store.db import ENV_VAR, POOL_SIZE
from trucewatch.web.auth import (
    COOKIE_MODES,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    LoginRequired,
    LoginThrottle,
    Session,
    SessionCodec,
    cookie_secure,
    parse_proxies,
)
from trucewatch.web.security import MAX_BODY, BodyLimit, SecurityHeaders, ServerErrors
from trucewatch.web.server import Limits

log = logging.getLogger("trucewatch.web")

HERE = Path(__file__).resolve().parent
EXAMPLE_AGREEMENTS = HERE.parents[1] / "examples" / "syria-2016" / "agreements"
SECRET_ENV = "TRUCEWATCH_SECRET_KEY"
AGREEMENTS_ENV = "TRUCEWATCH_AGREEMENTS"
COOKIES_ENV = "TRUCEWATCH_SECURE_COOKIES"  # auto | always | never (serve --secure-cookies)
PROXIES_ENV = "TRUCEWATCH_TRUSTED_PROXIES"  # comma-separated (serve --trusted-proxy)


def _agreements(directory: Path | str | None) -> AgreementRecord:
    """The agreement record the app shows; problems are kept on it, never fatal to serving."""
    chosen = directory or os.environ.get(AGREEMENTS_ENV)
    if chosen is None and EXAMPLE_AGREEMENTS.is_dir():
        chosen = EXAMPLE_AGREEMENTS
    return read_record(Path(chosen)) if chosen else AgreementRecord()


def create_app(
    db_url: str | None,
    agreements_dir: Path | str | None = None,
    *,
    secret_key: str | None = None,
    secure_cookies: bool | str | None = None,
    trusted_proxies: str | list[str] | None = None,
    login_limit: int = 5,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """Build the web app over the store at ``db_url`` (migrated on open).

    ``secret_key`` signs session cookies (default ``$TRUCEWATCH_SECRET_KEY``, else a random key,
    so sessions end when the process does). ``secure_cookies`` is ``auto`` (default, or
    ``$TRUCEWATCH_SECURE_COOKIES``), ``always`` or ``never`` (``True``/``False`` mean the last
    two): see ``auth.cookie_secure``. ``trusted_proxies`` (default ``$TRUCEWATCH_TRUSTED_PROXIES``)
    are the reverse proxies whose ``X-Forwarded-For`` is believed. ``login_limit`` failed log-ins
    per address and user name are heard, then slowed (429); request bodies over ``max_body``
    bytes are refused with 413.
    """
    from trucewatch.web import api, apidocs, pages  # late: they import this module's helpers
    from trucewatch.web import intake as live_intake  # issue 17: reports in, live status
    from trucewatch.web import stream as live_stream  # issue 17: server-sent events

    app = FastAPI(
        title="trucewatch",
        version="1",
        description="Ceasefire monitoring: incidents, rulings, agreements, claims and the "
        "centre's records. Authenticate with `Authorization: Bearer <token>` "
        "(`trucewatch users token NAME`).",
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: web/apidocs.py serves ours
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = open_store(db_url)
    # API requests wait here, on the event loop, for one of the pool's connections (api.connection).
    app.state.read_slots = anyio.Semaphore(POOL_SIZE)
    app.state.record = _agreements(agreements_dir)
    app.state.codec = SessionCodec(
        secret_key or os.environ.get(SECRET_ENV) or secrets.token_hex(32)
    )
    app.state.throttle = LoginThrottle(limit=login_limit)
    app.state.secure_cookies = _cookie_mode(secure_cookies)
    app.state.trusted_proxies = parse_proxies(
        trusted_proxies if trusted_proxies is not None else os.environ.get(PROXIES_ENV)
    )
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    pages.configure_templates(app.state.templates)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(apidocs.router)
    for live in (live_intake.api, live_intake.pages, live_stream.router):
        app.include_router(live)
    from trucewatch.web import registers, registers_api  # issue 16: every register a page

    app.include_router(registers.router)
    app.include_router(registers_api.router)
    from trucewatch.web import corrections  # issue 16: corrections with an audit trail

    app.include_router(corrections.api)
    app.include_router(corrections.pages)
    _errors(app)
    app.add_middleware(SessionCookies, web=app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(ServerErrors)  # inside the headers: a 500 carries them too
    app.add_middleware(SecurityHeaders)  # outermost: every response gets the headers
    return app


def _cookie_mode(chosen: bool | str | None) -> str:
    if isinstance(chosen, bool):
        return "always" if chosen else "never"
    mode = (chosen or os.environ.get(COOKIES_ENV) or "auto").lower()
    if mode not in COOKIE_MODES:
        raise ValueError(f"secure cookies: {mode!r} is not one of {', '.join(COOKIE_MODES)}")
    return mode


class SessionCookies:
    """ASGI middleware: the session cookie read into ``request.state.session``, written back on
    the response when the session changed (never on API or static responses).

    Plain ASGI rather than ``@app.middleware("http")``: that wrapper runs every request, API
    calls included, through an extra task and stream, a measurable part of a request's time."""

    def __init__(self, app: ASGIApp, web: FastAPI) -> None:
        self.app = app
        self.web = web  # the FastAPI app, for its codec and cookie settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        codec: SessionCodec = self.web.state.codec
        session = codec.loads(Request(scope).cookies.get(SESSION_COOKIE)) or Session()
        scope.setdefault("state", {})["session"] = session
        path: str = scope.get("path", "")

        async def send_with_cookie(message: Message) -> None:
            # The endpoint has run when the response starts: the session holds its last word.
            current: Session = scope["state"]["session"]
            if (
                message["type"] == "http.response.start"
                and current.changed
                and not path.startswith(("/api/", "/static/"))
            ):
                cookie = Response()
                cookie.set_cookie(
                    SESSION_COOKIE,
                    codec.dumps(current),
                    max_age=SESSION_MAX_AGE,
                    httponly=True,
                    samesite="lax",
                    secure=cookie_secure(
                        scope, self.web.state.secure_cookies, self.web.state.trusted_proxies
                    ),
                    path="/",
                )
                set_cookie = [(k, v) for k, v in cookie.raw_headers if k == b"set-cookie"]
                message["headers"] = [*message.get("headers", []), *set_cookie]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


_CENTRE_STATUS = {
    PermissionDenied: 403,
    NotFound: 404,
    IllegalTransition: 409,
    StaleRecord: 409,
    AuditKeyError: 500,  # the server's set-up: logged, not shown
}


def _wants_json(request: Request) -> bool:
    """Whether an error goes back as JSON: an API path, a ``.json`` twin or an ``Accept`` of
    JSON first, unless a browser asks for a page first (``Accept: text/html``, as a browser's
    navigation does): then it gets an HTML error page, even for an unknown ``.json`` path."""
    path = request.url.path
    first = request.headers.get("accept", "").split(",")[0].strip().lower()
    if first.startswith(("text/html", "application/xhtml")):
        return False
    if first.startswith("application/json"):
        return True
    return path.startswith("/api/") or path == "/openapi.json" or path.endswith(".json")


def _errors(app: FastAPI) -> None:
    templates: Jinja2Templates = app.state.templates

    def page_error(request: Request, status: int, detail: str) -> Response:
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "detail": detail}, status_code=status
        )

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login?" + urlencode({"next": exc.next_path}), status_code=303)

    @app.exception_handler(CentreError)
    async def centre_error(request: Request, exc: CentreError) -> Response:
        status = next((s for t, s in _CENTRE_STATUS.items() if isinstance(exc, t)), 400)
        detail = str(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
            detail = "internal server error: the error has been logged"
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status)
        return page_error(request, status, detail)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page_error(request, 400, str(exc))

    # Starlette's own (an unknown path, a wrong method) as well as the endpoints' HTTPException.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return page_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
            return JSONResponse({"detail": errors}, status_code=422)
        return page_error(request, 422, "; ".join(e["msg"] for e in exc.errors()))


def app_from_environment() -> FastAPI:
    """The app for one of several uvicorn worker processes: store and key from the environment."""
    return create_app(None)


def first_run_hint(db_url: str | None) -> str | None:
    """What to do when nobody can log in yet: the store has no user (a fresh store)."""
    from trucewatch.centre.users import count_users

    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            if count_users(conn):
                return None
    finally:
        store.close()
    where = f" --db {db_url}" if db_url else ""
    return (
        "trucewatch: this store has no user yet, so nobody can log in. Create the first one "
        f"with:\n  trucewatch users add NAME --role admin{where}"
    )


def serve(
    db_url: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    *,
    secure_cookies: str = "auto",
    trusted_proxies: str | None = None,
    limits: Limits | None = None,
) -> None:
    """Serve the app with uvicorn (``trucewatch serve``).

    ``workers`` > 1 runs that many processes on the one port: Python handles one request's
    work at a time per process, so on a machine with several cores one process leaves them idle.
    The processes share the store URL, the session key and the settings below through the
    environment (a key each would log a user out whenever a request reached another process);
    logouts reach them all through the store. Log-in throttling counts per process.
    ``limits`` bound connections and the time a client may take to send a request.
    """
    import uvicorn

    limits = limits or Limits()
    limits.export()
    os.environ[COOKIES_ENV] = _cookie_mode(secure_cookies)
    if trusted_proxies is not None:
        parse_proxies(trusted_proxies)  # a typo stops the server here, not in every worker
        os.environ[PROXIES_ENV] = trusted_proxies
    options = {
        "host": host,
        "port": port,
        "proxy_headers": False,  # the app reads X-Forwarded-For itself, from trusted proxies only
        "server_header": False,
        **limits.uvicorn_options(),
    }
    banner = f"trucewatch: serving on http://{host}:{port}/  (stop with Ctrl-C)"
    hint = first_run_hint(db_url)
    if hint:
        banner += "\n" + hint
    if workers <= 1:
        app = create_app(db_url)
        print(banner)
        uvicorn.run(app, **options)
        return
    from uvicorn.supervisors import Multiprocess

    open_store(db_url).close()  # migrate once here, not in every worker at the same moment
    if db_url:
        os.environ[ENV_VAR] = db_url
    os.environ.setdefault(SECRET_ENV, secrets.token_hex(32))
    config = uvicorn.Config(
        "trucewatch.web.app:app_from_environment", factory=True, workers=workers, **options
    )
    listening = config.bind_socket()
    # What uvicorn.run does for several workers, but with Nagle off: its socket is not one asyncio
    # made, so asyncio leaves Nagle on for the connections it accepts, and every response on a
    # kept-alive connection waited ~40 ms for the client's delayed ACK. Accepted sockets inherit
    # TCP_NODELAY from the listening one.
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(banner)
    Multiprocess(config, sockets=[listening]).run()
