"""The claims ledger: who said what about the same quantity, side by side, and what disagrees.

Four comparisons, each a :class:`Comparison` with the values, their claimants and reports:

- ``quantity``: claims about the same quantity (same unit, period and subject — or, when the
  extractor gave no subject, the same incident the claim is about) from different reports.
  Different values are a ``contradiction``; the same value an ``agreement``. One report's own
  numbers are not compared with each other: "seven to nine" is a range, not two voices.
- ``toll`` and ``perpetrator``: inside one event, reports that give different death tolls or
  name different perpetrators. A figure a later report of the same outlet, or one saying the toll
  rose, replaced is ``updated``, not a contradiction; independent figures whose ranges overlap
  (3–4 against 4) are ``overlapping``; ranges apart are a ``contradiction``.
- ``truce_start``: two start times for the same truce (``truce_declared`` incidents about the
  same place, a few days apart at most, with different times of day).
- ``arithmetic``: a claim's own numbers checked: 28,000 of 80,000 is 35 %, so "(35 percent)"
  is ``consistent``, "(45 percent)" ``inconsistent``; a part larger than its whole too.

Pure: no I/O. Values are compared, never averaged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from trucewatch.corroborate.merged import MergedIncident, Supported
from trucewatch.corroborate.pair_rules import places_compatible
from trucewatch.model.event import Event
from trucewatch.model.incident import Claim, Incident, IncidentType, Toll

PERCENT_TOLERANCE = 1.0  # percentage points: "35 percent" stands for 34.5–35.5, plus rounding
TRUCE_WINDOW = dt.timedelta(days=3)  # two announced starts further apart are two truces


@dataclass(frozen=True, slots=True)
class Item:
    """One side of a comparison: a value, who said it, and the report and text behind it."""

    value: str
    claimant: str | None
    report_id: str | None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Values about one thing placed side by side, with a verdict and its explanation."""

    kind: str  # quantity, toll, perpetrator, truce_start, arithmetic
    subject: str
    verdict: str  # contradiction, agreement, overlapping, consistent, inconsistent
    items: tuple[Item, ...]
    explanation: str

    @property
    def contradiction(self) -> bool:
        """Whether the comparison flags a disagreement a person should look at."""
        return self.verdict in {"contradiction", "inconsistent"}


def _unit(unit: str) -> str:
    u = " ".join(unit.casefold().split())
    return u[:-1] if u.endswith("s") and not u.endswith("ss") else u  # "fighters" = "fighter"


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"


def _quote(claim: Claim) -> str | None:
    return claim.evidence[0].text if claim.evidence else None


def compare_claims(
    claims: Iterable[Claim], *, topic_of: Callable[[Claim], str | None] | None = None
) -> list[Comparison]:
    """Compare claims about the same quantity from different claimants (or reports).

    Claims are about the same quantity when they share unit, period and subject, and — when
    they have no subject — the topic ``topic_of`` gives them (e.g. the merged incident they sit
    in). Claims with neither a subject nor a topic are not compared: "20 people" in two reports
    about two towns is not one quantity.
    """
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        topic = claim.subject or (topic_of(claim) if topic_of else None)
        if not topic:
            continue
        groups[(_unit(claim.unit), claim.period or "", topic)].append(claim)
    out = []
    for (unit, period, topic), group in groups.items():
        if len({c.report_id for c in group}) < 2:
            continue  # one report's numbers are a range or parts of a whole, not two voices
        items = tuple(
            Item(_number(c.quantity), c.claimant, c.report_id, _quote(c))
            for c in sorted(group, key=lambda c: (c.quantity, c.claimant or ""))
        )
        values = sorted({c.quantity for c in group})
        subject = f"{unit}{f' ({period})' if period else ''} about {topic}"
        if len(values) == 1:
            verdict, why = "agreement", f"all give {_number(values[0])} {unit}"
        else:
            verdict = "contradiction"
            why = " against ".join(f"{i.value} ({i.claimant or 'unattributed'})" for i in items)
        out.append(Comparison("quantity", subject, verdict, items, why))
    return out


def check_arithmetic(claim: Claim) -> Comparison | None:
    """Check a claim's own arithmetic (part of a whole, percentage); None if nothing to check."""
    if claim.of_total is None:
        return None
    part, whole = claim.quantity, claim.of_total
    items = (Item(_number(part), claim.claimant, claim.report_id, _quote(claim)),)
    subject = f"{_number(part)} of {_number(whole)} {claim.unit}"
    if whole <= 0 or part > whole:
        return Comparison(
            "arithmetic", subject, "inconsistent", items, "the part is larger than the whole"
        )
    share = 100 * part / whole
    if claim.percent is None:
        return Comparison("arithmetic", subject, "consistent", items, f"that is {share:.1f} %")
    off = abs(share - claim.percent)
    verdict = "consistent" if off <= PERCENT_TOLERANCE else "inconsistent"
    why = (
        f"{_number(part)} of {_number(whole)} is {share:.1f} %; the claim says {claim.percent:g} %"
    )
    return Comparison("arithmetic", subject, verdict, items, why)


