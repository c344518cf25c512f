"""Table definitions. Migrations in ``migrations/versions`` create exactly these (a test checks)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

# Explicit constraint names keep SQLite and PostgreSQL migrations identical.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False, server_default="outlet"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("language", String(16), nullable=False),
    Column("published_date", Date),
    Column("published_earliest", Date),
    Column("published_latest", Date),
    Column("published_basis", String(16), nullable=False),
    Column("published_reason", Text),
    Column("origin", Text),
    Column("row", Integer),
    Column("external_id", String(200)),
    Column("annotations", JSON, nullable=False),
    Column("repairs", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("source_id", "content_hash", name="uq_reports_source_content"),
)
Index("ix_reports_published_date", reports.c.published_date)

# Every place a report's text came from (issue 14): a text that arrives more than once (another
# file, another row, another URL) is stored once, and each arrival is kept here.
report_origins = Table(
    "report_origins",
    metadata,
    Column("key", String(64), primary_key=True),  # hash of report, file, row and URL
    Column("report_id", String(32), ForeignKey("reports.id"), nullable=False),
    Column("origin", Text),  # the file
    Column("row", Integer),  # data row (tabular) or line (JSONL)
    Column("url", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
)
Index("ix_report_origins_report_id", report_origins.c.report_id)

quarantine = Table(
    "quarantine",
    metadata,
    Column(
        "id", String(32), primary_key=True
    ),  # hash of origin, location and bytes: re-runs add nothing
    Column("origin", Text, nullable=False),
    Column("location", String(64), nullable=False),  # "row 12", "line 3", "file"
    Column("reason", Text, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("quarantined_at", DateTime(timezone=True), nullable=False),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("inputs", JSON, nullable=False),
    Column("counts", JSON),
)

extractions = Table(
    "extractions",
    metadata,
    Column("report_id", String(32), ForeignKey("reports.id"), primary_key=True),
    Column("extractor", String(40), nullable=False),  # pipeline version that produced the rows
    Column("incidents", Integer, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("report_id", String(32), ForeignKey("reports.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the report; 0 is listed first
    Column("type", String(32), nullable=False),
    Column("date", Date),
    Column("time", DateTime(timezone=True)),
    Column("time_precision", Integer),
    Column("place", Text),
    Column("governorate", String(40)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("perpetrator", String(120)),
    Column("target", String(120)),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("injured_low", Integer),
    Column("injured_best", Integer),
    Column("injured_high", Integer),
    Column("main", Boolean, nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    # How the perpetrator is known (model.incident.Attribution) and what the text leaves open.
    Column("attribution", String(12)),
    Column("perpetrator_alternatives", JSON),
    Column("denied_by", String(120)),
    # The window the extractor gave (model.dates); NULL basis: built from date and publication.
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("event_date", Date),
    Column("date_basis", String(16)),
)
Index("ix_incidents_report_id", incidents.c.report_id)
# The incident list's order (newest first, then id), alone and after the two filters that are
# equalities, type and governorate compared case-blind: a page is read in order and the scan stops
# after it, instead of sorting every match (migration 0005; SQLite writes ``date DESC`` there).
_NEWEST_FIRST = (incidents.c.date.desc().nulls_last(), incidents.c.id)
Index("ix_incidents_newest", *_NEWEST_FIRST)
Index("ix_incidents_type_newest", incidents.c.type, *_NEWEST_FIRST)
# PostgreSQL answers an index-only scan (a capped count) on lower(governorate) only when the
# column itself is in the index too.
Index(
    "ix_incidents_governorate_lower_newest",
    func.lower(incidents.c.governorate),
    *_NEWEST_FIRST,
    postgresql_include=["governorate"],
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("report_id", String(32), ForeignKey("reports.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("claimant", String(200)),
    Column("quantity", Float, nullable=False),
    Column("unit", String(80), nullable=False),
    Column("period", Text),
    Column("subject", Text),
    Column("of_total", Float),
    Column("percent", Float),
)
Index("ix_claims_report_id", claims.c.report_id)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(32), ForeignKey("reports.id"), nullable=False),
    Column("incident_id", String(40), ForeignKey("incidents.id")),
    Column("claim_id", String(40), ForeignKey("claims.id")),
    Column("field", String(40), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_incident_id", mentions.c.incident_id)
Index("ix_mentions_claim_id", mentions.c.claim_id)

rulings = Table(
    "rulings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The event ruled on. No foreign key: events are recomputed and rulings are kept as history.
    Column("event_id", String(48), nullable=False),
    Column("agreement", String(80), nullable=False),
    Column("ruling", String(40), nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("version", Integer, nullable=False),  # rulings are versioned, never overwritten
    Column("basis_hash", String(64), nullable=False),  # hash of the facts and terms ruled on
    Column("ruled_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("event_id", "agreement", "version", name="uq_rulings_event_version"),
)
Index("ix_rulings_event_id", rulings.c.event_id)

# The ledger of stage runs (issue 14): what each stage last worked on, so ``trucewatch run`` knows
# what is stale. ``input_hash`` fingerprints the stage's inputs (for adjudication: the agreement
# files, accessions and analysts' corrections too); ``stale`` is set when an earlier stage changed.
stage_runs = Table(
    "stage_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("stage", String(20), nullable=False),
    Column("version", String(40), nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("options", JSON, nullable=False),  # e.g. {"agreements": "/path"} for adjudication
    Column("summary", JSON, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)
Index("ix_stage_runs_stage", stage_runs.c.stage)

stage_state = Table(
    "stage_state",
    metadata,
    Column("stage", String(20), primary_key=True),
    Column("stale", Boolean, nullable=False),
    Column("reason", Text),  # why it is stale: "extract --redo replaced 804 reports' incidents"
    Column("marked_at", DateTime(timezone=True), nullable=False),
)

# Registers share this metadata but live in their own modules; importing them here makes the
# schema complete for migrations and for the test that compares the two.
import trucewatch.store.centre_tables  # noqa: E402
import trucewatch.store.correction_tables  # noqa: E402
import trucewatch.store.corroboration_tables  # noqa: E402
import trucewatch.store.live_tables  # noqa: E402
import trucewatch.store.reuse_index_tables  # noqa: E402, F401
