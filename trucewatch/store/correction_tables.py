"""Analysts' corrections of events (issue 16): kept, audited, applied over every re-run.

``corrections`` is a centre register (audited, versioned, withdrawn rather than deleted): one row
per correction an analyst made, keyed by the event id it was made on (content-derived and stable
while the event's earliest member remains), never by a foreign key, because corroboration
replaces the events on every run. ``event_extracted`` is derived: for each corrected event, the
values extraction and corroboration gave before the corrections were laid over them (what the
event page shows beside the corrected value, and what a withdrawal restores).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Index, Integer, String, Table, Text

from trucewatch.store.schema import metadata

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(48), nullable=False),  # kept when events are recomputed
    Column("fields", JSON, nullable=False),  # field -> corrected value (store.corrections)
    Column("original", JSON, nullable=False),  # those fields as extracted when it was made
    Column("reason", Text, nullable=False),
    Column("by", String(120), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status", String(12), nullable=False),  # active, withdrawn
    Column("status_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)
Index("ix_corrections_event_id", corrections.c.event_id)

event_extracted = Table(
    "event_extracted",
    metadata,
    Column("event_id", String(48), primary_key=True),
    Column("columns", JSON, nullable=False),  # the events row's correctable columns, uncorrected
    Column("at", DateTime(timezone=True), nullable=False),
)
