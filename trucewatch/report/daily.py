"""The numbers of a situation report: a period ending at a local cut-off, against the one before.

``collect(conn, period)`` reads the store (through its repository functions) and returns a
:class:`SituationReport`; the ``tally``/``headline`` helpers are pure functions over incident
records, so a test can check them on records it builds itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from trucewatch.agreements import AgreementRecord
from trucewatch.model.agreement import Agreement
from trucewatch.report.feeds import (
    ContradictionFinder,
    Register,
    accession_register,
    contradiction_register,
    delivery_register,
    hotline_register,
    load_grades,
)
from trucewatch.report.period import Period
from trucewatch.report.records import IncidentRecord, load_records, toll_range

NOTABLE_LIMIT = 12


@dataclass(frozen=True, slots=True)
class Figure:
    """A headline number beside the previous period's."""

    name: str
    value: int
    previous: int
    low_high: tuple[int, int] | None = None  # for tolls: the range behind ``value`` (the low)
    previous_low_high: tuple[int, int] | None = None

    @property
    def change(self) -> int:
        return self.value - self.previous

    def shown(self) -> str:
        """``12`` or ``12–15`` for a toll range."""
        return _range_text(self.low_high) if self.low_high else str(self.value)

    def previous_shown(self) -> str:
        return _range_text(self.previous_low_high) if self.previous_low_high else str(self.previous)

    def change_shown(self) -> str:
        return f"{self.change:+d}" if self.change else "±0"


def _range_text(pair: tuple[int, int]) -> str:
    low, high = pair
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True, slots=True)
class TallyRow:
    """One line of a breakdown: violations and all violent incidents under one key."""

    key: str
    violations: int
    incidents: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """One report day of a trend line."""

    day: dt.date
    incidents: int
    violations: int
    killed_low: int


@dataclass(slots=True)
class SituationReport:
    """Everything a daily or period report shows, computed once and rendered as is."""

    period: Period
    previous: Period
    headline: list[Figure]
    by_governorate: list[TallyRow]
    by_party: list[TallyRow]
    by_type: list[TallyRow]
    incidents: list[IncidentRecord]  # violent incidents of the period
    notable: list[IncidentRecord]
    trend: list[DayCount]
    regimes: list[Agreement] = field(default_factory=list)  # agreements and regimes in force
    accessions: Register = field(default_factory=lambda: Register.empty("Accessions"))
    hotline: Register = field(default_factory=lambda: Register.empty("Hotline"))
    deliveries: Register = field(default_factory=lambda: Register.empty("Deliveries"))
    contradictions: Register = field(default_factory=lambda: Register.empty("Contradictions"))
    other_events: list[IncidentRecord] = field(default_factory=list)  # non-violent incidents
    undated: int = 0  # incidents in the store with no date at all (never in any report)

    @property
    def title(self) -> str:
        kind = "Daily situation report" if self.period.length == 1 else "Situation report"
        return f"{kind} {self.period.label()}"


def violent(records: Sequence[IncidentRecord]) -> list[IncidentRecord]:
    """The records whose incident type is violent (deliveries, accessions, truces left out)."""
    return [r for r in records if r.incident.type.violent]


def tally(
    records: Sequence[IncidentRecord], key: Callable[[IncidentRecord], str]
) -> list[TallyRow]:
    """Violations and incidents per key, most violations first, then most incidents, then name."""
    incidents = Counter(key(r) for r in records)
    violations = Counter(key(r) for r in records if r.violation)
    rows = [TallyRow(k, violations[k], n) for k, n in incidents.items()]
    return sorted(rows, key=lambda row: (-row.violations, -row.incidents, row.key))


def toll_total(records: Sequence[IncidentRecord], which: str) -> tuple[int, int]:
    """Sum of the killed (or injured) ranges: (sum of lows, sum of highs); unknown adds nothing."""
    low = high = 0
    for record in records:
        pair = toll_range(getattr(record.incident, which))
        if pair:
            low, high = low + pair[0], high + pair[1]
    return low, high


def headline(current: Sequence[IncidentRecord], previous: Sequence[IncidentRecord]) -> list[Figure]:
    """The headline figures of a period against the previous one (violent incidents only)."""
    killed, killed_before = toll_total(current, "killed"), toll_total(previous, "killed")
    injured, injured_before = toll_total(current, "injured"), toll_total(previous, "injured")

    def governorates(records: Sequence[IncidentRecord]) -> int:
        return len({r.governorate for r in records if r.incident.place})

    return [
        Figure("violations", sum(r.violation for r in current), sum(r.violation for r in previous)),
        Figure("violent incidents", len(current), len(previous)),
        Figure("killed", killed[0], killed_before[0], killed, killed_before),
        Figure("injured", injured[0], injured_before[0], injured, injured_before),
        Figure("governorates affected", governorates(current), governorates(previous)),
    ]


def notable(records: Sequence[IncidentRecord], limit: int = NOTABLE_LIMIT) -> list[IncidentRecord]:
    """The incidents to list by name: violations first, then the deadliest, then earliest."""

    def key(r: IncidentRecord) -> tuple:
        killed = toll_range(r.incident.killed) or (0, 0)
        return (not r.violation, -killed[1], r.incident.time is None, r.day or dt.date.max, r.id)

    return sorted(records, key=key)[:limit]


def trend(records: Sequence[IncidentRecord], period: Period) -> list[DayCount]:
    """Per report day: incidents, violations and the low killed count (zero days included)."""
    counts = []
    for day in period.days():
        on_day = [r for r in records if r.day == day]
        counts.append(
            DayCount(
                day, len(on_day), sum(r.violation for r in on_day), toll_total(on_day, "killed")[0]
            )
        )
    return counts


def agreements_in_force(record: AgreementRecord | None, period: Period) -> list[Agreement]:
    """Agreements and regimes in force at any moment of the period (declarations left out)."""
    if record is None:
        return []
    from trucewatch.adjudicate.timing import in_force_windows

    found = []
    for agreement in record.agreements:
        if agreement.kind == "declaration":
            continue
        for window in in_force_windows(agreement, record.agreements):
            ends_after_start = window.end is None or window.end > period.start
            if window.start <= period.end and ends_after_start:
                found.append(agreement)
                break
    return sorted(found, key=lambda a: (a.kind != "agreement", a.effective_from, a.id))


def collect(
    conn: Connection,
    period: Period,
    agreements: AgreementRecord | None = None,
    *,
    contradictions: ContradictionFinder | None = None,
) -> SituationReport:
    """Read the store and compute the report for ``period`` (and the period before it).

    ``agreements`` gives the regimes in force and the accessions on record; ``contradictions``
    is corroboration's reader of contradicting claims, when it has one.
    """
    previous = period.previous()
    grades = load_grades(conn)
    records = load_records(conn, period, grades=grades)
    before = violent(load_records(conn, previous, grades=grades))
    current = violent(records)
    return SituationReport(
        period=period,
        previous=previous,
        headline=headline(current, before),
        by_governorate=tally(current, lambda r: r.governorate),
        by_party=tally(current, lambda r: r.party),
        by_type=tally(current, lambda r: r.incident.type.value.replace("_", " ")),
        incidents=current,
        notable=notable(current),
        trend=trend(current, period),
        regimes=agreements_in_force(agreements, period),
        accessions=accession_register(conn, period, agreements),
        hotline=hotline_register(conn, period),
        deliveries=delivery_register(conn, period),
        contradictions=contradiction_register(conn, period, contradictions),
        other_events=[r for r in records if not r.incident.type.violent],
    )
