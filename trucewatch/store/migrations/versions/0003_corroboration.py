"""corroboration: reuse clusters, merged incidents, grade history, claims, references

Issue 5: reports that copy one story, incidents merged across reports with their members, the
history of computed and overridden grades, the claims ledger's comparisons, and reference
incidents (Airwars) with the links to ours.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_comparisons",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_comparisons")),
    )
    with op.batch_alter_table("claim_comparisons", schema=None) as batch_op:
        batch_op.create_index("ix_claim_comparisons_kind", ["kind"], unique=False)

    op.create_table(
        "grade_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("merged_id", sa.String(length=48), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grade_history")),
    )
    with op.batch_alter_table("grade_history", schema=None) as batch_op:
        batch_op.create_index("ix_grade_history_merged_id", ["merged_id"], unique=False)

    op.create_table(
        "merged_incidents",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("governorate", sa.String(length=40), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("perpetrators", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("killed", sa.JSON(), nullable=False),
        sa.Column("injured", sa.JSON(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("computed_grade", sa.String(length=20), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("corroborated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merged_incidents")),
    )
    with op.batch_alter_table("merged_incidents", schema=None) as batch_op:
        batch_op.create_index("ix_merged_incidents_date", ["date"], unique=False)

    op.create_table(
        "reference_incidents",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("dataset", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("governorate", sa.String(length=60), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("belligerents", sa.JSON(), nullable=False),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("grade", sa.String(length=40), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_incidents")),
    )
    with op.batch_alter_table("reference_incidents", schema=None) as batch_op:
        batch_op.create_index("ix_reference_incidents_date", ["date"], unique=False)

    op.create_table(
        "reuse_clusters",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("original_report_id", sa.String(length=32), nullable=False),
        sa.Column("original_reason", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reuse_clusters")),
    )
    op.create_table(
        "merged_members",
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("merged_id", sa.String(length=48), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("joined", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_id"],
            ["merged_incidents.id"],
            name=op.f("fk_merged_members_merged_id_merged_incidents"),
        ),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_merged_members")),
    )
    with op.batch_alter_table("merged_members", schema=None) as batch_op:
        batch_op.create_index("ix_merged_members_merged_id", ["merged_id"], unique=False)

    op.create_table(
        "reference_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("merged_id", sa.String(length=48), nullable=False),
        sa.Column("reference_id", sa.String(length=80), nullable=False),
        sa.Column("days_apart", sa.Integer(), nullable=False),
        sa.Column("km_apart", sa.Float(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reference_id"],
            ["reference_incidents.id"],
            name=op.f("fk_reference_links_reference_id_reference_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_links")),
    )
    with op.batch_alter_table("reference_links", schema=None) as batch_op:
        batch_op.create_index("ix_reference_links_merged_id", ["merged_id"], unique=False)

    op.create_table(
        "reuse_members",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("cluster_id", sa.String(length=40), nullable=False),
        sa.Column("is_original", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["reuse_clusters.id"],
            name=op.f("fk_reuse_members_cluster_id_reuse_clusters"),
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_reuse_members")),
    )
    with op.batch_alter_table("reuse_members", schema=None) as batch_op:
        batch_op.create_index("ix_reuse_members_cluster_id", ["cluster_id"], unique=False)

    op.create_table(
        "reuse_passages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cluster_id", sa.String(length=40), nullable=False),
        sa.Column("a_report_id", sa.String(length=32), nullable=False),
        sa.Column("b_report_id", sa.String(length=32), nullable=False),
        sa.Column("a_start", sa.Integer(), nullable=False),
        sa.Column("a_end", sa.Integer(), nullable=False),
        sa.Column("b_start", sa.Integer(), nullable=False),
        sa.Column("b_end", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["reuse_clusters.id"],
            name=op.f("fk_reuse_passages_cluster_id_reuse_clusters"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reuse_passages")),
    )
    with op.batch_alter_table("reuse_passages", schema=None) as batch_op:
        batch_op.create_index("ix_reuse_passages_cluster_id", ["cluster_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reuse_passages", schema=None) as batch_op:
        batch_op.drop_index("ix_reuse_passages_cluster_id")

    op.drop_table("reuse_passages")
    with op.batch_alter_table("reuse_members", schema=None) as batch_op:
        batch_op.drop_index("ix_reuse_members_cluster_id")

    op.drop_table("reuse_members")
    with op.batch_alter_table("reference_links", schema=None) as batch_op:
        batch_op.drop_index("ix_reference_links_merged_id")

    op.drop_table("reference_links")
    with op.batch_alter_table("merged_members", schema=None) as batch_op:
        batch_op.drop_index("ix_merged_members_merged_id")

    op.drop_table("merged_members")
    op.drop_table("reuse_clusters")
    with op.batch_alter_table("reference_incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_reference_incidents_date")

    op.drop_table("reference_incidents")
    with op.batch_alter_table("merged_incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_merged_incidents_date")

    op.drop_table("merged_incidents")
    with op.batch_alter_table("grade_history", schema=None) as batch_op:
        batch_op.drop_index("ix_grade_history_merged_id")

    op.drop_table("grade_history")
    with op.batch_alter_table("claim_comparisons", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_comparisons_kind")

    op.drop_table("claim_comparisons")
