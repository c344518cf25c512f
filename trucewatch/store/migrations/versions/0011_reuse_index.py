"""reuse index: what reuse detection computed per report and per pair, kept between runs

Issue 14 (incremental stages). Derived tables: empty after the upgrade, filled by the next
corroboration, which then computes only what is new.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reuse_index_docs",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("scheme", sa.String(length=80), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("outline", sa.LargeBinary(), nullable=False),
        sa.Column("passages", sa.LargeBinary(), nullable=False),
        sa.Column("signatures", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("report_id"),
    )
    op.create_table(
        "reuse_index_pairs",
        sa.Column("a_report_id", sa.String(length=32), nullable=False),
        sa.Column("b_report_id", sa.String(length=32), nullable=False),
        sa.Column("scheme", sa.String(length=80), nullable=False),
        sa.Column("seeds", sa.JSON(), nullable=False),
        sa.Column("matches", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("a_report_id", "b_report_id"),
    )


def downgrade() -> None:
    op.drop_table("reuse_index_pairs")
    op.drop_table("reuse_index_docs")
