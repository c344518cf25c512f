"""centre registers, users, audit log

The monitoring centre (issue 6): parties, accessions, meetings, local agreements, protection
requests, the hotline, deliveries, verification reviews, users and API tokens, the history of
every change, and the hash-chained audit log with its head row.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    audit_head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    # The chain starts from a fixed genesis hash; appends lock this one row.
    op.bulk_insert(audit_head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("register", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.String(length=130), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "centre_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("register", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.String(length=130), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_history")),
    )
    with op.batch_alter_table("centre_history", schema=None) as batch_op:
        batch_op.create_index("ix_centre_history_register", ["register", "record_id"], unique=False)

    op.create_table(
        "centre_parties",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=True),
        sa.Column("governorate", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_parties")),
        sa.UniqueConstraint("name", name=op.f("uq_centre_parties_name")),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("governorate", sa.String(length=40), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("tonnes", sa.Float(), nullable=True),
        sa.Column("trucks", sa.Integer(), nullable=True),
        sa.Column("agreement", sa.String(length=80), nullable=True),
        sa.Column("access_clause", sa.String(length=40), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_deliveries_date", ["date"], unique=False)

    op.create_table(
        "hotline_threads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_threads")),
    )
    op.create_table(
        "incident_grades",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_grades")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_held_at", ["held_at"], unique=False)

    op.create_table(
        "ruling_reviews",
        sa.Column("id", sa.String(length=130), nullable=False),
        sa.Column("incident_id", sa.String(length=40), nullable=False),
        sa.Column("agreement", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ruling_reviews")),
    )
    with op.batch_alter_table("ruling_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_ruling_reviews_incident_id", ["incident_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("guarantor", sa.String(length=80), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "accession_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement", sa.String(length=80), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=False),
        sa.Column("through", sa.String(length=80), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["centre_parties.id"],
            name=op.f("fk_accession_requests_party_id_centre_parties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accession_requests")),
    )
    with op.batch_alter_table("accession_requests", schema=None) as batch_op:
        batch_op.create_index("ix_accession_requests_party_id", ["party_id"], unique=False)
        batch_op.create_index("ix_accession_requests_status", ["status"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index("ix_api_tokens_user_id", ["user_id"], unique=False)

    op.create_table(
        "hotline_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=120), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ack_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acked_by", sa.String(length=120), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("subject_incidents", sa.JSON(), nullable=False),
        sa.Column("subject_areas", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["hotline_threads.id"],
            name=op.f("fk_hotline_messages_thread_id_hotline_threads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_messages")),
    )
    with op.batch_alter_table("hotline_messages", schema=None) as batch_op:
        batch_op.create_index("ix_hotline_messages_ack_due", ["ack_due"], unique=False)
        batch_op.create_index("ix_hotline_messages_thread_id", ["thread_id"], unique=False)

    op.create_table(
        "local_agreements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("agreement", sa.String(length=80), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_local_agreements_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_agreements")),
    )
    op.create_table(
        "meeting_participants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_participants_meeting_id_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["centre_parties.id"],
            name=op.f("fk_meeting_participants_party_id_centre_parties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participants")),
    )
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_participants_meeting_id", ["meeting_id"], unique=False)

    op.create_table(
        "protection_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requester", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("threat", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_to", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["centre_parties.id"],
            name=op.f("fk_protection_requests_party_id_centre_parties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protection_requests")),
    )
    op.create_table(
        "hotline_positions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("control_area", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("shared_by", sa.String(length=80), nullable=False),
        sa.Column("geometry", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("response_text", sa.Text(), nullable=True),
        sa.Column("responded_by", sa.String(length=80), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["hotline_messages.id"],
            name=op.f("fk_hotline_positions_message_id_hotline_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_positions")),
    )
    with op.batch_alter_table("hotline_positions", schema=None) as batch_op:
        batch_op.create_index("ix_hotline_positions_message_id", ["message_id"], unique=False)

    op.create_table(
        "local_agreement_signatories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("local_agreement_id", sa.Integer(), nullable=False),
        sa.Column("signer", sa.String(length=200), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["local_agreement_id"],
            ["local_agreements.id"],
            name=op.f("fk_local_agreement_signatories_local_agreement_id_local_agreements"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["centre_parties.id"],
            name=op.f("fk_local_agreement_signatories_party_id_centre_parties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_agreement_signatories")),
    )
    with op.batch_alter_table("local_agreement_signatories", schema=None) as batch_op:
        batch_op.create_index(
            "ix_local_agreement_signatories_local_agreement_id",
            ["local_agreement_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("local_agreement_signatories", schema=None) as batch_op:
        batch_op.drop_index("ix_local_agreement_signatories_local_agreement_id")

    op.drop_table("local_agreement_signatories")
    with op.batch_alter_table("hotline_positions", schema=None) as batch_op:
        batch_op.drop_index("ix_hotline_positions_message_id")

    op.drop_table("hotline_positions")
    op.drop_table("protection_requests")
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_participants_meeting_id")

    op.drop_table("meeting_participants")
    op.drop_table("local_agreements")
    with op.batch_alter_table("hotline_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_hotline_messages_thread_id")
        batch_op.drop_index("ix_hotline_messages_ack_due")

    op.drop_table("hotline_messages")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_api_tokens_user_id")

    op.drop_table("api_tokens")
    with op.batch_alter_table("accession_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_accession_requests_status")
        batch_op.drop_index("ix_accession_requests_party_id")

    op.drop_table("accession_requests")
    op.drop_table("users")
    with op.batch_alter_table("ruling_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_ruling_reviews_incident_id")

    op.drop_table("ruling_reviews")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_held_at")

    op.drop_table("meetings")
    op.drop_table("incident_grades")
    op.drop_table("hotline_threads")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_date")

    op.drop_table("deliveries")
    op.drop_table("centre_parties")
    with op.batch_alter_table("centre_history", schema=None) as batch_op:
        batch_op.drop_index("ix_centre_history_register")

    op.drop_table("centre_history")
    op.drop_table("audit_log")
    op.drop_table("audit_head")
