"""The corroboration stage over the store: cluster copies, merge, grade, compare claims, store.

Everything it writes is derived from the stored reports and extractions, so a run replaces the
previous run's clusters, events and comparisons in one transaction: running it twice stores the
same thing. It works on what is new where that gives the same result: reuse detection cuts,
hashes and aligns only reports and pairs its index (``reuse_index``) does not hold yet, and only
events whose content changed are written (so adjudication rules only on those).

What people add is kept: grade overrides stay in ``grade_history`` under their event's id
(stable while the event's earliest member remains); an override whose event is gone stays there,
orphaned, and is listed (``trucewatch grade orphans``), never moved to another event.
Computed grades are appended to the history only when they change.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, select

from trucewatch.corroborate.claims import (
    Comparison,
    check_arithmetic,
    compare_claims,
    compare_merged,
    compare_truce_starts,
)
from trucewatch.corroborate.events import Publication, build_event
from trucewatch.corroborate.grades import (
    MACHINE,
    GradeEvent,
    GradeResult,
    Witness,
    compute_grade,
    current_override,
    responsibility_accepted,
    witness_name,
)
from trucewatch.corroborate.merge import SameActor, merge_incidents
from trucewatch.corroborate.merged import MergedIncident
from trucewatch.corroborate.reference import load_reference, match_reference, save_links
from trucewatch.corroborate.reuse import (
    ReuseCluster,
    ReuseDoc,
    default_index_scheme,
    find_reuse,
)
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.event import Event
from trucewatch.model.incident import Claim, GeoPrecision, Grade, Incident
from trucewatch.store import Store
from trucewatch.store.corroboration import (
    load_reuse_index,
    replace_comparisons,
    replace_reuse_clusters,
    save_reuse_index,
)
from trucewatch.store.events import replace_events
from trucewatch.store.grades import append_grade_events, grade_histories
from trucewatch.store.incidents import iter_claims_with_ids, iter_incidents
from trucewatch.store.schema import incidents as incident_rows
from trucewatch.store.schema import reports, sources
from trucewatch.store.stages import last_run

CLAIM_REACH = 250  # characters: a claim this close to an incident's mention is about it


@dataclass
class CorroborateSummary:
    """What a corroboration run found and stored."""

    reports: int = 0
    clusters: int = 0
    copies: int = 0  # reports in a cluster that are not its original
    incidents: int = 0
    merged: int = 0
    multi_report: int = 0  # merged incidents supported by two or more reports
    grades: dict[str, int] = field(default_factory=dict)
    comparisons: int = 0
    contradictions: int = 0
    arithmetic_checked: int = 0
    overrides_in_force: int = 0
    reference_links: int = 0
    written: list[str] = field(default_factory=list)  # events new or changed in this run
    examples: list[str] = field(default_factory=list)  # a few lines worth showing

    def lines(self) -> list[str]:
        """The summary as the CLI and the demo print it."""
        grades = ", ".join(f"{k} {v}" for k, v in sorted(self.grades.items())) or "none"
        return [
            f"{self.clusters} reuse clusters among {self.reports} reports "
            f"({self.copies} copies counted once)",
            f"{self.incidents} incidents told by reports -> {self.merged} events "
            f"({self.multi_report} told by two or more reports)",
            f"grades: {grades} ({self.overrides_in_force} set by a person)",
            f"{self.comparisons} claim comparisons, {self.contradictions} contradictions, "
            f"{self.arithmetic_checked} arithmetic checks",
            *(
                [f"{self.reference_links} links to reference incidents"]
                if self.reference_links
                else []
            ),
            *self.examples,
        ]


@dataclass
class _Read:
    docs: list[ReuseDoc]
    witnesses: dict[str, Witness]
    texts: dict[str, str]
    published: dict[str, tuple[dt.date | None, dt.date | None]]
    publications: dict[str, Publication]
    incidents: list[Incident]
    claims: list[tuple[str, Claim]]


def _read(conn: Connection) -> _Read:
    query = select(
        reports.c.id,
        reports.c.text,
        reports.c.title,
        reports.c.external_id,
        reports.c.published_date,
        reports.c.published_earliest,
        reports.c.published_latest,
        sources.c.name.label("source"),
        sources.c.kind.label("source_kind"),
    ).join(sources, sources.c.id == reports.c.source_id)
    docs, witnesses, texts, published, publications = [], {}, {}, {}, {}
    for r in conn.execute(query.order_by(reports.c.id)):
        docs.append(ReuseDoc(r.id, r.text, r.published_date, r.source))
        texts[r.id] = r.text
        label = r.external_id or r.title or r.id
        witnesses[r.id] = Witness(r.id, r.source, label, r.id, r.source_kind or "outlet")
        if r.published_date is not None:
            published[r.id] = (r.published_date, r.published_date)
        elif r.published_latest is not None:
            published[r.id] = (r.published_earliest, r.published_latest)
        publications[r.id] = Publication(r.published_date, r.published_earliest, r.published_latest)
    claims = list(iter_claims_with_ids(conn))
    return _Read(
        docs, witnesses, texts, published, publications, list(iter_incidents(conn)), claims
    )


def with_region_centres(incidents: Sequence[Incident]) -> list[Incident]:
    """The incidents, a governorate-level place stored without coordinates given its
    governorate's centre from the gazetteer, so merging can measure how far it lies from a
    neighbouring governorate's city (Damascus inside Rif Dimashq); other places as they are."""
    gazetteer = load_gazetteer()
    out = []
    for incident in incidents:
        place = incident.place
        if (
            place is not None
            and place.geo_precision == GeoPrecision.REGION
            and (place.lat is None or place.lon is None)
            and place.governorate
        ):
            try:
                centre = gazetteer.governorate_place(place.governorate)
            except KeyError:
                centre = None
            if centre is not None and centre.lat is not None:
                place = replace(place, lat=centre.lat, lon=centre.lon)
                incident = replace(incident, place=place)
        out.append(incident)
    return out


