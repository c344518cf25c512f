"""Reading and writing reports, sources and quarantined inputs."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, Row, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from trucewatch.ingest.records import Rejected
from trucewatch.model.report import Published, PublishedBasis, Report, Source
from trucewatch.store.schema import quarantine, report_origins, reports, sources


def _insert_ignoring_conflicts(conn: Connection, table: Table):
    """INSERT that skips rows whose key already exists (both dialects spell it ON CONFLICT)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def source_ids(conn: Connection, names: set[str]) -> dict[str, int]:
    """Ids of the named sources, creating the missing ones."""
    if names:
        conn.execute(
            _insert_ignoring_conflicts(conn, sources), [{"name": n} for n in sorted(names)]
        )
    rows = conn.execute(select(sources.c.name, sources.c.id).where(sources.c.name.in_(names)))
    return {name: id_ for name, id_ in rows}


def save_reports(conn: Connection, batch: Sequence[Report]) -> list[str]:
    """Store the reports not yet present; return the ids that were new."""
    if not batch:
        return []
    ids = {r.id for r in batch}
    present = set(conn.execute(select(reports.c.id).where(reports.c.id.in_(ids))).scalars())
    unique: dict[str, Report] = {}
    for report in batch:
        if report.id not in present:
            unique.setdefault(report.id, report)
    if not unique:
        return []
    source_id = source_ids(conn, {r.source.name for r in unique.values()})
    now = dt.datetime.now(dt.UTC)
    rows = [_row(r, source_id[r.source.name], now) for r in unique.values()]
    conn.execute(_insert_ignoring_conflicts(conn, reports), rows)
    return list(unique)


def _row(report: Report, source_id: int, now: dt.datetime) -> dict:
    published = report.published
    return {
        "id": report.id,
        "source_id": source_id,
        "content_hash": report.content_hash,
        "title": report.title,
        "url": report.url,
        "text": report.text,
        "raw": report.raw,
        "language": report.language,
        "published_date": published.date,
        "published_earliest": published.earliest,
        "published_latest": published.latest,
        "published_basis": published.basis.value,
        "published_reason": published.reason,
        "origin": report.origin,
        "row": report.row,
        "external_id": report.external_id,
        "annotations": report.annotations,
        "repairs": list(report.repairs),
        "ingested_at": now,
    }


def save_rejections(conn: Connection, batch: Sequence[Rejected]) -> int:
    """Quarantine rejected inputs (the same one twice is stored once); return how many were new."""
    if not batch:
        return 0
    now = dt.datetime.now(dt.UTC)
    rows = {}
    for item in batch:
        key = hashlib.sha256(
            b"\n".join(
                [item.origin.encode(), item.location.encode(), item.reason.encode(), item.raw]
            )
        ).hexdigest()[:32]
        rows[key] = {
            "id": key,
            "origin": item.origin,
            "location": item.location,
            "reason": item.reason,
            "raw": item.raw,
            "quarantined_at": now,
        }
    present = set(conn.execute(select(quarantine.c.id).where(quarantine.c.id.in_(rows))).scalars())
    new = [row for key, row in rows.items() if key not in present]
    if new:
        conn.execute(_insert_ignoring_conflicts(conn, quarantine), new)
    return len(new)


def _report(row: Row) -> Report:
    return Report(
        id=row.id,
        source=Source(row.source),
        text=row.text,
        title=row.title,
        url=row.url,
        published=Published(
            basis=PublishedBasis(row.published_basis),
            date=row.published_date,
            earliest=row.published_earliest,
            latest=row.published_latest,
            reason=row.published_reason,
        ),
        language=row.language,
        origin=row.origin,
        row=row.row,
        external_id=row.external_id,
        annotations=dict(row.annotations or {}),
        repairs=tuple(row.repairs or ()),
        raw=row.raw,
        content_hash=row.content_hash,
    )


_REPORT_SELECT = select(reports, sources.c.name.label("source")).join(
    sources, sources.c.id == reports.c.source_id
)


def iter_reports(conn: Connection, ids: Sequence[str] | None = None) -> Iterator[Report]:
    """Stored reports in a stable order (by origin and row, then id)."""
    query = _REPORT_SELECT.order_by(reports.c.origin, reports.c.row, reports.c.id)
    if ids is not None:
        query = query.where(reports.c.id.in_(ids))
    for row in conn.execute(query):
        yield _report(row)


def get_report(conn: Connection, report_id: str) -> Report | None:
    """One stored report by id."""
    row = conn.execute(_REPORT_SELECT.where(reports.c.id == report_id)).first()
    return _report(row) if row else None


def report_ids(conn: Connection) -> list[str]:
    """Every stored report's id, in a stable order."""
    return list(conn.execute(select(reports.c.id).order_by(reports.c.id)).scalars())


def publication_dates(conn: Connection) -> dict[str, dt.date]:
    """Report id → publication date, for the reports whose date is known (not inferred)."""
    query = select(reports.c.id, reports.c.published_date).where(
        reports.c.published_date.is_not(None)
    )
    return dict(conn.execute(query).tuples().all())


def count_reports(conn: Connection) -> int:
    """How many reports the store holds."""
    return conn.execute(select(func.count()).select_from(reports)).scalar_one()


def list_quarantine(conn: Connection) -> list[dict]:
    """Quarantined inputs, oldest first."""
    query = select(quarantine.c.origin, quarantine.c.location, quarantine.c.reason).order_by(
        quarantine.c.quarantined_at, quarantine.c.origin, quarantine.c.location
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def origin_key(report_id: str, origin: str | None, row: int | None, url: str | None) -> str:
    """The key of one arrival of a report (the same as migration 0006's backfill)."""
    return hashlib.sha256(f"{report_id}\x1f{origin}\x1f{row}\x1f{url}".encode()).hexdigest()


def save_origins(
    conn: Connection, arrivals: Iterable[tuple[str, str | None, int | None, str | None]]
) -> int:
    """Keep every place a report came from: ``(report id, file, row, url)`` tuples; arrivals
    already kept are skipped. Call after the reports are saved (they are referenced)."""
    from trucewatch.store.bulk import insert_ignoring_conflicts

    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "key": origin_key(rid, origin, row, url),
            "report_id": rid,
            "origin": origin,
            "row": row,
            "url": url,
            "first_seen_at": now,
        }
        for rid, origin, row, url in arrivals
    ]
    return insert_ignoring_conflicts(conn, report_origins, rows)


def origins_of(conn: Connection, report_id: str) -> list[dict]:
    """Every place a report came from, in file and row order."""
    query = (
        select(report_origins.c.origin, report_origins.c.row, report_origins.c.url)
        .where(report_origins.c.report_id == report_id)
        .order_by(report_origins.c.origin, report_origins.c.row, report_origins.c.url)
    )
    return [dict(r._mapping) for r in conn.execute(query)]
