"""The read queries behind the API and the pages about what each report said (its incidents):
filters, counts and pagination done in SQL. Events, what the mission publishes, are read by
:mod:`trucewatch.web.event_queries`; an incident shows the rulings of the event it belongs to.

Nothing here loads the whole store into Python: an incident page is one filtered, ordered,
limited query for its ids (read in order from an index), one for their rows and one for their
rulings; the other lists are a count and one query for the page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from trucewatch.report.words import gravest
from trucewatch.store.centre_tables import incident_grades
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.schema import claims, incidents, mentions, reports, rulings, sources
from trucewatch.web.filters import ANY_OF, IncidentFilter, values_of
from trucewatch.web.paging import Cursor, keyset

# The grade shown and filtered on: an analyst's verdict on the incident, else the grade of the
# event it belongs to, else unverified (not yet corroborated).
GRADE = func.coalesce(incident_grades.c.status, events.c.grade, "unverified")

MAX_LIMIT = 500
# The API's incident list counts matches up to this many, then says "more than": an exact
# count reads every match, and a backfilled store has a million.
COUNT_LIMIT = 1000
MAP_LIMIT = 5000


def current_rulings_table():
    """Rulings whose version is the newest for their event and agreement."""
    newer = aliased(rulings)
    return (
        select(rulings)
        .where(
            ~exists().where(
                newer.c.event_id == rulings.c.event_id,
                newer.c.agreement == rulings.c.agreement,
                newer.c.version > rulings.c.version,
            )
        )
        .subquery("current_rulings")
    )


def _active(f: IncidentFilter) -> frozenset[str]:
    """The names of the filters ``f`` uses: what shapes its statement (not their values)."""
    return frozenset(f.active())


def _like_escaped(words: str) -> str:
    """``words`` as plain text inside LIKE, with ``/`` escaping (what ``autoescape`` does)."""
    return words.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _filter_params(f: IncidentFilter, active: frozenset[str]) -> dict[str, object]:
    """The values of the parameters ``_conditions(active)`` names (``active`` is ``f``'s): the
    any-of filters as lists, governorates and actors with every name they stand for."""
    values: dict[str, object] = {
        "date_from": f.date_from,
        "date_to": f.date_to,
        "governorate": list(f.governorates()),
        "type": list(f.type),
        "actor": list(f.actors()),
        "ruling": list(f.ruling),
        "grade": list(f.grade),
        "agreement": list(f.agreement),
        "q": _like_escaped(f.q.strip()) if f.q else None,
    }
    return {k: v for k, v in values.items() if k in active}


def _conditions(active: frozenset[str]) -> list[ColumnElement[bool]]:
    """The WHERE clauses of the filters named in ``active``, each value a parameter named after
    its filter (``_filter_params``): a statement built once per set of filters in use then
    serves every request using them (building and keying a statement cost more than running
    it, issue 9)."""
    t = incidents.c
    p = {name: bindparam(name, expanding=True) for name in ANY_OF}
    where: list[ColumnElement[bool]] = []
    if "date_from" in active:
        where.append(t.date >= bindparam("date_from", type_=Date))
    if "date_to" in active:
        where.append(t.date <= bindparam("date_to", type_=Date))
    if "governorate" in active:
        where.append(func.lower(t.governorate).in_(p["governorate"]))
    if "type" in active:
        where.append(t.type.in_(p["type"]))
    if "actor" in active:
        where.append(
            or_(func.lower(t.perpetrator).in_(p["actor"]), func.lower(t.target).in_(p["actor"]))
        )
    if "ruling" in active or "agreement" in active:
        current = current_rulings_table()
        member = aliased(event_members)
        match = [member.c.incident_id == t.id, current.c.event_id == member.c.event_id]
        if "ruling" in active:
            match.append(current.c.ruling.in_(p["ruling"]))
        if "agreement" in active:
            match.append(current.c.agreement.in_(p["agreement"]))
        where.append(exists().select_from(member).where(and_(*match)))
    if "grade" in active:
        where.append(GRADE.in_(p["grade"]))
    if "q" in active:
        words = bindparam("q", type_=String)
        columns = (t.place, t.governorate, t.perpetrator, t.target, reports.c.title, reports.c.text)
        where.append(or_(*(col.icontains(words, escape="/") for col in columns)))
    return where


def _shaped_select(active: frozenset[str], columns: tuple, narrow: bool) -> Select:
    """Incidents matching the filters named in ``active`` (values still to bind). A ``narrow``
    select (a count, or a page's ids) joins only what the filters read: every incident has a
    report, and the grade joins are outer, so leaving them out changes no row but saves work."""
    base = select(*columns).select_from(incidents)
    if not narrow or "q" in active:
        base = base.join(reports, reports.c.id == incidents.c.report_id)
    if not narrow:
        base = base.join(sources, sources.c.id == reports.c.source_id)
    if not narrow or "grade" in active:
        base = (
            base.outerjoin(incident_grades, incident_grades.c.id == incidents.c.id)
            .outerjoin(event_members, event_members.c.incident_id == incidents.c.id)
            .outerjoin(events, events.c.id == event_members.c.event_id)
        )
    return base.where(*_conditions(active))


def _incident_select(f: IncidentFilter, *columns, narrow: bool = False) -> Select:
    """Incidents matching ``f``, its values bound (see ``_shaped_select``)."""
    active = _active(f)
    base = _shaped_select(active, columns, narrow)
    return base.params(_filter_params(f, active)) if active else base


@cache
def _page_ids(active: frozenset[str], sort: str | None = None) -> Select:
    """A page's incident ids, newest first or in the order ``sort`` names (``SORTS``; binds
    the filters, ``limit`` and ``offset``). Sorted by another column, the select joins what
    the shown columns read (source, grade), as the rows do."""
    order = _sort_order(sort)
    return (
        _shaped_select(active, (incidents.c.id,), not order)
        .order_by(*(order or NEWEST_FIRST))
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )


@cache
def _capped_count(active: frozenset[str]) -> Select:
    """How many match, counting no further than ``up_to`` (binds the filters and ``up_to``)."""
    matching = _shaped_select(active, (incidents.c.id,), True).limit(
        bindparam("up_to", type_=Integer)
    )
    return select(func.count()).select_from(matching.subquery())


_ROW_COLUMNS = (
    incidents,
    reports.c.title.label("report_title"),
    sources.c.name.label("source"),
    GRADE.label("grade"),
    event_members.c.event_id.label("event_id"),
)
# The lists' order, newest first; the ``ix_incidents_*newest`` indexes hold it, so a page is
# read in order instead of sorting every match.
NEWEST_FIRST = (incidents.c.date.desc().nulls_last(), incidents.c.id)

# The columns the incident list may be sorted by (``?sort=source``, ``?sort=-killed``): a
# whitelist, so a query string never names SQL.
SORTS: dict[str, ColumnElement] = {
    "date": incidents.c.date,
    "type": incidents.c.type,
    "place": func.lower(func.coalesce(incidents.c.place, incidents.c.governorate)),
    "perpetrator": func.lower(incidents.c.perpetrator),
    "target": func.lower(incidents.c.target),
    "killed": func.coalesce(
        incidents.c.killed_best, incidents.c.killed_high, incidents.c.killed_low
    ),
    "grade": GRADE,
    "source": func.lower(sources.c.name),
}


def sort_order(sort: str | None, columns: dict[str, ColumnElement], tie: ColumnElement) -> tuple:
    """The ORDER BY of a list's ``sort`` value (a name in ``columns``, ``-`` first for
    descending), rows without the value last, then ``tie`` so pages are stable; () for no sort
    or a name not in ``columns``."""
    name = (sort or "").removeprefix("-")
    column = columns.get(name)
    if column is None:
        return ()
    ordered = column.desc() if (sort or "").startswith("-") else column.asc()
    return (ordered.nulls_last(), tie)


def _sort_order(sort: str | None) -> tuple:
    """The incident list's ORDER BY for ``sort`` (see ``sort_order``)."""
    return sort_order(sort, SORTS, incidents.c.id)


