"""Verification grades of events (SPEC §2): computed, explained, overridable.

The computed grade, strongest first:

- ``confirmed``: a supporting report says the perpetrator accepted responsibility, or the report
  comes from a monitor (a source of kind ``monitor``) that observed it;
- ``contested``: independent stories name competing perpetrators;
- ``corroborated``: two or more *independent* sources support it. Reports of one reuse story
  (a reprint, a copy with a new lead) count once, and so do two reports of one outlet;
- ``unverified``: a single independent source.

``discounted`` (shown false) is never computed: only a person can say it, with a reason. A
person may override any grade; the override and its reason are kept in ``grade_history`` beside
the computed grades, and the newest override wins until it is cleared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, select

from trucewatch.corroborate.merge import SameActor
from trucewatch.corroborate.merged import MergedIncident
from trucewatch.model.centre import User
from trucewatch.model.event import GradeEvent
from trucewatch.model.incident import Grade, Incident
from trucewatch.store.corroboration_tables import event_members, events
from trucewatch.store.grades import append_grade_events, grade_events

__all__ = ["GradeEvent", "grade_events"]  # re-exported: callers read the history from here

MACHINE = "trucewatch"  # the ``by`` of computed grades
MONITOR_KINDS = frozenset({"monitor"})
UNKNOWN_SOURCES = frozenset({"", "unknown"})
_RESPONSIBILITY = re.compile(
    r"\b(claimed responsibility|claimed the (?:attack|bombing|strike)s?|"
    r"admitted (?:carrying out|responsibility)|accepted responsibility|"
    r"acknowledged (?:carrying out|responsibility))\b",
    re.IGNORECASE,
)
_RESPONSIBILITY_REACH = 300  # characters around the incident's mentions searched for an admission


@dataclass(frozen=True, slots=True)
class Witness:
    """A supporting report as grading sees it.

    ``story`` is the report id of its reuse cluster's original (itself when not a copy);
    ``label`` names it in explanations (its title, external id or id).
    """

    report_id: str
    source: str
    label: str
    story: str
    source_kind: str = "outlet"


@dataclass(frozen=True, slots=True)
class GradeResult:
    """A computed grade, why, and the independent sources it counted."""

    grade: Grade
    explanation: str
    independent: tuple[str, ...]


def responsibility_accepted(incident: Incident, text: str) -> str | None:
    """The phrase by which a party accepts responsibility near the incident's mentions, if any."""
    if not incident.evidence:
        return None
    start = max(0, min(m.start for m in incident.evidence) - _RESPONSIBILITY_REACH)
    end = max(m.end for m in incident.evidence) + _RESPONSIBILITY_REACH
    found = _RESPONSIBILITY.search(text, start, end)
    return found.group(0) if found else None


def _source_key(w: Witness) -> str:
    # Reports of unknown origin are not evidence that they share one: each counts for itself.
    name = w.source.strip()
    return f"report:{w.report_id}" if name.casefold() in UNKNOWN_SOURCES else name.casefold()


def witness_name(w: Witness) -> str:
    """How a person sees a report in an explanation: "Gulf Wire (gulfwire-2016-02-29-b)"."""
    return w.label if w.source.casefold() in UNKNOWN_SOURCES else f"{w.source} ({w.label})"


def independent_witnesses(
    report_ids: tuple[str, ...], witnesses: Mapping[str, Witness]
) -> tuple[list[Witness], list[str]]:
    """The reports that count as independent sources, and a note for each one that does not.

    One report per reuse story (the original when it is among them), then one per outlet.
    """
    ws = [witnesses[r] for r in report_ids if r in witnesses]
    by_story: dict[str, list[Witness]] = {}
    for w in ws:
        by_story.setdefault(w.story, []).append(w)
    notes: list[str] = []
    heads: list[Witness] = []
    for story, members in by_story.items():
        head = next((w for w in members if w.report_id == story), members[0])
        heads.append(head)
        for w in members:
            if w is not head:
                notes.append(f"{witness_name(w)} is a reprint of {witness_name(head)}")
    counted: dict[str, Witness] = {}
    for w in heads:
        key = _source_key(w)
        if key in counted:
            notes.append(f"{witness_name(w)} is a second report from {w.source}")
        else:
            counted[key] = w
    return list(counted.values()), notes


