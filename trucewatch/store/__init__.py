"""Persistence: SQLAlchemy Core tables, Alembic migrations, and the repositories over them."""

from trucewatch.store.db import Store, database_url, open_store

__all__ = ["Store", "database_url", "open_store"]
