"""Corroboration's tables (issue 5), on the store's one ``metadata``.

Reuse clusters, merged incidents and claim comparisons are *derived*: ``corroborate`` replaces
them on every run. The grade history and reference links are kept: a person's grade override and
its reason must survive re-runs. No foreign key points at extraction's tables (``incidents``,
``claims``), because re-extracting a report deletes and rewrites its rows.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from trucewatch.store.schema import metadata

reuse_clusters = Table(
    "reuse_clusters",
    metadata,
    Column("id", String(40), primary_key=True),  # "r-" + the original's report id
    Column("original_report_id", String(32), nullable=False),
    Column("original_reason", Text, nullable=False),
    Column("size", Integer, nullable=False),
)

reuse_members = Table(
    "reuse_members",
    metadata,
    Column("report_id", String(32), primary_key=True),  # a report is in at most one cluster
    Column("cluster_id", String(40), ForeignKey("reuse_clusters.id"), nullable=False),
    Column("is_original", Integer, nullable=False),
)
Index("ix_reuse_members_cluster_id", reuse_members.c.cluster_id)

reuse_passages = Table(
    "reuse_passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("cluster_id", String(40), ForeignKey("reuse_clusters.id"), nullable=False),
    Column("a_report_id", String(32), nullable=False),
    Column("b_report_id", String(32), nullable=False),
    Column("a_start", Integer, nullable=False),
    Column("a_end", Integer, nullable=False),
    Column("b_start", Integer, nullable=False),
    Column("b_end", Integer, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_reuse_passages_cluster_id", reuse_passages.c.cluster_id)

merged_incidents = Table(
    "merged_incidents",
    metadata,
    Column("id", String(48), primary_key=True),  # "m-" + its anchor member's incident id
    Column("type", String(32), nullable=False),
    Column("date", Date),
    Column("time_precision", Integer),
    Column("place", Text),
    Column("governorate", String(40)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("perpetrators", JSON, nullable=False),  # [{"value", "reports"}], side by side
    Column("targets", JSON, nullable=False),
    Column("killed", JSON, nullable=False),  # [{"low","best","high","reports"}], never averaged
    Column("injured", JSON, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("computed_grade", String(20), nullable=False),
    Column("explanation", Text, nullable=False),
    Column("grade", String(20), nullable=False),  # the computed one unless a person overrode it
    Column("corroborated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_merged_incidents_date", merged_incidents.c.date)

merged_members = Table(
    "merged_members",
    metadata,
    Column("incident_id", String(40), primary_key=True),  # an extracted incident, in one merge
    Column("merged_id", String(48), ForeignKey("merged_incidents.id"), nullable=False),
    Column("report_id", String(32), nullable=False),
    Column("joined", Text, nullable=False),  # why it joined: "anchor", "same place and day", ...
)
Index("ix_merged_members_merged_id", merged_members.c.merged_id)

grade_history = Table(
    "grade_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("merged_id", String(48), nullable=False),  # kept when the merge is recomputed
    Column("kind", String(12), nullable=False),  # computed, override, cleared
    Column("grade", String(20)),  # NULL for "cleared" (back to the computed grade)
    Column("why", Text, nullable=False),  # the explanation, or the person's reason
    Column("by", String(120), nullable=False),  # "trucewatch" for computed grades
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_grade_history_merged_id", grade_history.c.merged_id)

claim_comparisons = Table(
    "claim_comparisons",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "kind", String(20), nullable=False
    ),  # quantity, toll, perpetrator, truce_start, arithmetic
    Column("subject", Text, nullable=False),  # what the values are about
    Column("verdict", String(20), nullable=False),  # contradiction, agreement, consistent, ...
    Column("items", JSON, nullable=False),  # the values side by side, each with its claimant
    Column("explanation", Text, nullable=False),
)
Index("ix_claim_comparisons_kind", claim_comparisons.c.kind)

reference_incidents = Table(
    "reference_incidents",
    metadata,
    Column("id", String(80), primary_key=True),  # "airwars:RS1234"
    Column("dataset", String(40), nullable=False),
    Column("code", String(40), nullable=False),
    Column("date", Date),
    Column("date_end", Date),
    Column("location", Text),
    Column("governorate", String(60)),
    Column("lat", Float),
    Column("lon", Float),
    Column("belligerents", JSON, nullable=False),
    Column("killed_min", Integer),
    Column("killed_max", Integer),
    Column("grade", String(40)),
    Column("url", Text),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)
Index("ix_reference_incidents_date", reference_incidents.c.date)

reference_links = Table(
    "reference_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("merged_id", String(48), nullable=False),
    Column("reference_id", String(80), ForeignKey("reference_incidents.id"), nullable=False),
    Column("days_apart", Integer, nullable=False),
    Column("km_apart", Float),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)
Index("ix_reference_links_merged_id", reference_links.c.merged_id)
