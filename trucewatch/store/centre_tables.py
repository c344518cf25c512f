"""The monitoring centre's tables (issue 6), on the store's one ``metadata``.

Every register row carries a ``version`` for optimistic locking; every change to it is a row in
``centre_history``, and every change of any kind an entry in the hash-chained ``audit_log``.
"""

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
    String,
    Table,
    Text,
)

from trucewatch.store.schema import metadata


def _version() -> Column:
    return Column("version", Integer, nullable=False)  # bumped by every change, checked on UPDATE


def _stamp(name: str, nullable: bool = False) -> Column:
    return Column(name, DateTime(timezone=True), nullable=nullable)  # always UTC


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("guarantor", String(80)),  # set for liaisons only
    Column("password_hash", String(200)),  # argon2; NULL = cannot log in with a password
    Column("active", Boolean, nullable=False),
    _stamp("created_at"),
    _version(),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the token
    Column("label", String(120)),
    _stamp("created_at"),
    _stamp("revoked_at", nullable=True),
)
Index("ix_api_tokens_user_id", api_tokens.c.user_id)

centre_parties = Table(
    "centre_parties",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("actor", String(120)),  # canonical actor name, when known
    Column("governorate", String(40)),
    _stamp("created_at"),
    _version(),
)

accession_requests = Table(
    "accession_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agreement", String(80), nullable=False),
    Column("party_id", Integer, ForeignKey("centre_parties.id"), nullable=False),
    Column("channel", String(40), nullable=False),
    Column("sender", String(200), nullable=False),
    Column("through", String(80)),  # the guarantor the request came through
    _stamp("received_at"),
    Column("status", String(20), nullable=False),
    _stamp("status_at"),  # when the current status took effect
    Column("notes", Text),
    _version(),
)
Index("ix_accession_requests_party_id", accession_requests.c.party_id)
Index("ix_accession_requests_status", accession_requests.c.status)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _stamp("held_at"),
    Column("place", String(200), nullable=False),
    Column("outcome", Text),
    Column("notes", Text),
    _version(),
)
Index("ix_meetings_held_at", meetings.c.held_at)

meeting_participants = Table(
    "meeting_participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("party_id", Integer, ForeignKey("centre_parties.id")),
)
Index("ix_meeting_participants_meeting_id", meeting_participants.c.meeting_id)

local_agreements = Table(
    "local_agreements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    _stamp("signed_at"),
    Column("place", String(200)),
    Column("agreement", String(80)),  # the ceasefire instrument it implements
    Column("meeting_id", Integer, ForeignKey("meetings.id")),
    Column("document", Text),
    _version(),
)

local_agreement_signatories = Table(
    "local_agreement_signatories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("local_agreement_id", Integer, ForeignKey("local_agreements.id"), nullable=False),
    Column("signer", String(200), nullable=False),
    Column("party_id", Integer, ForeignKey("centre_parties.id"), nullable=False),
)
Index(
    "ix_local_agreement_signatories_local_agreement_id",
    local_agreement_signatories.c.local_agreement_id,
)

protection_requests = Table(
    "protection_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requester", String(200), nullable=False),
    Column("party_id", Integer, ForeignKey("centre_parties.id")),
    Column("threat", Text, nullable=False),
    Column("place", String(200)),
    _stamp("received_at"),
    Column("status", String(20), nullable=False),
    _stamp("status_at"),
    Column("assigned_to", String(120)),
    _version(),
)

hotline_threads = Table(
    "hotline_threads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", Text, nullable=False),
    Column("participants", JSON, nullable=False),  # guarantors or parties taking part
    Column("shared", Boolean, nullable=False),  # open to every guarantor's liaison
    Column("status", String(20), nullable=False),  # the escalation level
    _stamp("status_at"),
    _stamp("opened_at"),
    _version(),
)

hotline_messages = Table(
    "hotline_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_id", Integer, ForeignKey("hotline_threads.id"), nullable=False),
    Column("sender", String(120), nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("body", Text, nullable=False),
    _stamp("sent_at"),
    _stamp("ack_due", nullable=True),
    _stamp("acked_at", nullable=True),
    Column("acked_by", String(120)),
    Column("reply", Text),
    Column("subject_incidents", JSON, nullable=False),
    Column("subject_areas", JSON, nullable=False),  # control area ids
    _version(),
)
Index("ix_hotline_messages_thread_id", hotline_messages.c.thread_id)
Index("ix_hotline_messages_ack_due", hotline_messages.c.ack_due)

hotline_positions = Table(
    "hotline_positions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Integer, ForeignKey("hotline_messages.id"), nullable=False),
    Column("control_area", String(80), nullable=False),
    Column("description", Text, nullable=False),
    Column("shared_by", String(80), nullable=False),
    Column("geometry", JSON),  # GeoJSON, lon/lat order
    Column("status", String(20), nullable=False),  # the other side's response
    _stamp("status_at"),
    Column("response_text", Text),
    Column("responded_by", String(80)),
    _version(),
)
Index("ix_hotline_positions_message_id", hotline_positions.c.message_id)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(120), nullable=False),
    Column("place", String(200), nullable=False),
    Column("governorate", String(40)),
    Column("method", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    _stamp("status_at"),
    Column("date", Date),
    Column("tonnes", Float),
    Column("trucks", Integer),
    Column("agreement", String(80)),
    Column("access_clause", String(40)),
    Column("notes", Text),
    _version(),
)
Index("ix_deliveries_date", deliveries.c.date)

# Incidents are re-extracted (deleted and rewritten): reviews key on their id, with no foreign key.
incident_grades = Table(
    "incident_grades",
    metadata,
    Column("id", String(48), primary_key=True),  # the event (or one report's incident) id
    Column("status", String(20), nullable=False),  # the grade
    _stamp("status_at"),
    _version(),
)

ruling_reviews = Table(
    "ruling_reviews",
    metadata,
    Column("id", String(130), primary_key=True),  # "<event id>|<agreement id>"
    Column("incident_id", String(48), nullable=False),  # the event the ruling is on
    Column("agreement", String(80), nullable=False),
    Column("status", String(20), nullable=False),
    _stamp("status_at"),
    _version(),
)
Index("ix_ruling_reviews_incident_id", ruling_reviews.c.incident_id)

centre_history = Table(
    "centre_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("register", String(30), nullable=False),
    Column("record_id", String(130), nullable=False),
    Column("version", Integer, nullable=False),  # the record's version after this change
    Column("kind", String(10), nullable=False),  # create | status | edit
    Column("from_state", String(20)),
    Column("to_state", String(20)),
    Column("changes", JSON, nullable=False),  # {field: [old, new]}
    Column("reason", Text),
    _stamp("effective_at"),  # when it happened
    _stamp("recorded_at"),  # when it was written down
    Column("by", String(120), nullable=False),
)
Index("ix_centre_history_register", centre_history.c.register, centre_history.c.record_id)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # 1, 2, 3... no gaps
    _stamp("at"),
    Column("actor", String(120), nullable=False),
    Column("action", String(60), nullable=False),
    Column("register", String(30), nullable=False),
    Column("record_id", String(130), nullable=False),
    Column("detail", Text, nullable=False),  # canonical JSON, hashed exactly as stored
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row (id 1): the newest entry's seq and hash. Appends lock it, so the chain never forks.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
