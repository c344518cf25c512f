"""Fixtures that build real stores: a SQLite file, and a PostgreSQL schema when a server is given.

The PostgreSQL URL comes from TRUCEWATCH_TEST_DATABASE_URL (.ci/run sets it). Without it the
PostgreSQL cases skip on a developer's machine, but fail under CI, so a CI run cannot pass silently
without them.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from trucewatch.store import Store, open_store
from trucewatch.store.db import database_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FAKES_CSV = SHARED / "data" / "fakes" / "FA-KES-Dataset.csv"
GOLD_DEV = SHARED / "data" / "fakes" / "gold-dev.jsonl"
EXAMPLES = ROOT / "examples" / "syria-2016"
PG_ENV = "TRUCEWATCH_TEST_DATABASE_URL"


@pytest.fixture(autouse=True, scope="session")
def audit_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test signs the audit log with a throwaway key, never the one in the user's config
    folder (CI runs as root with HOME set: a test must not write a key there)."""
    from trucewatch.centre.audit_key import KEY_ENV, init_key

    before = os.environ.get(KEY_ENV)
    path = tmp_path_factory.mktemp("audit-key") / "audit.key"
    init_key(path)
    os.environ[KEY_ENV] = str(path)
    yield path
    if before is None:
        os.environ.pop(KEY_ENV, None)
    else:
        os.environ[KEY_ENV] = before


def _postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set under CI: the PostgreSQL suite must run")
        pytest.skip(f"set {PG_ENV} to run the PostgreSQL cases")
    return database_url(url)


# The PostgreSQL case of every store test is in the slow lane: `make test` (and CI) runs both,
# `pytest -m "not slow"` gives a quick answer on SQLite alone.
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database of each kind; the PostgreSQL one is a fresh schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = _postgres_url()
    schema = f"tw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        _drop_schema(admin, schema)
        admin.dispose()


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A URL for a PostgreSQL database of its own (not only a schema), dropped after the test.

    For tests whose answer depends on other sessions: VACUUM marks rows all-visible (which
    index-only scans need) only past the oldest transaction open in the same database, and under
    a parallel run other workers' tests keep transactions open in the shared one."""
    base = _postgres_url()
    name = f"tw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        gc.collect()  # connections only a reference cycle still holds go back to their pool
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _drop_schema(admin, schema: str) -> None:
    """Drop a test's schema; a connection the test left open in a transaction holds locks the
    DROP waits for, so that wait is bounded and names what was left open instead of hanging."""
    gc.collect()  # connections only a reference cycle still holds go back to their pool
    with admin.begin() as conn:
        conn.execute(text("SET LOCAL lock_timeout = '60s'"))
        try:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            return
        except OperationalError:
            pass
    with admin.connect() as conn:
        left = conn.execute(
            text(
                "SELECT pid, state, left(query, 120) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state LIKE 'idle in transaction%'"
            )
        ).all()
        for pid, *_ in left:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    pytest.fail(f"the test left PostgreSQL connections open in a transaction: {left}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    opened = open_store(store_url)
    yield opened
    opened.close()


def needs(path: Path) -> Path:
    """A file from ../shared that a test reads; its absence is a loud failure, not a skip."""
    assert path.exists(), f"{path} is missing: tests read real data from ../shared next to the repo"
    return path


# Tests that drive Chromium (files named *_browser.py) are in the slow lane too: they are the
# quick lane's heaviest third on 2 cores, and `make test` (and CI) still runs every one.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of a ``*_browser.py`` file slow."""
    for item in items:
        if item.path.name.endswith("_browser.py"):
            item.add_marker(pytest.mark.slow)
