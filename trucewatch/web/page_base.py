"""What every HTML page shares: its read connection, the logged-in user, the template filters
and ``render``. Kept apart from the pages themselves so the view-and-twin helpers
(``web/twins.py``) and every page module can use them without importing each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection

from trucewatch.agreements import AgreementRecord
from trucewatch.centre.permissions import Action, allowed
from trucewatch.model.centre import User
from trucewatch.report.words import (
    RULING_COLOURS,
    RULING_ORDER,
    agreement_title,
    attribution_words,
    grade_words,
    place_words,
    ruling_words,
    words,
)
from trucewatch.web.api import pooled
from trucewatch.web.auth import CSRF_FIELD, LoginRequired, session_of, session_user


def _place(row: Any) -> str:
    return place_words(row.get("place"), row.get("governorate"), row.get("geo_precision"))


def _where(row: Any) -> str:
    """The place after an event's type in a title: "in Ashrafiyeh, Aleppo", "near Aleppo"."""
    written = _place(row)
    return written if written.startswith("near ") else f"in {written}"


def configure_templates(templates: Jinja2Templates) -> None:
    """Filters the templates use."""
    env = templates.env
    env.filters["when"] = when
    env.filters["label"] = words
    env.filters["ruling_words"] = ruling_words
    env.filters["attribution"] = attribution_words
    env.filters["grade"] = grade_words
    env.filters["place"] = _place
    env.filters["where"] = _where
    env.filters["toll"] = toll
    env.filters["toll_value"] = lambda v: toll({f"v_{k}": n for k, n in v.items()}, "v")
    env.filters["by_gravity"] = by_gravity
    env.globals["query"] = query
    env.globals["RULING_COLOURS"] = RULING_COLOURS
    env.globals["CSRF_FIELD"] = CSRF_FIELD


def query(keep: Mapping[str, Any], **changes: Any) -> str:
    """A query string keeping ``keep`` (a list value repeats its parameter) with ``changes``
    made (None drops a parameter): the links of a list's sortable headers and pager."""
    merged = {**keep, **changes}
    return urlencode({k: v for k, v in merged.items() if v is not None}, doseq=True)


def by_gravity(rulings: list[dict]) -> list[dict]:
    """Rulings gravest first (a violation before "not in force"), then by agreement."""
    rank = {value: i for i, value in enumerate(RULING_ORDER)}
    return sorted(rulings, key=lambda r: (rank.get(r["ruling"], len(rank)), r["agreement"]))


def when(value: Any) -> str:
    """A time with its zone (always UTC: "2016-03-01 14:30 UTC"), a day as ISO, "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)  # the store keeps UTC
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def toll(row: dict, which: str) -> str:
    """A toll (``killed``, ``injured``) as its range and best figure, "—" when none is given;
    from a stored row (``killed_low``...) or an API item (``killed: {low, best, high}``)."""
    given = row.get(which)
    if isinstance(given, dict):
        low, best, high = (given.get(k) for k in ("low", "best", "high"))
    else:
        low, best, high = (row.get(f"{which}_{k}") for k in ("low", "best", "high"))
    if best is None and low is None and high is None:
        return "—"
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" (best {best})" if best is not None else "")
    return str(next(v for v in (best, low, high) if v is not None))


async def connection(request: Request) -> AsyncIterator[Connection]:
    """A read connection for one page, awaited like the API's (see ``api.pooled``)."""
    async with pooled(request, lambda r: r.app.state.store.engine.connect()) as conn:
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
