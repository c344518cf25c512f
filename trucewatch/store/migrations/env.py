"""Alembic environment: runs migrations on the engine handed over in ``config.attributes``."""

import warnings

from alembic import context
from sqlalchemy.exc import SAWarning

from trucewatch.store.schema import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection, warnings.catch_warnings():
    # SQLite's batch alterations reflect the tables they copy, and SQLAlchemy cannot reflect an
    # expression index (lower(governorate)); the index is not among what a batch copies, so the
    # warning would only reach the user's terminal on every first open of an older store.
    warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
    )
    context.run_migrations()