def corroborate_stored(store: Store, *, same_actor: SameActor | None = None) -> CorroborateSummary:
    """Cluster copies, merge incidents, grade them, compare claims, and store it all.

    ``same_actor`` says whether two actor names are one actor; by default the actor dictionary
    (aliases and hierarchy) decides.
    """
    same = same_actor or _dictionary_same_actor()
    with store.engine.connect() as conn:
        data = _read(conn)
        index = load_reuse_index(conn, default_index_scheme())
    clusters = find_reuse(data.docs, index=index)
    stories = {m: c.original for c in clusters for m in c.members}
    witnesses = {
        rid: Witness(w.report_id, w.source, w.label, stories.get(rid, rid), w.source_kind)
        for rid, w in data.witnesses.items()
    }
    merged = merge_incidents(
        with_region_centres(data.incidents),
        stories=stories,
        published=data.published,
        same_actor=same,
    )
    results: dict[str, GradeResult] = {}
    for m in merged:
        admissions = {}
        for incident in m.incidents:
            phrase = responsibility_accepted(incident, data.texts.get(incident.report_id or "", ""))
            if phrase:
                admissions[incident.report_id or ""] = phrase
        results[m.id] = compute_grade(m, witnesses, admissions=admissions, same_actor=same)

    with store.transaction() as conn:
        history = grade_histories(conn)
        in_force = _grades_in_force(merged, results, history)
        found = [
            build_event(
                m,
                grade=results[m.id],
                grade_in_force=in_force[m.id],
                witnesses=witnesses,
                published=data.publications,
                texts=data.texts,
            )
            for m in merged
        ]
        comparisons = _comparisons(merged, found, data)
        written = _save(conn, clusters, merged, found, results, history, comparisons)
        save_reuse_index(conn, index, [d.id for d in data.docs])
        reference = load_reference(conn)
        links = save_links(conn, match_reference(merged, reference).links) if reference else 0
    summary = CorroborateSummary(
        reports=len(data.docs),
        clusters=len(clusters),
        copies=sum(len(c.members) - 1 for c in clusters),
        incidents=len(data.incidents),
        merged=len(merged),
        multi_report=sum(len(m.report_ids) > 1 for m in merged),
        comparisons=len(comparisons),
        contradictions=sum(c.contradiction for c in comparisons),
        arithmetic_checked=sum(c.kind == "arithmetic" for c in comparisons),
        reference_links=links,
        written=written,
    )
    summary.grades = dict(Counter(g.value for g in in_force.values()))
    summary.overrides_in_force = sum(in_force[m.id] != results[m.id].grade for m in merged)
    summary.examples = _examples(found, comparisons, clusters)
    return summary


def _dictionary_same_actor() -> SameActor:
    from trucewatch.adjudicate.actors import dictionary_lookup

    lookup = dictionary_lookup()
    names = functools.lru_cache(maxsize=None)(lambda name: lookup.names(name, None))

    # Memoised per run: merging asks about the same few hundred names tens of thousands of times.
    @functools.cache
    def same(a: str, b: str) -> bool:
        ours, theirs = names(a), names(b)
        # one is the other, or belongs to it (a brigade and its faction)
        return ours[0] == theirs[0] or ours[0] in theirs or theirs[0] in ours

    return same