def _among_ids(column: ColumnElement, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the values bound as ``ids``.

    On PostgreSQL one array parameter: the statement's text is then the same for any number of
    ids, so the driver prepares it and the server plans it once per connection instead of on
    every page (planning the joins cost more than running them). Elsewhere an expanding IN."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", type_=ARRAY(String)))
    return column.in_(bindparam("ids", expanding=True))


@cache
def _by_ids(dialect: str) -> tuple[Select, Select, Select]:
    """Built once per dialect: incident rows (report title, source, grade, event), current
    rulings, and only the current rulings' values, of the events whose ids are bound as
    ``ids``."""
    rows = _incident_select(IncidentFilter(), *_ROW_COLUMNS).where(
        _among_ids(incidents.c.id, dialect)
    )
    current = current_rulings_table()
    rulings_of = (
        select(current)
        .where(_among_ids(current.c.event_id, dialect))
        .order_by(current.c.event_id, current.c.agreement)
    )
    values_of_rulings = select(current.c.event_id, current.c.ruling).where(
        _among_ids(current.c.event_id, dialect)
    )
    return rows, rulings_of, values_of_rulings


def _rows_in_order(conn: Connection, ids: list[str], rulings: bool) -> list[dict]:
    """Full rows for the incident ``ids``, in their order, each with its event's gravest ruling
    and, when ``rulings``, its current rulings.

    The ids come from the narrow select, whose ordered, limited scan stops at the page; the
    joins for the shown columns then run for those rows only."""
    if not ids:
        return []
    rows_of, _, _ = _by_ids(conn.dialect.name)
    result = conn.execute(rows_of, {"ids": ids})
    keys = tuple(result.keys())
    # One dict per row straight from its values (``dict(row._mapping)`` costs more); the
    # incidents' id is the first column.
    found = {row[0]: dict(zip(keys, row, strict=True)) for row in result}
    rows = [found[i] for i in ids if i in found]  # one re-extracted in between is gone
    attach_rulings(conn, rows, full=rulings)
    return rows


