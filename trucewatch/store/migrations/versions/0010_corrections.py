"""corrections: analysts correct an event's date, place, actors, attribution or tolls

Issue 16 (part 3). ``corrections`` is an audited register kept across re-runs, keyed by event id;
``event_extracted`` holds, for corrected events, the values extraction gave (derived: rewritten
by every corroboration run).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=48), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("original", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])
    op.create_table(
        "event_extracted",
        sa.Column("event_id", sa.String(length=48), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )


def downgrade() -> None:
    op.drop_table("event_extracted")
    op.drop_index("ix_corrections_event_id", table_name="corrections")
    op.drop_table("corrections")
