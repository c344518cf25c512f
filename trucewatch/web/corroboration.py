"""What corroboration says about one extracted incident, for its page: the merged incident it
belongs to, every report behind it (and which of them are copies), the values its reports
disagree on, and the reference-dataset incidents it matched.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from trucewatch.corroborate.grades import grade_events
from trucewatch.store.corroboration_tables import (
    claim_comparisons,
    merged_incidents,
    merged_members,
    reference_incidents,
    reference_links,
    reuse_clusters,
    reuse_members,
)
from trucewatch.store.schema import incidents, reports, sources


def incident_corroboration(conn: Connection, incident_id: str) -> dict | None:
    """The merged incident an extracted incident belongs to, with its supporting reports,
    comparisons, reference matches and computed-grade history; None before corroboration."""
    merged_id = conn.execute(
        select(merged_members.c.merged_id).where(merged_members.c.incident_id == incident_id)
    ).scalar()
    if merged_id is None:
        return None
    merged = conn.execute(select(merged_incidents).where(merged_incidents.c.id == merged_id))
    row = merged.mappings().first()
    if row is None:
        return None
    return {
        "merged": dict(row),
        "members": _members(conn, merged_id),
        "comparisons": _comparisons(conn, merged_id),
        "references": _references(conn, merged_id),
        "grade_events": grade_events(conn, merged_id),
    }


def _members(conn: Connection, merged_id: str) -> list[dict]:
    """Each report behind the merged incident, with its outlet and, when it is part of a copy
    cluster, the cluster's original (copies count once towards a grade)."""
    original = reuse_clusters.c.original_report_id
    query = (
        select(
            merged_members.c.incident_id,
            merged_members.c.report_id,
            merged_members.c.joined,
            reports.c.title,
            reports.c.published_date,
            sources.c.name.label("source"),
            incidents.c.killed_best,
            incidents.c.killed_low,
            incidents.c.killed_high,
            incidents.c.perpetrator,
            original.label("copy_of"),
        )
        .join(reports, reports.c.id == merged_members.c.report_id)
        .join(sources, sources.c.id == reports.c.source_id)
        .join(incidents, incidents.c.id == merged_members.c.incident_id)
        .outerjoin(reuse_members, reuse_members.c.report_id == merged_members.c.report_id)
        .outerjoin(reuse_clusters, reuse_clusters.c.id == reuse_members.c.cluster_id)
        .where(merged_members.c.merged_id == merged_id)
        .order_by(reports.c.published_date.nulls_last(), merged_members.c.incident_id)
    )
    rows = [dict(r) for r in conn.execute(query).mappings()]
    for r in rows:
        if r["copy_of"] == r["report_id"]:
            r["copy_of"] = None  # the original of its cluster is not a copy
    return rows


def _comparisons(conn: Connection, merged_id: str) -> list[dict]:
    """Comparisons about this merged incident: tolls and perpetrators side by side, and claims
    whose topic it is. Subjects name the merged id followed by a space or nothing."""
    query = (
        select(claim_comparisons)
        .where(claim_comparisons.c.subject.contains(merged_id, autoescape=True))
        .order_by(claim_comparisons.c.id)
    )
    out = []
    for r in conn.execute(query).mappings():
        subject: str = r["subject"]
        end = subject.index(merged_id) + len(merged_id)
        if end == len(subject) or subject[end] == " ":  # "m-a-i1" must not match "m-a-i10"
            out.append(dict(r))
    return out


def _references(conn: Connection, merged_id: str) -> list[dict]:
    """Reference-dataset incidents (e.g. Airwars) linked to this merged incident, best first."""
    query = (
        select(
            reference_incidents.c.id,
            reference_incidents.c.dataset,
            reference_incidents.c.code,
            reference_incidents.c.date,
            reference_incidents.c.location,
            reference_incidents.c.belligerents,
            reference_incidents.c.killed_min,
            reference_incidents.c.killed_max,
            reference_incidents.c.grade,
            reference_incidents.c.url,
            reference_links.c.days_apart,
            reference_links.c.km_apart,
            reference_links.c.score,
            reference_links.c.reason,
        )
        .join(reference_incidents, reference_incidents.c.id == reference_links.c.reference_id)
        .where(reference_links.c.merged_id == merged_id)
        .order_by(reference_links.c.score.desc(), reference_incidents.c.id)
    )
    return [dict(r) for r in conn.execute(query).mappings()]