def _toll_range(t: Toll) -> tuple[int, int]:
    known = [v for v in (t.low, t.best, t.high) if v is not None]
    return min(known), max(known)


def _show_toll(t: Toll) -> str:
    lo, hi = _toll_range(t)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def compare_merged(
    merged: MergedIncident,
    name_of: Callable[[str], str] | None = None,
    event: Event | None = None,
) -> list[Comparison]:
    """Toll and perpetrator disagreements between the reports behind one merged incident.
    ``name_of`` turns a report id into what a person reads in the explanation (its outlet).
    Given its ``event``, a figure a later report updated is an ``updated`` comparison, not a
    contradiction: only independent figures still standing side by side are compared."""
    name = name_of or (lambda report_id: report_id)
    out = []
    subject = f"{merged.type.value} {merged.id}" + (
        f" at {merged.place.name}" if merged.place else ""
    )
    if event is not None and event.window.known:
        subject += f" {event.window.describe()}"
    elif merged.date:
        subject += f" on {merged.date.isoformat()}"
    for field, tolls in (("killed", merged.killed), ("injured", merged.injured)):
        if len(tolls) < 2 or len({r for t in tolls for r in t.reports}) < 2:
            continue
        items = tuple(
            Item(_show_toll(t.value), None, r, _said(merged, r, field))
            for t in tolls
            for r in t.reports
        )
        old = _updated(event, field)
        live = [t for t in tolls if t.value not in old]
        if old and len(live) <= 1:
            was = ", ".join(_side(t, _show_toll(t.value), name) for t in tolls if t.value in old)
            now = " and ".join(_side(t, _show_toll(t.value), name) for t in live) or "unknown"
            why = f"{field}: {was} updated to {now} by a later report"
            out.append(Comparison("toll", f"{field} in {subject}", "updated", items, why))
            continue
        ranges = [_toll_range(t.value) for t in live]
        apart = max(lo for lo, _ in ranges) > min(hi for _, hi in ranges)
        verdict = "contradiction" if apart else "overlapping"
        why = f"{field}: " + " against ".join(_side(t, _show_toll(t.value), name) for t in live)
        out.append(Comparison("toll", f"{field} in {subject}", verdict, items, why))
    if len(merged.perpetrators) > 1:
        items = tuple(
            Item(p.value, None, r, _said(merged, r, "perpetrator"))
            for p in merged.perpetrators
            for r in p.reports
        )
        why = "perpetrator: " + " against ".join(
            _side(p, p.value, name) for p in merged.perpetrators
        )
        out.append(Comparison("perpetrator", subject, "contradiction", items, why))
    return out


def _updated(event: Event | None, field: str) -> set[Toll]:
    """The figures a later report replaced (every report giving them was updated)."""
    if event is None:
        return set()
    values = event.killed_values if field == "killed" else event.injured_values
    standing = {v.value for v in values if v.status != "updated"}
    return {v.value for v in values if v.status == "updated"} - standing  # type: ignore[misc]


def _said(merged: MergedIncident, report_id: str, field: str) -> str | None:
    """The words a report gave a field in, so each side of a comparison shows its evidence."""
    for incident in merged.incidents:
        if incident.report_id == report_id:
            for mention in incident.evidence:
                if mention.field == field:
                    return mention.text
    return None


def _side(value: Supported, shown: str, name: Callable[[str], str]) -> str:
    return f"{shown} ({', '.join(name(r) for r in value.reports)})"


def compare_truce_starts(incidents: Sequence[Incident]) -> list[Comparison]:
    """Different start times given for the same truce by different reports.

    Truces are the ``truce_declared`` incidents with a time of day; two are the same truce when
    their places are compatible (or neither has one) and their times are at most a few days
    apart. Times that differ are a contradiction, listed with the reports that give each.
    """
    timed = sorted(
        (i for i in incidents if i.type == IncidentType.TRUCE_DECLARED and i.time is not None),
        key=lambda i: i.time or dt.datetime.min,
    )
    used: set[int] = set()
    out = []
    for n, first in enumerate(timed):
        if n in used:
            continue
        group = [first]
        for m in range(n + 1, len(timed)):
            other = timed[m]
            if m in used or not _same_truce(first, other):
                continue
            group.append(other)
            used.add(m)
        times = sorted({i.time for i in group if i.time})
        reports = {i.report_id for i in group}
        if len(times) < 2 or len(reports) < 2:
            continue
        items = tuple(
            Item(f"{i.time:%Y-%m-%d %H:%M} UTC", None, i.report_id, _start_text(i)) for i in group
        )
        where = first.place.name if first.place else "no place named"
        why = "start: " + " against ".join(f"{it.value} ({it.report_id})" for it in items)
        out.append(Comparison("truce_start", f"truce ({where})", "contradiction", items, why))
    return out


def _same_truce(a: Incident, b: Incident) -> bool:
    if a.time is None or b.time is None or abs(a.time - b.time) > TRUCE_WINDOW:
        return False
    if a.place is None or b.place is None:
        return a.place is None and b.place is None
    return places_compatible(a.place, b.place)


def _start_text(incident: Incident) -> str | None:
    for m in incident.evidence:
        if m.field == "date":
            return m.text
    return None
