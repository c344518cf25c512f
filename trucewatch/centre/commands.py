"""Command-line sub-apps the main CLI mounts: ``centre``, ``users`` and ``audit``.

Every command acts as a named user (``--as`` or ``$TRUCEWATCH_USER``) so the role matrix applies
and the audit log names who acted; a store with no users yet is worked as ``system``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Connection

from trucewatch.centre import audit, deliveries, hotline, meetings, parties, protection
from trucewatch.centre.demo import seed_demo
from trucewatch.centre.errors import CentreError
from trucewatch.centre.permissions import Action, require
from trucewatch.centre.users import SYSTEM, count_users, get_user
from trucewatch.console import console, errors
from trucewatch.model.centre import User
from trucewatch.store import Store, open_store

__all__ = ["audit_app", "centre_app", "seed_demo"]  # users_app: centre/user_commands.py

centre_app = typer.Typer(
    help="The monitoring centre: accessions, meetings, protection requests, hotline, deliveries.",
    no_args_is_help=True,
)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL or SQLite file.")]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as", envvar="TRUCEWATCH_USER", help="Act as this user (default: $TRUCEWATCH_USER)."
    ),
]
Reason = Annotated[str, typer.Option("--reason", help="Why (kept in the history).")]
When = Annotated[
    str | None,
    typer.Option("--at", help="When it happened, ISO 8601 with a zone (default: now)."),
]
T = TypeVar("T")
ENV_USER = "TRUCEWATCH_USER"


def _time(value: str | None, what: str = "--at") -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 time", param_hint=what) from None
    if parsed.tzinfo is None:
        raise typer.BadParameter("give a time zone, e.g. 2016-02-27T00:00+02:00", param_hint=what)
    return parsed


def acting_user(conn: Connection, name: str | None) -> User:
    """The user a command acts as: the one named, or ``system`` while the store has no users."""
    name = name or os.environ.get(ENV_USER)
    if name is None:
        if count_users(conn) == 0:
            return SYSTEM
        raise typer.BadParameter(
            "say who is acting: --as NAME or $TRUCEWATCH_USER", param_hint="--as"
        )
    user = get_user(conn, name)
    if user is None:
        raise typer.BadParameter(f"no user {name}", param_hint="--as")
    return user


def _run(db: str | None, who: str | None, work: Callable[[Connection, User], T]) -> T:
    """Open the store, find the acting user, and run ``work`` in one transaction."""
    store: Store = open_store(db)
    try:
        with store.transaction() as conn:
            return work(conn, acting_user(conn, who))
    except CentreError as problem:
        errors.print(f"[red]{escape(str(problem))}[/red]")
        raise typer.Exit(1) from None
    except ValueError as problem:
        errors.print(f"[red]{escape(str(problem))}[/red]")
        raise typer.Exit(2) from None
    finally:
        store.close()


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


@centre_app.command("demo")
def demo_command(db: DbOption = None) -> None:
    """Record the 2016 demo's centre data (accessions, meeting, hotline, airdrop...)."""
    store = open_store(db)
    added = seed_demo(store)
    store.close()
    console.print(
        "centre demo: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in added.items())
        if added
        else "centre demo already recorded"
    )


