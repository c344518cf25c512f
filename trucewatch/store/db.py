"""Opening a store: any SQLAlchemy URL, SQLite in WAL mode by default, migrated on open."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from trucewatch.store.errors import name_errors

DEFAULT_URL = "sqlite:///trucewatch.db"
ENV_VAR = "TRUCEWATCH_DB"
# Connections a server process keeps open to PostgreSQL, and how many more it may open for a
# moment. The web app lets at most POOL_SIZE API requests hold a read connection at once (fewer
# than the 40 threads its synchronous endpoints run on, so an admitted request always finds a
# thread); the overflow serves the pages and writes beside them. One process runs Python on one
# core, so more connections than this add no speed on a few cores (measured on 2: 4 and 10 per
# process served 100 req/s alike), while a few slow requests must not hold every slot. Each
# uvicorn worker has its own pool: 2 workers × 16 stay well under PostgreSQL's default 100.
POOL_SIZE = 8
POOL_OVERFLOW = 8


def database_url(url: str | None = None) -> str:
    """The URL to use: an explicit one, else ``$TRUCEWATCH_DB``, else ``trucewatch.db`` here.

    A bare file path is taken as a SQLite file, and ``postgresql://`` is routed through psycopg 3.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while an ingest writes; busy_timeout waits out short locks.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_store_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` with the per-backend settings trucewatch relies on."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
        )
    name_errors(engine)  # so the CLI can say which store failed (store/errors.py)
    return engine


@dataclass
class Store:
    """A migrated database. Repositories take its engine; writes go through ``transaction()``."""

    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection whose work commits together or not at all."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default migrate to the newest schema) the store at ``url``."""
    from trucewatch.store.migrate import upgrade

    store = Store(create_store_engine(url))
    if migrate:
        upgrade(store.engine)
    return store
