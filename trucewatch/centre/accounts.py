"""Rules for user names and passwords, applied wherever one is set (issue 18, item 7).

Names are what the audit log and every page show as "who": they are NFKC-normalised (so a
full-width or ligature spelling is the same name) and limited to letters, digits and ``_ . @ + -``,
so no space, line break, zero-width or control character can make two names look alike or forge
a line in a log. Two names that differ only in case or width are the same user.

Passwords have at least ``MIN_PASSWORD`` characters and must not be a common password, or one
with digits or symbols around it: the list (``data/common-passwords.txt``) is zxcvbn's 30,000
most common, built by ``scripts/build_common_passwords.py``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

MIN_PASSWORD = 12
MAX_NAME = 120  # the users.name column
MIN_DISTINCT = 5  # "aaaaaaaaaaaa" and "121212121212" are long but guessed at once
_NAME = re.compile(r"[\w.@+-]+")
_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")  # digits and symbols stuck on either end


class AccountRuleError(ValueError):
    """A user name or password that breaks a rule; the message says which and how to fix it."""


def user_name(name: str) -> str:
    """``name`` NFKC-normalised, or AccountRuleError saying what is wrong with it."""
    normal = unicodedata.normalize("NFKC", name)
    if not normal:
        raise AccountRuleError("a user name cannot be empty")
    if len(normal) > MAX_NAME:
        raise AccountRuleError(f"a user name has at most {MAX_NAME} characters")
    if not _NAME.fullmatch(normal):
        bad = next(ch for ch in normal if not _NAME.fullmatch(ch))
        raise AccountRuleError(
            f"user name {name!r}: only letters, digits and _ . @ + - are allowed, "
            f"not {_describe(bad)}"
        )
    return normal


def same_name(a: str, b: str) -> bool:
    """True when two names are the same user: equal after NFKC and case folding."""
    return _key(a) == _key(b)


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _describe(ch: str) -> str:
    if ch.isspace():
        return f"a space or line break (U+{ord(ch):04X})"
    name = unicodedata.name(ch, "")
    return (
        f"U+{ord(ch):04X}" + (f" {name}" if name else "") + (f" ({ch})" if ch.isprintable() else "")
    )


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    text = (
        resources.files("trucewatch.centre")
        .joinpath("data/common-passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(line for line in text.splitlines() if line)


def _is_common(folded: str) -> bool:
    """On the list as it is, or a listed password (4+ characters) with only digits and symbols
    around it: "password1234", "!qwertyuiop!", "123456789012" ("1234567890" + "12")."""
    common = common_passwords()
    if folded in common:
        return True
    core = _AROUND.sub("", folded)
    if len(core) >= 4 and core in common:
        return True
    for cut in range(4, len(folded)):
        head, tail = folded[:cut], folded[cut:]
        if head in common and not _AROUND.sub("", tail):
            return True
        if tail in common and len(tail) >= 4 and not _AROUND.sub("", head):
            return True
    return False


def check_password(password: str, name: str | None = None) -> None:
    """Raise AccountRuleError unless ``password`` is long, uncommon and not the user's name."""
    if len(password) < MIN_PASSWORD:
        raise AccountRuleError(
            f"a password has at least {MIN_PASSWORD} characters (this one has {len(password)})"
        )
    folded = password.casefold()
    if _is_common(folded):
        raise AccountRuleError(
            "that password is on the list of common passwords (or is one with digits or "
            "symbols added); choose another, e.g. several unrelated words"
        )
    if len(set(folded)) < MIN_DISTINCT:
        raise AccountRuleError(f"a password needs at least {MIN_DISTINCT} different characters")
    if name and _key(name) in _key(password):
        raise AccountRuleError("a password must not contain the user name")
