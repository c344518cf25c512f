"""Who is asking: session cookies for pages, bearer tokens for the API, CSRF and login throttling.

Users, passwords (argon2) and tokens belong to ``trucewatch.centre.users``; this module only
carries identity across requests. The session is a cookie signed with itsdangerous holding the
user name, a session id and a CSRF token; a login always starts a new session (new id, new
token), so a session fixed before login is worthless after it. Logging out revokes the session
id, so a copy of the cookie taken before then no longer opens anything (in this process: the
revocations are kept in memory, for as long as a cookie could live).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Connection

from trucewatch.centre.users import get_user, user_for_token
from trucewatch.model.centre import User

SESSION_COOKIE = "tw_session"
SESSION_MAX_AGE = 12 * 3600  # one working day; then log in again
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _token() -> str:
    return secrets.token_urlsafe(32)


@dataclass
class Session:
    """What the session cookie carries: the user (None before login), the CSRF token and an id."""

    user: str | None = None
    csrf: str = field(default_factory=_token)
    changed: bool = True  # a new or changed session is written back as a cookie
    sid: str = field(default_factory=_token)


class SessionCodec:
    """Signs and reads session cookies; a forged, altered, expired or revoked one reads as none."""

    def __init__(self, secret: str, max_age: int = SESSION_MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="trucewatch.session")
        self.max_age = max_age
        self._revoked: dict[str, float] = {}  # session id -> when it was revoked

    def dumps(self, session: Session) -> str:
        """The cookie value for ``session``."""
        return self._serializer.dumps({"u": session.user, "c": session.csrf, "s": session.sid})

    def loads(self, value: str | None) -> Session | None:
        """The session in a cookie value, or None when it is missing, forged, expired or revoked."""
        if not value:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age)
        except (BadSignature, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        csrf, sid, user = data.get("c"), data.get("s"), data.get("u")
        if not isinstance(csrf, str) or not isinstance(sid, str) or sid in self._revoked:
            return None
        return Session(user if isinstance(user, str) else None, csrf, changed=False, sid=sid)

    def revoke(self, session: Session, now: float | None = None) -> None:
        """Refuse ``session``'s cookie from now on (logout); forget revocations past max age."""
        now = time.time() if now is None else now
        self._revoked[session.sid] = now
        # A revoked id older than max_age needs no entry: its cookie has expired anyway.
        for sid in [k for k, at in self._revoked.items() if now - at > self.max_age]:
            del self._revoked[sid]


def session_of(request: Request) -> Session:
    """The request's session (the middleware in ``app.py`` always sets one)."""
    return request.state.session


def start_session(request: Request, user: User | None) -> Session:
    """Replace the request's session with a fresh one for ``user`` (login and logout).

    The old session is revoked, so its cookie, wherever a copy of it went, opens nothing.
    """
    old = session_of(request)
    if old.user is not None:  # an anonymous session opens nothing: no need to remember it
        request.app.state.codec.revoke(old)
    fresh = Session(user.name if user else None)
    request.state.session = fresh
    return fresh


def csrf_ok(session: Session, token: str | None) -> bool:
    """True when ``token`` is this session's CSRF token (compared in constant time)."""
    return bool(token) and hmac.compare_digest(session.csrf.encode(), (token or "").encode())


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse (403) an unsafe request whose CSRF token is not the session's."""
    if not csrf_ok(session_of(request), token):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def session_user(conn: Connection, request: Request) -> User | None:
    """The active user the session belongs to, or None (a disabled user's session is dead)."""
    name = session_of(request).user
    if not name:
        return None
    user = get_user(conn, name)
    return user if user is not None and user.active else None


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class LoginRequired(Exception):
    """Raised by page dependencies; the app turns it into a redirect to the login page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def api_user(conn: Connection, request: Request) -> User:
    """The user behind an API request: a bearer token, else the page session.

    A session-authenticated request that changes something must also carry the session's CSRF
    token in ``X-CSRF-Token``, since the browser sends the cookie on any site's behalf.
    """
    token = bearer_token(request)
    if token is not None:
        user = user_for_token(conn, token)
        if user is None:
            raise _unauthorised("unknown, revoked or disabled token")
        return user
    user = session_user(conn, request)
    if user is None:
        raise _unauthorised("log in or send Authorization: Bearer <token>")
    if request.method not in SAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return user


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def safe_next(path: str | None) -> str:
    """Where to go after login: a local path only (no open redirect to another site)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    # Browsers drop tabs and newlines from URLs: "/\t/evil.example" would become "//evil...".
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        return "/"
    return path


class LoginThrottle:
    """Refuse log-ins after too many failures from one address or for one user name.

    A sliding window in memory: enough for one server process; behind several workers, put the
    limit in the reverse proxy as well.
    """

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def retry_after(self, address: str, name: str, now: float | None = None) -> int:
        """Seconds to wait before the next attempt is heard; 0 when it may go ahead."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        for key in (f"ip:{address}", f"user:{name.lower()}"):
            times = self._recent(key, now)
            if len(times) >= self.limit:
                wait = max(wait, self.window - (now - times[0]))
        return int(wait) + 1 if wait else 0

    def failed(self, address: str, name: str, now: float | None = None) -> None:
        """Count a failed attempt against the address and the name."""
        now = time.monotonic() if now is None else now
        for key in (f"ip:{address}", f"user:{name.lower()}"):
            self._recent(key, now).append(now)

    def succeeded(self, name: str) -> None:
        """Forget the name's failures once its owner gets in."""
        self._failures.pop(f"user:{name.lower()}", None)
