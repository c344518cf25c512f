"""Incidents out, in the formats researchers' tools read: CSV, GeoJSON, Parquet, JSONL.

Every format carries the same columns (``COLUMNS``, documented in ``docs/exports.md``): ACLED's
names where the meaning matches, then ours. Rows come in a stable order, so the same database and
arguments give the same bytes (Parquet aside, whose writer version is recorded in the file).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from trucewatch.model.agreement import RulingValue
from trucewatch.model.incident import IncidentType
from trucewatch.report.cells import spreadsheet_safe
from trucewatch.report.period import incident_local_date
from trucewatch.report.records import IncidentRecord, toll_range

FORMATS = ("csv", "geojson", "parquet", "jsonl")

# ACLED's event_type and sub_event_type for each of our types. ACLED splits territory changes by
# who took the ground (government or non-state); we do not guess, so that sub-type stays empty.
ACLED_TYPES: dict[IncidentType, tuple[str, str]] = {
    IncidentType.AIR_STRIKE: ("Explosions/Remote violence", "Air/drone strike"),
    IncidentType.SHELLING: ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    IncidentType.ARMED_CLASH: ("Battles", "Armed clash"),
    IncidentType.EXPLOSION: ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    IncidentType.CHEMICAL_ATTACK: ("Explosions/Remote violence", "Chemical weapon"),
    IncidentType.TERRITORY_TAKEN: ("Battles", ""),
    IncidentType.ATTACK_ON_CIVILIANS: ("Violence against civilians", "Attack"),
    IncidentType.HUMANITARIAN_DELIVERY: ("Strategic developments", "Other"),
    IncidentType.ACCESSION: ("Strategic developments", "Agreement"),
    IncidentType.TRUCE_DECLARED: ("Strategic developments", "Agreement"),
}


@dataclass(frozen=True, slots=True)
class Column:
    """One export column: its name, its Arrow type name, and whether ACLED uses the name."""

    name: str
    kind: str  # string | date | timestamp | int | float | list
    acled: bool


COLUMNS: tuple[Column, ...] = (
    Column("incident_id", "string", False),
    Column("event_date", "date", True),
    Column("event_type", "string", True),
    Column("sub_event_type", "string", True),
    Column("actor1", "string", True),
    Column("actor2", "string", True),
    Column("admin1", "string", True),
    Column("location", "string", True),
    Column("latitude", "float", True),
    Column("longitude", "float", True),
    Column("geo_precision", "int", True),
    Column("time_precision", "int", True),
    Column("source", "string", True),
    Column("notes", "string", True),
    Column("fatalities", "int", True),
    Column("event_time", "timestamp", False),
    Column("incident_type", "string", False),
    Column("ruling", "string", False),
    Column("rulings", "string", False),
    Column("grade", "string", False),
    Column("report_ids", "list", False),
    Column("killed_low", "int", False),
    Column("killed_best", "int", False),
    Column("killed_high", "int", False),
    Column("injured_low", "int", False),
    Column("injured_best", "int", False),
    Column("injured_high", "int", False),
    Column("evidence", "string", False),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def _ruling(record: IncidentRecord) -> tuple[str | None, str | None]:
    """(headline verdict, every verdict by agreement). Any violation makes it a violation."""
    if not record.rulings:
        return None, None
    values = sorted({r.ruling.value for r in record.rulings})
    headline = RulingValue.VIOLATION.value if record.violation else ";".join(values)
    detail = ";".join(f"{r.agreement}:{r.ruling.value}" for r in record.rulings)
    return headline, detail


def _notes(record: IncidentRecord) -> str:
    """A one-line description we compose from the fields (no text copied from the source)."""
    incident = record.incident
    parts = [incident.type.value.replace("_", " ")]
    if incident.place:
        parts.append(f"at {incident.place.name}")
    if incident.perpetrator:
        parts.append(f"by {incident.perpetrator}")
    if incident.target:
        parts.append(f"against {incident.target}")
    text = " ".join(parts)
    for label, toll in (("killed", incident.killed), ("injured", incident.injured)):
        pair = toll_range(toll)
        if pair:
            text += f"; {label} {pair[0]}" + (f"-{pair[1]}" if pair[1] != pair[0] else "")
    return text


def incident_row(record: IncidentRecord, tz: str) -> dict[str, Any]:
    """One export row (Python values: dates, datetimes, ints, floats, strings, a list)."""
    incident = record.incident
    place = incident.place
    event_type, sub_event_type = ACLED_TYPES[incident.type]
    killed = toll_range(incident.killed)
    ruling, rulings = _ruling(record)
    time = incident.time
    if time is not None and time.tzinfo is None:
        time = time.replace(tzinfo=dt.UTC)
    report_ids = sorted({s.report_id for s in record.sources} | {incident.report_id or ""} - {""})
    return {
        "incident_id": record.id,
        "event_date": incident_local_date(incident, tz),
        "event_type": event_type,
        "sub_event_type": sub_event_type or None,
        "actor1": incident.perpetrator,
        "actor2": incident.target,
        "admin1": place.governorate if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": int(place.geo_precision) if place else None,
        "time_precision": int(incident.time_precision) if incident.time_precision else None,
        "source": "; ".join(sorted({s.source for s in record.sources})) or None,
        "notes": _notes(record),
        "fatalities": killed[0] if killed else None,
        "event_time": time.astimezone(dt.UTC) if time else None,
        "incident_type": incident.type.value,
        "ruling": ruling,
        "rulings": rulings,
        "grade": record.grade,
        "report_ids": report_ids,
        "killed_low": incident.killed.low,
        "killed_best": incident.killed.best,
        "killed_high": incident.killed.high,
        "injured_low": incident.injured.low,
        "injured_best": incident.injured.best,
        "injured_high": incident.injured.high,
        "evidence": " | ".join(f"{m.field}: {m.text}" for m in incident.evidence) or None,
    }


def incident_rows(
    records: Iterable[IncidentRecord],
    tz: str = "Asia/Damascus",
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Export rows for ``records``, keeping those whose event_date lies in [first, last]."""
    ZoneInfo(tz)
    rows = []
    for record in records:
        row = incident_row(record, tz)
        day = row["event_date"]
        if (first or last) and day is None:
            continue
        if (first and day < first) or (last and day > last):
            continue
        rows.append(row)
    return sorted(rows, key=lambda r: (r["event_date"] or dt.date.max, r["incident_id"]))


