"""``trucewatch correct``: correct an event's values with a reason, list corrections, withdraw one.

A thin shell over ``centre.corrections`` (the same service the event page's form and
``PATCH /api/v1/events/{id}`` call), acting as a named user (``--as``/``$TRUCEWATCH_USER``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.centre.commands import AsOption, DbOption, acting_user
from trucewatch.console import console, errors


def correct_command(
    event_id: Annotated[
        str | None,
        typer.Argument(help="An event id (e-...) or a report's incident id (its event)."),
    ] = None,
    date: Annotated[str | None, typer.Option(help="The day it happened, YYYY-MM-DD.")] = None,
    place: Annotated[
        str | None, typer.Option(help="A place the gazetteer knows (name → coordinates).")
    ] = None,
    governorate: Annotated[
        str | None, typer.Option(help="With --place: which governorate's place is meant.")
    ] = None,
    perpetrator: Annotated[str | None, typer.Option(help="Who did it.")] = None,
    target: Annotated[str | None, typer.Option(help="Who or what was hit.")] = None,
    attribution: Annotated[
        str | None, typer.Option(help="stated, alleged, denied or disputed.")
    ] = None,
    killed: Annotated[str | None, typer.Option(help="Killed: N or LOW-HIGH.")] = None,
    injured: Annotated[str | None, typer.Option(help="Injured: N or LOW-HIGH.")] = None,
    reason: Annotated[str, typer.Option(help="Why (required; kept in the audit log).")] = "",
    list_them: Annotated[
        bool, typer.Option("--list", help="List corrections (of EVENT_ID, or all).")
    ] = False,
    orphans: Annotated[
        bool, typer.Option("--orphans", help="With --list: only those whose event is gone.")
    ] = False,
    withdraw: Annotated[
        int | None,
        typer.Option(
            "--withdraw", help="Withdraw correction N (with --reason): back to extraction."
        ),
    ] = None,
    agreements: Annotated[
        Path | None,
        typer.Option(help="Rule again under this folder (default: the last adjudication's)."),
    ] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Correct an event's date, place, actors, attribution or tolls with a reason; the event is
    ruled on again at once. `--list` shows corrections, `--withdraw N` undoes one."""
    from trucewatch.centre import corrections as service
    from trucewatch.centre.errors import CentreError
    from trucewatch.store import open_store

    store = open_store(db)
    given = dict(
        date=date,
        place=place,
        governorate=governorate,
        perpetrator=perpetrator,
        target=target,
        attribution=attribution,
        killed=killed,
        injured=injured,
    )
    changing = withdraw is not None or any(v not in (None, "") for v in given.values())
    if list_them or not changing:
        if event_id is None and not list_them:
            raise typer.BadParameter(
                "give an event id and what to correct, --list, or --withdraw N",
                param_hint="EVENT_ID",
            )
        _list(store, event_id, orphans)
        return
    try:
        with store.transaction() as conn:
            user = acting_user(conn, who)
            if withdraw is not None:
                done = service.withdraw(conn, user, withdraw, reason=reason, agreements=agreements)
                console.print(f"correction {withdraw} withdrawn", markup=False)
            else:
                if event_id is None:
                    raise typer.BadParameter("which event?", param_hint="EVENT_ID")
                fields = service.parse_fields(**given)
                done = service.correct(
                    conn, user, event_id, fields, reason=reason, agreements=agreements
                )
                shown = "; ".join(
                    f"{k} {service.value_words(k, v)}" for k, v in done.fields.items()
                )
                console.print(
                    f"correction {done.correction_id} on {done.event_id}: {shown}", markup=False
                )
    except (ValueError, CentreError) as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(2) from None
    console.print(done.ruled, markup=False)
    for ruling in done.rulings:
        console.print(f"  {ruling.agreement}: {ruling.ruling.value}", markup=False)


def _list(store, event_id: str | None, orphans: bool) -> None:
    from trucewatch.centre.corrections import value_words
    from trucewatch.store.corrections import list_corrections

    with store.engine.connect() as conn:
        found = list_corrections(conn, event_id, orphaned_only=orphans)
    if not found:
        console.print("no corrections" + (" whose event is gone" if orphans else ""))
    for c in found:
        changed = "; ".join(
            f"{k} {value_words(k, c.original.get(k))} → {value_words(k, v)}"
            for k, v in c.fields.items()
        )
        gone = " (event gone)" if c.orphaned else ""
        console.print(
            f"{c.id} {c.event_id}{gone} [{c.status}] {c.at:%Y-%m-%d %H:%M} {c.by}: {changed} "
            f"— {c.reason}",
            markup=False,
        )
