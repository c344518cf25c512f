"""Alembic environment: runs migrations on the engine handed over in ``config.attributes``."""

from alembic import context

from trucewatch.store.schema import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
    )
    context.run_migrations()
