"""Users, their roles, argon2 password hashes and API tokens (stored only as SHA-256 hashes).

The command line trusts its operator, who already holds the database: it acts as a named user
(``--as``) so permissions apply and the audit log says who did what. Before any user exists it
acts as ``SYSTEM`` so the first admin can be created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from contextlib import suppress
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy.exc import OperationalError

from trucewatch.centre import accounts, audit, records
from trucewatch.centre.errors import NotFound
from trucewatch.centre.permissions import Action, allowed, require
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
    name = accounts.user_name(name)
    if role is Role.LIAISON and not guarantor:
        raise ValueError("a liaison is bound to one guarantor: give --guarantor")
    if role is not Role.LIAISON and guarantor:
        raise ValueError(f"only a liaison has a guarantor, not a {role}")
    taken = [n for n in conn.execute(select(users.c.name)).scalars() if accounts.same_name(n, name)]
    if taken:
        same = (
            ""
            if taken[0] == name
            else f" (as {taken[0]}: names differing in case or width are one)"
        )
        raise ValueError(f"user {name} already exists{same}")
    if password is not None:
        accounts.check_password(password, name)
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
    row = _existing(conn, name)
    accounts.check_password(password, row.name)
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


def issue_token(
    conn: Connection,
    actor: User,
    name: str,
    label: str | None = None,
    *,
    expires_at: dt.datetime | None = None,
) -> str:
    """A new API token for user ``name``; shown once, stored only as its hash."""
    return new_token(conn, actor, name, label, expires_at=expires_at).token


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A token just made: its id (to list or revoke it by) and the secret, shown once."""

    id: int
    token: str
    expires_at: dt.datetime | None


def new_token(
    conn: Connection,
    actor: User,
    name: str,
    label: str | None = None,
    *,
    expires_at: dt.datetime | None = None,
) -> IssuedToken:
    """Issue a token for user ``name``, valid until ``expires_at`` (None: until revoked)."""
    if actor.name != name:
        require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    now = records.now()
    if expires_at is not None:
        expires_at = records.utc(expires_at, "expiry")
        if expires_at <= now:
            raise ValueError(f"the expiry {expires_at:%Y-%m-%d %H:%M} UTC has already passed")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    result = conn.execute(
        insert(api_tokens).values(
            user_id=row.id,
            token_hash=_token_hash(token),
            label=label,
            created_at=now,
            expires_at=expires_at,
        )
    )
    token_id = int(result.inserted_primary_key[0])
    detail = {"token": token_id, "label": label}
    if expires_at is not None:
        detail["expires_at"] = expires_at.isoformat()
    audit.append(conn, actor.name, "token.issue", USERS.name, row.id, detail)
    return IssuedToken(token_id, token, expires_at)


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


# How stale ``last_used_at`` may get: one write a minute per token at most, not one per request.
LAST_USE_GRAIN = dt.timedelta(minutes=1)


def user_for_token(conn: Connection, token: str) -> User | None:
    """The active user a live token belongs to, or None (unknown, revoked, expired, disabled).

    Notes when the token was used, to the minute (``conn`` must commit: the API's autocommits).
    """
    query = (
        select(
            users,
            api_tokens.c.id.label("token_id"),
            api_tokens.c.expires_at,
            api_tokens.c.last_used_at,
        )
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == _token_hash(token), api_tokens.c.revoked_at.is_(None))
    )
    row = conn.execute(query).first()
    if row is None or not row.active:
        return None
    now = records.now()
    if row.expires_at is not None and records.stored(row.expires_at) <= now:
        return None
    last = records.stored(row.last_used_at) if row.last_used_at is not None else None
    if last is None or now - last >= LAST_USE_GRAIN:
        # Bookkeeping only: a store busy with a long write must not fail the request.
        with suppress(OperationalError):
            conn.execute(
                update(api_tokens).where(api_tokens.c.id == row.token_id).values(last_used_at=now)
            )
    return _user(row)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What an admin sees of a token: never the secret."""

    id: int
    user: str
    label: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def status(self, now: dt.datetime | None = None) -> str:
        """live, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or records.now()):
            return "expired"
        return "live"


def list_tokens(conn: Connection, actor: User, name: str) -> list[TokenInfo]:
    """Every token of user ``name`` (live, expired and revoked), oldest first."""
    if actor.name != name:
        require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    rows = conn.execute(
        select(api_tokens).where(api_tokens.c.user_id == row.id).order_by(api_tokens.c.id)
    )
    return [
        TokenInfo(
            t.id,
            row.name,
            t.label,
            records.stored(t.created_at),
            records.stored(t.expires_at),
            records.stored(t.last_used_at),
            records.stored(t.revoked_at),
        )
        for t in rows
    ]


def revoke_token(conn: Connection, actor: User, token_id: int) -> TokenInfo:
    """Revoke one token by its id (an admin any, a user their own); revoking twice is refused."""
    found = conn.execute(
        select(api_tokens, users.c.name)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.id == token_id)
    ).first()
    if found is None or (found.name != actor.name and not allowed(actor, Action.USER_MANAGE)):
        raise NotFound(f"no token {token_id}")
    if found.revoked_at is not None:
        raise ValueError(f"token {token_id} was already revoked")
    now = records.now()
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=now))
    audit.append(conn, actor.name, "token.revoke", USERS.name, found.user_id, {"token": token_id})
    return next(t for t in list_tokens(conn, SYSTEM, found.name) if t.id == token_id)


def enable_user(conn: Connection, actor: User, name: str, reason: str | None = None) -> User:
    """Let a disabled user log in and act again (their revoked tokens stay revoked)."""
    require(actor, Action.USER_MANAGE)
    row = _existing(conn, name)
    if row.active:
        raise ValueError(f"user {row.name} is already active")
    records.edit(conn, actor, USERS, row.id, {"active": True}, reason=reason or "enabled")
    return User(row.name, Role(row.role), row.guarantor, True, row.id)
