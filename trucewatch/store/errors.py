"""Database failures an operator must act on, told in one line instead of a traceback.

A damaged SQLite file (pages overwritten, or not a database at all) fails on the first query of
any command; the cure is a backup, not a bug report. ``store_failure`` says which store and what
to do; failures it does not recognise (a bug: a constraint, a bad query) stay tracebacks.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, event, exc
from sqlalchemy.engine import ExceptionContext, make_url

DAMAGED = "the file is damaged; restore from a backup (`trucewatch restore`)"
# sqlite3 result codes (the low byte of an extended code): corrupt pages, or not a database file.
_SQLITE_DAMAGE = {11: "SQLITE_CORRUPT", 26: "SQLITE_NOTADB"}
# PostgreSQL SQLSTATEs for damaged data and indexes (class XX, internal error).
_PG_DAMAGE = {"XX001", "XX002"}
_STORE = "trucewatch_store"  # attribute naming the store on a SQLAlchemy error


def store_name(url: str) -> str:
    """How a message names a store: a SQLite file's path, else the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def name_errors(engine: Engine) -> None:
    """Have every database error raised through ``engine`` carry the store's name."""
    name = store_name(engine.url.render_as_string(hide_password=False))

    @event.listens_for(engine, "handle_error")
    def _named(context: ExceptionContext) -> None:
        if context.sqlalchemy_exception is not None:
            setattr(context.sqlalchemy_exception, _STORE, name)


def is_damage(error: BaseException) -> bool:
    """True when the database says its file or pages are damaged."""
    driver = error.orig if isinstance(error, exc.DBAPIError) else error
    if isinstance(driver, sqlite3.DatabaseError):
        code = getattr(driver, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in _SQLITE_DAMAGE
        text = str(driver)
        return "malformed" in text or "not a database" in text
    return getattr(driver, "sqlstate", None) in _PG_DAMAGE


def store_failure(error: BaseException) -> str | None:
    """One line for a failure of the store itself (damaged, unreachable, locked), else None."""
    if not isinstance(error, exc.DBAPIError | sqlite3.DatabaseError):
        return None
    name = getattr(error, _STORE, None) or "the store"
    if is_damage(error):
        return f"store {name}: {DAMAGED}"
    if isinstance(error, exc.OperationalError | sqlite3.OperationalError):
        driver = error.orig if isinstance(error, exc.DBAPIError) else error
        reason = str(driver).strip().splitlines()[0] if str(driver).strip() else type(driver)
        return f"store {name} could not be used: {reason}"
    return None
