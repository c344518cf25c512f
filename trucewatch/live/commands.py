"""Live monitoring commands: ``feeds``, ``alerts`` and ``watch``.

Mount with ``app.add_typer(feeds_app, name="feeds")``, ``app.add_typer(alerts_app,
name="alerts")`` and ``app.command()(watch)``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from trucewatch.console import console, errors
from trucewatch.corroborate.commands import DbOption

feeds_app = typer.Typer(help="Sources `watch` polls: RSS/Atom feeds and drop folders.")
alerts_app = typer.Typer(help="Who is told when an event or a ruling changes: webhooks, e-mail.")


def _fail(message: str, code: int = 2) -> typer.Exit:
    errors.print(message, markup=False)
    return typer.Exit(code)


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "—"


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str | None, typer.Argument(help="The RSS or Atom feed's URL.")] = None,
    folder: Annotated[
        Path | None, typer.Option(help="A drop folder instead: each file put there is read once.")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Short name (default: the URL or folder).")
    ] = None,
    every: Annotated[
        int, typer.Option(help="Seconds between polls (0: the interval `watch` is given).")
    ] = 0,
    db: DbOption = None,
) -> None:
    """Add a feed or a drop folder for `watch` to poll."""
    from trucewatch.store import open_store
    from trucewatch.store.live import add_feed

    if (url is None) == (folder is None):
        raise _fail("give a feed URL or --folder DIR (one of them)")
    if url is not None and not url.startswith(("http://", "https://")):
        raise _fail(f"{url!r} is not an http(s) URL")
    if folder is not None and not folder.is_dir():
        raise _fail(f"{folder} is not a folder")
    kind, where = ("rss", url) if url else ("folder", str(folder.resolve()))  # type: ignore[union-attr]
    try:
        with open_store(db).transaction() as conn:
            feed = add_feed(conn, name or where, kind, where, every)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"feed {feed.name!r} added ({kind} {where}); due now", markup=False)


@feeds_app.command("list")
def feeds_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per feed.")] = False,
    db: DbOption = None,
) -> None:
    """Feeds with their health, last poll, last new item, last error and next poll."""
    from trucewatch.store import open_store
    from trucewatch.store.live import list_feeds

    with open_store(db).engine.connect() as conn:
        feeds = list_feeds(conn)
    if as_json:
        for feed in feeds:
            print(json.dumps(feed.as_dict(), ensure_ascii=False))
        return
    if not feeds:
        console.print("no feeds: add one with `trucewatch feeds add URL`")
        return
    table = Table(
        "name", "kind", "health", "last poll", "last new item", "next due", "items", "last error"
    )
    for f in feeds:
        table.add_row(
            f.name,
            f.kind,
            f.health + (f" ×{f.failures}" if f.failures else ""),
            _when(f.last_poll),
            _when(f.last_new_item),
            _when(f.next_due),
            str(f.items_seen),
            (f.last_error or "")[:80] if f.health == "unhealthy" else "",
        )
    console.print(table)


@feeds_app.command("remove")
def feeds_remove(
    name: Annotated[str, typer.Argument(help="The feed's name.")], db: DbOption = None
) -> None:
    """Stop polling a feed (the reports it gave stay)."""
    from trucewatch.store import open_store
    from trucewatch.store.live import remove_feed

    with open_store(db).transaction() as conn:
        if not remove_feed(conn, name):
            raise _fail(f"no feed named {name!r}", 1)
    console.print(f"feed {name!r} removed", markup=False)


@alerts_app.command("add")
def alerts_add(
    webhook: Annotated[str | None, typer.Option(help="POST each alert to this URL.")] = None,
    email: Annotated[
        str | None, typer.Option(help="Mail each alert here (SMTP from $TRUCEWATCH_SMTP_*).")
    ] = None,
    secret: Annotated[
        str | None, typer.Option(help="Signs every delivery (required for a webhook).")
    ] = None,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            help="key=value: ruling, governorate, agreement, grade, type or kind (event, "
            "hotline). Different keys all apply; a repeated key means any of its values.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Subscribe a webhook or an address to alerts (from now on: past events are not sent)."""
    from trucewatch.live.changes import baseline
    from trucewatch.store import open_store
    from trucewatch.store.alerts import add_subscription, parse_filters, snapshots

    if (webhook is None) == (email is None):
        raise _fail("give --webhook URL or --email ADDR (one of them)")
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise _fail(f"{webhook!r} is not an http(s) URL")
    if webhook is not None and not secret:
        raise _fail("a webhook needs --secret: receivers check each delivery's signature with it")
    if email is not None and "@" not in email:
        raise _fail(f"{email!r} is not an e-mail address")
    try:
        parsed = parse_filters(filters or [])
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    now = dt.datetime.now(dt.UTC)
    with open_store(db).transaction() as conn:
        known = len(snapshots(conn, "event:")) + len(snapshots(conn, "hotline:"))
        first = known == 0 and baseline(conn, now)
        sub = add_subscription(
            conn, "webhook" if webhook else "email", webhook or email or "", secret, parsed
        )
    console.print(f"subscribed: {sub.describe()}", markup=False)
    if first:
        console.print(f"({first} events already in the store are not alerted)", markup=False)


