"""The corroboration stage over the store: cluster copies, merge, grade, compare claims, store.

Everything it writes is derived from the stored reports and extractions, so a run replaces the
previous run's clusters, merged incidents and comparisons in one transaction: running it twice
stores the same thing. What people add is kept: grade overrides stay in ``grade_history`` (and
follow their incidents when a re-merge renames one), and computed grades are appended to the
history only when they change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, select

import trucewatch.store.corroboration_tables as tables
from trucewatch.corroborate.claims import (
    Comparison,
    check_arithmetic,
    compare_claims,
    compare_merged,
    compare_truce_starts,
)
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
from trucewatch.corroborate.merge import MergedIncident, SameActor, merge_incidents
from trucewatch.corroborate.reference import load_reference, match_reference, save_links
from trucewatch.corroborate.reuse import ReuseCluster, ReuseDoc, find_reuse
from trucewatch.model.incident import Claim, Grade, Incident, Toll
from trucewatch.store import Store
from trucewatch.store.incidents import claim_id, iter_claims, iter_incidents
from trucewatch.store.schema import reports, sources

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
    examples: list[str] = field(default_factory=list)  # a few lines worth showing

    def lines(self) -> list[str]:
        """The summary as the CLI and the demo print it."""
        grades = ", ".join(f"{k} {v}" for k, v in sorted(self.grades.items())) or "none"
        return [
            f"{self.clusters} reuse clusters among {self.reports} reports "
            f"({self.copies} copies counted once)",
            f"{self.incidents} extracted incidents -> {self.merged} incidents "
            f"({self.multi_report} supported by two or more reports)",
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
    docs, witnesses, texts, published = [], {}, {}, {}
    for r in conn.execute(query.order_by(reports.c.id)):
        docs.append(ReuseDoc(r.id, r.text, r.published_date, r.source))
        texts[r.id] = r.text
        label = r.external_id or r.title or r.id
        witnesses[r.id] = Witness(r.id, r.source, label, r.id, r.source_kind or "outlet")
        if r.published_date is not None:
            published[r.id] = (r.published_date, r.published_date)
        elif r.published_latest is not None:
            published[r.id] = (r.published_earliest, r.published_latest)
    claims: list[tuple[str, Claim]] = []
    seq: Counter[str] = Counter()
    for claim in iter_claims(conn):  # ordered by report and seq, so the ids can be rebuilt
        rid = claim.report_id or ""
        claims.append((claim_id(rid, seq[rid]), claim))
        seq[rid] += 1
    return _Read(docs, witnesses, texts, published, list(iter_incidents(conn)), claims)


def corroborate_stored(store: Store, *, same_actor: SameActor | None = None) -> CorroborateSummary:
    """Cluster copies, merge incidents, grade them, compare claims, and store it all.

    ``same_actor`` says whether two actor names are one actor; by default the actor dictionary
    (aliases and hierarchy) decides.
    """
    same = same_actor or _dictionary_same_actor()
    with store.engine.connect() as conn:
        data = _read(conn)
    clusters = find_reuse(data.docs)
    stories = {m: c.original for c in clusters for m in c.members}
    witnesses = {
        rid: Witness(w.report_id, w.source, w.label, stories.get(rid, rid), w.source_kind)
        for rid, w in data.witnesses.items()
    }
    merged = merge_incidents(
        data.incidents, stories=stories, published=data.published, same_actor=same
    )
    results: dict[str, GradeResult] = {}
    for m in merged:
        admissions = {}
        for incident in m.incidents:
            phrase = responsibility_accepted(incident, data.texts.get(incident.report_id or "", ""))
            if phrase:
                admissions[incident.report_id or ""] = phrase
        results[m.id] = compute_grade(m, witnesses, admissions=admissions, same_actor=same)
    comparisons = _comparisons(merged, data)

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
    )
    with store.transaction() as conn:
        in_force = _save(conn, clusters, merged, results, comparisons)
        reference = load_reference(conn)
        if reference:
            summary.reference_links = save_links(conn, match_reference(merged, reference).links)
    summary.grades = dict(Counter(g.value for g in in_force.values()))
    summary.overrides_in_force = sum(
        in_force[m.id] != results[m.id].grade for m in merged if m.id in in_force
    )
    summary.examples = _examples(merged, results, comparisons, clusters)
    return summary


def _dictionary_same_actor() -> SameActor:
    from trucewatch.adjudicate.actors import dictionary_lookup

    lookup = dictionary_lookup()

    def same(a: str, b: str) -> bool:
        ours, theirs = lookup.names(a, None), lookup.names(b, None)
        # one is the other, or belongs to it (a brigade and its faction)
        return ours[0] == theirs[0] or ours[0] in theirs or theirs[0] in ours

    return same


def _comparisons(merged: Sequence[MergedIncident], data: _Read) -> list[Comparison]:
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

    for m in merged:
        out += compare_merged(m, name_of)
    out += compare_truce_starts(data.incidents)
    return out


def _toll_json(values) -> list[dict]:
    out = []
    for v in values:
        t: Toll = v.value
        out.append({"low": t.low, "best": t.best, "high": t.high, "reports": list(v.reports)})
    return out


def _history(conn: Connection) -> dict[str, list[GradeEvent]]:
    events: dict[str, list[GradeEvent]] = defaultdict(list)
    for r in conn.execute(select(tables.grade_history).order_by(tables.grade_history.c.id)):
        at = r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC)
        events[r.merged_id].append(
            GradeEvent(r.kind, Grade(r.grade) if r.grade else None, r.why, r.by, at)
        )
    return events


def _save(
    conn: Connection,
    clusters: Sequence[ReuseCluster],
    merged: Sequence[MergedIncident],
    results: dict[str, GradeResult],
    comparisons: Sequence[Comparison],
) -> dict[str, Grade]:
    """Replace the derived tables; append grade history; return the grade in force per id."""
    history = _history(conn)
    previous_merge = {
        r.incident_id: r.merged_id
        for r in conn.execute(
            select(tables.merged_members.c.incident_id, tables.merged_members.c.merged_id)
        )
    }
    for table in (
        tables.reuse_passages,
        tables.reuse_members,
        tables.reuse_clusters,
        tables.merged_members,
        tables.merged_incidents,
        tables.claim_comparisons,
    ):
        conn.execute(delete(table))

    _save_clusters(conn, clusters)
    now = dt.datetime.now(dt.UTC)
    grade_rows: list[dict] = []
    in_force: dict[str, Grade] = {}
    merged_rows, member_rows = [], []
    for m in merged:
        result = results[m.id]
        events = history.get(m.id, [])
        if not events:  # a renamed merge: carry a person's override from its old id
            carried = _carry_override(m, previous_merge, history)
            if carried is not None:
                events = [carried]
                grade_rows.append(_event_row(m.id, carried))
        computed = [e for e in events if e.kind == "computed"]
        if not computed or (computed[-1].grade, computed[-1].why) != (
            result.grade,
            result.explanation,
        ):
            grade_rows.append(
                {
                    "merged_id": m.id,
                    "kind": "computed",
                    "grade": result.grade.value,
                    "why": result.explanation,
                    "by": MACHINE,
                    "at": now,
                }
            )
        override = current_override(events)
        grade = override.grade if override and override.grade else result.grade
        in_force[m.id] = grade
        place = m.place
        merged_rows.append(
            {
                "id": m.id,
                "type": m.type.value,
                "date": m.date,
                "time_precision": int(m.time_precision) if m.time_precision else None,
                "place": place.name if place else None,
                "governorate": place.governorate if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "geo_precision": int(place.geo_precision) if place else None,
                "perpetrators": [
                    {"value": p.value, "reports": list(p.reports)} for p in m.perpetrators
                ],
                "targets": [{"value": p.value, "reports": list(p.reports)} for p in m.targets],
                "killed": _toll_json(m.killed),
                "injured": _toll_json(m.injured),
                "reports": len(m.report_ids),
                "independent_sources": len(result.independent),
                "computed_grade": result.grade.value,
                "explanation": result.explanation,
                "grade": grade.value,
                "corroborated_at": now,
            }
        )
        member_rows += [
            {
                "incident_id": member.incident.id,
                "merged_id": m.id,
                "report_id": member.incident.report_id,
                "joined": member.joined,
            }
            for member in m.members
        ]
    for rows, table in (
        (merged_rows, tables.merged_incidents),
        (member_rows, tables.merged_members),
        (grade_rows, tables.grade_history),
    ):
        if rows:
            conn.execute(table.insert(), rows)
    if comparisons:
        conn.execute(
            tables.claim_comparisons.insert(),
            [
                {
                    "kind": c.kind,
                    "subject": c.subject,
                    "verdict": c.verdict,
                    "items": [
                        {
                            "value": i.value,
                            "claimant": i.claimant,
                            "report": i.report_id,
                            "text": i.text,
                        }
                        for i in c.items
                    ],
                    "explanation": c.explanation,
                }
                for c in comparisons
            ],
        )
    return in_force


def _event_row(merged_id: str, event: GradeEvent) -> dict:
    return {
        "merged_id": merged_id,
        "kind": event.kind,
        "grade": event.grade.value if event.grade else None,
        "why": event.why,
        "by": event.by,
        "at": event.at,
    }


def _carry_override(
    m: MergedIncident, previous: dict[str, str], history: dict[str, list[GradeEvent]]
) -> GradeEvent | None:
    """The override in force on the old merged incident that held most of this one's members."""
    olds = Counter(previous[i.id] for i in m.incidents if i.id in previous)
    for old, _ in olds.most_common():
        if old == m.id:
            continue
        override = current_override(history.get(old, []))
        if override is not None:
            return GradeEvent(
                "override",
                override.grade,
                f"carried over from {old}: {override.why}",
                override.by,
                dt.datetime.now(dt.UTC),
            )
    return None


