"""One view, two renderings, for the registers: a view function builds a page's data once, and
``answer`` renders it as HTML or, for ``<path>.json`` or ``Accept: application/json``, as JSON.

Also the small helpers every register form shares: the acting user, a form's CSRF check and
write transaction, times read from a form with their zone, and the redirect after a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Depends, Form, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import Connection

from trucewatch.model.centre import User
from trucewatch.web.auth import api_user, check_csrf
from trucewatch.web.page_base import Conn, page_user, render

# The zones a form offers for the time it asks: the mission's local time first.
ZONES = ("Asia/Damascus", "UTC", "Europe/Moscow", "America/New_York", "Europe/Istanbul")
PAGE_SIZE = 50

Csrf = Annotated[str, Form(max_length=200)]
Reason = Annotated[str, Form(max_length=2000)]
Short = Annotated[str, Form(max_length=200)]
# Fields stored in narrower columns are refused past their width (PostgreSQL would fail).
Word80 = Annotated[str, Form(max_length=80)]
Word40 = Annotated[str, Form(max_length=40)]
Word120 = Annotated[str, Form(max_length=120)]
Long = Annotated[str, Form(max_length=4000)]


def wants_json(request: Request) -> bool:
    """True when the client asked for the data: a ``.json`` path or an Accept of JSON first."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return accept.split(",")[0].strip().startswith("application/json")


def twin_user(request: Request, conn: Conn) -> User:
    """The user for a page or its JSON twin: an API client may use its bearer token (401 when
    it has none), a browser is sent to log in."""
    if wants_json(request):
        return api_user(conn, request)
    return page_user(request, conn)


Reader = Annotated[User, Depends(twin_user)]


def answer(
    request: Request, user: User, template: str, data: dict[str, Any], **page: Any
) -> Response:
    """``data`` as JSON for the twin, else the page: ``data`` and the page-only ``page`` values
    (forms' choices, what the user may do) given to ``template``."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    return render(request, template, user, **data, **page)


@contextmanager
def writing(request: Request, csrf_token: str) -> Iterator[Connection]:
    """A form's write: the CSRF token checked first, then one transaction (rolled back, nothing
    written, when the service refuses)."""
    check_csrf(request, csrf_token)
    with request.app.state.store.transaction() as conn:
        yield conn


def back_to(path: str, anchor: str | None = None) -> Response:
    """The redirect after a change (303, so a reload does not post again)."""
    return RedirectResponse(path + (f"#{anchor}" if anchor else ""), status_code=303)


def text(value: str | None) -> str | None:
    """A form's text without NUL (PostgreSQL refuses it) or surrounding space; None when empty."""
    if value is None:
        return None
    cleaned = value.replace("\x00", "").strip()
    return cleaned or None


def required(value: str | None, what: str) -> str:
    """A form's text that must be given."""
    cleaned = text(value)
    if cleaned is None:
        raise ValueError(f"{what} is required")
    return cleaned


def names(value: str | None) -> list[str]:
    """Names one per line (or separated by semicolons), blanks dropped."""
    cleaned = (value or "").replace("\x00", "").replace(";", "\n")
    return [n.strip() for n in cleaned.splitlines() if n.strip()]


def zone(name: str | None) -> ZoneInfo:
    """The form's time zone; an unknown one is refused by name."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise ValueError(f"unknown time zone {name!r}") from None


def form_time(value: str | None, tz: str | None, what: str) -> dt.datetime | None:
    """A ``datetime-local`` field read in the form's zone (an explicit offset wins); None when
    left empty."""
    cleaned = text(value)
    if cleaned is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"{what}: {cleaned!r} is not a date and time like 2016-03-01T14:30"
        ) from None
    return in_utc(parsed if parsed.tzinfo else parsed.replace(tzinfo=zone(tz)), what)


def in_utc(value: dt.datetime, what: str) -> dt.datetime:
    """``value`` (aware) in UTC; a time at the calendar's very edge that UTC cannot hold is
    refused by name rather than failing deep in the store."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(f"{what}: {value.isoformat()} is out of range") from None


def form_day(value: str | None, what: str) -> dt.date | None:
    """A ``date`` field; None when left empty."""
    cleaned = text(value)
    if cleaned is None:
        return None
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"{what}: {cleaned!r} is not a date like 2016-03-01") from None


Seen = Annotated[int | None, Form(description="the version the change was made from")]


@dataclass(frozen=True, slots=True)
class Move:
    """A status change a form asks for, read as given; checked when used (after the CSRF token)."""

    to: str
    reason: str
    at: str
    tz: str
    seen: int | None

    def target(self) -> str:
        """The status to move to."""
        return required(self.to, "new status")

    def details(self) -> dict[str, Any]:
        """The reason (required), the time it happened (None: now) and the version seen."""
        return {
            "reason": required(self.reason, "reason"),
            "at": form_time(self.at, self.tz, "at"),
            "seen": self.seen,
        }


def move_form(
    to: Annotated[str, Form(max_length=40)] = "",
    reason: Reason = "",
    at: Short = "",
    tz: Short = "",
    seen: Seen = None,
) -> Move:
    """The fields every status-change form sends."""
    return Move(to, reason, at, tz, seen)


MoveForm = Annotated[Move, Depends(move_form)]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def page_number(request: Request) -> int:
    """The ``page`` query parameter, 1 when missing or nonsense."""
    try:
        return min(max(int(request.query_params.get("page", "1")), 1), 1_000_000)
    except ValueError:
        return 1


def pager(total: int, page: int, keep: Mapping[str, Any], size: int = PAGE_SIZE) -> dict[str, Any]:
    """Where a paged register stands, with the query strings of the pages either side (a list
    value in ``keep`` is a repeated parameter)."""
    pages = max((total + size - 1) // size, 1)
    return {
        "total": total,
        "page": page,
        "pages": pages,
        "prev": urlencode({**keep, "page": page - 1}, doseq=True) if page > 1 else None,
        "next": urlencode({**keep, "page": page + 1}, doseq=True) if page < pages else None,
    }


def sort_of(request: Request, columns: Mapping[str, object]) -> str | None:
    """The ``sort`` query parameter when it names one of a list's ``columns`` (``-`` first for
    descending), else None: the list keeps its own order."""
    sort = request.query_params.get("sort") or ""
    return sort if sort.removeprefix("-") in columns else None