@alerts_app.command("list")
def alerts_list(db: DbOption = None) -> None:
    """Subscriptions, active and removed."""
    from trucewatch.store import open_store
    from trucewatch.store.alerts import list_subscriptions

    with open_store(db).engine.connect() as conn:
        subs = list_subscriptions(conn)
    if not subs:
        console.print("no subscriptions: add one with `trucewatch alerts add`")
    for sub in subs:
        console.print(sub.describe() + ("" if sub.active else " (removed)"), markup=False)


@alerts_app.command("remove")
def alerts_remove(
    sub_id: Annotated[int, typer.Argument(help="The subscription's number (alerts list).")],
    db: DbOption = None,
) -> None:
    """Stop a subscription; its delivery log is kept."""
    from trucewatch.store import open_store
    from trucewatch.store.alerts import remove_subscription

    with open_store(db).transaction() as conn:
        if not remove_subscription(conn, sub_id):
            raise _fail(f"no active subscription #{sub_id}", 1)
    console.print(f"subscription #{sub_id} removed", markup=False)


@alerts_app.command("log")
def alerts_log(
    limit: Annotated[int, typer.Option(help="How many attempts to show.")] = 50,
    db: DbOption = None,
) -> None:
    """Delivery attempts, newest first: when, to whom, what, and how it went."""
    from trucewatch.store import open_store
    from trucewatch.store.alerts import delivery_log

    with open_store(db).engine.connect() as conn:
        rows = delivery_log(conn, limit)
    if not rows:
        console.print("no deliveries yet")
        return
    for r in rows:
        result = ("ok " if r["ok"] else "failed ") + r["detail"]
        console.print(
            f"{_when(r['at'])} {r['delivery']} {r['channel']} {r['target']} {r['subject']} "
            f"[{','.join(r['changes'])}] try {r['attempt']}: {result} ({r['status']}, "
            f"{r['duration_ms']} ms)",
            markup=False,
        )


@alerts_app.command("dead")
def alerts_dead(db: DbOption = None) -> None:
    """Alerts given up on after the last retry (send one again with `alerts retry ID`)."""
    from trucewatch.store import open_store
    from trucewatch.store.alerts import dead_letters

    with open_store(db).engine.connect() as conn:
        rows = dead_letters(conn)
    if not rows:
        console.print("no dead letters")
    for r in rows:
        console.print(
            f"{_when(r['at'])} {r['outbox_id']} #{r['subscription_id']} {r['subject']} after "
            f"{r['attempts']} attempts: {r['reason']}",
            markup=False,
        )


@alerts_app.command("retry")
def alerts_retry(
    delivery: Annotated[str, typer.Argument(help="The dead letter's delivery id.")],
    db: DbOption = None,
) -> None:
    """Queue a dead letter again (same delivery id, fresh retries)."""
    from trucewatch.store import open_store
    from trucewatch.store.alerts import requeue_dead

    with open_store(db).transaction() as conn:
        if not requeue_dead(conn, delivery, dt.datetime.now(dt.UTC)):
            raise _fail(f"no dead letter {delivery}", 1)
    console.print(f"{delivery} queued again; `watch` sends it on its next cycle", markup=False)


def watch(
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit.")] = False,
    agreements: Annotated[
        Path | None,
        typer.Option(help="Agreement folder to rule under (without it, no rulings are made)."),
    ] = None,
    every: Annotated[
        int, typer.Option(help="Seconds between polls for feeds added without their own.")
    ] = 300,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for one feed's answer.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest feed or article accepted.")] = 5_000_000,
    full_text: Annotated[
        bool, typer.Option(help="Fetch the linked article when an item has only a summary.")
    ] = True,
    db: DbOption = None,
) -> None:
    """Poll feeds, run the pipeline on what is new, and send alerts, until stopped.

    Safe to kill at any moment: the next start finishes the work and sends nothing twice.
    Logs one JSON line per poll, pipeline run and delivery round on stderr.
    """
    from trucewatch.live.cycle import CycleOptions
    from trucewatch.live.feeds import Limits
    from trucewatch.live.watch import watch as run_watch
    from trucewatch.store import open_store

    if agreements is not None and not agreements.is_dir():
        raise _fail(f"{agreements} is not a folder of agreements")
    if every < 1:
        raise _fail("--every must be at least 1 second")
    options = CycleOptions(
        agreements=agreements,
        limits=Limits(timeout=timeout, max_bytes=max_bytes, full_text=full_text),
        every=every,
    )
    run_watch(open_store(db), options, once=once)
