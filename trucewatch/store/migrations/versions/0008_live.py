"""live: feeds, items seen, alert subscriptions, alert state, outbox, deliveries, dead letters

Issue 17: the tables of live monitoring (``trucewatch/store/live_tables.py``).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _stamp(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "live_feeds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("every", sa.Integer(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("health", sa.String(length=12), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        _stamp("last_poll"),
        _stamp("last_new_item"),
        _stamp("next_due", nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        _stamp("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_feeds")),
        sa.UniqueConstraint("name", name=op.f("uq_live_feeds_name")),
    )
    op.create_table(
        "live_items_seen",
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=32), nullable=True),
        _stamp("seen_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["live_feeds.id"], name=op.f("fk_live_items_seen_feed_id_live_feeds")
        ),
        sa.PrimaryKeyConstraint("feed_id", "item_key", name=op.f("pk_live_items_seen")),
    )
    op.create_table(
        "alert_subscriptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _stamp("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_subscriptions")),
    )
    op.create_table(
        "alert_state",
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        _stamp("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_alert_state")),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _stamp("next_attempt", nullable=False),
        _stamp("created_at", nullable=False),
        _stamp("delivered_at"),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["alert_subscriptions.id"],
            name=op.f("fk_alert_outbox_subscription_id_alert_subscriptions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_outbox")),
    )
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_alert_outbox_status_next", ["status", "next_attempt"], unique=False
        )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("outbox_id", sa.String(length=36), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        _stamp("at", nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["alert_outbox.id"],
            name=op.f("fk_alert_deliveries_outbox_id_alert_outbox"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_deliveries")),
    )
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_alert_deliveries_outbox_id", ["outbox_id"], unique=False)
    op.create_table(
        "alert_dead_letters",
        sa.Column("outbox_id", sa.String(length=36), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _stamp("at", nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["alert_outbox.id"],
            name=op.f("fk_alert_dead_letters_outbox_id_alert_outbox"),
        ),
        sa.PrimaryKeyConstraint("outbox_id", name=op.f("pk_alert_dead_letters")),
    )


def downgrade() -> None:
    op.drop_table("alert_dead_letters")
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_deliveries_outbox_id")
    op.drop_table("alert_deliveries")
    with op.batch_alter_table("alert_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_outbox_status_next")
    op.drop_table("alert_outbox")
    op.drop_table("alert_state")
    op.drop_table("alert_subscriptions")
    op.drop_table("live_items_seen")
    op.drop_table("live_feeds")
