"""Events: what a mission publishes. One event is one thing that happened, however many reports
tell it; each report's incident is a member and stays its evidence.

Every combined value says which members it came from (``provenance``), so nothing the event
asserts is unexplainable. Ids: :func:`trucewatch.model.ids.event_id` of the earliest member.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trucewatch.model.dates import DateWindow
from trucewatch.model.incident import Attribution, Grade, Incident, IncidentType, Place, Toll


@dataclass(frozen=True, slots=True)
class Sided:
    """One value as some members give it, side by side with the others (never averaged away).

    ``reports`` are the reports behind it; ``members`` the member incidents; ``status`` says how
    it relates to the others: ``current``, ``updated`` (a later report of the same outlet, or one
    that says the figure rose, replaced it), or ``contradicted`` (an independent source at the
    same time disagrees).
    """

    value: str | Toll
    reports: tuple[str, ...]
    members: tuple[str, ...] = ()
    status: str = "current"
    words: str | None = None  # the words the report used, when kept


@dataclass(slots=True)
class Event:
    """One event, its values combined from its member incidents (SPEC §2)."""

    id: str
    type: IncidentType
    window: DateWindow
    members: tuple[str, ...]  # member incident ids, the earliest (the event's anchor) first
    report_ids: tuple[str, ...]  # supporting reports, each once
    sources: int  # independent sources (copies and reprints counted once)
    place: Place | None = None
    perpetrator: str | None = None
    attribution: Attribution | None = None
    perpetrator_alternatives: tuple[str, ...] = ()
    target: str | None = None
    killed: Toll = field(default_factory=Toll)  # range over independent, current figures
    injured: Toll = field(default_factory=Toll)
    perpetrators: tuple[Sided, ...] = ()
    targets: tuple[Sided, ...] = ()
    killed_values: tuple[Sided, ...] = ()
    injured_values: tuple[Sided, ...] = ()
    grade: Grade = Grade.UNVERIFIED
    computed_grade: Grade = Grade.UNVERIFIED
    explanation: str = ""
    # field name -> the member incident ids the combined value came from
    provenance: dict[str, tuple[str, ...]] = field(default_factory=dict)


_UNKNOWN_ACTORS = frozenset({"", "unknown", "unidentified", "unknown perpetrator", "none"})


def member_attribution(incident: Incident) -> Attribution | None:
    """How a report's incident knows its perpetrator: what the extractor said, and a perpetrator
    the text states is ``stated`` until the extractor says otherwise; None without one."""
    name = " ".join((incident.perpetrator or "").casefold().split())
    if name in _UNKNOWN_ACTORS:
        return None
    return incident.attribution or Attribution.STATED
