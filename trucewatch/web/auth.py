"""Who is asking: session cookies for pages, bearer tokens for the API, CSRF and login throttling.

Users, passwords (argon2) and tokens belong to ``trucewatch.centre.users``; this module only
carries identity across requests. The session is a cookie signed with itsdangerous holding the
user name, a session id and a CSRF token; a login always starts a new session (new id, new
token), so a session fixed before login is worthless after it. Logging out revokes the session
id in the store (``revoked_sessions``), so a copy of the cookie taken before then opens nothing on
any server process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.types import Scope

from trucewatch.centre.users import authenticate, get_user, user_for_token
from trucewatch.model.centre import User
from trucewatch.store.centre_tables import revoked_sessions, users

SESSION_COOKIE = "tw_session"
SESSION_MAX_AGE = 12 * 3600  # one working day; then log in again
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE_MODES = ("auto", "always", "never")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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
    """Signs and reads session cookies; a forged, altered or expired one reads as none.

    Revocation (logout) is kept in the store, not here: see :func:`session_user`.
    """

    def __init__(self, secret: str, max_age: int = SESSION_MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="trucewatch.session")
        self.max_age = max_age

    def dumps(self, session: Session) -> str:
        """The cookie value for ``session``."""
        return self._serializer.dumps({"u": session.user, "c": session.csrf, "s": session.sid})

    def loads(self, value: str | None) -> Session | None:
        """The session in a cookie value, or None when it is missing, forged or expired."""
        if not value:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age)
        except (BadSignature, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        csrf, sid, user = data.get("c"), data.get("s"), data.get("u")
        if not isinstance(csrf, str) or not isinstance(sid, str):
            return None
        return Session(user if isinstance(user, str) else None, csrf, changed=False, sid=sid)


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def revoke_session(conn: Connection, session: Session, max_age: int = SESSION_MAX_AGE) -> None:
    """Refuse ``session``'s cookie from now on, in every process; forget revocations whose
    cookies have expired anyway."""
    now = dt.datetime.now(dt.UTC)
    conn.execute(delete(revoked_sessions).where(revoked_sessions.c.expires_at < now))
    try:
        with conn.begin_nested():  # a second logout of the same session at the same moment
            conn.execute(
                insert(revoked_sessions).values(
                    sid_hash=_sid_hash(session.sid),
                    revoked_at=now,
                    expires_at=now + dt.timedelta(seconds=max_age),
                )
            )
    except IntegrityError:
        pass  # already revoked


def session_revoked(conn: Connection, session: Session) -> bool:
    """True when the session was logged out (by any process)."""
    key = _sid_hash(session.sid)
    query = select(revoked_sessions.c.sid_hash).where(revoked_sessions.c.sid_hash == key)
    return conn.execute(query).first() is not None


def session_of(request: Request) -> Session:
    """The request's session (the middleware in ``app.py`` always sets one)."""
    return request.state.session


def start_session(request: Request, user: User | None) -> Session:
    """Replace the request's session with a fresh one for ``user`` (login and logout).

    The old session is revoked, so its cookie, wherever a copy of it went, opens nothing.
    """
    old = session_of(request)
    if old.user is not None:  # an anonymous session opens nothing: no need to remember it
        with request.app.state.store.transaction() as conn:
            revoke_session(conn, old, request.app.state.codec.max_age)
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
    session = session_of(request)
    if not session.user or session_revoked(conn, session):
        return None
    user = get_user(conn, session.user)
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


# --- who is on the other end: trusted proxies ------------------------------------------------


def parse_proxies(text: str | Iterable[str] | None) -> tuple[Network, ...]:
    """Proxy addresses or networks (``127.0.0.1``, ``10.0.0.0/8``), comma-separated or a list;
    ``ValueError`` names one that is not an address."""
    items = text.split(",") if isinstance(text, str) else list(text or ())
    out: list[Network] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            out.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"trusted proxy {item!r} is not an IP address or network") from None
    return tuple(out)


def _trusted(address: str | None, proxies: tuple[Network, ...]) -> bool:
    if not address or not proxies:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in proxies)


def _header(scope: Scope, name: bytes) -> list[str]:
    return [v.decode("latin-1") for k, v in scope.get("headers", []) if k == name]


def client_address(scope: Scope, proxies: tuple[Network, ...]) -> str:
    """The address a request came from. ``X-Forwarded-For`` is believed only when the peer is a
    proxy named in settings, and then only up to the first hop that is not one of them: a client
    can write any address into the header, but not into the hops our own proxies appended."""
    client = scope.get("client")
    peer = client[0] if client else "unknown"
    if not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for line in _header(scope, b"x-forwarded-for") for h in line.split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop, proxies):
            return hop
    return peer


_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


