"""The numbers of a situation report: the events of a period ending at a local cut-off, against
the period before.

``collect(conn, period)`` reads the store (through its repository functions) and returns a
:class:`SituationReport`; ``tally``/``headline``/``trend`` are pure functions over event
records, so a test can check them on records it builds itself. Every count is a count of events
(one per thing that happened, however many reports tell it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from trucewatch.agreements import AgreementRecord
from trucewatch.model.agreement import Agreement
from trucewatch.report.event_records import EventRecord, load_events, undated_events
from trucewatch.report.feeds import (
    ContradictionFinder,
    Register,
    accession_register,
    contradiction_register,
    delivery_register,
    hotline_register,
)
from trucewatch.report.period import Period
from trucewatch.report.records import toll_range
from trucewatch.report.settings import ReportSettings
from trucewatch.report.words import words

# A period longer than this shows its trends per week instead of per day.
DAILY_TREND_DAYS = 14
TREND_ROWS = 10


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
        return range_text(self.low_high) if self.low_high else str(self.value)

    def previous_shown(self) -> str:
        return range_text(self.previous_low_high) if self.previous_low_high else str(self.previous)

    def change_shown(self) -> str:
        return f"{self.change:+d}" if self.change else "±0"


def range_text(pair: tuple[int, int]) -> str:
    """``12`` or ``12–15``."""
    low, high = pair
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True, slots=True)
class TallyRow:
    """One line of a breakdown: violations, alleged violations and all violent events."""

    key: str
    violations: int
    alleged: int
    events: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """One report day of a trend line."""

    day: dt.date
    events: int
    violations: int
    alleged: int
    killed_low: int


@dataclass(frozen=True, slots=True)
class TrendTable:
    """Violent events (and violations) per key and per day or week of a period."""

    title: str
    buckets: tuple[str, ...]  # column labels
    rows: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]  # key, (events, violations) each


@dataclass(frozen=True, slots=True)
class Section:
    """A governorate's events."""

    name: str
    anchor: str
    records: tuple[EventRecord, ...]
    violations: int
    alleged: int


@dataclass(slots=True)
class SituationReport:
    """Everything a daily or period report shows, computed once and rendered as is."""

    period: Period
    previous: Period
    headline: list[Figure]
    by_governorate: list[TallyRow]
    by_party: list[TallyRow]
    by_type: list[TallyRow]
    events: list[EventRecord]  # violent events of the period
    previous_events: list[EventRecord]
    sections: list[Section]
    trend: list[DayCount]
    trends: list[TrendTable] = field(default_factory=list)  # per party and governorate
    settings: ReportSettings = field(default_factory=ReportSettings)
    titles: dict[str, str] = field(default_factory=dict)  # agreement id -> title
    regimes: list[Agreement] = field(default_factory=list)  # agreements and regimes in force
    accessions: Register = field(default_factory=lambda: Register.empty("Accessions"))
    hotline: Register = field(default_factory=lambda: Register.empty("Hotline"))
    deliveries: Register = field(default_factory=lambda: Register.empty("Deliveries"))
    contradictions: Register = field(default_factory=lambda: Register.empty("Contradictions"))
    other_events: list[EventRecord] = field(default_factory=list)  # non-violent events
    undated: int = 0  # events in the store with no known day (in no dated report)

    @property
    def title(self) -> str:
        kind = "Daily situation report" if self.period.length == 1 else "Situation report"
        return f"{kind} {self.period.label()}"

    @property
    def counted(self) -> list[EventRecord]:
        """Every event the report counts: violent ones and the others (deliveries, truces)."""
        return [*self.events, *self.other_events]


def violent(records: Sequence[EventRecord]) -> list[EventRecord]:
    """The events whose type is violent (deliveries, accessions, truces left out)."""
    return [r for r in records if r.event.type.violent]


def tally(records: Sequence[EventRecord], key: Callable[[EventRecord], str]) -> list[TallyRow]:
    """Violations, alleged violations and events per key: most violations first, then most
    events, then name; the unknown key last."""
    counted = Counter(key(r) for r in records)
    violations = Counter(key(r) for r in records if r.violation)
    alleged = Counter(key(r) for r in records if r.alleged)
    rows = [TallyRow(k, violations[k], alleged[k], n) for k, n in counted.items()]
    return sorted(rows, key=lambda r: (r.key == "unknown", -r.violations, -r.events, r.key))


def toll_total(records: Sequence[EventRecord], which: str) -> tuple[int, int]:
    """Sum of the killed (or injured) ranges: (sum of lows, sum of highs); unknown adds nothing."""
    low = high = 0
    for record in records:
        pair = toll_range(getattr(record.event, which))
        if pair:
            low, high = low + pair[0], high + pair[1]
    return low, high


