"""Extraction results in the store: incidents, claims and the mentions behind every value."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, select

from trucewatch.model import ids
from trucewatch.model.dates import DateBasis, DateWindow
from trucewatch.model.incident import (
    Attribution,
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


def incident_ids(report_id: str, found: Sequence[Incident]) -> list[str]:
    """The ids of a report's incidents, from their content (model.ids), never their position.

    The anchor is the spans of the incident's ``type`` mentions (all its mentions when it has
    none); two incidents with the same anchor get ``~2``, ``~3`` in order.
    """
    out = []
    for incident in found:
        anchor = [(m.start, m.end) for m in incident.evidence if m.field == "type"]
        anchor = anchor or [(m.start, m.end) for m in incident.evidence]
        out.append(ids.incident_id(report_id, incident.type.value, anchor))
    return ids.unique_ids(out)


def claim_ids(report_id: str, found: Sequence[Claim]) -> list[str]:
    """The ids of a report's claims, from the spans of their numbers and their units."""
    out = []
    for claim in found:
        anchor = [(m.start, m.end) for m in claim.evidence if m.field == "quantity"]
        anchor = anchor or [(m.start, m.end) for m in claim.evidence]
        out.append(ids.claim_id(report_id, anchor, claim.unit))
    return ids.unique_ids(out)


def claim_row(claim: Claim, cid: str, report_id: str, seq: int) -> dict:
    """The ``claims`` row of a claim (the one converter: local and Dask paths use it)."""
    return {
        "id": cid,
        "report_id": report_id,
        "seq": seq,
        "claimant": claim.claimant,
        "quantity": claim.quantity,
        "unit": claim.unit,
        "period": claim.period,
        "subject": claim.subject,
        "of_total": claim.of_total,
        "percent": claim.percent,
    }


def stored_incident_ids(conn: Connection, report_id: str) -> list[str]:
    """A report's stored incident ids in the order the extractor listed them (``seq``)."""
    query = select(incidents.c.id).where(incidents.c.report_id == report_id)
    return list(conn.execute(query.order_by(incidents.c.seq)).scalars())


def unextracted_report_ids(conn: Connection, extractor: str | None = None) -> list[str]:
    """Reports with no extraction yet (or, given ``extractor``, none by that version)."""
    done = select(extractions.c.report_id)
    if extractor is not None:
        done = done.where(extractions.c.extractor == extractor)
    query = select(reports.c.id).where(reports.c.id.not_in(done)).order_by(reports.c.id)
    return list(conn.execute(query).scalars())


@dataclass(slots=True)
class ExtractionRows:
    """One report's extraction as rows (ids from content): what :func:`replace_extractions`
    stores. Built by :func:`extraction_rows`, on a Dask worker or in this process."""

    report_id: str
    incidents: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


def extraction_rows(
    report_id: str,
    found_incidents: Sequence[Incident],
    found_claims: Sequence[Claim],
    now: dt.datetime,
) -> ExtractionRows:
    """The incident, claim and mention rows of one report's extraction, ids from content."""
    incident_rows, claim_rows, mention_rows = [], [], []
    for seq, (iid, incident) in enumerate(
        zip(incident_ids(report_id, found_incidents), found_incidents, strict=True)
    ):
        incident_rows.append(_incident_row(incident, iid, report_id, seq, now))
        mention_rows += [_mention_row(m, report_id, incident_id=iid) for m in incident.evidence]
    for seq, (cid, claim) in enumerate(
        zip(claim_ids(report_id, found_claims), found_claims, strict=True)
    ):
        claim_rows.append(claim_row(claim, cid, report_id, seq))
        mention_rows += [_mention_row(m, report_id, claim_id=cid) for m in claim.evidence]
    return ExtractionRows(report_id, incident_rows, claim_rows, mention_rows)


def replace_extractions(
    conn: Connection, results: Sequence[ExtractionRows], extractor: str, now: dt.datetime
) -> None:
    """Replace these reports' extractions with ``results`` in foreign-key order (children
    first: mentions point at incidents and claims); call inside a transaction. The one writer of
    extractions: the local and the Dask paths both call it."""
    from trucewatch.store.bulk import delete_where_in, insert_all

    ids = [x.report_id for x in results]
    for table in (mentions, claims, incidents, extractions):
        delete_where_in(conn, table, "report_id", ids)
    insert_all(conn, incidents, [{**r, "extracted_at": now} for x in results for r in x.incidents])
    insert_all(conn, claims, [r for x in results for r in x.claims])
    insert_all(conn, mentions, [r for x in results for r in x.mentions])
    insert_all(
        conn,
        extractions,
        [
            {
                "report_id": x.report_id,
                "extractor": extractor,
                "incidents": len(x.incidents),
                "claims": len(x.claims),
                "extracted_at": now,
            }
            for x in results
        ],
    )


def save_extraction(
    conn: Connection,
    report_id: str,
    found_incidents: Sequence[Incident],
    found_claims: Sequence[Claim],
    extractor: str,
) -> None:
    """Replace a report's extraction with this one; call inside a transaction."""
    now = dt.datetime.now(dt.UTC)
    rows = extraction_rows(report_id, found_incidents, found_claims, now)
    replace_extractions(conn, [rows], extractor, now)


def delete_all_extractions(conn: Connection) -> None:
    """Remove every extraction, children first (``extract --redo`` replaces them all)."""
    for table in (mentions, claims, incidents, extractions):
        conn.execute(delete(table))


def _incident_row(incident: Incident, iid: str, report_id: str, seq: int, now: dt.datetime) -> dict:
    place, window = incident.place, incident.window
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
        "attribution": incident.attribution.value if incident.attribution else None,
        "perpetrator_alternatives": list(incident.perpetrator_alternatives),
        "denied_by": incident.denied_by,
        "date_earliest": window.earliest if window else None,
        "date_latest": window.latest if window else None,
        "event_date": window.event_date if window else None,
        "date_basis": window.basis.value if window else None,
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
        attribution=Attribution(row.attribution) if row.attribution else None,
        perpetrator_alternatives=tuple(row.perpetrator_alternatives or ()),
        denied_by=row.denied_by,
        window=_window(row),
    )


def _window(row: Row) -> DateWindow | None:
    if row.date_basis is None:
        return None
    precision = TimePrecision(row.time_precision) if row.time_precision else None
    return DateWindow(
        row.date_earliest, row.date_latest, row.event_date, precision, DateBasis(row.date_basis)
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
    """Stored claims with their evidence, in report order."""
    for _, claim in iter_claims_with_ids(conn):
        yield claim


def iter_claims_with_ids(conn: Connection) -> Iterator[tuple[str, Claim]]:
    """Stored claims with their ids and evidence, in report order."""
    evidence: dict[str, list[Mention]] = defaultdict(list)
    for m in conn.execute(select(mentions).where(mentions.c.claim_id.is_not(None))):
        evidence[m.claim_id].append(Mention(m.field, m.start, m.end, m.text, m.report_id))
    for row in conn.execute(select(claims).order_by(claims.c.report_id, claims.c.seq)):
        yield (
            row.id,
            Claim(
                claimant=row.claimant,
                quantity=row.quantity,
                unit=row.unit,
                period=row.period,
                subject=row.subject,
                of_total=row.of_total,
                percent=row.percent,
                evidence=evidence[row.id],
                report_id=row.report_id,
            ),
        )
