"""Corrections: an analyst corrects an event's date, place, actors, attribution or tolls, with a
reason. The correction wins over extraction, is kept across every re-run (keyed by the event id),
re-triggers the event's rulings at once and goes into the audit chain; withdrawing one restores
what extraction said. The CLI (``trucewatch correct``), the event page's form and
``PATCH /api/v1/events/{id}`` all call :func:`correct` and :func:`withdraw`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from trucewatch.centre import records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register
from trucewatch.model.centre import User
from trucewatch.model.dates import FIRST_DAY, LAST_DAY
from trucewatch.model.incident import Attribution
from trucewatch.store.correction_tables import corrections
from trucewatch.store.corrections import (
    ACTIVE,
    FIELDS,
    WITHDRAWN,
    extracted_columns,
    field_value,
    refresh_event,
)
from trucewatch.store.corroboration_tables import events

# A correction is active until withdrawn; a withdrawn one stays in the history (correct again to
# change the value once more).
CORRECTIONS = Register(
    "correction", corrections, {ACTIVE: frozenset({WITHDRAWN}), WITHDRAWN: frozenset()}
)
ACTOR_WIDTH = 120  # the events table's perpetrator and target columns


@dataclass(frozen=True, slots=True)
class Corrected:
    """What a correction (or a withdrawal) did: the record, the event, and the rulings after."""

    correction_id: int
    event_id: str
    fields: dict[str, Any]
    rulings: tuple = ()  # the event's rulings as ruled again (model.agreement.Ruling)
    new_rulings: int = 0
    ruled: str = ""  # what ruling again did, or why it did not


def _day(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"date: {value!r} is not a day (YYYY-MM-DD)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"date: {day} is outside {FIRST_DAY}..{LAST_DAY}")
    return day.isoformat()


def _place(name: str, governorate: str | None) -> dict[str, Any]:
    """A place name resolved through the gazetteer: name, governorate and coordinates."""
    from trucewatch.gazetteer.places import load_gazetteer

    gazetteer = load_gazetteer()
    candidates = gazetteer.lookup(name)
    if not candidates:
        raise ValueError(
            f"place: {name!r} is not in the gazetteer, so it has no coordinates or governorate; "
            "give a town, area or governorate it knows (docs/gazetteer.md)"
        )
    if governorate:
        wanted = gazetteer.governorate(governorate)
        if wanted is None:
            raise ValueError(f"governorate: {governorate!r} is not a governorate of Syria")
        candidates = [c for c in candidates if c.governorate == wanted]
        if not candidates:
            raise ValueError(f"place: the gazetteer knows no {name!r} in {wanted}")
    governorates = sorted({c.governorate or "?" for c in candidates})
    if len(governorates) > 1:
        raise ValueError(
            f"place: {name!r} names places in {', '.join(governorates)}; say which governorate"
        )
    place = candidates[0]  # the gazetteer orders candidates most likely first
    return {
        "name": place.name,
        "governorate": place.governorate,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": int(place.geo_precision),
    }


def _toll(what: str, value: str | int) -> dict[str, int]:
    """A toll as ``N`` or ``LOW-HIGH`` (a range has no best figure unless low and high agree)."""
    text = str(value).strip().replace("–", "-")
    try:
        parts = [int(p) for p in text.split("-")] if text else []
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or any(p < 0 for p in parts) or parts != sorted(parts):
        raise ValueError(f"{what}: {value!r} is not a number or a range LOW-HIGH")
    low, high = parts[0], parts[-1]
    return {"low": low, "best": low if low == high else None, "high": high}


def _actor(what: str, value: str) -> str:
    name = " ".join(value.replace("\x00", "").split())
    if not name or len(name) > ACTOR_WIDTH:
        raise ValueError(f"{what}: give a name of 1 to {ACTOR_WIDTH} characters")
    return name


def parse_fields(
    *,
    date: str | None = None,
    place: str | None = None,
    governorate: str | None = None,
    perpetrator: str | None = None,
    target: str | None = None,
    attribution: str | None = None,
    killed: str | int | None = None,
    injured: str | int | None = None,
) -> dict[str, Any]:
    """The corrected fields from what a person typed (blank means "not corrected"), checked:
    ``ValueError`` names the field and what is wrong with it."""
    given = lambda v: v is not None and str(v).strip() != ""  # noqa: E731
    out: dict[str, Any] = {}
    if given(date):
        out["date"] = _day(str(date))
    if given(place):
        out["place"] = _place(str(place).strip(), (governorate or "").strip() or None)
    elif given(governorate):
        raise ValueError("governorate: give the place too (it only says which one is meant)")
    if given(perpetrator):
        out["perpetrator"] = _actor("perpetrator", str(perpetrator))
    if given(target):
        out["target"] = _actor("target", str(target))
    if given(attribution):
        try:
            out["attribution"] = Attribution(str(attribution).strip()).value
        except ValueError:
            choices = ", ".join(a.value for a in Attribution)
            raise ValueError(f"attribution: {attribution!r} is not one of {choices}") from None
    if given(killed):
        out["killed"] = _toll("killed", killed)  # type: ignore[arg-type]
    if given(injured):
        out["injured"] = _toll("injured", injured)  # type: ignore[arg-type]
    return out


def _reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise ValueError("say why: a correction needs a reason")
    return reason.strip()


def event_for(conn: Connection, some_id: str) -> str:
    """The event an id names: an event id, or a report's incident id (its event); NotFound."""
    from trucewatch.store.events import event_of_incident

    if conn.execute(select(events.c.id).where(events.c.id == some_id)).first() is not None:
        return some_id
    found = event_of_incident(conn, some_id)
    if found is None:
        raise NotFound(f"no event or incident {some_id}")
    return found


