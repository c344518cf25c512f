"""Corroboration commands for the CLI: corroborate, reuse, grade, reference import and match.

Mount with ``app.command()(corroborate)``, ``app.command()(reuse)``, ``app.command()(grade)`` and
``app.add_typer(reference_app, name="reference")``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from trucewatch.centre.commands import AsOption
from trucewatch.console import console, errors

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file. Default: $TRUCEWATCH_DB or ./trucewatch.db."
    ),
]

reference_app = typer.Typer(help="Reference incident datasets (Airwars): import and match.")


def corroborate(db: DbOption = None) -> None:
    """Cluster copies, merge incidents across reports, grade them, compare claims, and store.

    Re-running replaces what the last run derived; grade overrides made by people are kept.
    """
    from trucewatch.corroborate.stage import corroborate_stored
    from trucewatch.store import open_store

    summary = corroborate_stored(open_store(db))
    for line in summary.lines():
        console.print(line, markup=False)


def reuse_json(paths: list[Path]) -> list[dict[str, Any]]:
    """One object per reuse cluster among the reports in ``paths`` (no database needed).

    A text that arrives more than once (another row or file, same source) is one report: its
    member keeps ``row`` (the first arrival), ``rows`` (every one) and ``path`` (the file of the
    first), and a text repeated but copied by no other report is a cluster of its own
    (``"identical": true``).
    """
    from trucewatch.corroborate.reuse import ReuseDoc, find_reuse
    from trucewatch.ingest import read_inputs
    from trucewatch.ingest.records import Rejected

    by_id: dict[str, Any] = {}
    arrivals: dict[str, list[tuple[str | None, int | None]]] = {}
    for item in read_inputs(paths):
        if isinstance(item, Rejected):
            errors.print(f"skipped {item.origin} {item.location}: {item.reason}", markup=False)
        else:
            by_id.setdefault(item.id, item)  # the same text twice is one report
            arrivals.setdefault(item.id, []).append((item.origin, item.row))

    def member(rid: str) -> dict[str, Any]:
        report = by_id[rid]
        return {
            "id": rid,
            "row": report.row,
            "rows": [row for _, row in arrivals[rid] if row is not None],
            "path": report.origin,
            "paths": list(dict.fromkeys(o for o, _ in arrivals[rid] if o)),
            "source": report.source.name,
            "title": report.title,
        }

    docs = [ReuseDoc(r.id, r.text, r.published.date, r.source.name) for r in by_id.values()]
    out = []
    clustered: set[str] = set()
    for cluster in find_reuse(docs):
        clustered.update(cluster.members)
        out.append(
            {
                "members": [member(rid) for rid in cluster.members],
                "original": cluster.original,
                "original_reason": cluster.original_reason,
                "identical": False,
                "shared": [
                    {
                        "a": s.a,
                        "b": s.b,
                        "text": s.text,
                        "a_span": list(s.a_span),
                        "b_span": list(s.b_span),
                        "similarity": round(s.similarity, 3),
                    }
                    for s in cluster.shared
                ],
            }
        )
    for rid, seen in arrivals.items():
        if len(seen) > 1 and rid not in clustered:
            where = ", ".join(
                f"{origin or '?'}" + (f" row {row}" if row is not None else "")
                for origin, row in seen
            )
            out.append(
                {
                    "members": [member(rid)],
                    "original": rid,
                    "original_reason": f"the same text arrived {len(seen)} times ({where}): "
                    "stored once",
                    "identical": True,
                    "shared": [],
                }
            )
    return out


def reuse(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Write one JSON object per cluster to stdout.")
    ] = False,
) -> None:
    """Find reports that copy each other (whole or in part) and the passages they share."""
    clusters = reuse_json(paths)
    if jsonl:
        for cluster in clusters:
            sys.stdout.write(json.dumps(cluster, ensure_ascii=False) + "\n")
        return
    if not clusters:
        console.print("no reuse found")
    for cluster in clusters:
        names = ", ".join(f"{m['source']}: {m['title'] or m['id']}" for m in cluster["members"])
        count = (
            f"{len(cluster['members'][0]['rows']) or 2} copies of one text"
            if cluster["identical"]
            else f"{len(cluster['members'])} reports"
        )
        console.print(f"[bold]{count}[/bold] — {names}", markup=False)
        console.print(
            f"  original {cluster['original']}: {cluster['original_reason']}", markup=False
        )
        for s in cluster["shared"][:5]:
            console.print(f"  shared ({s['a']} / {s['b']}): {s['text'][:120]}", markup=False)


def grade(
    merged_id: Annotated[
        str | None, typer.Argument(help="An event id (e-...), as lists and exports show it.")
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(help="unverified, corroborated, confirmed, contested or discounted."),
    ] = None,
    reason: Annotated[str, typer.Option(help="Why (required to change a grade).")] = "",
    clear: Annotated[
        bool, typer.Option(help="Drop the override: back to the computed grade.")
    ] = False,
    orphans: Annotated[
        bool,
        typer.Option(
            "--orphans",
            help="List grades and reviews whose event is gone (kept, never moved to another).",
        ),
    ] = False,
    db: DbOption = None,
    who: AsOption = None,
) -> None:
    """Show an event's grade history, or override its grade with a recorded reason."""
    from trucewatch.centre.commands import acting_user
    from trucewatch.centre.errors import CentreError
    from trucewatch.corroborate.grades import grade_events, override_grade
    from trucewatch.store import open_store

    store = open_store(db)
    if orphans:
        from trucewatch.store.orphans import list_orphans

        with store.engine.connect() as conn:
            found = list_orphans(conn)
        if not found:
            console.print("no orphaned grades or reviews: every one has its event")
        for orphan in found:
            console.print(
                f"{orphan.kind} on {orphan.target_id} (event gone): {orphan.detail}", markup=False
            )
        return
    if merged_id is None:
        raise typer.BadParameter("give an event id, or --orphans", param_hint="EVENT_ID")
    if value is not None or clear:
        try:
            with store.transaction() as conn:
                user = acting_user(conn, who)
                now = override_grade(conn, user, merged_id, None if clear else value, reason=reason)
        except (ValueError, LookupError, CentreError) as exc:
            errors.print(str(exc), markup=False)
            raise typer.Exit(2) from exc
        console.print(f"{merged_id}: grade now {now.value}", markup=False)
    with store.engine.connect() as conn:
        for event in grade_events(conn, merged_id):
            shown = event.grade.value if event.grade else "(computed)"
            console.print(
                f"{event.at:%Y-%m-%d %H:%M} {event.kind:9} {shown:13} {event.by}: {event.why}",
                markup=False,
            )


