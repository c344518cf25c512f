"""logged-out web sessions in the store; audit entries keep the record's state and a signature

Issue 18. Logging out revoked the session id in the memory of the one server process that served
the logout: with ``serve --workers 2`` the same cookie kept working on the other process. The
revocations now live in ``revoked_sessions``, which every worker reads.

The audit log could be rewritten by anyone with write access to the database. Each entry now also
holds ``state``, a digest of the record as the change left it (so rows changed behind the log are
found), and ``mac``, an HMAC of its hash under a key kept outside the database. Both are empty on
entries written before this revision, whose hashes stay as they were.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revoked_sessions",
        sa.Column("sid_hash", sa.String(64), primary_key=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_revoked_sessions_expires_at", "revoked_sessions", ["expires_at"])
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("state", sa.String(64)))
        batch.add_column(sa.Column("mac", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
        batch.drop_column("state")
    op.drop_index("ix_revoked_sessions_expires_at", table_name="revoked_sessions")
    op.drop_table("revoked_sessions")