def correct(
    conn: Connection,
    user: User,
    event_id: str,
    fields: Mapping[str, Any],
    *,
    reason: str,
    agreements: Path | None = None,
) -> Corrected:
    """Correct an event (or the event of a report's incident) with the checked ``fields`` (see
    :func:`parse_fields`) and a reason, in the caller's transaction: the correction is recorded
    and audited, the stored event takes the new values and its rulings are made again."""
    from trucewatch.pipeline import adjudication_current

    require(user, Action.CORRECT)
    reason = _reason(reason)
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValueError(f"cannot correct {', '.join(unknown)}; correctable: {', '.join(FIELDS)}")
    if not fields:
        raise ValueError(f"nothing to correct: give at least one of {', '.join(FIELDS)}")
    event_id = event_for(conn, event_id)
    current = adjudication_current(conn, agreements)
    row = conn.execute(select(events).where(events.c.id == event_id)).one()
    columns = extracted_columns(conn, event_id) or dict(row._mapping)
    original = {f: field_value(f, columns) for f in fields}
    now = records.now()
    values = {
        "event_id": event_id,
        "fields": dict(fields),
        "original": records.plain(original),
        "reason": reason,
        "by": user.name,
        "at": now,
        "status": ACTIVE,
    }
    correction_id = int(records.create(conn, user, CORRECTIONS, values, reason=reason, at=now))
    refresh_event(conn, event_id)
    return _rule_again(conn, correction_id, event_id, dict(fields), agreements, current)


def withdraw(
    conn: Connection,
    user: User,
    correction_id: int,
    *,
    reason: str,
    agreements: Path | None = None,
) -> Corrected:
    """Withdraw a correction with a reason: the event goes back to what extraction (or the
    corrections still active) says, and its rulings are made again. The record stays."""
    from trucewatch.pipeline import adjudication_current

    require(user, Action.CORRECT)
    reason = _reason(reason)
    row = records.read(conn, CORRECTIONS, correction_id)
    current = adjudication_current(conn, agreements)
    records.move(conn, user, CORRECTIONS, correction_id, WITHDRAWN, reason=reason)
    if not refresh_event(conn, row.event_id):
        return Corrected(correction_id, row.event_id, dict(row.fields), ruled="its event is gone")
    return _rule_again(conn, correction_id, row.event_id, dict(row.fields), agreements, current)


def _rule_again(
    conn: Connection,
    correction_id: int,
    event_id: str,
    fields: dict[str, Any],
    agreements: Path | None,
    was_current: bool,
) -> Corrected:
    from trucewatch.pipeline import record_ruled_again, rule_again

    ruled = rule_again(conn, [event_id], agreements)
    if was_current and ruled.rulings:
        record_ruled_again(conn, [event_id], agreements)
    return Corrected(correction_id, event_id, fields, ruled.rulings, ruled.new_versions, ruled.note)


def value_words(field: str, value: Any) -> str:
    """A corrected (or extracted) value in words, for pages and the CLI."""
    if value is None:
        return "—"
    if field == "place" and isinstance(value, Mapping):
        name = value.get("name") or "—"
        gov = value.get("governorate")
        return f"{name}, {gov}" if gov and gov not in name else name
    if field in ("killed", "injured") and isinstance(value, Mapping):
        low, best, high = value.get("low"), value.get("best"), value.get("high")
        if low is None and best is None and high is None:
            return "—"
        if low is not None and high is not None and low != high:
            return f"{low}–{high}"
        return str(next(v for v in (best, low, high) if v is not None))
    return str(value)
