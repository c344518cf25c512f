"""Incidents in the extraction JSON format (issue 3), turned into model incidents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.model.incident import (
    Attribution,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)
from trucewatch.model.report import Mention


class IncidentFormatError(ValueError):
    """An incident object that does not follow the extraction format."""


def incident_from_json(data: dict[str, Any]) -> Incident:
    """Build an :class:`Incident` from one extraction-format object (which must carry an ``id``)."""
    if "id" not in data or data["id"] in (None, ""):
        raise IncidentFormatError("incident has no id")
    ident = str(data["id"])
    try:
        kind = IncidentType(data.get("type"))
    except ValueError as exc:
        raise IncidentFormatError(f"incident {ident}: unknown type {data.get('type')!r}") from exc
    return Incident(
        type=kind,
        date=_day(data.get("date"), ident),
        time=_instant(data.get("time"), ident),
        time_precision=_enum(TimePrecision, data.get("time_precision"), ident, "time_precision"),
        place=_place(data, ident),
        perpetrator=_name(data.get("perpetrator")),
        target=_name(data.get("target")),
        killed=_toll(data.get("killed")),
        injured=_toll(data.get("injured")),
        main=bool(data.get("main", False)),
        evidence=[_mention(m) for m in data.get("evidence") or [] if isinstance(m, dict)],
        report_id=data.get("report_id"),
        id=ident,
        attribution=_attribution(data.get("attribution"), ident),
        perpetrator_alternatives=tuple(
            str(a) for a in data.get("perpetrator_alternatives") or () if a
        ),
        denied_by=_name(data.get("denied_by")),
    )


def _attribution(value: Any, ident: str) -> Attribution | None:
    if value in (None, ""):
        return None
    try:
        return Attribution(str(value))
    except ValueError as exc:
        choices = ", ".join(a.value for a in Attribution)
        raise IncidentFormatError(
            f"incident {ident}: attribution {value!r} is not one of {choices}"
        ) from exc


def _name(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _day(value: Any, ident: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise IncidentFormatError(f"incident {ident}: date {value!r} is not YYYY-MM-DD") from exc


def _instant(value: Any, ident: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise IncidentFormatError(f"incident {ident}: time {value!r} is not ISO 8601") from exc
    # The extraction format gives times in UTC; a missing offset means UTC, not local time.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _enum(kind: Any, value: Any, ident: str, name: str) -> Any:
    if value is None:
        return None
    try:
        return kind(int(value))
    except (TypeError, ValueError) as exc:
        raise IncidentFormatError(f"incident {ident}: {name} {value!r} is not 1, 2 or 3") from exc


def _place(data: dict[str, Any], ident: str) -> Place | None:
    name, gov = _name(data.get("place")), _name(data.get("governorate"))
    lat, lon = data.get("lat"), data.get("lon")
    if name is None and gov is None and lat is None:
        return None
    precision = _enum(GeoPrecision, data.get("geo_precision"), ident, "geo_precision")
    if precision is None:
        precision = GeoPrecision.TOWN if name or lat is not None else GeoPrecision.REGION
    return Place(
        name=name or gov or "",
        governorate=gov,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        geo_precision=precision,
    )


def _toll(value: Any) -> Toll:
    if not isinstance(value, dict):
        return Toll()
    return Toll(value.get("low"), value.get("best"), value.get("high"))


def _mention(m: dict[str, Any]) -> Mention:
    return Mention(
        field=str(m.get("field", "")),
        start=int(m.get("start", 0)),
        end=int(m.get("end", 0)),
        text=str(m.get("text", "")),
    )
