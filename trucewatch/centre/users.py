"""Users, their roles, argon2 password hashes and API tokens (stored only as SHA-256 hashes).

The command line trusts its operator, who already holds the database: it acts as a named user
(``--as``) so permissions apply and the audit log says who did what. Before any user exists it
acts as ``SYSTEM`` so the first admin can be created.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Row, func, insert, select, update

from trucewatch.centre import audit, records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.records import Register
from trucewatch.model.centre import Role, User
from trucewatch.store.centre_tables import api_tokens, users

USERS = Register("user", users, secret=frozenset({"password_hash"}))
SYSTEM = User("system", Role.ADMIN)  # the operator of a store that has no users yet
TOKEN_PREFIX = "tw_"
_hasher = PasswordHasher()


def _user(row: Row) -> User:
    return User(row.name, Role(row.role), row.guarantor, row.active, row.id)


def get_user(conn: Connection, name: str) -> User | None:
    """The user of that name, active or not."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return _user(row) if row else None


def count_users(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(users)).scalar_one()


def add_user(
    conn: Connection,
    actor: User,
    name: str,
    role: Role | str,
    *,
    guarantor: str | None = None,
    password: str | None = None,
) -> User:
    """Create a user; a liaison must name its guarantor. Without a password it cannot log in."""
    require(actor, Action.USER_MANAGE)
    role = Role(role)
    if role is Role.LIAISON and not guarantor:
        raise ValueError("a liaison is bound to one guarantor: give --guarantor")
    if role is not Role.LIAISON and guarantor:
        raise ValueError(f"only a liaison has a guarantor, not a {role}")
    if get_user(conn, name) is not None:
        raise ValueError(f"user {name} already exists")
    values = {
        "name": name,
        "role": role.value,
        "guarantor": guarantor,
        "password_hash": _hasher.hash(password) if password else None,
        "active": True,
        "created_at": records.now(),
    }
    user_id = int(records.create(conn, actor, USERS, values))
    return User(name, role, guarantor, True, user_id)


def list_users(conn: Connection, actor: User) -> list[User]:
    """All users, by name."""
    require(actor, Action.USER_MANAGE)
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def _existing(conn: Connection, name: str) -> Row:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"no user {name}")
    return row


def disable_user(conn: Connection, actor: User, name: str, reason: str | None = None) -> User:
    """Disable a user: no more log-ins, tokens or actions. The last active admin stays."""
    require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    if row.role == Role.ADMIN and row.active:
        admins = conn.execute(
            select(func.count()).select_from(users).where(users.c.role == "admin", users.c.active)
        ).scalar_one()
        if admins <= 1:
            raise ValueError(f"{name} is the last active admin; add another admin first")
    records.edit(conn, actor, USERS, row.id, {"active": False}, reason=reason or "disabled")
    return User(row.name, Role(row.role), row.guarantor, False, row.id)


def set_password(conn: Connection, actor: User, name: str, password: str) -> None:
    """Set a user's password (an admin for anyone, a user for themself)."""
    if actor.name != name:
        require(actor, Action.USER_MANAGE)
    if len(password) < 8:
        raise ValueError("a password has at least 8 characters")
    row = _existing(conn, name)
    records.edit(
        conn, actor, USERS, row.id, {"password_hash": _hasher.hash(password)}, reason="password set"
    )


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The active user whose password this is, or None (same answer for every failure)."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or not row.active or not row.password_hash:
        return None
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(row.password_hash):  # parameters were raised since
        conn.execute(
            update(users).where(users.c.id == row.id).values(password_hash=_hasher.hash(password))
        )
    return _user(row)


def _token_hash(token: str) -> str:
    # Tokens are 256 random bits: a fast hash is enough, and lets us look them up by hash.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(conn: Connection, actor: User, name: str, label: str | None = None) -> str:
    """A new API token for user ``name``; shown once, stored only as its hash."""
    if actor.name != name:
        require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    result = conn.execute(
        insert(api_tokens).values(
            user_id=row.id, token_hash=_token_hash(token), label=label, created_at=records.now()
        )
    )
    audit.append(
        conn,
        actor.name,
        "token.issue",
        USERS.name,
        row.id,
        {"token": result.inserted_primary_key[0], "label": label},
    )
    return token


def revoke_tokens(conn: Connection, actor: User, name: str) -> int:
    """Revoke all of a user's tokens; return how many were live."""
    if actor.name != name:
        require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    result = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.user_id == row.id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=records.now())
    )
    audit.append(conn, actor.name, "token.revoke", USERS.name, row.id, {"count": result.rowcount})
    return result.rowcount


def user_for_token(conn: Connection, token: str) -> User | None:
    """The active user a live token belongs to, or None."""
    query = (
        select(users)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == _token_hash(token), api_tokens.c.revoked_at.is_(None))
    )
    row = conn.execute(query).first()
    return _user(row) if row is not None and row.active else None