def incident_page(
    conn: Connection,
    f: IncidentFilter,
    limit: int = 50,
    offset: int = 0,
    *,
    after: Cursor | None = None,
    rulings: bool = True,
    sort: str | None = None,
) -> list[dict]:
    """One page of incidents matching ``f``, newest first (or in the order ``sort`` names, see
    ``SORTS``), with their gravest current ruling and (``rulings``) every current ruling:
    ``limit`` rows from ``offset``, or those following the cursor ``after`` (see
    :mod:`trucewatch.web.paging`; a cursor follows the newest-first order only)."""
    active = _active(f)
    limit = min(max(limit, 0), MAX_LIMIT + 1)  # one more than a page: is there a next one?
    params = _filter_params(f, active)
    if after is None:
        page = _page_ids(active, sort if _sort_order(sort) else None)
        params.update(limit=limit, offset=max(offset, 0))
    else:
        narrow = _shaped_select(active, (incidents.c.id, incidents.c.date), True)
        page = keyset(narrow, incidents.c.date, incidents.c.id, after, limit)
    ids = list(conn.execute(page, params).scalars())
    return _rows_in_order(conn, ids, rulings)


def next_incident(rows: list[dict]) -> Cursor:
    """The cursor after the last of ``rows`` (a page of incidents)."""
    return Cursor("incidents", rows[-1]["date"], rows[-1]["id"])


def count_incidents(
    conn: Connection, f: IncidentFilter, *, up_to: int | None = None
) -> tuple[int, bool]:
    """How many incidents match ``f``, and whether that number is exact.

    With ``up_to``, counting stops once more than ``up_to`` match and ``(up_to, False)`` says
    "more than ``up_to``": an exact count reads every match, which at a million incidents costs
    more than the page itself."""
    if up_to is None:
        return conn.execute(_incident_select(f, func.count(), narrow=True)).scalar_one(), True
    active = _active(f)
    params = {**_filter_params(f, active), "up_to": up_to + 1}
    seen = conn.execute(_capped_count(active), params).scalar_one()
    return (up_to, False) if seen > up_to else (seen, True)


