"""Counts of violations per party, governorate, day and agreement, for reports and the UI.

An incident that breaches both the nationwide cessation and a local regime is one violation per
agreement in ``by_agreement``, but one incident in the other tallies: counting it twice per
party or per day would inflate the figures a reader compares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from trucewatch.adjudicate.actors import ActorLookup, is_unknown
from trucewatch.adjudicate.territory import canonical_governorate
from trucewatch.model.agreement import Ruling, RulingValue
from trucewatch.model.incident import Incident

UNKNOWN = "unknown"


@dataclass(slots=True)
class Tally:
    """Violation counts; ``incidents`` is the number of units ruled on (events in the store,
    incidents read from a file: ``unit`` names which) with at least one violation, ``alleged``
    those with an ``alleged_violation`` and no violation (counted apart, never added in)."""

    incidents: int = 0
    alleged: int = 0
    unit: str = "incidents"
    by_party: Counter[str] = field(default_factory=Counter)
    by_governorate: Counter[str] = field(default_factory=Counter)
    by_day: Counter[str] = field(default_factory=Counter)
    by_agreement: Counter[str] = field(default_factory=Counter)
    by_ruling: Counter[str] = field(default_factory=Counter)  # every ruling value, for context

    def as_dict(self) -> dict[str, object]:
        """Plain data, largest counts first (days in date order)."""
        return {
            f"{self.unit}_with_violation": self.incidents,
            f"{self.unit}_with_alleged_violation": self.alleged,
            "by_party": dict(self.by_party.most_common()),
            "by_governorate": dict(self.by_governorate.most_common()),
            "by_day": dict(sorted(self.by_day.items())),
            "by_agreement": dict(self.by_agreement.most_common()),
            "by_ruling": dict(self.by_ruling.most_common()),
        }


def tally(
    results: Iterable[tuple[Incident, list[Ruling]]],
    actors: ActorLookup | None = None,
    unit: str = "incidents",
) -> Tally:
    """Count the violations in ``results`` (pairs of an incident, or an event read as one, and
    its rulings)."""
    out = Tally(unit=unit)
    for incident, rulings in results:
        for r in rulings:
            out.by_ruling[r.ruling.value] += 1
        broken = [r.agreement for r in rulings if r.ruling == RulingValue.VIOLATION]
        if not broken:
            out.alleged += any(r.ruling == RulingValue.ALLEGED_VIOLATION for r in rulings)
            continue
        out.incidents += 1
        out.by_agreement.update(broken)
        day = incident.time.date() if incident.time else incident.date
        out.by_day[day.isoformat() if day else UNKNOWN] += 1
        place = incident.place
        gov = canonical_governorate(place.governorate) if place else None
        out.by_governorate[gov or UNKNOWN] += 1
        party = UNKNOWN
        if not is_unknown(incident.perpetrator):
            name = incident.perpetrator or ""
            party = actors.canonical(name, day) if actors else name
        out.by_party[party] += 1
    return out