def _text(value: Any) -> Any:
    """A value as JSON holds it: ISO dates and times, everything else as is."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(
    rows: Sequence[dict[str, Any]], out: IO[str], columns: Sequence[str] = COLUMN_NAMES
) -> None:
    """CSV with a header; empty cells for unknown values; lists joined with ``;``; text cells a
    spreadsheet would run as a formula prefixed with ``'`` (``report.cells``). The one CSV writer
    of every export (incidents and events)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for name in columns:
            value = row[name]
            if isinstance(value, list):
                value = ";".join(value)
            cells.append("" if value is None else spreadsheet_safe(_text(value)))
        writer.writerow(cells)


def write_jsonl(
    rows: Sequence[dict[str, Any]], out: IO[str], columns: Sequence[str] = COLUMN_NAMES
) -> None:
    """One JSON object per line, columns in the documented order."""
    for row in rows:
        out.write(json.dumps({k: _text(row[k]) for k in columns}, ensure_ascii=False) + "\n")


def geojson(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str] = COLUMN_NAMES,
    where: tuple[str, str, str] = ("incident_id", "longitude", "latitude"),
) -> dict[str, Any]:
    """A FeatureCollection: a Point per row with coordinates, a null geometry otherwise.
    ``where`` names the id, longitude and latitude columns."""
    ident, lon_name, lat_name = where
    features = []
    for row in rows:
        lon, lat = row[lon_name], row[lat_name]
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lon is not None and lat is not None
            else None  # RFC 7946 §3.2 allows an unlocated feature
        )
        features.append(
            {
                "type": "Feature",
                "id": row[ident],
                "geometry": geometry,
                "properties": {k: _text(row[k]) for k in columns},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(rows: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """The GeoJSON FeatureCollection as text."""
    json.dump(geojson(rows), out, ensure_ascii=False, indent=1)
    out.write("\n")


def arrow_schema():
    """The Arrow schema of the Parquet export (one field per column, all nullable)."""
    import pyarrow as pa

    kinds = {
        "string": pa.string(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "int": pa.int32(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(c.name, kinds[c.kind]) for c in COLUMNS])


def parquet_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    """The rows as a Parquet file, in memory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    table = pa.Table.from_pylist([{k: row[k] for k in COLUMN_NAMES} for row in rows], schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def write_export(rows: Sequence[dict[str, Any]], fmt: str, out: IO[bytes]) -> None:
    """Write ``rows`` in ``fmt`` to a binary stream (text formats as UTF-8)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        out.write(parquet_bytes(rows))
        return
    text = io.StringIO()
    {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}[fmt](rows, text)
    out.write(text.getvalue().encode("utf-8"))


# --- events: what the mission publishes (one row per event; issue 14's contract) -------------

EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    "type",
    "event_date",
    "date_earliest",
    "date_latest",
    "time_precision",
    "date_basis",
    "window_straddles",
    "place",
    "governorate",
    "lat",
    "lon",
    "geo_precision",
    "perpetrator",
    "attribution",
    "perpetrator_alternatives",
    "target",
    "killed",
    "injured",
    "sources",
    "report_ids",
    "grade",
    "rulings",
)
# CSV: ACLED's names where the meaning matches, the rest flattened.
EVENT_CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_type",
    "event_date",
    "date_earliest",
    "date_latest",
    "time_precision",
    "date_basis",
    "window_straddles",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "attribution",
    "perpetrator_alternatives",
    "actor2",
    "fatalities",
    "killed_low",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "sources",
    "report_ids",
    "grade",
    "rulings",
)


def _toll(toll: Any) -> dict[str, int | None]:
    return {"low": toll.low, "best": toll.best, "high": toll.high}


def event_rows(
    events: Iterable[Any],
    rulings: dict[str, list[tuple[str, str]]],
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[dict[str, Any]]:
    """One nested row per event (``EVENT_FIELDS``), those counted in [first, last] by the one
    window rule (model.dates: where the best day falls; a window reaching outside the range is
    flagged ``window_straddles``). ``rulings`` maps an event id to its (agreement, ruling)."""
    rows = []
    for event in events:
        window = event.window
        if (first or last) and not window.counted_in(first, last):
            continue
        place = event.place
        rows.append(
            {
                "event_id": event.id,
                "type": event.type.value,
                "event_date": window.event_date,
                "date_earliest": window.earliest,
                "date_latest": window.latest,
                "time_precision": int(window.precision) if window.precision else None,
                "date_basis": window.basis.value,
                "window_straddles": window.straddles(first, last) if first or last else False,
                "place": place.name if place else None,
                "governorate": place.governorate if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "geo_precision": int(place.geo_precision) if place else None,
                "perpetrator": event.perpetrator,
                "attribution": event.attribution.value if event.attribution else None,
                "perpetrator_alternatives": list(event.perpetrator_alternatives),
                "target": event.target,
                "killed": _toll(event.killed),
                "injured": _toll(event.injured),
                "sources": event.sources,
                "report_ids": sorted(event.report_ids),
                "grade": event.grade.value,
                "rulings": [
                    {"agreement": a, "ruling": r} for a, r in sorted(rulings.get(event.id, []))
                ],
            }
        )
    return sorted(rows, key=lambda r: (r["event_date"] or dt.date.max, r["event_id"]))


def stored_event_rows(
    conn: Connection, first: dt.date | None = None, last: dt.date | None = None
) -> list[dict[str, Any]]:
    """The stored events as ``export events`` writes them (and alerts carry them), each with its
    current ruling under every agreement."""
    from trucewatch.store.events import iter_events
    from trucewatch.store.rulings import current_rulings

    found = list(iter_events(conn))
    live = {e.id for e in found}
    rulings: dict[str, list[tuple[str, str]]] = {}
    for stored in current_rulings(conn):
        if stored.ruling.incident in live:
            rulings.setdefault(stored.ruling.incident, []).append(
                (stored.ruling.agreement, stored.ruling.ruling.value)
            )
    return event_rows(found, rulings, first, last)


def event_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with ACLED's names and the nested values flattened."""
    killed, injured = row["killed"], row["injured"]
    return {
        "event_id": row["event_id"],
        "event_type": row["type"],
        "event_date": row["event_date"],
        "date_earliest": row["date_earliest"],
        "date_latest": row["date_latest"],
        "time_precision": row["time_precision"],
        "date_basis": row["date_basis"],
        "window_straddles": "true" if row["window_straddles"] else "false",
        "location": row["place"],
        "admin1": row["governorate"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": row["geo_precision"],
        "actor1": row["perpetrator"],
        "attribution": row["attribution"],
        "perpetrator_alternatives": row["perpetrator_alternatives"],
        "actor2": row["target"],
        "fatalities": killed["best"] if killed["best"] is not None else killed["low"],
        "killed_low": killed["low"],
        "killed_high": killed["high"],
        "injured_low": injured["low"],
        "injured_best": injured["best"],
        "injured_high": injured["high"],
        "sources": row["sources"],
        "report_ids": row["report_ids"],
        "grade": row["grade"],
        "rulings": [f"{r['agreement']}:{r['ruling']}" for r in row["rulings"]],
    }


def event_arrow_schema():
    """The Arrow schema of the events Parquet export (nested like the JSONL)."""
    import pyarrow as pa

    toll = pa.struct([("low", pa.int32()), ("best", pa.int32()), ("high", pa.int32())])
    return pa.schema(
        [
            ("event_id", pa.string()),
            ("type", pa.string()),
            ("event_date", pa.date32()),
            ("date_earliest", pa.date32()),
            ("date_latest", pa.date32()),
            ("time_precision", pa.int32()),
            ("date_basis", pa.string()),
            ("window_straddles", pa.bool_()),
            ("place", pa.string()),
            ("governorate", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("geo_precision", pa.int32()),
            ("perpetrator", pa.string()),
            ("attribution", pa.string()),
            ("perpetrator_alternatives", pa.list_(pa.string())),
            ("target", pa.string()),
            ("killed", toll),
            ("injured", toll),
            ("sources", pa.int32()),
            ("report_ids", pa.list_(pa.string())),
            ("grade", pa.string()),
            (
                "rulings",
                pa.list_(pa.struct([("agreement", pa.string()), ("ruling", pa.string())])),
            ),
        ]
    )


def write_event_export(rows: Sequence[dict[str, Any]], fmt: str, out: IO[bytes]) -> None:
    """Write event rows in ``fmt`` to a binary stream (text formats as UTF-8)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(list(rows), event_arrow_schema())
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        out.write(sink.getvalue())
        return
    text = io.StringIO()
    if fmt == "csv":
        write_csv([event_csv_row(r) for r in rows], text, EVENT_CSV_COLUMNS)
    elif fmt == "jsonl":
        write_jsonl(rows, text, EVENT_FIELDS)
    else:
        json.dump(
            geojson(rows, EVENT_FIELDS, ("event_id", "lon", "lat")),
            text,
            ensure_ascii=False,
            indent=1,
        )
        text.write("\n")
    out.write(text.getvalue().encode("utf-8"))


def deliver(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    out: Any,
    write: Any = write_export,
) -> None:
    """Write ``rows`` with ``write`` (``write_export`` or ``write_event_export``) to the file
    ``out`` (a Path; its folder is made), or to standard output when ``out`` is None."""
    import sys

    if out is None:
        write(rows, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write(rows, fmt, handle)
