"""The report's registers beside incidents: accessions, hotline, deliveries, contradictions, grades.

They come from other parts of trucewatch (the centre's tables, corroboration). A register whose
table is not in this database yet, or holds nothing for the period, is shown as "no records";
it never breaks the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, inspect, or_, select

from trucewatch.agreements import AgreementRecord
from trucewatch.model.agreement import Accession
from trucewatch.report.period import Period
from trucewatch.report.words import place_words


@dataclass(frozen=True, slots=True)
class Register:
    """A titled table of rows (already formatted as text) with a few counts above it."""

    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def empty(cls, title: str, note: str | None = None) -> Register:
        return cls(title, notes=(note,) if note else ())

    @property
    def has_records(self) -> bool:
        return bool(self.rows)


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def local_text(moment: dt.datetime | None, tz: str) -> str:
    """``2016-03-01 14:05 Damascus time`` in the report's zone (named beside every time, so no
    time in a report is read in the wrong zone); empty for an unknown time."""
    moment = _utc(moment)
    if moment is None:
        return ""
    from zoneinfo import ZoneInfo

    from trucewatch.report.settings import zone_label

    # No-break spaces: a table cell never wraps a time away from its zone.
    label = zone_label(tz).replace(" ", "\u00a0")
    return f"{moment.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M}\u00a0{label}"


def _in(moment: dt.datetime | None, period: Period) -> bool:
    moment = _utc(moment)
    return moment is not None and period.start < moment <= period.end


def _table(conn: Connection, name: str) -> Table | None:
    """The centre table ``name`` when this database has it (older stores may not)."""
    try:
        from trucewatch.store import centre_tables
    except ImportError:  # the centre is not part of this build
        return None
    table = getattr(centre_tables, name, None)
    if not isinstance(table, Table) or not inspect(conn).has_table(table.name):
        return None
    return table


def load_grades(conn: Connection) -> dict[str, str]:
    """Incident id → grade: an analyst's where one was recorded, else the corroborated one."""
    from trucewatch.corroborate.grades import effective_grades

    return effective_grades(conn)


def _accession_moment(acc: Accession, tz: str) -> dt.datetime | None:
    if acc.at is not None:
        return _utc(acc.at)
    if acc.on is not None:  # a day only: noon local keeps it on that day under any cut-off ≥ 12:00
        from zoneinfo import ZoneInfo

        return dt.datetime.combine(acc.on, dt.time(12), ZoneInfo(tz)).astimezone(dt.UTC)
    return None


def accession_register(
    conn: Connection, period: Period, agreements: AgreementRecord | None
) -> Register:
    """Accession requests received and accessions accepted in the period.

    From the centre's register when it has rows, and from the agreement files' accessions.
    """
    rows: list[tuple[str, ...]] = []
    from trucewatch.report.words import agreement_title

    titles = {a.id: a.title for a in agreements.agreements} if agreements else {}
    requests = _table(conn, "accession_requests")
    parties = _table(conn, "centre_parties")
    received = accepted = 0
    if requests is not None and parties is not None:
        r = requests.c
        query = (
            select(requests, parties.c.name.label("party"))
            .join(parties, parties.c.id == r.party_id)
            .where(
                or_(
                    r.received_at.between(period.start, period.end),
                    r.status_at.between(period.start, period.end),
                )
            )
        )
        for row in conn.execute(query):
            if _in(row.received_at, period):
                received += 1
                rows.append(
                    (
                        local_text(row.received_at, period.tz),
                        row.party,
                        agreement_title(row.agreement, titles),
                        row.through or "",
                        "request received",
                        f"{row.channel}: {row.sender}",
                    )
                )
            if _in(row.status_at, period) and row.status != "received":
                accepted += row.status == "accepted"
                rows.append(
                    (
                        local_text(row.status_at, period.tz),
                        row.party,
                        agreement_title(row.agreement, titles),
                        row.through or "",
                        row.status.replace("_", " "),
                        "centre register",
                    )
                )
    for acc in agreements.accessions if agreements else ():
        moment = _accession_moment(acc, period.tz)
        if _in(moment, period):
            accepted += acc.status == "accepted"
            received += acc.status == "received"
            rows.append(
                (
                    local_text(acc.at, period.tz) if acc.at else (acc.on or "").__str__(),
                    acc.party,
                    agreement_title(acc.agreement, titles),
                    acc.through or "",
                    acc.status.replace("_", " "),
                    acc.source or "",
                )
            )
    return Register(
        "Accession requests and accessions",
        ("when", "party", "agreement", "through", "status", "source"),
        tuple(sorted(rows)),
        (("requests received", received), ("accepted", accepted)),
    )


