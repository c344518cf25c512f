"""The audit log's key: an HMAC-SHA256 key kept in a file outside the database.

Anyone who can write to the database can recompute plain SHA-256 hashes, so a chain of them only
shows accidents. Each entry's hash is therefore also signed (an HMAC) with a key that lives in a
file of its own (``$TRUCEWATCH_AUDIT_KEY_FILE``, default ``~/.config/trucewatch/audit.key``, mode
600): rewriting the log needs that file as well as the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from trucewatch.centre.errors import CentreError

KEY_ENV = "TRUCEWATCH_AUDIT_KEY_FILE"


class AuditKeyError(CentreError):
    """The key file is missing where it is needed, unreadable, open to others or the wrong key.

    A fault of the server's set-up, not of the request: the web app answers 500 and logs it."""


def key_path() -> Path:
    """Where the key is kept: ``$TRUCEWATCH_AUDIT_KEY_FILE``, else the user's config folder."""
    chosen = os.environ.get(KEY_ENV)
    if chosen:
        return Path(chosen).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "trucewatch" / "audit.key"


def init_key(path: Path | None = None) -> tuple[Path, bool]:
    """Write a new random key at ``path`` (default :func:`key_path`), readable by its owner only.

    Returns the path and whether a key was written: an existing key is kept, never replaced, since
    every entry signed with it would stop verifying.
    """
    path = path or key_path()
    if path.exists():
        load_key(path)  # refuse a damaged or world-readable one now rather than later
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # O_EXCL: two init-key runs at once cannot both write (and one silently lose) a key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path, True


_cache: dict[tuple[str, int, int], bytes] = {}


def load_key(path: Path | None = None) -> bytes | None:
    """The key in ``path`` (default :func:`key_path`), or None when there is no such file."""
    path = path or key_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    cached = _cache.get((str(path), info.st_mtime_ns, info.st_mode))
    if cached is not None:
        return cached
    if info.st_mode & 0o077:
        raise AuditKeyError(f"{path} can be read by others: chmod 600 {path}")
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise AuditKeyError(f"{path} does not hold an audit key (64 hex digits)")
    _cache.clear()
    _cache[(str(path), info.st_mtime_ns, info.st_mode)] = key
    return key


def sign(key: bytes, text: str) -> str:
    """HMAC-SHA256 of ``text`` under ``key``, as hex."""
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def signed(key: bytes, text: str, mac: str | None) -> bool:
    """True when ``mac`` is ``text``'s HMAC under ``key`` (compared in constant time)."""
    return mac is not None and hmac.compare_digest(sign(key, text), mac)


@contextlib.contextmanager
def key_file(path: Path) -> Iterator[Path]:
    """Use the key at ``path`` (created if missing) while the block runs; e.g. the demo's own."""
    before = os.environ.get(KEY_ENV)
    os.environ[KEY_ENV] = str(path)
    try:
        init_key(path)
        yield path
    finally:
        if before is None:
            os.environ.pop(KEY_ENV, None)
        else:
            os.environ[KEY_ENV] = before
