"""The read queries behind the rulings and source-reports registers, filtered and paged in SQL.

Rulings are read per event: each event's current version under each agreement (no newer
version exists), joined to the event for its best day, place and actors, and to the analysts'
review of it (``unreviewed`` when none started).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from trucewatch.store.centre_tables import ruling_reviews
from trucewatch.store.corroboration_tables import (
    events,
    reuse_clusters,
    reuse_members,
)
from trucewatch.store.schema import extractions, reports, rulings, sources
from trucewatch.web.queries import report_incidents

MAX_LIMIT = 500
REVIEW = func.coalesce(ruling_reviews.c.status, "unreviewed")


@dataclass(frozen=True, slots=True)
class RulingFilter:
    """What the rulings register narrows by; every field is optional."""

    agreement: str | None = None
    ruling: str | None = None
    party: str | None = None  # the event's perpetrator or target, case-blind
    governorate: str | None = None
    date_from: dt.date | None = None  # on the event's best day
    date_to: dt.date | None = None
    review: str | None = None  # unreviewed, under_review, upheld, overturned

    def active(self) -> dict[str, str]:
        """The filters in use, as query-string pairs (for links that keep them)."""
        pairs = {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in (
                ("agreement", self.agreement),
                ("ruling", self.ruling),
                ("party", self.party),
                ("governorate", self.governorate),
                ("date_from", self.date_from),
                ("date_to", self.date_to),
                ("review", self.review),
            )
        }
        return {k: v for k, v in pairs.items() if v}


def _current_rulings(f: RulingFilter, *columns) -> Select:
    newer = aliased(rulings)
    joined = rulings.join(events, events.c.id == rulings.c.event_id).outerjoin(
        ruling_reviews,
        and_(
            ruling_reviews.c.incident_id == rulings.c.event_id,
            ruling_reviews.c.agreement == rulings.c.agreement,
        ),
    )
    where = [
        ~exists().where(
            newer.c.event_id == rulings.c.event_id,
            newer.c.agreement == rulings.c.agreement,
            newer.c.version > rulings.c.version,
        )
    ]
    if f.agreement:
        where.append(rulings.c.agreement == f.agreement)
    if f.ruling:
        where.append(rulings.c.ruling == f.ruling)
    if f.party:
        party = f.party.lower()
        where.append(
            or_(func.lower(events.c.perpetrator) == party, func.lower(events.c.target) == party)
        )
    if f.governorate:
        where.append(func.lower(events.c.governorate) == f.governorate.lower())
    if f.date_from:
        where.append(events.c.event_date >= f.date_from)
    if f.date_to:
        where.append(events.c.event_date <= f.date_to)
    if f.review:
        where.append(f.review == REVIEW)
    return select(*columns).select_from(joined).where(*where)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def search_rulings(
    conn: Connection, f: RulingFilter, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Current rulings per event matching ``f``, newest best day first, and how many match."""
    total = conn.execute(_current_rulings(f, func.count())).scalar_one()
    query = (
        _current_rulings(
            f,
            rulings.c.event_id,
            rulings.c.agreement,
            rulings.c.ruling,
            rulings.c.reasons,
            rulings.c.version,
            rulings.c.ruled_at,
            events.c.type,
            events.c.event_date,
            events.c.date_earliest,
            events.c.date_latest,
            events.c.place,
            events.c.governorate,
            events.c.perpetrator,
            events.c.target,
            events.c.grade,
            events.c.sources,
            REVIEW.label("review"),
            ruling_reviews.c.version.label("review_version"),
        )
        .order_by(events.c.event_date.desc().nulls_last(), rulings.c.event_id, rulings.c.agreement)
        .limit(min(max(limit, 0), MAX_LIMIT))
        .offset(max(offset, 0))
    )
    rows = []
    for r in conn.execute(query):
        row = dict(r._mapping)
        row["ruled_at"] = _utc(row["ruled_at"])
        row["reasons"] = list(row["reasons"] or [])
        rows.append(row)
    return total, rows


def ruling_menus(conn: Connection) -> dict[str, list[str]]:
    """Agreements ruled under, and governorates and parties of events, for the filter menus."""

    def values(column) -> list[str]:
        query = select(column).where(column.is_not(None)).distinct().order_by(column)
        return [v for v in conn.execute(query).scalars() if v]

    return {
        "agreements": values(rulings.c.agreement),
        "governorates": values(events.c.governorate),
        "parties": sorted(set(values(events.c.perpetrator)) | set(values(events.c.target))),
    }


def search_source_reports(
    conn: Connection, q: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Stored reports (without text), newest first, each with its extraction and its reuse
    cluster (when its text reappears elsewhere), and the incidents extracted from it."""
    joined = (
        reports.join(sources, sources.c.id == reports.c.source_id)
        .outerjoin(extractions, extractions.c.report_id == reports.c.id)
        .outerjoin(reuse_members, reuse_members.c.report_id == reports.c.id)
        .outerjoin(reuse_clusters, reuse_clusters.c.id == reuse_members.c.cluster_id)
    )
    where = []
    if q:
        where.append(
            or_(
                reports.c.title.icontains(q, autoescape=True),
                sources.c.name.icontains(q, autoescape=True),
            )
        )
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    query = (
        select(
            reports.c.id,
            reports.c.title,
            reports.c.url,
            reports.c.language,
            reports.c.published_date,
            sources.c.name.label("source"),
            extractions.c.extractor,
            extractions.c.incidents.label("incident_count"),
            extractions.c.claims.label("claim_count"),
            extractions.c.extracted_at,
            reuse_clusters.c.id.label("reuse_cluster"),
            reuse_clusters.c.size.label("reuse_size"),
            reuse_clusters.c.original_report_id.label("reuse_original"),
        )
        .select_from(joined)
        .where(*where)
        .order_by(reports.c.published_date.desc().nulls_last(), reports.c.id)
        .limit(min(max(limit, 0), MAX_LIMIT))
        .offset(max(offset, 0))
    )
    rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        if row["extracted_at"] is not None:
            row["extracted_at"] = _utc(row["extracted_at"])
    _attach_incidents(conn, rows)
    return total, rows


def _attach_incidents(conn: Connection, rows: list[dict]) -> None:
    """Each report's extracted incidents (its main incident first) and the event each joined."""
    found = report_incidents(conn, [r["id"] for r in rows])
    for row in rows:
        row["incidents"] = [
            {k: v for k, v in item.items() if k != "report_id"} for item in found.get(row["id"], [])
        ]
