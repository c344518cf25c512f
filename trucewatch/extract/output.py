"""The JSON object ``trucewatch extract --jsonl`` writes for one report (issue 3, item 7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.extract.spans import Extraction
from trucewatch.model.dates import DateWindow
from trucewatch.model.incident import Claim, Incident, Toll
from trucewatch.model.report import Mention, Report


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _toll(t: Toll) -> dict[str, int | None]:
    return {"low": t.low, "best": t.best, "high": t.high}


def _evidence(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [{"field": m.field, "start": m.start, "end": m.end, "text": m.text} for m in mentions]


def report_json(report: Report) -> dict[str, Any]:
    """The ``report`` member: identity, source, and what is known of publication."""
    pub = report.published
    rng = None
    if pub.earliest is not None or pub.latest is not None:
        rng = [
            pub.earliest.isoformat() if pub.earliest else None,
            pub.latest.isoformat() if pub.latest else None,
        ]
    return {
        "id": report.id or None,
        "source": report.source.name,
        "title": report.title,
        "url": report.url,
        "published": pub.date.isoformat() if pub.date else None,
        "published_range": rng,
        "published_basis": str(pub.basis),
        "row": report.row,
    }


def incident_json(incident: Incident) -> dict[str, Any]:
    """One incident; unknown values are null, dates ``YYYY-MM-DD``, time UTC ISO 8601."""
    place = incident.place
    window = incident.window or DateWindow.unknown()
    precision = window.precision or incident.time_precision
    return {
        "type": str(incident.type),
        "date": incident.date.isoformat() if incident.date else None,
        "time": incident.time.isoformat() if incident.time else None,
        # the window's precision (model.dates): 1 a stated day, 2 a week, 3 a month
        "time_precision": int(precision) if precision else None,
        "event_date": _day(window.event_date),
        "date_earliest": _day(window.earliest),
        "date_latest": _day(window.latest),
        "date_basis": str(window.basis),
        "place": place.name if place else None,
        "governorate": place.governorate if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": int(place.geo_precision) if place else None,
        "perpetrator": incident.perpetrator,
        "attribution": str(incident.attribution) if incident.attribution else None,
        "perpetrator_alternatives": list(incident.perpetrator_alternatives),
        "denied_by": incident.denied_by,
        "target": incident.target,
        "killed": _toll(incident.killed),
        "injured": _toll(incident.injured),
        "main": incident.main,
        "evidence": _evidence(incident.evidence),
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    """One claim; ``of_total`` and ``percent`` carry "28,000 of 80,000 (35 percent)"."""
    return {
        "claimant": claim.claimant,
        "quantity": claim.quantity,
        "unit": claim.unit,
        "period": claim.period,
        "of_total": claim.of_total,
        "percent": claim.percent,
        "evidence": _evidence(claim.evidence),
    }


def to_json(report: Report, extraction: Extraction) -> dict[str, Any]:
    """The whole JSON object for one report."""
    return {
        "report": report_json(report),
        "incidents": [incident_json(i) for i in extraction.incidents],
        "claims": [claim_json(c) for c in extraction.claims],
    }