def search_incidents(
    conn: Connection,
    f: IncidentFilter,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
) -> tuple[int, list[dict]]:
    """One page of incidents matching ``f`` (newest first, or as ``sort`` names) and exactly
    how many match in all."""
    total, _ = count_incidents(conn, f)
    return total, incident_page(conn, f, limit, offset, sort=sort)


def attach_rulings(
    conn: Connection, rows: list[dict], key: str = "event_id", *, full: bool = True
) -> None:
    """Give each row its event's gravest current ruling and, when ``full``, the current rulings
    themselves (one query; without ``full`` it reads only their values, not their reasons).
    ``key`` names the row's event id (``event_id`` on an incident row, ``id`` on an event row)."""
    ids = sorted({r[key] for r in rows if r.get(key)})
    found: dict[str, list] = defaultdict(list)
    if ids:
        _, rulings_of, values_only = _by_ids(conn.dialect.name)
        for r in conn.execute(rulings_of if full else values_only, {"ids": ids}):
            found[r.event_id].append(ruling_row(r) if full else {"ruling": r.ruling})
    for row in rows:
        current = found[row[key]] if row.get(key) else []
        if full:
            row["rulings"] = current
        row["ruling"] = gravest([r["ruling"] for r in current])


def ruling_row(r) -> dict:
    """A stored ruling as the API writes it (``RulingOut``)."""
    ruled_at = r.ruled_at if r.ruled_at.tzinfo else r.ruled_at.replace(tzinfo=dt.UTC)
    return {
        "event_id": r.event_id,
        "agreement": r.agreement,
        "ruling": r.ruling,
        "version": r.version,
        "ruled_at": ruled_at,
        "reasons": list(r.reasons or []),
    }


def get_incident(conn: Connection, incident_id: str) -> dict | None:
    """One incident with its report, grade and current rulings."""
    rows_of, _, _ = _by_ids(conn.dialect.name)
    row = conn.execute(rows_of, {"ids": [incident_id]}).first()
    if row is None:
        return None
    found = [dict(row._mapping)]
    attach_rulings(conn, found)
    return found[0]