def _save_clusters(conn: Connection, clusters: Sequence[ReuseCluster]) -> None:
    for c in clusters:
        cid = f"r-{c.original}"
        conn.execute(
            tables.reuse_clusters.insert().values(
                id=cid,
                original_report_id=c.original,
                original_reason=c.original_reason,
                size=len(c.members),
            )
        )
        conn.execute(
            tables.reuse_members.insert(),
            [
                {"report_id": r, "cluster_id": cid, "is_original": int(r == c.original)}
                for r in c.members
            ],
        )
        if c.shared:
            conn.execute(
                tables.reuse_passages.insert(),
                [
                    {
                        "cluster_id": cid,
                        "a_report_id": s.a,
                        "b_report_id": s.b,
                        "a_start": s.a_span[0],
                        "a_end": s.a_span[1],
                        "b_start": s.b_span[0],
                        "b_end": s.b_span[1],
                        "similarity": s.similarity,
                        "text": s.text,
                    }
                    for s in c.shared
                ],
            )


def _examples(
    merged: Sequence[MergedIncident],
    results: dict[str, GradeResult],
    comparisons: Sequence[Comparison],
    clusters: Sequence[ReuseCluster],
) -> list[str]:
    lines = []
    for c in clusters[:3]:
        lines.append(f"copies: {', '.join(c.members)} (original {c.original}: {c.original_reason})")
    multi = [m for m in merged if len(m.report_ids) > 1]
    for m in multi[:5]:
        where = m.place.name if m.place else "no place"
        when = m.date.isoformat() if m.date else "undated"
        lines.append(f"{m.id}: {m.type.value} at {where} on {when} — {results[m.id].explanation}")
    for c in [c for c in comparisons if c.contradiction][:3]:
        lines.append(f"contradiction ({c.kind}) in {c.subject}: {c.explanation}")
    return lines