@centre_app.command("accessions")
def accessions_command(
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Accession requests and where each stands."""
    rows = _run(db, who, lambda c, u: parties.list_accessions(c, u, status))
    table = Table("id", "party", "agreement", "through", "received", "status", "since", "v")
    for a in rows:
        table.add_row(
            str(a.id),
            a.party,
            a.agreement,
            a.through or "",
            _when(a.received_at),
            a.status,
            _when(a.status_at),
            str(a.version),
        )
    console.print(table if rows else "no accession requests")


@centre_app.command("accession-status")
def accession_status_command(
    accession_id: int,
    to: Annotated[str, typer.Argument(help="in_negotiation, accepted, refused or withdrawn.")],
    reason: Reason,
    at: When = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Move an accession request on; illegal moves are refused with the allowed ones."""
    version = _run(
        db,
        who,
        lambda c, u: parties.change_accession(c, u, accession_id, to, reason=reason, at=_time(at)),
    )
    console.print(f"accession {accession_id} is now {to} (version {version})")


@centre_app.command("counts")
def counts_command(
    day: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    tz: Annotated[str, typer.Option(help="Time zone the day is taken in.")] = "Asia/Damascus",
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """The day's counts as the 2016 bulletins gave them."""

    def work(conn: Connection, user: User) -> dict:
        require(user, Action.CENTRE_READ)
        return parties.daily_counts(conn, dt.date.fromisoformat(day), tz)

    for key, value in _run(db, who, work).items():
        console.print(f"{key.replace('_', ' ')}: [bold]{value}[/bold]")


@centre_app.command("history")
def history_command(
    register: Annotated[str, typer.Argument(help="accession, protection, delivery, ...")],
    record_id: str,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Every change to one record: when it took effect, by whom, and why."""
    from trucewatch.centre import records, verification

    known = {
        r.name: r
        for r in (
            parties.ACCESSIONS,
            parties.PARTIES,
            meetings.MEETINGS,
            meetings.LOCAL_AGREEMENTS,
            protection.PROTECTION,
            hotline.THREADS,
            hotline.MESSAGES,
            hotline.POSITIONS,
            deliveries.DELIVERIES,
            verification.GRADES,
            verification.REVIEWS,
        )
    }
    if register not in known:
        raise typer.BadParameter(f"one of {', '.join(known)}", param_hint="REGISTER")

    def work(conn: Connection, user: User) -> list:
        require(user, Action.CENTRE_READ)
        return records.history(conn, known[register], record_id)

    table = Table("v", "what", "effective", "by", "reason")
    for change in _run(db, who, work):
        what = (
            f"{change.from_state or ''} → {change.to_state}"
            if change.kind == "status"
            else change.kind + " " + ", ".join(change.changes)
        )
        table.add_row(
            str(change.version), what, _when(change.effective_at), change.by, change.reason or ""
        )
    console.print(table)


@centre_app.command("meetings")
def meetings_command(db: DbOption = None, who: AsOption = None) -> None:
    """Meetings held and local agreements signed."""

    def work(conn: Connection, user: User) -> tuple:
        return meetings.list_meetings(conn, user), meetings.list_local_agreements(conn, user)

    held, signed = _run(db, who, work)
    table = Table("id", "held", "place", "participants", "outcome")
    for m in held:
        table.add_row(
            str(m.id), _when(m.held_at), m.place, "; ".join(m.participants), m.outcome or ""
        )
    console.print(table if held else "no meetings")
    for a in signed:
        who_signed = "; ".join(f"{s.signer} for {s.for_party}" for s in a.signatories)
        console.print(f"signed {_when(a.signed_at)}: {a.title} — {who_signed}")


@centre_app.command("protection")
def protection_command(
    open_only: Annotated[bool, typer.Option("--open", help="Only open requests.")] = False,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Protection requests and their follow-up."""
    rows = _run(db, who, lambda c, u: protection.list_protection_requests(c, u, open_only))
    table = Table("id", "received", "requester", "threat", "place", "status", "assigned to")
    for r in rows:
        table.add_row(
            str(r.id),
            _when(r.received_at),
            r.requester,
            r.threat,
            r.place or "",
            r.status,
            r.assigned_to or "",
        )
    console.print(table if rows else "no protection requests")


@centre_app.command("protection-status")
def protection_status_command(
    request_id: int,
    to: Annotated[str, typer.Argument(help="in_follow_up, closed or declined.")],
    reason: Reason,
    at: When = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Move a protection request on."""
    version = _run(
        db,
        who,
        lambda c, u: protection.change_protection(
            c, u, request_id, to, reason=reason, at=_time(at)
        ),
    )
    console.print(f"protection request {request_id} is now {to} (version {version})")


@centre_app.command("hotline")
def hotline_command(
    thread: Annotated[int | None, typer.Argument(help="Show this thread's messages.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Hotline threads you may read, or one thread's messages."""
    if thread is None:
        threads = _run(db, who, hotline.visible_threads)
        table = Table("id", "subject", "between", "level", "shared")
        for t in threads:
            table.add_row(
                str(t.id),
                t.subject,
                ", ".join(t.participants),
                t.escalation,
                "yes" if t.shared else "",
            )
        console.print(table if threads else "no hotline threads you may read")
        return
    messages = _run(db, who, lambda c, u: hotline.thread_messages(c, u, thread))
    now = dt.datetime.now(dt.UTC)
    table = Table("id", "sent", "from", "to", "ack due", "acknowledged", "body")
    for m in messages:
        acked = _when(m.acked_at) or ("[red]OVERDUE[/red]" if m.overdue(now) else "")
        table.add_row(
            str(m.id),
            _when(m.sent_at),
            m.sender,
            ", ".join(m.recipients),
            _when(m.ack_due),
            acked,
            m.body,
        )
    console.print(table)


@centre_app.command("overdue")
def overdue_command(
    now: Annotated[str | None, typer.Option(help="Judge as of this time (default: now).")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Hotline messages whose acknowledgement is overdue."""
    at = _time(now, "--now") or dt.datetime.now(dt.UTC)
    rows = _run(db, who, lambda c, u: hotline.overdue(c, u, at))
    table = Table("id", "thread", "from", "to", "sent", "ack was due")
    for m in rows:
        table.add_row(
            str(m.id),
            str(m.thread_id),
            m.sender,
            ", ".join(m.recipients),
            _when(m.sent_at),
            _when(m.ack_due),
        )
    console.print(table if rows else "no overdue acknowledgements")


@centre_app.command("hotline-ack")
def hotline_ack_command(
    message_id: int,
    at: When = None,
    reply: Annotated[str | None, typer.Option(help="The reply sent with it.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Acknowledge a hotline message for your guarantor."""
    when = _time(at) or dt.datetime.now(dt.UTC)
    _run(db, who, lambda c, u: hotline.acknowledge(c, u, message_id, at=when, reply=reply))
    console.print(f"message {message_id} acknowledged")


@centre_app.command("deliveries")
def deliveries_command(
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Humanitarian convoys and airdrops."""
    rows = _run(db, who, lambda c, u: deliveries.list_deliveries(c, u, status))
    table = Table("id", "date", "agency", "place", "how", "amount", "status", "clause")
    for d in rows:
        amount = " ".join(
            x
            for x in (
                f"{d.tonnes:g} t" if d.tonnes else "",
                f"{d.trucks} trucks" if d.trucks else "",
            )
            if x
        )
        clause = f"{d.agreement} §{d.access_clause}" if d.access_clause else ""
        table.add_row(
            d.id or "", str(d.date or ""), d.agency, d.place, d.method, amount, d.status, clause
        )
    console.print(table if rows else "no deliveries")


@centre_app.command("delivery-add")
def delivery_add_command(
    agency: str,
    place: str,
    method: Annotated[str, typer.Option(help="convoy or airdrop")],
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    status: Annotated[str, typer.Option(help="planned, done or blocked")] = "planned",
    tonnes: float | None = None,
    trucks: int | None = None,
    agreement: str | None = None,
    clause: Annotated[str | None, typer.Option(help="Access clause number.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Log a delivery."""
    day = dt.date.fromisoformat(date) if date else None
    new = _run(
        db,
        who,
        lambda c, u: deliveries.record_delivery(
            c,
            u,
            agency=agency,
            place=place,
            method=method,
            date=day,
            status=status,
            tonnes=tonnes,
            trucks=trucks,
            agreement=agreement,
            access_clause=clause,
        ),
    )
    console.print(f"delivery {new} recorded")


@centre_app.command("delivery-status")
def delivery_status_command(
    delivery_id: int,
    to: Annotated[str, typer.Argument(help="done, blocked, planned or cancelled.")],
    reason: Reason,
    at: When = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Mark a delivery done, blocked, re-planned or cancelled."""
    version = _run(
        db,
        who,
        lambda c, u: deliveries.change_delivery(c, u, delivery_id, to, reason=reason, at=_time(at)),
    )
    console.print(f"delivery {delivery_id} is now {to} (version {version})")


@audit_app.command("verify")
def audit_verify_command(
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            "--checkpoint",
            help="A checkpoint file from `audit checkpoint`: also prove that nothing it vouches "
            "for was removed or rewritten since.",
        ),
    ] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Check the audit log: every link and signature, and that every audited record's row is
    what the log says it became. Exit 1 when anything does not hold."""
    try:
        against = audit.read_checkpoint(checkpoint) if checkpoint else None
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="--checkpoint") from None

    def work(conn: Connection, user: User) -> audit.ChainVerdict:
        require(user, Action.AUDIT_VERIFY)
        return audit.verify(conn, against=against)

    verdict = _run(db, who, work)
    for note in verdict.notes:
        console.print(f"note: {note}", markup=False)
    if verdict.ok:
        console.print(
            f"audit log intact: {verdict.checked} entries, every link checked, "
            "every audited record matches the log"
        )
        return
    if verdict.problem:
        errors.print(f"[red]audit log broken at entry {verdict.broken_at}[/red]: ", end="")
        errors.print(verdict.problem, markup=False)
    for change in verdict.changed:
        errors.print("[red]record changed behind the log[/red]: ", end="")
        errors.print(change, markup=False)
    raise typer.Exit(1)


@audit_app.command("init-key")
def audit_init_key_command(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Also sign this store's entries written before the key (run once)."
        ),
    ] = None,
    who: AsOption = None,
) -> None:
    """Create the audit key ($TRUCEWATCH_AUDIT_KEY_FILE, default ~/.config/trucewatch/audit.key,
    mode 600). Every entry written afterwards is signed with it; keep a copy somewhere safe,
    apart from the database and its backups."""
    from trucewatch.centre.audit_key import init_key

    try:
        path, made = init_key()
    except (OSError, CentreError) as problem:
        errors.print(f"[red]audit key: {problem}[/red]")
        raise typer.Exit(1) from None
    console.print(
        f"{'wrote a new' if made else 'kept the existing'} audit key: {path}", markup=False
    )
    if db is None:
        return

    def work(conn: Connection, user: User) -> int:
        require(user, Action.AUDIT_VERIFY)
        return audit.sign_unsigned(conn)

    console.print(f"signed {_run(db, who, work)} entries that carried no signature")


@audit_app.command("checkpoint")
def audit_checkpoint_command(
    out: Annotated[Path, typer.Option("--out", help="Where to write the checkpoint (JSON).")],
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Sign the log's head as it stands now and write it to a file. Keep the file away from the
    database (another machine, a printout): `audit verify --checkpoint FILE` then proves that
    nothing it vouches for changed, even if the whole log table was rewritten."""

    def work(conn: Connection, user: User) -> audit.Checkpoint:
        require(user, Action.AUDIT_VERIFY)
        return audit.checkpoint(conn)

    point = _run(db, who, work)
    try:
        out.write_text(point.to_json() + "\n", encoding="utf-8")
    except OSError as problem:
        errors.print(f"[red]cannot write {out}: {problem.strerror}[/red]")
        raise typer.Exit(1) from None
    console.print(f"checkpoint of {point.count} entries at {point.at}: {out}", markup=False)


@audit_app.command("log")
def audit_log_command(
    register: Annotated[str | None, typer.Option(help="Only this register.")] = None,
    record: Annotated[str | None, typer.Option(help="Only this record id.")] = None,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """The audit entries, oldest first."""

    def work(conn: Connection, user: User) -> list[audit.AuditEntry]:
        require(user, Action.AUDIT_VERIFY)
        return audit.entries(conn, register, record)

    table = Table("seq", "at", "who", "action", "record")
    for e in _run(db, who, work):
        table.add_row(str(e.seq), _when(e.at), e.actor, e.action, f"{e.register} {e.record_id}")
    console.print(table)


# The commands that create and update records live beside these; importing them mounts them.
from trucewatch.centre import record_commands  # noqa: E402, F401