def cookie_secure(scope: Scope, mode: str, proxies: tuple[Network, ...]) -> bool:
    """Whether the session cookie gets ``Secure`` under ``--secure-cookies MODE``.

    ``always``/``never`` say so. ``auto`` (the default) leaves it off only for plain HTTP to a
    loopback host name with no sign of a proxy in between: someone opening ``http://127.0.0.1``
    on their own machine. A request over HTTPS, one a proxy forwarded (any ``X-Forwarded-*`` or
    ``Forwarded`` header), or one addressed to any other host name gets ``Secure``.
    """
    if mode != "auto":
        return mode == "always"
    if scope.get("scheme") in ("https", "wss"):
        return True
    names = {k for k, _ in scope.get("headers", [])}
    if names & {b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"forwarded"}:
        return True
    host = (_header(scope, b"host") or [""])[0].lower()
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return host not in _LOOPBACK_HOSTS


# --- logging in -------------------------------------------------------------------------------


@cache
def _decoy_hash() -> str:
    # A hash made with the same parameters as real ones: checking a password against it costs
    # what checking against a real user's does.
    return PasswordHasher().hash(secrets.token_urlsafe(16))


def check_login(conn: Connection, name: str, password: str) -> User | None:
    """The active user ``name`` whose password this is, or None, in the same time either way.

    ``authenticate`` runs the (slow, by design) argon2 check only when the name belongs to an
    active user with a password; for any other name the answer came back at once, so timing told
    which names exist. For those names a decoy hash is checked instead.
    """
    user = authenticate(conn, name, password) if name and password else None
    if user is None and not _has_password(conn, name):
        with contextlib.suppress(VerificationError):  # it never matches: only its time counts
            PasswordHasher().verify(_decoy_hash(), password or "-")
    return user


def _has_password(conn: Connection, name: str) -> bool:
    query = select(users.c.id).where(
        users.c.name == name, users.c.active, users.c.password_hash.is_not(None)
    )
    return bool(name) and conn.execute(query).first() is not None


@dataclass(slots=True)
class _Tally:
    count: int
    last: float
    until: float  # when this tally may be forgotten


class LoginThrottle:
    """Slow down password guessing without letting anyone lock out someone else's account.

    Failures count per (address, user name) pair: after ``limit`` of them that pair waits, twice
    as long after each further failure (``window``/8, /4, ... up to ``window``). A wrong password
    typed from elsewhere never delays the owner. One address guessing across many names is held
    back at ``address_limit`` failures the same way. Behind a reverse proxy every request comes
    from the proxy's address: name the proxy (``serve --trusted-proxy``) so that the client's
    address is used. Tallies are forgotten ``window`` after their wait ends, and there are never
    more than ``max_keys`` of them, so a flood of attempts cannot grow memory without bound.
    Kept in memory per process; with several workers each counts its own share.
    """

    def __init__(
        self,
        limit: int = 5,
        window: float = 300.0,
        address_limit: int | None = None,
        max_keys: int = 50_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self.address_limit = address_limit or limit * 20
        self.max_keys = max_keys
        self._tallies: dict[str, _Tally] = {}
        self._swept = float("-inf")

    def _keys(self, address: str, name: str) -> tuple[tuple[str, int], tuple[str, int]]:
        return (f"pair:{address}\0{name.lower()}", self.limit), (
            f"ip:{address}",
            self.address_limit,
        )

    def _delay(self, count: int, limit: int) -> float:
        if count < limit:
            return 0.0
        return min(self.window, self.window / 8 * 2 ** min(count - limit, 16))

    def retry_after(self, address: str, name: str, now: float | None = None) -> int:
        """Seconds to wait before the next attempt is heard; 0 when it may go ahead."""
        now = time.monotonic() if now is None else now
        wait = 0.0
        for key, limit in self._keys(address, name):
            tally = self._tallies.get(key)  # a lookup never adds an entry
            if tally is not None and now <= tally.until:
                wait = max(wait, tally.last + self._delay(tally.count, limit) - now)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, address: str, name: str, now: float | None = None) -> None:
        """Count a failed attempt against the pair and the address."""
        now = time.monotonic() if now is None else now
        self._sweep(now)
        for key, limit in self._keys(address, name):
            old = self._tallies.pop(key, None)  # re-inserted last: the dict stays oldest-first
            count = old.count + 1 if old is not None and now <= old.until else 1
            until = now + self._delay(count, limit) + self.window
            self._tallies[key] = _Tally(count, now, until)
        while len(self._tallies) > self.max_keys:
            del self._tallies[next(iter(self._tallies))]

    def succeeded(self, address: str, name: str) -> None:
        """Forget the pair's failures once the owner gets in from there."""
        self._tallies.pop(self._keys(address, name)[0][0], None)

    def tracked(self) -> int:
        """How many tallies are held (the table the sweep keeps small)."""
        return len(self._tallies)

    def _sweep(self, now: float) -> None:
        if now - self._swept < self.window / 10:
            return
        self._swept = now
        for key in [k for k, t in self._tallies.items() if now > t.until]:
            del self._tallies[key]
