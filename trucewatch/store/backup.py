"""Backups of the store: SQLite through its online backup API, PostgreSQL through pg_dump.

A backup is one file. It is written beside its final name and renamed into place only when
complete, so a backup killed half-way never leaves a file that looks like a good one. A restore
refuses to overwrite a store that already holds data unless told to replace it, and ends by
migrating the restored store to the newest schema, so a backup taken by an earlier release
restores into this one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, MetaData, Table, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SAWarning

from trucewatch.store.db import create_store_engine, database_url, open_store
from trucewatch.store.migrate import current_revision

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"  # the first bytes of pg_dump's custom format (-Fc)
PG_TIMEOUT_S = 3600
_SCHEMA_ENTRY = re.compile(r"^\d+; \d+ \d+ SCHEMA - (\S+) ")


class BackupError(RuntimeError):
    """A backup or restore that could not be done, with the reason a person can act on."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What a backup or restore did: which store, which file, its size and schema revision."""

    dialect: str
    path: Path
    size: int
    revision: str | None
    set_aside: Path | None = None  # a damaged SQLite store a restore moved out of the way


def backup(url: str | None, dest: str | Path, *, replace: bool = False) -> BackupResult:
    """Copy the store at ``url`` into the file ``dest`` while it stays in use."""
    url = database_url(url)
    dest = Path(dest)
    if dest.exists() and not replace:
        raise BackupError(f"{dest} already exists; choose another name or replace it")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    dialect = _dialect(url)
    try:
        if dialect == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
        elif dialect == "postgresql":
            _pg_dump(url, partial)
        else:
            raise BackupError(f"no backup method for {dialect} databases")
        os.replace(partial, dest)  # only a complete backup takes the final name
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(dialect, dest, dest.stat().st_size, _revision(url))


def restore(src: str | Path, url: str | None, *, replace: bool = False) -> BackupResult:
    """Restore the backup file ``src`` into the store at ``url`` and migrate it to the head."""
    url = database_url(url)
    src = Path(src)
    if not src.is_file():
        raise BackupError(f"{src}: no such backup file")
    kind = _backup_kind(src)
    dialect = _dialect(url)
    if kind != dialect:
        raise BackupError(
            f"{src} is a {kind} backup and cannot be restored into a {dialect} database"
        )
    aside = None
    if dialect == "sqlite" and _sqlite_unreadable(_sqlite_path(url)):
        # The backup API cannot write into a file SQLite does not read as a database: keep the
        # damaged file (nothing is deleted) and restore into a fresh one.
        path = _sqlite_path(url)
        if not replace:
            raise BackupError(
                f"{path} is damaged; restore with --replace to set it aside (kept as "
                f"{path.name}.damaged) and restore into a fresh file"
            )
        aside = _set_aside(path)
    elif not replace and _holds_data(url):
        raise BackupError(
            f"{_safe(url)} already holds a trucewatch store; restore into an empty one, "
            "or replace it"
        )
    if dialect == "sqlite":
        _sqlite_restore(src, _sqlite_path(url))
    else:
        _pg_restore(src, url, replace=replace)
    open_store(url).close()  # a backup from an earlier release comes up to the current schema
    return BackupResult(dialect, src, src.stat().st_size, _revision(url), aside)


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_backup(path: Path, dest: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path}: no such SQLite store")
    source = sqlite3.connect(path)
    target = sqlite3.connect(dest)
    try:
        # The backup API copies a consistent snapshot (WAL content included) while others write.
        source.backup(target)
        # One self-contained file: no -wal or -shm beside it.
        target.execute("PRAGMA journal_mode=DELETE")
        if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"the copy of {path} failed its integrity check")
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite backup of {path} failed: {exc}") from exc
    finally:
        target.close()
        source.close()


def _sqlite_restore(src: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{quote(str(src.resolve()))}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{src} is damaged: SQLite integrity check failed")
        # Copying through the API (not the file) keeps the target's WAL and locks consistent.
        source.backup(target)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"SQLite restore from {src} failed: {exc}") from exc
    finally:
        target.close()
        source.close()