def headline(current: Sequence[EventRecord], previous: Sequence[EventRecord]) -> list[Figure]:
    """The headline figures of a period against the previous one (violent events only)."""
    killed, killed_before = toll_total(current, "killed"), toll_total(previous, "killed")
    injured, injured_before = toll_total(current, "injured"), toll_total(previous, "injured")

    def governorates(records: Sequence[EventRecord]) -> int:
        return len({r.governorate for r in records if r.event.place})

    return [
        Figure("violent events", len(current), len(previous)),
        Figure("violations", sum(r.violation for r in current), sum(r.violation for r in previous)),
        Figure(
            "alleged violations", sum(r.alleged for r in current), sum(r.alleged for r in previous)
        ),
        Figure("killed", killed[0], killed_before[0], killed, killed_before),
        Figure("injured", injured[0], injured_before[0], injured, injured_before),
        Figure("governorates affected", governorates(current), governorates(previous)),
    ]


def anchor(prefix: str, name: str) -> str:
    """An HTML id for a section: ``gov-rif-dimashq``."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x")


def sections(records: Sequence[EventRecord]) -> list[Section]:
    """One section per governorate with events, by name (events of unknown place last)."""
    names = sorted({r.governorate for r in records}, key=lambda n: (n == "unknown", n))
    out = []
    for name in names:
        own = tuple(r for r in records if r.governorate == name)
        out.append(
            Section(
                name,
                anchor("gov", name),
                own,
                sum(r.violation for r in own),
                sum(r.alleged for r in own),
            )
        )
    return out


def trend(records: Sequence[EventRecord], period: Period) -> list[DayCount]:
    """Per report day: events, violations, alleged violations and the low count of killed."""
    counts = []
    for day in period.days():
        on_day = [r for r in records if r.day == day]
        counts.append(
            DayCount(
                day,
                len(on_day),
                sum(r.violation for r in on_day),
                sum(r.alleged for r in on_day),
                toll_total(on_day, "killed")[0],
            )
        )
    return counts


def _buckets(period: Period) -> list[tuple[str, dt.date, dt.date]]:
    """The columns of a trend table: each day of a short period, else weeks from its first day."""
    if period.length <= DAILY_TREND_DAYS:
        return [(d.strftime("%d %b"), d, d) for d in period.days()]
    out = []
    start = period.first_day
    while start <= period.last_day:
        end = min(start + dt.timedelta(days=6), period.last_day)
        out.append((f"{start:%d %b}–{end:%d %b}", start, end))
        start = end + dt.timedelta(days=1)
    return out


def trend_table(
    records: Sequence[EventRecord], period: Period, title: str, key: Callable[[EventRecord], str]
) -> TrendTable:
    """Events and violations per key over the period's days (or weeks), busiest keys first."""
    buckets = _buckets(period)
    keys = [row.key for row in tally(records, key)][:TREND_ROWS]
    rows = []
    for k in keys:
        own = [r for r in records if key(r) == k]
        cells = []
        for _, first, last in buckets:
            inside = [r for r in own if r.day is not None and first <= r.day <= last]
            cells.append((len(inside), sum(r.violation for r in inside)))
        rows.append((k, tuple(cells)))
    return TrendTable(title, tuple(label for label, _, _ in buckets), tuple(rows))


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
    settings: ReportSettings | None = None,
) -> SituationReport:
    """Read the store and compute the report for ``period`` (and the period before it).

    ``agreements`` gives the regimes in force, the agreements' titles and the accessions on
    record; ``contradictions`` is corroboration's reader of contradicting claims, when it has
    one; ``settings`` heads and marks the report (its cut-off and zone are ``period``'s).
    """
    previous = period.previous()
    records = load_events(conn, period)
    before = violent(load_events(conn, previous))
    current = violent(records)
    titles = {a.id: a.title for a in agreements.agreements} if agreements else {}
    trends = []
    if period.length > 1:
        trends = [
            trend_table(current, period, "Violent events per party", lambda r: r.party),
            trend_table(current, period, "Violent events per governorate", lambda r: r.governorate),
        ]
    return SituationReport(
        period=period,
        previous=previous,
        headline=headline(current, before),
        by_governorate=tally(current, lambda r: r.governorate),
        by_party=tally(current, lambda r: r.party),
        by_type=tally(current, lambda r: words(r.event.type)),
        events=current,
        previous_events=before,
        sections=sections(current),
        trend=trend(current, period),
        trends=trends,
        settings=settings or ReportSettings(cutoff=period.cutoff, tz=period.tz),
        titles=titles,
        regimes=agreements_in_force(agreements, period),
        accessions=accession_register(conn, period, agreements),
        hotline=hotline_register(conn, period),
        deliveries=delivery_register(conn, period),
        contradictions=contradiction_register(conn, period, contradictions),
        other_events=[r for r in records if not r.event.type.violent],
        undated=undated_events(conn),
    )
