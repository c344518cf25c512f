"""The FastAPI application: store, agreements, sessions, security headers, routers, errors.

``create_app(db_url, agreements_dir)`` is what ``trucewatch serve`` and the tests call;
``serve(db_url, host, port)`` runs it with uvicorn.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from trucewatch.agreements import AgreementRecord, read_record
from trucewatch.centre.errors import (
    CentreError,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    StaleRecord,
)
from trucewatch.store import open_store
from trucewatch.web.auth import (
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    LoginRequired,
    LoginThrottle,
    Session,
    SessionCodec,
)
from trucewatch.web.security import MAX_BODY, BodyLimit, SecurityHeaders

HERE = Path(__file__).resolve().parent
EXAMPLE_AGREEMENTS = HERE.parents[1] / "examples" / "syria-2016" / "agreements"
SECRET_ENV = "TRUCEWATCH_SECRET_KEY"
AGREEMENTS_ENV = "TRUCEWATCH_AGREEMENTS"


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
    secure_cookies: bool | None = None,
    login_limit: int = 5,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """Build the web app over the store at ``db_url`` (migrated on open).

    ``secret_key`` signs session cookies (default ``$TRUCEWATCH_SECRET_KEY``, else a random key,
    so sessions end when the process does). ``secure_cookies`` marks them HTTPS-only (default:
    on unless ``$TRUCEWATCH_INSECURE_COOKIES`` is set, which local HTTP serving needs).
    ``login_limit`` failed log-ins per address or user name in five minutes are heard, then 429;
    request bodies over ``max_body`` bytes are refused with 413.
    """
    from trucewatch.web import api, pages  # late: they import this module's helpers

    app = FastAPI(
        title="trucewatch",
        version="1",
        description="Ceasefire monitoring: incidents, rulings, agreements, claims and the "
        "centre's records. Authenticate with `Authorization: Bearer <token>` "
        "(`trucewatch users token NAME`).",
        docs_url=None,  # Swagger UI loads from a CDN: the app serves nothing off its origin
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = open_store(db_url)
    app.state.record = _agreements(agreements_dir)
    app.state.codec = SessionCodec(
        secret_key or os.environ.get(SECRET_ENV) or secrets.token_hex(32)
    )
    app.state.throttle = LoginThrottle(limit=login_limit)
    if secure_cookies is None:
        secure_cookies = not os.environ.get("TRUCEWATCH_INSECURE_COOKIES")
    app.state.secure_cookies = secure_cookies
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    pages.configure_templates(app.state.templates)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _sessions(app)
    _errors(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)  # outermost: every response gets the headers
    return app


def _sessions(app: FastAPI) -> None:
    @app.middleware("http")
    async def session_cookie(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        codec: SessionCodec = app.state.codec
        request.state.session = codec.loads(request.cookies.get(SESSION_COOKIE)) or Session()
        response = await call_next(request)
        session: Session = request.state.session
        # API and static requests never need a cookie of their own.
        if session.changed and not request.url.path.startswith(("/api/", "/static/")):
            response.set_cookie(
                SESSION_COOKIE,
                codec.dumps(session),
                max_age=SESSION_MAX_AGE,
                httponly=True,
                samesite="lax",
                secure=app.state.secure_cookies,
                path="/",
            )
        return response


_CENTRE_STATUS = {PermissionDenied: 403, NotFound: 404, IllegalTransition: 409, StaleRecord: 409}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


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
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return page_error(request, status, str(exc))

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page_error(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
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


def serve(db_url: str | None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn (``trucewatch serve``)."""
    import uvicorn

    if host in ("127.0.0.1", "localhost", "::1"):
        os.environ.setdefault("TRUCEWATCH_INSECURE_COOKIES", "1")  # plain HTTP on one's own machine
    app = create_app(db_url)
    print(f"trucewatch: serving on http://{host}:{port}/  (stop with Ctrl-C)")
    uvicorn.run(app, host=host, port=port, proxy_headers=False, server_header=False)