def _comparisons(
    merged: Sequence[MergedIncident], found: Sequence[Event], data: _Read
) -> list[Comparison]:
    merged_of = {i.id: m.id for m in merged for i in m.incidents}
    by_report: dict[str, list[Incident]] = defaultdict(list)
    for incident in data.incidents:
        by_report[incident.report_id or ""].append(incident)

    def topic_of(claim: Claim) -> str | None:
        """The merged incident whose mentions sit nearest the claim in its report."""
        if not claim.evidence:
            return None
        at = claim.evidence[0].start
        best: tuple[int, str] | None = None
        for incident in by_report.get(claim.report_id or "", []):
            for mention in incident.evidence:
                gap = max(mention.start - at, at - mention.end, 0)
                if gap <= CLAIM_REACH and (best is None or gap < best[0]):
                    best = (gap, merged_of.get(incident.id or "", ""))
        return best[1] if best else None

    out = compare_claims([c for _, c in data.claims], topic_of=topic_of)
    out += [c for _, claim in data.claims if (c := check_arithmetic(claim)) is not None]

    def name_of(report_id: str) -> str:
        witness = data.witnesses.get(report_id)
        return witness_name(witness) if witness is not None else report_id

    for m, event in zip(merged, found, strict=True):
        out += compare_merged(m, name_of, event)
    out += compare_truce_starts(data.incidents)
    return out


def _grades_in_force(
    merged: Sequence[MergedIncident],
    results: dict[str, GradeResult],
    history: dict[str, list[GradeEvent]],
) -> dict[str, Grade]:
    """Each event's grade: a person's override in force, else the computed one."""
    out = {}
    for m in merged:
        override = current_override(history.get(m.id, []))
        out[m.id] = override.grade if override and override.grade else results[m.id].grade
    return out


def _save(
    conn: Connection,
    clusters: Sequence[ReuseCluster],
    merged: Sequence[MergedIncident],
    found: Sequence[Event],
    results: dict[str, GradeResult],
    history: dict[str, list[GradeEvent]],
    comparisons: Sequence[Comparison],
) -> list[str]:
    """Replace the derived tables; append computed grades that changed to the history. Return
    the ids of the events written (new or changed)."""
    replace_reuse_clusters(conn, clusters)
    now = dt.datetime.now(dt.UTC)
    joined = {member.incident.id or "": member.joined for m in merged for member in m.members}
    again = extracted_again(conn)
    touched = [m.id for m in merged if again is None or any(i.id in again for i in m.incidents)]
    written = replace_events(conn, found, joined, now, touched=touched)
    entries: list[tuple[str, GradeEvent]] = []
    for m in merged:
        result = results[m.id]
        computed = [e for e in history.get(m.id, []) if e.kind == "computed"]
        if not computed or (computed[-1].grade, computed[-1].why) != (
            result.grade,
            result.explanation,
        ):
            entries.append(
                (m.id, GradeEvent("computed", result.grade, result.explanation, MACHINE, now))
            )
    append_grade_events(conn, entries)
    replace_comparisons(conn, comparisons)
    return written


def extracted_again(conn: Connection) -> set[str] | None:
    """The incidents extracted since the last corroboration started (None: it never ran, so
    every event is new): their events are written again even when their rows are unchanged."""
    last = last_run(conn, "corroborate")
    if last is None:
        return None
    since = _utc(last.started_at)
    query = select(incident_rows.c.id, incident_rows.c.extracted_at)
    return {iid for iid, at in conn.execute(query) if _utc(at) >= since}


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back; they were written in UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _examples(
    found: Sequence[Event], comparisons: Sequence[Comparison], clusters: Sequence[ReuseCluster]
) -> list[str]:
    lines = []
    for c in clusters[:3]:
        lines.append(f"copies: {', '.join(c.members)} (original {c.original}: {c.original_reason})")
    for event in [e for e in found if len(e.report_ids) > 1][:5]:
        where = event.place.name if event.place else "no place"
        lines.append(
            f"{event.id}: {event.type.value} at {where}, {event.window.describe()}, "
            f"{event.sources} independent source(s) — {event.explanation}"
        )
    for c in [c for c in comparisons if c.contradiction][:3]:
        lines.append(f"contradiction ({c.kind}) in {c.subject}: {c.explanation}")
    return lines


def load_merged(conn: Connection) -> list[MergedIncident]:
    """The stored events as merged incidents (their member incidents and combined values), for
    matching against reference datasets."""
    from trucewatch.corroborate.merged import Member, Supported
    from trucewatch.store.corroboration_tables import event_members
    from trucewatch.store.events import iter_events

    joined = dict(conn.execute(select(event_members.c.incident_id, event_members.c.joined)).all())
    found = list(iter_events(conn))
    wanted = [iid for e in found for iid in e.members]
    incidents = {i.id: i for i in iter_incidents(conn, wanted)} if wanted else {}
    out = []
    for e in found:
        out.append(
            MergedIncident(
                id=e.id,
                type=e.type,
                members=tuple(
                    Member(incidents[iid], joined.get(iid, "member"))
                    for iid in e.members
                    if iid in incidents
                ),
                date=e.window.event_date,
                time_precision=e.window.precision,
                place=e.place,
                perpetrators=tuple(Supported(str(p.value), p.reports) for p in e.perpetrators),
                targets=tuple(Supported(str(p.value), p.reports) for p in e.targets),
                killed=tuple(Supported(v.value, v.reports) for v in e.killed_values),
                injured=tuple(Supported(v.value, v.reports) for v in e.injured_values),
            )
        )
    return out
