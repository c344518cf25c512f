"""The query parameters the API's event and incident lists share: their filters (repeated
values mean any of them), ``include``, and paging by ``limit`` with ``offset`` or a cursor
(``after``), with the ``next`` cursor and URL of each page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query
from pydantic import StringConstraints
from starlette.datastructures import URL

from trucewatch.web import queries
from trucewatch.web.filters import MAX_VALUES, IncidentFilter
from trucewatch.web.paging import Cursor, read_cursor
from trucewatch.web.schemas import GradeName, IncidentTypeName, RulingName

NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses NUL in text: reject it at the door, not with a 500
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


Word = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]


def any_of(name: str, what: str, item: Any = Word) -> Any:
    """A repeatable query parameter: ``?name=a&name=b`` keeps both and means either."""
    return Annotated[
        list[item] | None,
        Query(
            max_length=MAX_VALUES,
            description=f"{what}. Repeat the parameter for any of several "
            f"(`{name}=a&{name}=b`), up to {MAX_VALUES}.",
        ),
    ]


Governorates = any_of(
    "governorate", "Governorate, in any spelling the gazetteer knows (`Halab` is Aleppo)"
)
Types = any_of("type", "Incident type", IncidentTypeName)
Actors = any_of(
    "actor",
    "Perpetrator or target, by any alias the actor dictionary knows, with the units under it "
    "(`VKS`; `Russian forces` also finds the Russian Aerospace Forces); a country's name the "
    "dictionary lacks finds the actors named after its people (`Russia`)",
)
Rulings = any_of("ruling", "A current ruling of the event", RulingName)
Grades = any_of("grade", "Grade", GradeName)
Agreements = any_of(
    "agreement", "Agreement id: the event has a current ruling under it (with `ruling`: that one)"
)
RulingAgreements = any_of("agreement", "Agreement id: rulings under it")


async def incident_filter(
    date_from: Annotated[
        dt.date | None,
        Query(description="first day (calendar day, UTC) of the best day (`event_date`)"),
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="last day (calendar day, UTC), inclusive")
    ] = None,
    governorate: Governorates = None,
    type: Types = None,
    actor: Actors = None,
    ruling: Rulings = None,
    grade: Grades = None,
    agreement: Agreements = None,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="text search")
    ] = None,
) -> IncidentFilter:
    """The incident filters from the query string: each filter narrows; several values of one
    filter mean any of them."""
    return IncidentFilter(date_from, date_to, governorate, type, actor, ruling, grade, agreement, q)


Filter = Annotated[IncidentFilter, Depends(incident_filter)]


@dataclass(frozen=True, slots=True)
class ListPage:
    """Where a page of a cursor-paged list starts, and how long it is."""

    limit: int
    offset: int
    after: str | None


async def list_page(
    limit: Limit = 50,
    offset: Offset = 0,
    after: Annotated[
        str | None,
        Query(
            max_length=400,
            pattern=r"^[A-Za-z0-9_-]*$",
            description="Cursor: the `next` of the page before; the page starts after it "
            "(not with `offset`).",
        ),
    ] = None,
) -> ListPage:
    """``limit`` with either ``offset`` or the cursor ``after``."""
    return ListPage(limit, offset, after)


Paging = Annotated[ListPage, Depends(list_page)]
Include = Annotated[
    list[Literal["rulings"]] | None,
    Query(
        max_length=5,
        description="`rulings`: give each item its current rulings with their reasons (left "
        "out by default: on a long list they are most of the answer).",
    ),
]


def cursor(kind: str, after: str | None, offset: int) -> Cursor | None:
    """The cursor ``after`` names in list ``kind``; a 422 saying why for one it never gave."""
    if after is None:
        return None
    if offset:
        raise HTTPException(422, "after: give a cursor or an offset, not both")
    try:
        return read_cursor(kind, after)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None


def paged(
    url: URL, rows: list[dict], limit: int, next_of: Callable[[list[dict]], Cursor]
) -> tuple[list[dict], dict]:
    """The page's rows (``rows`` holds one more than a page when there is a next one) and its
    ``next`` cursor and URL (relative: a proxy in front may serve another host)."""
    if len(rows) <= limit:
        return rows, {"next": None, "next_url": None}
    rows = rows[:limit]
    token = next_of(rows).token()
    following = url.remove_query_params("offset").include_query_params(after=token)
    return rows, {"next": token, "next_url": f"{following.path}?{following.query}"}
