"""Reference incident datasets: import one, and link our incidents to its incidents.

The first kind is Airwars (civilian harm from international forces' strikes): code, date, place,
coordinates, belligerent, civilians killed min/max and Airwars' own grade. An analyst then sees
"matches Airwars RS0702 (Contested)" beside an incident, and the match rate and the unmatched
incidents on both sides say how far our extraction and the reference agree.

A merged incident matches a reference incident when
- its type is one the reference records (air strikes and shelling for Airwars),
- its date window (see ``merge.date_window``) comes within ``day_slack`` days of the reference
  date range,
- its place is within a radius set by its geo precision (or, for a region, the same
  governorate), and
- its perpetrator, when known, is compatible with a listed belligerent.
The best candidate (fewest days, then fewest km) is linked.

The reference file is read from where it lies; nothing of it is copied into the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, select

from trucewatch.corroborate.merged import MergedIncident
from trucewatch.corroborate.pair_rules import date_window
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision, IncidentType, Place, distance_km
from trucewatch.store.corroboration_tables import reference_incidents, reference_links

KINDS = ("airwars",)
AIRWARS_TYPES = frozenset({IncidentType.AIR_STRIKE, IncidentType.SHELLING})
_RADIUS_KM = {GeoPrecision.TOWN: 10.0, GeoPrecision.NEAR_TOWN: 25.0, GeoPrecision.REGION: 80.0}

# Which force a belligerent or perpetrator name stands for, by the words in it.
_FORCES = (
    ("russia", ("russia",)),
    ("coalition", ("coalition", "u.s.", "us-led", "united states", "american")),
    ("turkey", ("turk",)),
    (
        "syria",
        (
            "syrian government",
            "syrian army",
            "syrian arab army",
            "syrian air force",
            "syrian arab air force",
            "regime",
            "assad",
        ),
    ),
)
# Airwars codes strikes "Russian Military" where locals blamed "Russia or the regime".
_ALSO = {"russia": {"syria"}}


@dataclass(frozen=True, slots=True)
class ReferenceIncident:
    """An incident of a reference dataset, as imported."""

    id: str  # "<dataset>:<code>"
    dataset: str
    code: str
    date: dt.date | None
    date_end: dt.date | None = None
    location: str | None = None
    governorate: str | None = None
    lat: float | None = None
    lon: float | None = None
    belligerents: tuple[str, ...] = ()
    killed_min: int | None = None
    killed_max: int | None = None
    grade: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        """How an analyst sees it: "Airwars RS0702 (Contested)"."""
        grade = f" ({self.grade})" if self.grade else ""
        return f"{self.dataset.capitalize()} {self.code}{grade}"


def _int(text: str) -> int | None:
    text = (text or "").strip()
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _float(text: str) -> float | None:
    text = (text or "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def governorate(name: str | None) -> str | None:
    """A governorate name in the gazetteer's spelling (Airwars writes "Ar Raqqah", "Dara'a")."""
    if not name or not name.strip():
        return None
    return load_gazetteer().governorate(name) or name.strip()