def incident_mentions(conn: Connection, incident_id: str) -> list[dict]:
    """The evidence spans behind an incident's fields, in text order."""
    query = (
        select(
            mentions.c.field,
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
            mentions.c.report_id,
        )
        .where(mentions.c.incident_id == incident_id)
        .order_by(mentions.c.start, mentions.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def ruling_versions(conn: Connection, event_id: str | None) -> list[dict]:
    """Every version of every ruling on one event, oldest first per agreement."""
    if event_id is None:
        return []
    query = (
        select(rulings)
        .where(rulings.c.event_id == event_id)
        .order_by(rulings.c.agreement, rulings.c.version)
    )
    return [ruling_row(r) for r in conn.execute(query)]


def search_rulings(
    conn: Connection,
    *,
    agreement: str | Sequence[str] | None = None,
    ruling: str | Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """Current rulings, optionally under any of some agreements or of any of some values,
    paginated."""
    current = current_rulings_table()
    where = []
    if agreements := values_of(agreement):
        where.append(current.c.agreement.in_(agreements))
    if values := values_of(ruling):
        where.append(current.c.ruling.in_(values))
    total = conn.execute(select(func.count()).select_from(current).where(*where)).scalar_one()
    query = (
        select(current)
        .where(*where)
        .order_by(current.c.event_id, current.c.agreement)
        .limit(min(max(limit, 0), MAX_LIMIT))
        .offset(max(offset, 0))
    )
    return total, [ruling_row(r) for r in conn.execute(query)]


_REPORT_COLUMNS = (
    reports.c.id,
    reports.c.title,
    reports.c.url,
    reports.c.language,
    reports.c.published_date,
    reports.c.published_earliest,
    reports.c.published_latest,
    reports.c.published_basis,
    reports.c.published_reason,
    sources.c.name.label("source"),
)


def search_reports(
    conn: Connection, q: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Reports (without their text), newest first, optionally containing ``q``."""
    where = []
    if q:
        where.append(
            or_(
                reports.c.title.icontains(q, autoescape=True),
                reports.c.text.icontains(q, autoescape=True),
            )
        )
    joined = reports.join(sources, sources.c.id == reports.c.source_id)
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    query = (
        select(*_REPORT_COLUMNS)
        .select_from(joined)
        .where(*where)
        .order_by(reports.c.published_date.desc().nulls_last(), reports.c.id)
        .limit(min(max(limit, 0), MAX_LIMIT))
        .offset(max(offset, 0))
    )
    return total, [dict(r._mapping) for r in conn.execute(query)]


def get_report_row(conn: Connection, report_id: str) -> dict | None:
    """One report with its text (not its raw bytes)."""
    query = (
        select(*_REPORT_COLUMNS, reports.c.text)
        .select_from(reports.join(sources, sources.c.id == reports.c.source_id))
        .where(reports.c.id == report_id)
    )
    row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def reports_by_id(conn: Connection, ids: Sequence[str]) -> dict[str, dict]:
    """Reports with their text, by id."""
    if not ids:
        return {}
    query = (
        select(*_REPORT_COLUMNS, reports.c.text)
        .select_from(reports.join(sources, sources.c.id == reports.c.source_id))
        .where(reports.c.id.in_(list(ids)))
    )
    return {r.id: dict(r._mapping) for r in conn.execute(query)}


def search_claims(
    conn: Connection,
    *,
    claimant: str | None = None,
    unit: str | None = None,
    limit: int = 50,
    offset: int = 0,
    rivals_first: bool = False,
) -> tuple[int, list[dict]]:
    """Attributed numeric claims with their report's title and source, paginated, grouped by
    unit; with ``rivals_first`` the units most claimants give a figure for come first, so
    rival figures lead the page."""
    where = []
    if claimant:
        where.append(claims.c.claimant.icontains(claimant, autoescape=True))
    if unit:
        where.append(func.lower(claims.c.unit) == unit.lower())
    joined = claims.join(reports, reports.c.id == claims.c.report_id).join(
        sources, sources.c.id == reports.c.source_id
    )
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    order = [func.lower(claims.c.unit), claims.c.claimant, claims.c.id]
    if rivals_first:
        unit_key = func.lower(claims.c.unit)
        rivals = (
            select(
                unit_key.label("unit_key"),
                func.count(func.distinct(claims.c.claimant)).label("claimants"),
            )
            .group_by(unit_key)
            .subquery("rivals")
        )
        joined = joined.join(rivals, rivals.c.unit_key == unit_key)
        order.insert(0, rivals.c.claimants.desc())
    query = (
        select(claims, reports.c.title.label("report_title"), sources.c.name.label("source"))
        .select_from(joined)
        .where(*where)
        .order_by(*order)
        .limit(min(max(limit, 0), MAX_LIMIT))
        .offset(max(offset, 0))
    )
    return total, [dict(r._mapping) for r in conn.execute(query)]


def report_incidents(conn: Connection, report_ids: Sequence[str]) -> dict[str, list[dict]]:
    """The incidents each report gave (its main incident first) with the event each is in:
    what a claim in that report is about."""
    found: dict[str, list[dict]] = defaultdict(list)
    query = (
        select(
            incidents.c.report_id,
            incidents.c.id,
            incidents.c.type,
            incidents.c.date,
            incidents.c.place,
            incidents.c.governorate,
            incidents.c.geo_precision,
            incidents.c.main,
            event_members.c.event_id,
        )
        .outerjoin(event_members, event_members.c.incident_id == incidents.c.id)
        .order_by(incidents.c.report_id, incidents.c.main.desc(), incidents.c.seq)
    )
    ids = sorted(set(report_ids))
    for start in range(0, len(ids), 1000):  # within every database's parameter limit
        chunk = ids[start : start + 1000]
        for row in conn.execute(query.where(incidents.c.report_id.in_(chunk))):
            found[row.report_id].append(dict(row._mapping))
    return dict(found)
