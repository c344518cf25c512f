"""What merging makes: one incident supported by one or more reports (SPEC §2), its members and
every value they give with the reports behind it, and how a group of members is summed up.
Pure: no I/O. :mod:`trucewatch.corroborate.merge` decides which incidents form a group.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Generic, TypeVar

from trucewatch.model.event import actor_key, known_actor
from trucewatch.model.ids import event_id
from trucewatch.model.incident import Incident, IncidentType, Place, TimePrecision, Toll
from trucewatch.model.report import Mention

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Supported(Generic[T]):
    """A value as one or more reports give it (a toll, a perpetrator), with those reports."""

    value: T
    reports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Member:
    """An extracted incident inside a merged one, and why it joined."""

    incident: Incident
    joined: str


@dataclass(frozen=True, slots=True)
class MergedIncident:
    """One incident supported by one or more reports (SPEC §2), disagreements kept.

    ``date``, ``place`` and ``time_precision`` are the most precise the members give;
    ``perpetrators``, ``targets``, ``killed`` and ``injured`` list every distinct value with the
    reports that give it, in order of support: nothing is averaged away.
    """

    id: str
    type: IncidentType
    members: tuple[Member, ...]
    date: dt.date | None
    time_precision: TimePrecision | None
    place: Place | None
    perpetrators: tuple[Supported[str], ...] = ()
    targets: tuple[Supported[str], ...] = ()
    killed: tuple[Supported[Toll], ...] = ()
    injured: tuple[Supported[Toll], ...] = ()

    @property
    def incidents(self) -> tuple[Incident, ...]:
        """The extracted incidents merged here."""
        return tuple(m.incident for m in self.members)

    @property
    def report_ids(self) -> tuple[str, ...]:
        """The supporting reports, each once, in member order."""
        return tuple(dict.fromkeys(m.incident.report_id or "" for m in self.members))

    @property
    def evidence(self) -> list[Mention]:
        """Every mention behind every member."""
        return [m for member in self.members for m in member.incident.evidence]

    def disagreements(self) -> list[str]:
        """The fields on which the supporting reports differ, each value with its reports."""
        out = []
        for name, values in (
            ("perpetrator", self.perpetrators),
            ("target", self.targets),
            ("killed", self.killed),
            ("injured", self.injured),
        ):
            if len(values) > 1:
                side = [f"{_show(v.value)} ({', '.join(v.reports)})" for v in values]
                out.append(f"{name}: " + " against ".join(side))
        return out


def _supported(values: Iterable[tuple[T, str]], key: Callable[[T], object]) -> tuple:
    by_key: dict[object, list[str]] = defaultdict(list)
    first: dict[object, T] = {}
    for value, report in values:
        k = key(value)
        first.setdefault(k, value)
        if report not in by_key[k]:
            by_key[k].append(report)
    ranked = sorted(by_key, key=lambda k: -len(by_key[k]))  # stable: first seen wins ties
    return tuple(Supported(first[k], tuple(by_key[k])) for k in ranked)


def earliest_member(
    incidents: Iterable[Incident],
    published: Mapping[str, tuple[dt.date | None, dt.date | None]],
) -> Incident:
    """The member an event is named by: the one whose report was published first (an undated
    report by its incident's date; ties by incident id), so reports joining later do not rename
    the event."""

    def key(incident: Incident) -> tuple[dt.date, str]:
        earliest, latest = published.get(incident.report_id or "", (None, None))
        return (earliest or latest or incident.date or dt.date.max, incident.id or "")

    return min(incidents, key=key)


def summarise(
    group: list[Member], published: Mapping[str, tuple[dt.date | None, dt.date | None]]
) -> MergedIncident:
    """The merged incident a group of members makes: the most precise date and place they give,
    every perpetrator, target and toll with its reports, named after its earliest member."""
    incidents = [m.incident for m in group]
    anchor = earliest_member(incidents, published)
    dated = [i for i in incidents if i.date is not None]
    best_date = min(
        dated, key=lambda i: (i.time_precision or TimePrecision.DAY, i.date), default=None
    )
    placed = [i for i in incidents if i.place is not None]
    best_place = min(placed, key=lambda i: i.place.geo_precision if i.place else 9, default=None)
    types = _supported(((i.type, i.report_id or "") for i in incidents), lambda t: t)
    return MergedIncident(
        id=event_id(anchor.id or ""),
        type=types[0].value,
        members=tuple(group),
        date=best_date.date if best_date else None,
        time_precision=(best_date.time_precision or TimePrecision.DAY) if best_date else None,
        place=best_place.place if best_place else None,
        perpetrators=_supported(
            ((i.perpetrator, i.report_id or "") for i in incidents if known_actor(i.perpetrator)),
            actor_key,
        ),
        targets=_supported(
            ((i.target, i.report_id or "") for i in incidents if known_actor(i.target)), actor_key
        ),
        killed=_supported(_report_tolls(incidents, "killed"), lambda t: t),
        injured=_supported(_report_tolls(incidents, "injured"), lambda t: t),
    )


def _report_tolls(incidents: list[Incident], field: str) -> list[tuple[Toll, str]]:
    """Each report's toll for the event: a report with several members (the towns of one
    attack it told) gives the sum of their tolls, not rival counts."""
    by_report: dict[str, list[Toll]] = defaultdict(list)
    for i in incidents:
        toll = getattr(i, field)
        if toll.known:
            by_report[i.report_id or ""].append(toll)
    return [(reduce(Toll.added, tolls), rid) for rid, tolls in by_report.items()]


def _show(value: object) -> str:
    if isinstance(value, Toll):
        parts = [value.low, value.best, value.high]
        known = sorted({p for p in parts if p is not None})
        return "–".join(str(p) for p in known) if known else "unknown"
    return str(value)