def read_airwars(path: Path) -> Iterator[ReferenceIncident]:
    """The incidents of an Airwars CSV export (one row per incident, keyed by ``code``)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("code") or "").strip()
            if not code:
                continue
            belligerents = tuple(
                b.strip() for b in (row.get("belligerents_original") or "").split(",") if b.strip()
            )
            yield ReferenceIncident(
                id=f"airwars:{code}",
                dataset="airwars",
                code=code,
                date=_date(row.get("incident_date", "")),
                date_end=_date(row.get("incident_date_end", "")),
                location=(row.get("location_en") or "").strip() or None,
                governorate=governorate(row.get("governorate_original")),
                lat=_float(row.get("latitude", "")),
                lon=_float(row.get("longitude", "")),
                belligerents=belligerents,
                killed_min=_int(row.get("civilians_killed_min", "")),
                killed_max=_int(row.get("civilians_killed_max", "")),
                grade=(row.get("civilian_harm_status_original") or "").strip() or None,
                url=(row.get("incident_url") or "").strip() or None,
            )


def read_reference(path: Path, kind: str) -> Iterator[ReferenceIncident]:
    """Read a reference dataset of a known ``kind`` (see ``KINDS``)."""
    if kind == "airwars":
        return read_airwars(path)
    raise ValueError(f"unknown reference kind {kind!r}; known: {', '.join(KINDS)}")


# --- matching -------------------------------------------------------------------------------


def forces(name: str) -> set[str]:
    """The forces a belligerent or perpetrator name stands for (empty when none is recognised)."""
    low = name.casefold()
    return {force for force, words in _FORCES if any(w in low for w in words)}


def belligerent_compatible(perpetrator: str | None, belligerents: Sequence[str]) -> bool:
    """Whether a perpetrator (None = unknown, compatible) could be one of the belligerents."""
    if perpetrator is None or not belligerents:
        return True
    ours = forces(perpetrator)
    theirs: set[str] = set()
    for b in belligerents:
        for force in forces(b):
            theirs |= {force, *_ALSO.get(force, set())}
    return bool(ours & theirs)


@dataclass(frozen=True, slots=True)
class Link:
    """A merged incident linked to a reference incident, with how close they are."""

    merged_id: str
    reference_id: str
    days_apart: int
    km_apart: float | None
    score: float
    reason: str


@dataclass
class MatchReport:
    """The links made, the match rate, and what stayed unmatched on each side."""

    links: list[Link] = field(default_factory=list)
    in_scope: list[str] = field(default_factory=list)  # merged ids the reference could hold
    unmatched_ours: list[str] = field(default_factory=list)
    unmatched_reference: list[str] = field(default_factory=list)  # within our dates only
    reference_in_period: int = 0

    @property
    def rate(self) -> float:
        """Share of our in-scope incidents that matched a reference incident."""
        return (
            len({link.merged_id for link in self.links}) / len(self.in_scope)
            if self.in_scope
            else 0.0
        )

    def as_dict(self) -> dict[str, object]:
        """Counts for a summary line or a JSON export."""
        return {
            "in_scope": len(self.in_scope),
            "matched": len({link.merged_id for link in self.links}),
            "rate": round(self.rate, 3),
            "unmatched_ours": len(self.unmatched_ours),
            "reference_in_period": self.reference_in_period,
            "unmatched_reference": len(self.unmatched_reference),
        }


def _days_apart(window: tuple[dt.date, dt.date], ref: ReferenceIncident) -> int | None:
    if ref.date is None:
        return None
    start, end = ref.date, ref.date_end or ref.date
    if window[1] < start:
        return (start - window[1]).days
    if end < window[0]:
        return (window[0] - end).days
    return 0


def _place_distance(place: Place, ref: ReferenceIncident) -> tuple[bool, float | None]:
    ref_place = Place(ref.location or "", ref.governorate, ref.lat, ref.lon)
    km = distance_km(place, ref_place)
    if place.geo_precision == GeoPrecision.REGION and place.governorate and ref.governorate:
        return place.governorate == ref.governorate, km
    if km is None:
        return False, None
    return km <= _RADIUS_KM[GeoPrecision(place.geo_precision)], km


def match_reference(
    merged: Iterable[MergedIncident],
    reference: Sequence[ReferenceIncident],
    *,
    types: frozenset[IncidentType] = AIRWARS_TYPES,
    day_slack: int = 1,
) -> MatchReport:
    """Link each in-scope merged incident to its best reference incident.

    In scope: a type the reference records, a date and a place, and a perpetrator that is
    unknown or one the reference covers. ``day_slack`` days are allowed beyond the date windows
    (a strike late at night is dated the next day by some).
    """
    by_day: dict[dt.date, list[ReferenceIncident]] = {}
    for ref in reference:
        if ref.date is not None:
            day = ref.date
            while day <= (ref.date_end or ref.date):
                by_day.setdefault(day, []).append(ref)
                day += dt.timedelta(days=1)
    report = MatchReport()
    ours: list[MergedIncident] = [
        m for m in merged if m.type in types and m.date is not None and m.place is not None
    ]
    covered = {force for ref in reference for b in ref.belligerents for force in forces(b)}
    covered |= {also for force in set(covered) for also in _ALSO.get(force, set())}
    linked_refs: set[str] = set()
    for m in ours:
        names = [p.value for p in m.perpetrators]
        if names and not any(forces(n) & covered for n in names):
            continue  # e.g. an IS bombing: the reference cannot hold it
        report.in_scope.append(m.id)
        link = _best_link(m, by_day, day_slack)
        if link is None:
            report.unmatched_ours.append(m.id)
        else:
            report.links.append(link)
            linked_refs.add(link.reference_id)
    days = [m.date for m in ours if m.date is not None]
    if days:
        first, last = min(days), max(days)
        in_period = {r.id for r in reference if r.date is not None and first <= r.date <= last}
        report.reference_in_period = len(in_period)
        report.unmatched_reference = sorted(in_period - linked_refs)
    return report


def _best_link(
    m: MergedIncident, by_day: dict[dt.date, list[ReferenceIncident]], day_slack: int
) -> Link | None:
    assert m.date is not None and m.place is not None
    window = date_window(
        # the merged incident's own most precise member gives the window
        next(i for i in m.incidents if i.date == m.date)
    )
    start = window[0] - dt.timedelta(days=day_slack)
    end = window[1] + dt.timedelta(days=day_slack)
    seen: set[str] = set()
    best: tuple[tuple[int, float], Link] | None = None
    day = start
    while day <= end:
        for ref in by_day.get(day, []):
            if ref.id in seen:
                continue
            seen.add(ref.id)
            days = _days_apart(window, ref)
            if days is None or days > day_slack:
                continue
            near, km = _place_distance(m.place, ref)
            if not near:
                continue
            perpetrators = [p.value for p in m.perpetrators] or [None]
            if not any(belligerent_compatible(p, ref.belligerents) for p in perpetrators):
                continue
            radius = _RADIUS_KM[GeoPrecision(m.place.geo_precision)]
            score = round(
                max(0.0, 1.0 - days / (day_slack + 1) * 0.5 - (km or 0) / radius * 0.5), 3
            )
            where = f"{km:.1f} km" if km is not None else f"same governorate {ref.governorate}"
            reason = (
                f"matches {ref.label}: {days} day(s) apart, {where}, "
                f"belligerent {', '.join(ref.belligerents) or 'unknown'}"
            )
            key = (days, km if km is not None else 0.0)
            if best is None or key < best[0]:
                best = (key, Link(m.id, ref.id, days, km, score, reason))
        day += dt.timedelta(days=1)
    return best[1] if best else None


# --- store ----------------------------------------------------------------------------------


def import_reference(conn: Connection, items: Iterable[ReferenceIncident]) -> int:
    """Store reference incidents, replacing any with the same id; return how many were read."""
    now = dt.datetime.now(dt.UTC)
    rows = {
        r.id: {
            "id": r.id,
            "dataset": r.dataset,
            "code": r.code,
            "date": r.date,
            "date_end": r.date_end,
            "location": r.location,
            "governorate": r.governorate,
            "lat": r.lat,
            "lon": r.lon,
            "belligerents": list(r.belligerents),
            "killed_min": r.killed_min,
            "killed_max": r.killed_max,
            "grade": r.grade,
            "url": r.url,
            "imported_at": now,
        }
        for r in items
    }
    ids = list(rows)
    for start in range(0, len(ids), 500):  # keeps IN lists within SQLite's variable limit
        chunk = ids[start : start + 500]
        conn.execute(delete(reference_links).where(reference_links.c.reference_id.in_(chunk)))
        conn.execute(delete(reference_incidents).where(reference_incidents.c.id.in_(chunk)))
    if rows:
        conn.execute(reference_incidents.insert(), list(rows.values()))
    return len(rows)


def load_reference(conn: Connection, dataset: str | None = None) -> list[ReferenceIncident]:
    """The stored reference incidents (of one dataset, or all)."""
    query = select(reference_incidents).order_by(reference_incidents.c.id)
    if dataset is not None:
        query = query.where(reference_incidents.c.dataset == dataset)
    return [
        ReferenceIncident(
            id=r.id,
            dataset=r.dataset,
            code=r.code,
            date=r.date,
            date_end=r.date_end,
            location=r.location,
            governorate=r.governorate,
            lat=r.lat,
            lon=r.lon,
            belligerents=tuple(r.belligerents or ()),
            killed_min=r.killed_min,
            killed_max=r.killed_max,
            grade=r.grade,
            url=r.url,
        )
        for r in conn.execute(query)
    ]


def save_links(conn: Connection, links: Sequence[Link]) -> int:
    """Replace every stored link with these; return how many."""
    conn.execute(delete(reference_links))
    now = dt.datetime.now(dt.UTC)
    if links:
        conn.execute(
            reference_links.insert(),
            [
                {
                    "event_id": link.merged_id,
                    "reference_id": link.reference_id,
                    "days_apart": link.days_apart,
                    "km_apart": link.km_apart,
                    "score": link.score,
                    "reason": link.reason,
                    "linked_at": now,
                }
                for link in links
            ],
        )
    return len(links)
