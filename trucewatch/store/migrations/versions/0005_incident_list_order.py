"""indexes in the incident list's order: newest first, alone and after type or governorate

Issue 9: the incident list is ordered ``date DESC NULLS LAST, id``. With 1M incidents, an index on
``date`` alone, ``type`` or ``lower(governorate)`` found the matches but PostgreSQL then sorted
every one of them to return a page of 50. These indexes hold the list's order after each filter's
key, so a page is read in order and the scan stops after it. Each replaces the single-column index
it extends (a leading column serves the same lookups), so writes maintain no more indexes than
before. ``tests/test_indexes.py`` checks the plans on PostgreSQL.

The API counts matches only up to a cap, by reading these same indexes (no table rows).

SQLite cannot write ``NULLS LAST`` in an index, and needs not: it sorts NULL lowest, so ``date
DESC`` already puts undated incidents last, and its planner uses the index for the same ORDER BY.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _newest_first() -> list:
    """The list's order as index columns, in the dialect's words."""
    if op.get_bind().dialect.name == "sqlite":
        return [sa.text("date DESC"), sa.text("id")]
    return [sa.text("date DESC NULLS LAST"), sa.text("id")]


def upgrade() -> None:
    newest = _newest_first()
    op.drop_index("ix_incidents_date", table_name="incidents")
    op.drop_index("ix_incidents_type", table_name="incidents")
    op.drop_index("ix_incidents_governorate_lower", table_name="incidents")
    op.create_index("ix_incidents_newest", "incidents", newest)
    op.create_index("ix_incidents_type_newest", "incidents", [sa.text("type"), *newest])
    op.create_index(
        "ix_incidents_governorate_lower_newest",
        "incidents",
        [sa.text("lower(governorate)"), *newest],
        # Without the column itself, PostgreSQL reads the table to count matches of lower(...).
        postgresql_include=["governorate"],
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_governorate_lower_newest", table_name="incidents")
    op.drop_index("ix_incidents_type_newest", table_name="incidents")
    op.drop_index("ix_incidents_newest", table_name="incidents")
    op.create_index("ix_incidents_governorate_lower", "incidents", [sa.text("lower(governorate)")])
    op.create_index("ix_incidents_type", "incidents", ["type"])
    op.create_index("ix_incidents_date", "incidents", ["date"])
