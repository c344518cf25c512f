"""Corroboration's tables (issue 5), on the store's one ``metadata``.

Reuse clusters, events and claim comparisons are *derived*: ``corroborate`` replaces
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
    func,
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

# Events (issue 14): what the mission publishes, one per thing that happened. Derived: replaced
# on every corroboration run, ids stable while their earliest member remains (model.ids).
events = Table(
    "events",
    metadata,
    Column("id", String(48), primary_key=True),  # model.ids.event_id of the earliest member
    Column("type", String(32), nullable=False),
    # The one date-window rule (model.dates): window, best day, precision, what it rests on.
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("event_date", Date),
    Column("time_precision", Integer),
    Column("date_basis", String(16), nullable=False),
    Column("place", Text),
    Column("governorate", String(40)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("perpetrator", String(120)),
    Column("attribution", String(12)),
    Column("perpetrator_alternatives", JSON, nullable=False),
    Column("target", String(120)),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("injured_low", Integer),
    Column("injured_best", Integer),
    Column("injured_high", Integer),
    # Every value side by side with its reports and members: [{"value", "reports", "members",
    # "status", "words"}]; tolls' values are {"low","best","high"}.
    Column("perpetrators", JSON, nullable=False),
    Column("targets", JSON, nullable=False),
    Column("killed_values", JSON, nullable=False),
    Column("injured_values", JSON, nullable=False),
    Column("provenance", JSON, nullable=False),  # field -> member incident ids behind it
    Column("reports", Integer, nullable=False),
    Column("sources", Integer, nullable=False),  # independent sources
    Column("computed_grade", String(20), nullable=False),
    Column("explanation", Text, nullable=False),
    Column("grade", String(20), nullable=False),  # the computed one unless a person overrode it
    Column("corroborated_at", DateTime(timezone=True), nullable=False),
)
# Views list events newest first by best day; filters on type and governorate come first.
Index("ix_events_newest", events.c.event_date.desc().nulls_last(), events.c.id)
Index("ix_events_type_newest", events.c.type, events.c.event_date.desc().nulls_last(), events.c.id)
Index("ix_events_governorate", func.lower(events.c.governorate))

event_members = Table(
    "event_members",
    metadata,
    Column("incident_id", String(40), primary_key=True),  # an extracted incident, in one event
    Column("event_id", String(48), ForeignKey("events.id"), nullable=False),
    Column("report_id", String(32), nullable=False),
    Column("joined", Text, nullable=False),  # why it joined: "anchor", "same place and day", ...
)
Index("ix_event_members_event_id", event_members.c.event_id)

grade_history = Table(
    "grade_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(48), nullable=False),  # kept when events are recomputed
    Column("kind", String(12), nullable=False),  # computed, override, cleared
    Column("grade", String(20)),  # NULL for "cleared" (back to the computed grade)
    Column("why", Text, nullable=False),  # the explanation, or the person's reason
    Column("by", String(120), nullable=False),  # "trucewatch" for computed grades
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_grade_history_event_id", grade_history.c.event_id)

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
    Column("event_id", String(48), nullable=False),
    Column("reference_id", String(80), ForeignKey("reference_incidents.id"), nullable=False),
    Column("days_apart", Integer, nullable=False),
    Column("km_apart", Float),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)
Index("ix_reference_links_event_id", reference_links.c.event_id)