@reference_app.command("import")
def reference_import(
    file: Annotated[Path, typer.Argument(help="The dataset file, e.g. airwars_syria_2016.csv.")],
    kind: Annotated[str, typer.Option(help="Dataset kind: airwars.")] = "airwars",
    db: DbOption = None,
) -> None:
    """Import a reference incident dataset (re-importing replaces the same codes)."""
    from trucewatch.corroborate.reference import import_reference, read_reference
    from trucewatch.store import open_store

    try:
        items = list(read_reference(file, kind))
    except (ValueError, OSError) as exc:
        errors.print(str(exc), markup=False)
        raise typer.Exit(2) from exc
    with open_store(db).transaction() as conn:
        n = import_reference(conn, items)
    console.print(f"reference import: {n} {kind} incidents from {file}", markup=False)


@reference_app.command("match")
def reference_match(
    show: Annotated[int, typer.Option(help="How many unmatched to list on each side.")] = 10,
    db: DbOption = None,
) -> None:
    """Link the stored merged incidents to reference incidents; print the match rate."""
    from trucewatch.corroborate.reference import load_reference, match_reference, save_links
    from trucewatch.corroborate.stage import load_merged
    from trucewatch.store import open_store

    store = open_store(db)
    with store.engine.connect() as conn:
        reference = load_reference(conn)
        merged = load_merged(conn)
    if not reference:
        errors.print("no reference incidents: run `trucewatch reference import` first")
        raise typer.Exit(1)
    if not merged:
        errors.print("no merged incidents: run `trucewatch corroborate` first")
        raise typer.Exit(1)
    report = match_reference(merged, reference)
    with store.transaction() as conn:
        save_links(conn, report.links)
    counts = report.as_dict()
    console.print(
        f"reference match: {counts['matched']} of {counts['in_scope']} in-scope incidents "
        f"matched ({100 * report.rate:.0f}%); {counts['unmatched_reference']} of "
        f"{counts['reference_in_period']} reference incidents in our period unmatched",
        markup=False,
    )
    for link in report.links[:show]:
        console.print(f"  {link.merged_id}: {link.reason}", markup=False)
    for mid in report.unmatched_ours[:show]:
        console.print(f"  unmatched ours: {mid}", markup=False)
    for rid in report.unmatched_reference[:show]:
        console.print(f"  unmatched reference: {rid}", markup=False)
