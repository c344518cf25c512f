"""The rules: one incident, the agreements in the record, and a ruling under each that could apply.

Pure functions: nothing here reads files or a database. The order of the checks is the order
a monitor would follow (``docs/agreements.md``):

1. non-violent incidents (deliveries, accessions, truces declared) breach nothing: no rulings;
2. an agreement none of whose clauses prohibits the incident's type is not ruled on;
3. time: before the start or after the end (or supersession) -> ``not_in_force``;
4. place: outside the territory -> ``out_of_scope``;
5. time or place known too loosely to say -> ``undetermined``, naming what is missing;
6. target excluded (designated by a list the agreement excludes) -> ``permitted_excluded_target``;
   target listed only by one side, or disputed -> ``disputed`` with both positions;
7. perpetrator or target missing -> ``undetermined`` naming which;
8. perpetrator excluded, not acceded or acceded after -> ``perpetrator_not_party``;
9. target in a control area held by an excluded group by one account, disputed by another
   -> ``disputed``; a strike on a group with no recorded accession that a guarantor declared
   it may strike -> ``disputed``;
10. otherwise ``violation``, citing the clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from trucewatch.adjudicate.actors import (
    CIVILIANS,
    ActorLookup,
    Lineage,
    Resolve,
    is_unknown,
    key,
    make_lookup,
)
from trucewatch.adjudicate.parties import (
    PartyStatus,
    designations_of,
    excluding,
    exclusion_lists,
    party_status,
)
from trucewatch.adjudicate.territory import PlaceStatus, areas_at, judge_place
from trucewatch.adjudicate.timing import (
    Span,
    TimeStatus,
    in_force_windows,
    incident_span,
    judge_time,
)
from trucewatch.agreements.loader import AgreementRecord
from trucewatch.model.agreement import (
    Accession,
    Agreement,
    AgreementKind,
    Clause,
    ControlArea,
    Designation,
    Reason,
    Ruling,
    RulingValue,
)
from trucewatch.model.dates import DateBasis, DateWindow
from trucewatch.model.event import Event, Sided, member_attribution
from trucewatch.model.incident import Attribution, Incident


def _evidence(incident: Incident, *fields: str) -> tuple[str, ...]:
    """The incident's mentions for ``fields``, as 'field [start:end] "text"'; an event's, whose
    members come from several reports, start with the report id."""
    several = len({m.report_id for m in incident.evidence}) > 1
    return tuple(
        (f"{m.report_id} " if several and m.report_id else "")
        + f'{m.field} [{m.start}:{m.end}] "{m.text}"'
        for m in incident.evidence
        if m.field in fields
    )


@dataclass(slots=True)
class _Case:
    """The working state of one ruling: its reasons so far."""

    incident: Incident
    agreement: Agreement
    reasons: list[Reason] = field(default_factory=list)

    def note(self, rule: str, fact: str, *evidence: str) -> None:
        self.reasons.append(Reason(rule, fact, tuple(e for e in evidence if e)))

    def rule(self, value: RulingValue) -> Ruling:
        return Ruling(self.incident.id or "", self.agreement.id, value, tuple(self.reasons))


def _clauses_for(agreement: Agreement, by_id: dict[str, Agreement], kind: str) -> list[Clause]:
    """Clauses prohibiting ``kind``: the agreement's own, else its parent's (regimes)."""
    own = [c for c in agreement.clauses if kind in c.prohibits]
    if own or not agreement.parent or agreement.parent not in by_id:
        return own
    return _clauses_for(by_id[agreement.parent], by_id, kind)


def _positions(
    by: str,
    says: str,
    source: str | None,
    others: tuple[str, ...],
    other_says: str,
    other_source: str | None,
) -> str:
    first = f"{by}: {says}" + (f" ({source})" if source else "")
    second = f"{', '.join(others)}: {other_says}" + (f" ({other_source})" if other_source else "")
    return f"{first} | {second}"


def adjudicate(
    incident: Incident,
    agreements: list[Agreement],
    designations: list[Designation],
    control_areas: list[ControlArea],
    accessions: list[Accession],
    *,
    resolve: Resolve | None = None,
    lineage: Lineage | None = None,
    reported: dt.date | None = None,
    window: DateWindow | None = None,
    event: Event | None = None,
) -> list[Ruling]:
    """Rule on ``incident`` under every agreement or regime that could apply to it.

    ``window`` is when it happened (an event's, model.dates); by default the incident's own.
    ``event`` is the event the incident stands for (its attribution and independent sources
    decide between ``violation`` and ``alleged_violation``); by default the incident alone, one
    source.

    ``resolve(name, day)`` maps an actor name to its canonical name and ``lineage(name, day)``
    lists the organisations above it; both default to the actor dictionary. ``reported`` is the
    publication date of the incident's report, which places an incident the text leaves undated.
    """
    if not incident.type.violent:
        return []
    actors = make_lookup(resolve, lineage)
    by_id = {a.id: a for a in agreements}
    rulings = []
    for agreement in agreements:
        if agreement.kind == AgreementKind.DECLARATION:
            continue  # a declaration is a position, not a ceasefire: nothing to breach
        clauses = _clauses_for(agreement, by_id, incident.type.value)
        if not clauses:
            continue
        ruling = _rule_one(
            incident,
            agreement,
            clauses,
            agreements,
            by_id,
            designations,
            control_areas,
            accessions,
            actors,
            reported,
            window,
        )
        if ruling is not None:
            rulings.append(ruling)
    alone = event or _single_event(incident)
    return [attribution_check(r, alone) for r in rulings]


def _single_event(incident: Incident) -> Event:
    """An incident read on its own as an event of one source."""
    perpetrator = None if is_unknown(incident.perpetrator) else incident.perpetrator
    words = next((m.text for m in incident.evidence if m.field == "perpetrator"), None)
    return Event(
        id=incident.id or "",
        type=incident.type,
        window=incident.window or DateWindow.unknown(),
        members=(incident.id or "",),
        report_ids=(incident.report_id or "",),
        sources=1,
        perpetrator=perpetrator,
        attribution=member_attribution(incident) if perpetrator else None,
        perpetrator_alternatives=incident.perpetrator_alternatives,
        perpetrators=(Sided(perpetrator, (incident.report_id or "",), words=words),)
        if perpetrator
        else (),
    )


def _rule_one(
    incident: Incident,
    agreement: Agreement,
    clauses: list[Clause],
    agreements: list[Agreement],
    by_id: dict[str, Agreement],
    designations: list[Designation],
    areas: list[ControlArea],
    accessions: list[Accession],
    actors: ActorLookup,
    reported: dt.date | None = None,
    window: DateWindow | None = None,
) -> Ruling | None:
    case = _Case(incident, agreement)
    when_ev = _evidence(incident, "date", "time")
    span = incident_span(incident, agreement.local_tz, reported, window)
    if span is not None and not when_ev:
        report = f"report {incident.report_id}" if incident.report_id else "its report"
        when_ev = (f"{report} published {reported}",) if reported else ()
    place = judge_place(incident.place, agreement.territory)
    time = None
    if span is not None:
        time = judge_time(span, in_force_windows(agreement, agreements))
        if time.status in (TimeStatus.BEFORE, TimeStatus.AFTER):
            # Agreements neither in force then nor covering the place could not apply at all.
            if place.status == PlaceStatus.OUTSIDE:
                return None
            case.note(
                "effective window",
                f"incident {span.description}; {time.fact}",
                agreement.where("effective"),
                *when_ev,
            )
            return case.rule(RulingValue.NOT_IN_FORCE)
    place_ev = _evidence(incident, "place", "governorate")
    if place.status == PlaceStatus.OUTSIDE:
        case.note("territory", place.fact, agreement.where("territory"), *place_ev)
        return case.rule(RulingValue.OUT_OF_SCOPE)
    missing: list[str] = []
    if span is None:
        missing.append("time")
        case.note("effective window", "the incident has no date or time", *when_ev)
    elif time is not None and time.status == TimeStatus.STRADDLES:
        missing.append("time")
        case.note(
            "effective window",
            f"incident {span.description}; {time.fact}",
            agreement.where("effective"),
            *when_ev,
        )
    else:
        assert time is not None
        case.note(
            "effective window",
            f"incident {span.description}; {time.fact}",
            agreement.where("effective"),
            *when_ev,
        )
    if place.status == PlaceStatus.UNKNOWN:
        missing.append("place")
        case.note("territory", place.fact, agreement.where("territory"), *place_ev)
    else:
        case.note("territory", place.fact, agreement.where("territory"), *place_ev)
    if missing:
        for what in ("perpetrator", "target"):
            if is_unknown(getattr(incident, what)):
                missing.append(what)
        case.note("needed facts", "missing or too loose: " + ", ".join(missing))
        return case.rule(RulingValue.UNDETERMINED)
    assert span is not None
    day = span.day
    lists = exclusion_lists(agreement, by_id)

    # Target: excluded, disputed, or protected.
    target_names: list[str] = []
    if not is_unknown(incident.target):
        target_names = actors.names(incident.target or "", day)
        verdict = _target_excluded(case, target_names, day, designations, lists)
        if verdict is not None:
            return case.rule(verdict)

    missing = [w for w in ("perpetrator", "target") if is_unknown(getattr(incident, w))]
    if missing:
        case.note(
            "needed facts",
            "not stated in the report: " + ", ".join(missing),
            *_evidence(incident, *missing),
        )
        return case.rule(RulingValue.UNDETERMINED)

    # Perpetrator: must be a party at the time.
    perp_names = actors.names(incident.perpetrator or "", day)
    perp_ev = _evidence(incident, "perpetrator")
    excluded_perp = [
        d for d in designations_of(perp_names, day, designations) if excluding(d, lists)
    ]
    if excluded_perp:
        d = excluded_perp[0]
        case.note(
            "excluded organisations",
            f"{perp_names[0]} is designated by {d.by}, so it is not a party",
            d.where or "",
            *perp_ev,
        )
        return case.rule(RulingValue.PERPETRATOR_NOT_PARTY)
    status = party_status(perp_names, agreement, by_id, accessions, span)
    if status.status in (PartyStatus.NOT_PARTY, PartyStatus.UNRECORDED):
        case.note("parties (accession)", status.fact, *status.where, *perp_ev)
        return case.rule(RulingValue.PERPETRATOR_NOT_PARTY)
    if status.status == PartyStatus.TIME_UNCLEAR:
        case.note("parties (accession)", status.fact, *status.where, *perp_ev)
        return case.rule(RulingValue.UNDETERMINED)
    case.note("parties (accession)", status.fact, *status.where, *perp_ev)

    # Target protection: civilians and parties are protected; others depend on the record.
    target_ev = _evidence(incident, "target")
    if key(target_names[0]) != CIVILIANS:
        tstatus = party_status(target_names, agreement, by_id, accessions, span)
        if tstatus.status == PartyStatus.NOT_PARTY:
            case.note(
                "parties (target)",
                f"target not protected: {tstatus.fact}",
                *tstatus.where,
                *target_ev,
            )
            return case.rule(RulingValue.PERMITTED_EXCLUDED_TARGET)
        if tstatus.status != PartyStatus.PARTY:
            declared = _declaration(agreement, agreements, perp_names, span)
            if declared is not None:
                case.note("disputed exclusion", declared, *target_ev)
                return case.rule(RulingValue.DISPUTED)
            case.note(
                "parties (target)",
                f"whether the target joined is not recorded: {tstatus.fact}",
                *tstatus.where,
                *target_ev,
            )
            return case.rule(RulingValue.UNDETERMINED)
        case.note("parties (target)", f"target protected: {tstatus.fact}", *tstatus.where)
    else:
        case.note("parties (target)", "target: civilians, protected by the cessation", *target_ev)

    # Control: a holding by an excluded group, as one side tells it.
    for area in areas_at(incident.place, areas, day):
        holder = actors.names(area.holder, day)
        held_by_excluded = [
            d for d in designations_of(holder, day, designations) if excluding(d, lists)
        ]
        if not held_by_excluded:
            continue
        if area.disputed_by:
            alt = area.alternative_holder or "not held by it"
            case.note(
                "disputed control",
                _positions(
                    area.claimant or "record",
                    f"{area.holder} held {area.id}",
                    area.source,
                    area.disputed_by,
                    f"held by {alt}",
                    area.dispute_source,
                ),
                area.where or "",
                *place_ev,
            )
            return case.rule(RulingValue.DISPUTED)
        case.note(
            "control",
            f"{area.holder} held {area.id} ({area.source}); the report names "
            f"{target_names[0]} as the target",
            area.where or "",
        )
        if key(target_names[0]) == CIVILIANS:
            # Strikes on excluded groups go on under the cessation: harm to civilians in an area
            # they hold is not a breach of it unless the strike was not aimed at them.
            case.note("needed facts", "whether the attack was aimed at the excluded holder")
            return case.rule(RulingValue.UNDETERMINED)

    cited = ", ".join(f"clause {c.number}" for c in clauses)
    case.note(
        cited,
        "; ".join(f"clause {c.number}: {c.text}" for c in clauses),
        agreement.where("clauses"),
        *_evidence(incident, "type"),
    )
    return case.rule(RulingValue.VIOLATION)


def _target_excluded(
    case: _Case,
    names: list[str],
    day: dt.date,
    designations: list[Designation],
    lists: tuple[str, ...],
) -> RulingValue | None:
    """Permitted when the target is excluded; disputed when only one side lists it."""
    found = designations_of(names, day, designations)
    ev = _evidence(case.incident, "target")
    agreed = [d for d in found if excluding(d, lists) and not d.disputed]
    if agreed:
        d = agreed[0]
        via = f" (as {names[0]})" if key(names[0]) != key(d.actor) else ""
        case.note(
            "excluded organisations",
            f"{d.actor}{via} is designated by {d.by} on "
            f"{day}; the agreement excludes {', '.join(lists)}",
            d.where or "",
            *ev,
        )
        return RulingValue.PERMITTED_EXCLUDED_TARGET
    contested = [d for d in found if d.disputed]
    if contested:
        d = contested[0]
        case.note(
            "disputed designation",
            _positions(
                d.by,
                f"{d.actor} is a terrorist organisation to be excluded",
                d.source,
                d.disputed_by,
                f"{d.actor} is not excluded",
                d.dispute_source,
            ),
            d.where or "",
            *ev,
        )
        return RulingValue.DISPUTED
    return None


def _declaration(
    agreement: Agreement, agreements: list[Agreement], perp_names: list[str], span: Span
) -> str | None:
    """A guarantor's declaration that its forces may strike groups that had not joined."""
    keys = {key(n) for n in perp_names}
    for d in agreements:
        dec = d.declares
        if dec is None or (dec.modifies and agreement.id not in dec.modifies):
            continue
        if not keys & {key(f) for f in dec.forces}:
            continue
        if judge_time(span, in_force_windows(d, agreements)).status != TimeStatus.IN_FORCE:
            continue
        start = d.effective_from.astimezone(ZoneInfo(d.local_tz))
        return _positions(
            dec.by,
            f"from {start:%Y-%m-%d} groups that have not joined may be struck ({d.id})",
            "; ".join(d.sources) or None,
            dec.disputed_by,
            f"{agreement.id} still protects them",
            dec.dispute_source,
        )
    return None


def adjudicate_all(
    incidents: Iterable[Incident],
    record: AgreementRecord,
    *,
    accessions: Sequence[Accession] = (),
    resolve: Resolve | None = None,
    lineage: Lineage | None = None,
    reported: Mapping[str, dt.date] | None = None,
) -> Iterator[tuple[Incident, list[Ruling]]]:
    """Rule on many incidents under a record of agreement files.

    ``accessions`` adds to the ones the files cite (e.g. those the centre recorded);
    ``reported`` gives each report id's publication date, for incidents the text leaves undated.
    """
    reported = reported or {}
    known = [*record.accessions, *accessions]
    actors = make_lookup(resolve, lineage)
    for incident in incidents:
        rulings = adjudicate(
            incident,
            record.agreements,
            record.designations,
            record.control_areas,
            known,
            resolve=actors.resolve,
            lineage=actors.lineage,
            reported=reported.get(incident.report_id or ""),
        )
        yield incident, rulings


def attribution_check(ruling: Ruling, event: Event) -> Ruling:
    """A violation stands on a stated attribution or at least two independent sources;
    otherwise it is an ``alleged_violation``. A denial by the accused is noted, and does not by
    itself make the ruling ``disputed`` (that stays for positions recorded in the centre)."""
    if ruling.ruling != RulingValue.VIOLATION:
        return ruling
    who = event.perpetrator or "the perpetrator"
    status = event.attribution or Attribution.STATED
    said = {
        Attribution.STATED: "the text, or a party it quotes, states it",
        Attribution.ALLEGED: "only residents, activists or unnamed sources say so",
        Attribution.DENIED: "the text gives it as an accusation the accused denies",
        Attribution.DISPUTED: "the reports blame different parties",
    }[status]
    alternatives = (
        f" (the text leaves open: {', '.join(event.perpetrator_alternatives)})"
        if event.perpetrator_alternatives
        else ""
    )
    fact = f"attribution to {who} is {status.value}: {said}{alternatives}; "
    fact += f"{event.sources} independent source(s)"
    evidence = tuple(
        f'{v.reports[0] if v.reports else ""} perpetrator "{v.words}"'.strip()
        for v in event.perpetrators
        if v.words
    )
    standing = status == Attribution.STATED or (
        event.sources >= 2 and status != Attribution.DISPUTED
    )
    if standing:
        reason = Reason("attribution", fact, evidence)
        return Ruling(ruling.incident, ruling.agreement, ruling.ruling, (*ruling.reasons, reason))
    fact += "; a violation needs a stated attribution or two independent sources"
    reason = Reason("attribution", fact, evidence)
    return Ruling(
        ruling.incident,
        ruling.agreement,
        RulingValue.ALLEGED_VIOLATION,
        (*ruling.reasons, reason),
    )


def event_incident(event: Event, members: Sequence[Incident]) -> Incident:
    """The event as the rules read an incident: its combined values, its members' evidence, and
    a stated time when the member whose window it took gives one on that day."""
    window = event.window
    time = None
    one_day = window.earliest is not None and window.earliest == window.latest
    for member in members:
        if one_day and member.time is not None and member.time.date() == window.event_date:
            time = member.time
            break
    return Incident(
        type=event.type,
        date=window.event_date,
        time=time,
        time_precision=window.precision,
        place=event.place,
        perpetrator=event.perpetrator,
        target=event.target,
        killed=event.killed,
        injured=event.injured,
        evidence=[m for member in members for m in member.evidence],
        report_id=members[0].report_id if len({m.report_id for m in members}) == 1 else None,
        id=event.id,
        attribution=event.attribution,
        perpetrator_alternatives=event.perpetrator_alternatives,
        window=window,
    )


def adjudicate_events(
    events: Iterable[tuple[Event, Sequence[Incident]]],
    record: AgreementRecord,
    *,
    accessions: Sequence[Accession] = (),
    resolve: Resolve | None = None,
    lineage: Lineage | None = None,
    reported: Mapping[str, dt.date] | None = None,
) -> Iterator[tuple[Event, Incident, list[Ruling]]]:
    """Rule on events (each with its member incidents): one ruling per event and agreement, on
    the event's window, place and actors, with its members' evidence and the attribution rule
    (:func:`attribution_check`)."""
    known = [*record.accessions, *accessions]
    actors = make_lookup(resolve, lineage)
    for event, members in events:
        incident = event_incident(event, members)
        # An undated event reads as the week up to its report's publication: name that day.
        day = event.window.latest if event.window.basis == DateBasis.DATELINE_WEEK else None
        rulings = adjudicate(
            incident,
            record.agreements,
            record.designations,
            record.control_areas,
            known,
            resolve=actors.resolve,
            lineage=actors.lineage,
            reported=day,
            window=event.window,
            event=event,
        )
        yield event, incident, rulings