def hotline_register(conn: Connection, period: Period) -> Register:
    """Hotline messages sent, acknowledged, and overdue at the cut-off."""
    messages = _table(conn, "hotline_messages")
    threads = _table(conn, "hotline_threads")
    if messages is None or threads is None:
        return Register.empty("Hotline")
    m = messages.c
    query = (
        select(messages, threads.c.subject)
        .join(threads, threads.c.id == m.thread_id)
        .where(
            or_(
                m.sent_at.between(period.start, period.end),
                m.acked_at.between(period.start, period.end),
                (m.ack_due <= period.end) & (m.acked_at.is_(None) | (m.acked_at > period.end)),
            )
        )
        .where(m.sent_at <= period.end)
        .order_by(m.sent_at, m.id)
    )
    rows = []
    opened = acknowledged = overdue = 0
    for row in conn.execute(query):
        states = []
        if _in(row.sent_at, period):
            opened += 1
            states.append("sent")
        if _in(row.acked_at, period):
            acknowledged += 1
            states.append("acknowledged")
        due, acked = _utc(row.ack_due), _utc(row.acked_at)
        if due is not None and due <= period.end and (acked is None or acked > period.end):
            overdue += 1
            states.append("overdue")
        recipients = ", ".join(row.recipients or ())
        rows.append(
            (
                local_text(row.sent_at, period.tz),
                f"{row.sender} → {recipients}",
                row.subject,
                local_text(row.ack_due, period.tz),
                local_text(row.acked_at, period.tz),
                ", ".join(states),
            )
        )
    return Register(
        "Hotline",
        ("sent", "from → to", "subject", "acknowledgement due", "acknowledged", "state"),
        tuple(rows),
        (("sent", opened), ("acknowledged", acknowledged), ("overdue at cut-off", overdue)),
    )


def delivery_register(conn: Connection, period: Period) -> Register:
    """Humanitarian deliveries dated in the period, or whose status changed in it."""
    table = _table(conn, "deliveries")
    if table is None:
        return Register.empty("Deliveries")
    d = table.c
    query = select(table).where(
        or_(
            d.date.between(period.first_day, period.last_day),
            d.status_at.between(period.start, period.end),
        )
    )
    rows = []
    by_status: dict[str, int] = {}
    for row in conn.execute(query.order_by(d.date, d.id)):
        by_status[row.status] = by_status.get(row.status, 0) + 1
        rows.append(
            (
                row.date.isoformat() if row.date else "",
                row.agency,
                place_words(row.place, row.governorate),
                row.method.replace("_", " "),
                row.status.replace("_", " "),
                _amount(row.tonnes, row.trucks),
            )
        )
    return Register(
        "Deliveries",
        ("date", "agency", "place", "method", "status", "amount"),
        tuple(rows),
        tuple(sorted(by_status.items())),
    )


def _amount(tonnes: float | None, trucks: int | None) -> str:
    parts = []
    if tonnes is not None:
        parts.append(f"{tonnes:g} t")
    if trucks is not None:
        parts.append(f"{trucks} trucks")
    return ", ".join(parts)


ContradictionFinder = Callable[[Connection, Period], Sequence[tuple[str, ...]]]


def contradiction_register(
    conn: Connection, period: Period, finder: ContradictionFinder | None = None
) -> Register:
    """Contradicting claims found in the period.

    Corroboration finds them; ``finder`` is its reader (rows of subject, claimant, says,
    claimant, says). Without one the register says there are no records.
    """
    if finder is None:
        return Register.empty("Contradictions")
    rows = finder(conn, period)
    return Register(
        "Contradictions",
        ("subject", "claimant", "says", "claimant", "says"),
        tuple(sorted(rows)),
        (("found", len(rows)),),
    )
