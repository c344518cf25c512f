"""events: the merged incident becomes the event, the unit from corroboration on; a stage ledger

Issue 14. ``merged_incidents``/``merged_members`` were derived tables (corroboration replaces them
on every run), so they are dropped and ``events``/``event_members`` take their place: the next
``trucewatch corroborate`` (or ``trucewatch run``) fills them. What people wrote is kept:
``grade_history`` and ``reference_links`` rename ``merged_id`` to ``event_id``; rulings rename
``incident_id`` to ``event_id`` and lose their foreign key to ``incidents`` (rulings are kept as
history while events are recomputed, and the key is what made ``extract --redo`` fail). Rulings
and grades made on the old per-report ids stay as history; they match no event and are listed as
orphaned. ``stage_runs``/``stage_state`` record what each stage last worked on.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Tables dropped because a stage rebuilds their contents (the upgrade test reads these).
DROPPED_DERIVED = {
    "merged_members": "replaced by event_members, rebuilt by corroboration",
    "merged_incidents": "replaced by events, rebuilt by corroboration",
}
#: Columns renamed, values kept: {table: {old: new}} (the upgrade test reads these).
RENAMED_COLUMNS = {
    "grade_history": {"merged_id": "event_id"},
    "reference_links": {"merged_id": "event_id"},
    "rulings": {"incident_id": "event_id"},
}


def _newest_first() -> list:
    if op.get_bind().dialect.name == "sqlite":
        return [sa.text("event_date DESC"), sa.text("id")]
    return [sa.text("event_date DESC NULLS LAST"), sa.text("id")]


def upgrade() -> None:
    op.drop_index("ix_merged_members_merged_id", table_name="merged_members")
    op.drop_table("merged_members")
    op.drop_index("ix_merged_incidents_date", table_name="merged_incidents")
    op.drop_table("merged_incidents")

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("date_earliest", sa.Date(), nullable=True),
        sa.Column("date_latest", sa.Date(), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("date_basis", sa.String(length=16), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("governorate", sa.String(length=40), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("perpetrator", sa.String(length=120), nullable=True),
        sa.Column("attribution", sa.String(length=12), nullable=True),
        sa.Column("perpetrator_alternatives", sa.JSON(), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=True),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("injured_low", sa.Integer(), nullable=True),
        sa.Column("injured_best", sa.Integer(), nullable=True),
        sa.Column("injured_high", sa.Integer(), nullable=True),
        sa.Column("perpetrators", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("killed_values", sa.JSON(), nullable=False),
        sa.Column("injured_values", sa.JSON(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("computed_grade", sa.String(length=20), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("corroborated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    newest = _newest_first()
    op.create_index("ix_events_newest", "events", newest)
    op.create_index("ix_events_type_newest", "events", [sa.text("type"), *newest])
    op.create_index("ix_events_governorate", "events", [sa.text("lower(governorate)")])

    op.create_table(
        "event_members",
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=48), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("joined", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_members_event_id_events")
        ),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_event_members")),
    )
    op.create_index("ix_event_members_event_id", "event_members", ["event_id"])

    with op.batch_alter_table("grade_history") as batch:
        batch.drop_index("ix_grade_history_merged_id")
        batch.alter_column("merged_id", new_column_name="event_id")
    op.create_index("ix_grade_history_event_id", "grade_history", ["event_id"])
    with op.batch_alter_table("reference_links") as batch:
        batch.drop_index("ix_reference_links_merged_id")
        batch.alter_column("merged_id", new_column_name="event_id")
    op.create_index("ix_reference_links_event_id", "reference_links", ["event_id"])
    with op.batch_alter_table("rulings") as batch:
        batch.drop_index("ix_rulings_incident_id")
        batch.drop_constraint("uq_rulings_incident_version", type_="unique")
        batch.drop_constraint("fk_rulings_incident_id_incidents", type_="foreignkey")
        batch.alter_column(
            "incident_id",
            new_column_name="event_id",
            type_=sa.String(length=48),
            existing_nullable=False,
        )
    # Created after the rename: a batch cannot index a column it renames (SQLite).
    with op.batch_alter_table("rulings") as batch:
        batch.create_unique_constraint(
            "uq_rulings_event_version", ["event_id", "agreement", "version"]
        )
    op.create_index("ix_rulings_event_id", "rulings", ["event_id"])

    op.create_table(
        "report_origins",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("row", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_origins_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_report_origins")),
    )
    op.create_index("ix_report_origins_report_id", "report_origins", ["report_id"])
    _backfill_origins()

    # What the extractor says about attribution and the window, kept with each incident.
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("attribution", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("perpetrator_alternatives", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("denied_by", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("date_earliest", sa.Date(), nullable=True))
        batch.add_column(sa.Column("date_latest", sa.Date(), nullable=True))
        batch.add_column(sa.Column("event_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("date_basis", sa.String(length=16), nullable=True))

    # Analysts' grades and reviews are kept under event ids, which are longer than incident ids.
    with op.batch_alter_table("incident_grades") as batch:
        batch.alter_column(
            "id", type_=sa.String(length=48), existing_type=sa.String(length=40), nullable=False
        )
    with op.batch_alter_table("ruling_reviews") as batch:
        batch.alter_column(
            "incident_id",
            type_=sa.String(length=48),
            existing_type=sa.String(length=40),
            nullable=False,
        )

    op.create_table(
        "stage_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_runs")),
    )
    op.create_index("ix_stage_runs_stage", "stage_runs", ["stage"])
    op.create_table(
        "stage_state",
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("stage", name=op.f("pk_stage_state")),
    )


def _backfill_origins() -> None:
    """Each stored report's one known place becomes its first origin."""
    import hashlib

    conn = op.get_bind()
    rows = conn.execute(sa.text('SELECT id, origin, "row", url, ingested_at FROM reports')).all()
    table = sa.table(
        "report_origins",
        sa.column("key"),
        sa.column("report_id"),
        sa.column("origin"),
        sa.column("row"),
        sa.column("url"),
        sa.column("first_seen_at"),
    )
    values = [
        {
            "key": hashlib.sha256(f"{r[0]}\x1f{r[1]}\x1f{r[2]}\x1f{r[3]}".encode()).hexdigest(),
            "report_id": r[0],
            "origin": r[1],
            "row": r[2],
            "url": r[3],
            "first_seen_at": r[4],
        }
        for r in rows
    ]
    if values:
        op.bulk_insert(table, values)


def downgrade() -> None:
    raise NotImplementedError("0006 replaces derived tables; restore a backup to go back")
