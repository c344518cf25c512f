"""indexes for the API's incident filters: type, and governorate compared case-blind

Issue 9: the incident list filters by date range (``ix_incidents_date`` already serves it), by
type, and by ``lower(governorate)``; without these, each filtered page read every incident.
``tests/test_indexes.py`` checks the plans on PostgreSQL.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_type", "incidents", ["type"])
    op.create_index("ix_incidents_governorate_lower", "incidents", [sa.text("lower(governorate)")])


def downgrade() -> None:
    op.drop_index("ix_incidents_governorate_lower", table_name="incidents")
    op.drop_index("ix_incidents_type", table_name="incidents")