def load_merged(conn: Connection) -> list[MergedIncident]:
    """The stored merged incidents, rebuilt with their member incidents."""
    from trucewatch.corroborate.merge import Member, Supported
    from trucewatch.model.incident import GeoPrecision, IncidentType, Place, TimePrecision

    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in conn.execute(
        select(tables.merged_members).order_by(tables.merged_members.c.incident_id)
    ):
        members[r.merged_id].append((r.incident_id, r.joined))
    wanted = [iid for ms in members.values() for iid, _ in ms]
    incidents = {i.id: i for i in iter_incidents(conn, wanted)} if wanted else {}
    out = []
    for r in conn.execute(select(tables.merged_incidents).order_by(tables.merged_incidents.c.id)):
        place = None
        if r.place is not None or r.governorate is not None:
            place = Place(
                r.place or r.governorate,
                r.governorate,
                r.lat,
                r.lon,
                GeoPrecision(r.geo_precision or GeoPrecision.REGION),
            )
        out.append(
            MergedIncident(
                id=r.id,
                type=IncidentType(r.type),
                members=tuple(
                    Member(incidents[iid], joined)
                    for iid, joined in members[r.id]
                    if iid in incidents
                ),
                date=r.date,
                time_precision=TimePrecision(r.time_precision) if r.time_precision else None,
                place=place,
                perpetrators=tuple(
                    Supported(p["value"], tuple(p["reports"])) for p in r.perpetrators
                ),
                targets=tuple(Supported(p["value"], tuple(p["reports"])) for p in r.targets),
                killed=tuple(
                    Supported(Toll(k["low"], k["best"], k["high"]), tuple(k["reports"]))
                    for k in r.killed
                ),
                injured=tuple(
                    Supported(Toll(k["low"], k["best"], k["high"]), tuple(k["reports"]))
                    for k in r.injured
                ),
            )
        )
    return out
