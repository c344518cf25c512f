"""Extraction results in the store: incidents, claims and the mentions behind every value."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, Row, delete, select

from trucewatch.model.incident import (
    Claim,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)
from trucewatch.model.report import Mention
from trucewatch.store.schema import claims, extractions, incidents, mentions, reports


def incident_id(report_id: str, seq: int) -> str:
    """Stable id of the seq-th incident extracted from a report."""
    return f"{report_id}-i{seq}"


def claim_id(report_id: str, seq: int) -> str:
    """Stable id of the seq-th claim extracted from a report."""
    return f"{report_id}-c{seq}"


def unextracted_report_ids(conn: Connection, extractor: str | None = None) -> list[str]:
    """Reports with no extraction yet (or, given ``extractor``, none by that version)."""
    done = select(extractions.c.report_id)
    if extractor is not None:
        done = done.where(extractions.c.extractor == extractor)
    query = select(reports.c.id).where(reports.c.id.not_in(done)).order_by(reports.c.id)
    return list(conn.execute(query).scalars())


def save_extraction(
    conn: Connection,
    report_id: str,
    found_incidents: Sequence[Incident],
    found_claims: Sequence[Claim],
    extractor: str,
) -> None:
    """Replace a report's extraction with this one; call inside a transaction."""
    _delete_extraction(conn, report_id)
    now = dt.datetime.now(dt.UTC)
    mention_rows = []
    for seq, incident in enumerate(found_incidents):
        iid = incident_id(report_id, seq)
        conn.execute(incidents.insert().values(_incident_row(incident, iid, report_id, seq, now)))
        mention_rows += [_mention_row(m, report_id, incident_id=iid) for m in incident.evidence]
    for seq, claim in enumerate(found_claims):
        cid = claim_id(report_id, seq)
        conn.execute(
            claims.insert().values(
                id=cid,
                report_id=report_id,
                seq=seq,
                claimant=claim.claimant,
                quantity=claim.quantity,
                unit=claim.unit,
                period=claim.period,
                subject=claim.subject,
                of_total=claim.of_total,
                percent=claim.percent,
            )
        )
        mention_rows += [_mention_row(m, report_id, claim_id=cid) for m in claim.evidence]
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    conn.execute(
        extractions.insert().values(
            report_id=report_id,
            extractor=extractor,
            incidents=len(found_incidents),
            claims=len(found_claims),
            extracted_at=now,
        )
    )


def _delete_extraction(conn: Connection, report_id: str) -> None:
    conn.execute(delete(mentions).where(mentions.c.report_id == report_id))
    conn.execute(delete(claims).where(claims.c.report_id == report_id))
    conn.execute(delete(incidents).where(incidents.c.report_id == report_id))
    conn.execute(delete(extractions).where(extractions.c.report_id == report_id))


def _incident_row(incident: Incident, iid: str, report_id: str, seq: int, now: dt.datetime) -> dict:
    place = incident.place
    return {
        "id": iid,
        "report_id": report_id,
        "seq": seq,
        "type": incident.type.value,
        "date": incident.date,
        "time": incident.time,
        "time_precision": int(incident.time_precision) if incident.time_precision else None,
        "place": place.name if place else None,
        "governorate": place.governorate if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": int(place.geo_precision) if place else None,
        "perpetrator": incident.perpetrator,
        "target": incident.target,
        "killed_low": incident.killed.low,
        "killed_best": incident.killed.best,
        "killed_high": incident.killed.high,
        "injured_low": incident.injured.low,
        "injured_best": incident.injured.best,
        "injured_high": incident.injured.high,
        "main": incident.main,
        "extracted_at": now,
    }


def _mention_row(
    mention: Mention, report_id: str, *, incident_id: str | None = None, claim_id: str | None = None
) -> dict:
    return {
        "report_id": report_id,
        "incident_id": incident_id,
        "claim_id": claim_id,
        "field": mention.field,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def _incident(row: Row, evidence: list[Mention]) -> Incident:
    place = None
    if row.place is not None or row.governorate is not None:
        place = Place(
            name=row.place or row.governorate,
            governorate=row.governorate,
            lat=row.lat,
            lon=row.lon,
            geo_precision=GeoPrecision(row.geo_precision or GeoPrecision.REGION),
        )
    time = row.time
    if time is not None and time.tzinfo is None:  # SQLite hands back naive datetimes
        time = time.replace(tzinfo=dt.UTC)
    return Incident(
        id=row.id,
        report_id=row.report_id,
        type=IncidentType(row.type),
        date=row.date,
        time=time,
        time_precision=TimePrecision(row.time_precision) if row.time_precision else None,
        place=place,
        perpetrator=row.perpetrator,
        target=row.target,
        killed=Toll(row.killed_low, row.killed_best, row.killed_high),
        injured=Toll(row.injured_low, row.injured_best, row.injured_high),
        main=row.main,
        evidence=evidence,
    )


def iter_incidents(conn: Connection, ids: Sequence[str] | None = None) -> Iterator[Incident]:
    """Stored incidents with their evidence, in report order."""
    query = select(incidents).order_by(incidents.c.report_id, incidents.c.seq)
    if ids is not None:
        query = query.where(incidents.c.id.in_(ids))
    rows = conn.execute(query).all()
    evidence: dict[str, list[Mention]] = defaultdict(list)
    mention_query = (
        select(mentions).where(mentions.c.incident_id.is_not(None)).order_by(mentions.c.id)
    )
    if ids is not None:
        mention_query = mention_query.where(mentions.c.incident_id.in_(ids))
    for m in conn.execute(mention_query):
        evidence[m.incident_id].append(Mention(m.field, m.start, m.end, m.text, m.report_id))
    for row in rows:
        yield _incident(row, evidence[row.id])


def iter_claims(conn: Connection) -> Iterator[Claim]:
    """Stored claims with their evidence."""
    evidence: dict[str, list[Mention]] = defaultdict(list)
    for m in conn.execute(select(mentions).where(mentions.c.claim_id.is_not(None))):
        evidence[m.claim_id].append(Mention(m.field, m.start, m.end, m.text, m.report_id))
    for row in conn.execute(select(claims).order_by(claims.c.report_id, claims.c.seq)):
        yield Claim(
            claimant=row.claimant,
            quantity=row.quantity,
            unit=row.unit,
            period=row.period,
            subject=row.subject,
            of_total=row.of_total,
            percent=row.percent,
            evidence=evidence[row.id],
            report_id=row.report_id,
        )
