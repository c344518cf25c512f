"""The ``users`` commands: accounts, passwords and API tokens (expiry, listing, revocation).

They act as a named user like every centre command (``--as`` or ``$TRUCEWATCH_USER``; ``system``
while the store has no users), so the role matrix applies and the audit log says who did it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from trucewatch.centre import accounts, records
from trucewatch.centre.commands import AsOption, DbOption, _run, _when
from trucewatch.console import console, errors
from trucewatch.model.centre import Role

users_app = typer.Typer(help="Users, roles, passwords and API tokens.", no_args_is_help=True)

_DURATION = re.compile(r"(\d+)\s*([mhdw])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def expiry(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """When a token given ``--expires TEXT`` stops working: ``90m``, ``12h``, ``30d``, ``2w``
    from now; a date (``2026-12-31``: its start, UTC); or an ISO time with a zone."""
    now = now or records.now()
    text = text.strip()
    if match := _DURATION.fullmatch(text.lower()):
        amount = int(match[1])
        if amount == 0:
            raise typer.BadParameter("a duration of 0 would expire at once", param_hint="--expires")
        return now + dt.timedelta(**{_UNITS[match[2]]: amount})
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise typer.BadParameter(
            f"{text!r}: give a duration (90m, 12h, 30d, 2w), a date (2026-12-31) or a time "
            "with a zone (2026-12-31T18:00+02:00)",
            param_hint="--expires",
        )
    return moment


def _name_or_exit(name: str) -> str:
    """The normalised name, or the rule it breaks and exit 2 (before any password prompt)."""
    try:
        return accounts.user_name(name)
    except accounts.AccountRuleError as problem:
        errors.print(f"[red]{escape(str(problem))}[/red]")
        raise typer.Exit(2) from None


def _new_password() -> str:
    """Ask for a password twice; ask again while it breaks a rule (said why)."""
    while True:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
        try:
            accounts.check_password(password)
        except accounts.AccountRuleError as problem:
            errors.print(f"[red]{escape(str(problem))}[/red]")
            continue
        return password


@users_app.command("add")
def users_add_command(
    name: Annotated[str, typer.Argument(help="Letters, digits and _ . @ + - (NFKC-normalised).")],
    role: Annotated[
        str, typer.Option(help="admin, analyst, liaison, viewer or reporter (submits only).")
    ],
    guarantor: Annotated[str | None, typer.Option(help="A liaison's guarantor.")] = None,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="Create without a password (no log-in).")
    ] = False,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Add a user (asks for the password unless --no-password: 12 characters or more, not a
    common one)."""
    from trucewatch.centre.users import add_user

    if role not in {r.value for r in Role}:
        raise typer.BadParameter(f"one of {', '.join(r.value for r in Role)}", param_hint="--role")
    name = _name_or_exit(name)
    password = None if no_password else _new_password()
    user = _run(
        db, who, lambda c, u: add_user(c, u, name, role, guarantor=guarantor, password=password)
    )
    console.print(f"user {user.name} added ({user.role}{' for ' + guarantor if guarantor else ''})")


@users_app.command("list")
def users_list_command(db: DbOption = None, who: AsOption = None) -> None:
    """List users, their roles and whether they are active."""
    from trucewatch.centre.users import list_users

    rows = _run(db, who, list_users)
    table = Table("name", "role", "guarantor", "active")
    for u in rows:
        table.add_row(u.name, u.role, u.guarantor or "", "yes" if u.active else "disabled")
    console.print(table if rows else "no users")


@users_app.command("disable")
def users_disable_command(
    name: str,
    reason: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Disable a user: no more log-ins, tokens or actions."""
    from trucewatch.centre.users import disable_user

    _run(db, who, lambda c, u: disable_user(c, u, name, reason))
    console.print(f"user {name} disabled")


@users_app.command("enable")
def users_enable_command(
    name: str,
    reason: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Enable a disabled user again (tokens revoked or expired stay so)."""
    from trucewatch.centre.users import enable_user

    _run(db, who, lambda c, u: enable_user(c, u, name, reason))
    console.print(f"user {name} enabled")


@users_app.command("password")
def users_password_command(name: str, db: DbOption = None, who: AsOption = None) -> None:
    """Set a user's password (an admin for anyone, a user for themself); asks for it twice."""
    from trucewatch.centre.users import set_password

    password = _new_password()
    _run(db, who, lambda c, u: set_password(c, u, name, password))
    console.print(f"password of {name} set")


@users_app.command("token")
def users_token_command(
    name: str,
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
    expires: Annotated[
        str | None,
        typer.Option(
            help="When it stops working: 90m, 12h, 30d, 2w from now, a date (2026-12-31, at its "
            "start, UTC) or a time with a zone. Default: until revoked."
        ),
    ] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Issue an API token; it is printed once on stdout and stored only as a hash."""
    from trucewatch.centre.users import new_token

    until = expiry(expires) if expires is not None else None
    issued = _run(db, who, lambda c, u: new_token(c, u, name, label, expires_at=until))
    console.print(issued.token, markup=False)
    ends = f"expires {_when(issued.expires_at)}" if issued.expires_at else "never expires"
    errors.print(
        f"token {issued.id} for {name}: {ends} (revoke: trucewatch users revoke {issued.id})"
    )


@users_app.command("tokens")
def users_tokens_command(name: str, db: DbOption = None, who: AsOption = None) -> None:
    """List a user's API tokens: id, label, created, expires, last used, status (never the
    token itself)."""
    from trucewatch.centre.users import list_tokens

    rows = _run(db, who, lambda c, u: list_tokens(c, u, name))
    if not rows:
        console.print(f"{name} has no tokens")
        return
    now = records.now()
    table = Table("id", "label", "created", "expires", "last used", "status")
    for t in rows:
        table.add_row(
            str(t.id),
            escape(t.label or ""),
            _when(t.created_at),
            _when(t.expires_at) or "never",
            _when(t.last_used_at) or "never",
            t.status(now) + (f" {_when(t.revoked_at)}" if t.revoked_at else ""),
        )
    console.print(table)


@users_app.command("revoke")
def users_revoke_command(
    token_id: Annotated[int, typer.Argument(help="The token's id (see `users tokens NAME`).")],
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Revoke one API token: the API refuses it from now on."""
    from trucewatch.centre.users import revoke_token

    info = _run(db, who, lambda c, u: revoke_token(c, u, token_id))
    console.print(f"token {info.id} of {info.user} revoked")
