"""The ``trucewatch backup`` and ``trucewatch restore`` commands.

Mount with ``app.command("backup")(backup_command)`` and
``app.command("restore")(restore_command)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.console import console, errors

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file. Default: $TRUCEWATCH_DB or ./trucewatch.db."
    ),
]
ReplaceOption = Annotated[bool, typer.Option("--replace", help="Overwrite what is already there.")]


def backup_command(
    dest: Annotated[Path, typer.Argument(help="The backup file to write.")],
    db: DbOption = None,
    replace: ReplaceOption = False,
) -> None:
    """Copy the store into one file while it stays in use (SQLite backup API, or pg_dump)."""
    from trucewatch.store.backup import BackupError, backup

    try:
        result = backup(db, dest, replace=replace)
    except BackupError as exc:
        errors.print(f"backup failed: {exc}", markup=False)
        raise typer.Exit(1) from exc
    console.print(
        f"backup: {result.dialect} store at revision {result.revision} written to "
        f"{result.path} ({result.size:,} bytes)",
        markup=False,
    )


def restore_command(
    src: Annotated[Path, typer.Argument(help="A file written by `trucewatch backup`.")],
    db: DbOption = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a store that already holds data.")
    ] = False,
) -> None:
    """Restore a backup into an empty store (or replace one) and bring its schema up to date."""
    from trucewatch.store.backup import BackupError, restore

    try:
        result = restore(src, db, replace=replace)
    except BackupError as exc:
        errors.print(f"restore failed: {exc}", markup=False)
        raise typer.Exit(1) from exc
    if result.set_aside is not None:
        console.print(f"the damaged store was kept as {result.set_aside}", markup=False)
    console.print(
        f"restore: {result.path} restored into the {result.dialect} store, now at revision "
        f"{result.revision}",
        markup=False,
    )