def _sqlite_unreadable(path: Path) -> bool:
    """True when ``path`` exists but SQLite cannot read its schema (damaged, or no database)."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()
    return False


def _set_aside(path: Path) -> Path:
    """Move a damaged store and its -wal and -shm files to ``<name>.damaged`` (numbered when
    taken); a stale WAL left beside the restored file would be replayed into it."""
    aside = path.with_name(path.name + ".damaged")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    return aside


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools "
            f"(e.g. apt-get install postgresql-client) to back up or restore PostgreSQL"
        )
    return tool


def _libpq_url(url: str) -> str:
    """The SQLAlchemy URL as libpq understands it (no ``+psycopg`` driver suffix)."""
    parsed: URL = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_schema(url: str) -> str:
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT current_schema()")).scalar_one()
    finally:
        engine.dispose()


def _pg_dump(url: str, dest: Path) -> None:
    tool = _pg_tool("pg_dump")
    # Only trucewatch's schema: the database may hold other applications' data too.
    schema = _pg_schema(url)
    command = [tool, "--format=custom", "--no-owner", "--schema", schema, "--file", str(dest)]
    _run([*command, "--dbname", _libpq_url(url)], "pg_dump", url)


def _pg_restore(src: Path, url: str, *, replace: bool) -> None:
    tool = _pg_tool("pg_restore")
    listing = subprocess.run(
        [tool, "--list", str(src)], capture_output=True, text=True, timeout=60, check=False
    )
    if listing.returncode != 0:
        raise BackupError(f"{src} is not a readable pg_dump file: {listing.stderr.strip()}")
    entries, schema = _without_schema_entry(listing.stdout)
    if schema is not None:
        _prepare_schema(url, schema, src)
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as toc:
        toc.write(entries)
    try:
        command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--use-list", toc.name]
        if replace:
            command += ["--clean", "--if-exists"]
        else:
            command += ["--single-transaction"]  # all or nothing into an empty database
        _run([*command, "--dbname", _libpq_url(url), str(src)], "pg_restore", url)
    finally:
        Path(toc.name).unlink(missing_ok=True)


def _without_schema_entry(listing: str) -> tuple[str, str | None]:
    """The dump's table of contents minus its CREATE SCHEMA entry, and that schema's name.

    The schema is created beforehand when missing instead, so a restore into a database (or a
    schema) that already exists does not fail on ``CREATE SCHEMA``.
    """
    kept, schema = [], None
    for line in listing.splitlines():
        match = _SCHEMA_ENTRY.match(line)
        if match:
            schema = match[1]
        else:
            kept.append(line)
    return "\n".join(kept) + "\n", schema


def _prepare_schema(url: str, schema: str, src: Path) -> None:
    engine = create_store_engine(url)
    try:
        with engine.begin() as conn:
            path = conn.execute(text("SELECT current_setting('search_path')")).scalar_one()
            if schema not in [p.strip().strip('"') for p in path.split(",")]:
                raise BackupError(
                    f"{src} holds schema {schema!r} but {_safe(url)} reads {path!r}: "
                    f"set search_path to {schema} in the URL"
                )
            quoted = schema.replace('"', '""')  # the name comes from a file: quote it
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{quoted}"'))
    finally:
        engine.dispose()


def _run(command: list[str], name: str, url: str) -> None:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=PG_TIMEOUT_S, check=False
    )
    if done.returncode != 0:
        # The URL may carry a password: never echo it back.
        message = done.stderr.strip().replace(_libpq_url(url), _safe(url))
        raise BackupError(f"{name} failed for {_safe(url)}: {message}")


# --- both -----------------------------------------------------------------------------------


def _dialect(url: str) -> str:
    return make_url(url).get_backend_name()


def _backup_kind(src: Path) -> str:
    with src.open("rb") as stream:
        head = stream.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{src} is neither a SQLite backup nor a pg_dump custom-format file")


def _holds_data(url: str) -> bool:
    if _dialect(url) == "sqlite":
        path = _sqlite_path(url)
        if not path.exists() or path.stat().st_size == 0:
            return False
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return bool(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_store_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def snapshot(conn: Connection, ignore: Iterable[str] = ()) -> dict[str, list[dict[str, object]]]:
    """Every table's rows as plain values in a fixed order, to compare two stores.

    ``ignore`` names columns (``"table.column"`` or a bare ``"column"``) left out, such as
    timestamps that differ between two runs of the same work. Values are made
    backend-neutral: times in UTC ISO text, JSON as sorted text, bytes as their SHA-256.
    """
    skip = set(ignore)
    out: dict[str, list[dict[str, object]]] = {}
    for name in sorted(inspect(conn).get_table_names()):
        if name == "alembic_version":
            continue
        with warnings.catch_warnings():  # expression indexes are not reflected; rows are
            warnings.simplefilter("ignore", SAWarning)
            table = Table(name, MetaData(), autoload_with=conn)
        columns = [
            c for c in table.columns if c.name not in skip and f"{name}.{c.name}" not in skip
        ]
        rows = [
            {c.name: _plain(v) for c, v in zip(columns, row, strict=True)}
            for row in conn.execute(select(*columns))
        ]
        out[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return stamp.astimezone(dt.UTC).isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, str) and value[:1] in "[{":
        try:  # SQLite hands JSON back as text when reflected
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return value