def compute_grade(
    merged: MergedIncident,
    witnesses: Mapping[str, Witness],
    *,
    admissions: Mapping[str, str] | None = None,
    same_actor: SameActor | None = None,
) -> GradeResult:
    """The grade of a merged incident and its explanation.

    ``witnesses`` describes every supporting report; ``admissions`` maps a report id to the
    phrase in it by which a party accepted responsibility (see :func:`responsibility_accepted`).
    ``same_actor`` says whether two perpetrator names are one actor (default: equal names).
    """
    same = same_actor or (lambda a, b: a.casefold() == b.casefold())
    independent, notes = independent_witnesses(merged.report_ids, witnesses)
    names = [witness_name(w) for w in independent]
    tail = f"; {'; '.join(notes)}" if notes else ""

    for rid, phrase in (admissions or {}).items():
        if rid in merged.report_ids and rid in witnesses:
            return GradeResult(
                Grade.CONFIRMED,
                f"confirmed: {witness_name(witnesses[rid])} reports that responsibility was "
                f"accepted ({phrase!r}){tail}",
                tuple(names),
            )
    monitors = [w for w in independent if w.source_kind in MONITOR_KINDS]
    if monitors:
        return GradeResult(
            Grade.CONFIRMED,
            f"confirmed: observed by the monitor {witness_name(monitors[0])}{tail}",
            tuple(names),
        )

    competing = _competing(merged, witnesses, same)
    if competing:
        return GradeResult(Grade.CONTESTED, f"contested: {competing}{tail}", tuple(names))
    if len(independent) >= 2:
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        return GradeResult(Grade.CORROBORATED, f"corroborated by {listed}{tail}", tuple(names))
    only = names[0] if names else "no known report"
    return GradeResult(
        Grade.UNVERIFIED, f"unverified: single independent source {only}{tail}", tuple(names)
    )


def _competing(merged: MergedIncident, witnesses: Mapping[str, Witness], same: SameActor) -> str:
    """Competing attributions, as text, when independent stories name different perpetrators."""
    if len(merged.perpetrators) < 2:
        return ""
    distinct: list[tuple[str, set[str]]] = []
    for p in merged.perpetrators:
        stories = {witnesses[r].story if r in witnesses else r for r in p.reports}
        for name, seen in distinct:
            if same(name, p.value):
                seen |= stories
                break
        else:
            distinct.append((p.value, stories))
    if len(distinct) < 2:
        return ""
    sides = []
    for name, _ in distinct:
        reports = next(p.reports for p in merged.perpetrators if same(p.value, name))
        who = ", ".join(witness_name(witnesses[r]) if r in witnesses else r for r in reports)
        sides.append(f"{name} according to {who}")
    return "competing attributions: " + " against ".join(sides)


# --- stored grades and overrides ------------------------------------------------------------


def current_override(events: list[GradeEvent]) -> GradeEvent | None:
    """The override in force: the newest override not cleared since."""
    for event in reversed(events):
        if event.kind == "override":
            return event
        if event.kind == "cleared":
            return None
    return None


def override_grade(
    conn: Connection, user: User, event_id: str, grade: Grade | str | None, *, reason: str
) -> Grade:
    """A person sets (or with ``grade=None`` clears) the grade of an event; return the
    grade now in force. Needs the grade-change permission and a reason; kept in the grade history
    and the audit chain. Raises ``LookupError`` for an unknown id."""
    from trucewatch.centre import audit
    from trucewatch.centre.permissions import Action, require

    require(user, Action.GRADE_CHANGE)
    if not reason or not reason.strip():
        raise ValueError("an override needs a reason")
    row = conn.execute(select(events.c.computed_grade).where(events.c.id == event_id)).first()
    if row is None:
        raise LookupError(f"no event {event_id}")
    value = Grade(grade) if grade is not None else None
    kind = "override" if value else "cleared"
    in_force = value or Grade(row.computed_grade)
    append_grade_events(
        conn,
        [(event_id, GradeEvent(kind, value, reason.strip(), user.name, dt.datetime.now(dt.UTC)))],
    )
    conn.execute(events.update().where(events.c.id == event_id).values(grade=in_force.value))
    detail = {"grade": value.value if value else None, "reason": reason.strip()}
    audit.append(conn, user.name, f"grade.{kind}", "events", event_id, detail)
    return in_force


def effective_grades(conn: Connection) -> dict[str, str]:
    """Extracted incident id → the grade to show: an analyst's verdict on that incident (the
    centre's verification register) wins; otherwise the grade of the event it belongs to.
    Incidents not yet corroborated are absent (callers show them as unverified)."""
    from trucewatch.store.centre_tables import incident_grades

    grades = dict(
        conn.execute(
            select(event_members.c.incident_id, events.c.grade).join(
                events, events.c.id == event_members.c.event_id
            )
        ).all()
    )
    grades.update(conn.execute(select(incident_grades.c.id, incident_grades.c.status)).all())
    return grades
