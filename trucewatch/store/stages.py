"""The ledger of stage runs: what each stage last worked on, so ``trucewatch run`` knows what is
stale.

A stage is due when it never ran, when an earlier stage marked it stale (``--redo`` replaced
its input), or when the fingerprint of its inputs changed since its last run. Fingerprints are
hashes over the stored rows a stage reads (and, for adjudication, the agreement files, the
accessions the centre recorded and the analysts' corrections), so they need no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from trucewatch.store.schema import stage_runs, stage_state

# The stages ``trucewatch run`` runs, in order (ingest reads files, so it is run on its own).
STAGES = ("extract", "corroborate", "adjudicate")


@dataclass(frozen=True, slots=True)
class StageRun:
    """One finished run of a stage, as the ledger keeps it."""

    stage: str
    version: str
    input_hash: str
    options: dict[str, Any]
    summary: dict[str, Any]
    started_at: dt.datetime
    finished_at: dt.datetime | None


def later_stages(stage: str) -> tuple[str, ...]:
    """The stages that read what ``stage`` writes."""
    return STAGES[STAGES.index(stage) + 1 :] if stage in STAGES else STAGES


def record_run(
    conn: Connection,
    stage: str,
    *,
    version: str,
    input_hash: str,
    started_at: dt.datetime,
    options: dict[str, Any] | None = None,
    summary: dict[str, Any] | None = None,
) -> None:
    """Record a finished run of ``stage`` and clear its stale mark; call inside a transaction."""
    now = dt.datetime.now(dt.UTC)
    conn.execute(
        stage_runs.insert().values(
            stage=stage,
            version=version,
            input_hash=input_hash,
            options=options or {},
            summary=json.loads(json.dumps(summary or {}, default=str)),
            started_at=started_at,
            finished_at=now,
        )
    )
    _set_state(conn, stage, stale=False, reason=None, at=now)


def mark_stale(conn: Connection, stages: Iterable[str], reason: str) -> None:
    """Mark ``stages`` stale with the reason; call inside a transaction."""
    now = dt.datetime.now(dt.UTC)
    for stage in stages:
        _set_state(conn, stage, stale=True, reason=reason, at=now)


def _set_state(conn: Connection, stage: str, *, stale: bool, reason: str | None, at: dt.datetime):
    values = {"stale": stale, "reason": reason, "marked_at": at}
    updated = conn.execute(
        stage_state.update().where(stage_state.c.stage == stage).values(**values)
    )
    if not updated.rowcount:
        conn.execute(stage_state.insert().values(stage=stage, **values))


def stale_reason(conn: Connection, stage: str) -> str | None:
    """Why ``stage`` is marked stale, or None when it is not."""
    row = conn.execute(select(stage_state).where(stage_state.c.stage == stage)).first()
    return (row.reason or "marked stale") if row is not None and row.stale else None


def last_run(conn: Connection, stage: str) -> StageRun | None:
    """The newest finished run of ``stage``, or None."""
    row = conn.execute(
        select(stage_runs)
        .where(stage_runs.c.stage == stage, stage_runs.c.finished_at.is_not(None))
        .order_by(stage_runs.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _stage_run(row)


def _stage_run(row: Any) -> StageRun:
    return StageRun(
        row.stage,
        row.version,
        row.input_hash,
        dict(row.options or {}),
        dict(row.summary or {}),
        row.started_at,
        row.finished_at,
    )


# --- fingerprints ---------------------------------------------------------------------------


def _feed(digest: Any, value: object) -> None:
    digest.update(repr(value).encode("utf-8"))
    digest.update(b"\x1e")


def table_fingerprint(
    conn: Connection, table: Table, *, skip: Sequence[str] = (), digest: Any = None
) -> str:
    """A hash of every row of ``table`` in key order, leaving out the ``skip`` columns (times
    of writing, which change on a re-run that changes nothing)."""
    digest = digest or hashlib.sha256()
    columns = [c for c in table.c if c.name not in skip]
    keys = list(table.primary_key.columns) or columns
    for row in conn.execute(select(*columns).order_by(*keys)).yield_per(5000):
        _feed(digest, tuple(row))
    _feed(digest, table.name)
    return digest.hexdigest()


def files_fingerprint(folder: Path, digest: Any = None) -> str:
    """A hash of the YAML files under ``folder`` (names and bytes)."""
    digest = digest or hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in {".yaml", ".yml"}:
            _feed(digest, str(path.relative_to(folder)))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def corroborate_input_hash(conn: Connection) -> str:
    """What corroboration reads: reports (text, source, publication), incidents and claims."""
    from trucewatch.store.schema import claims, incidents, mentions, reports

    digest = hashlib.sha256()
    query = select(
        reports.c.id,
        reports.c.content_hash,
        reports.c.source_id,
        reports.c.published_date,
        reports.c.published_earliest,
        reports.c.published_latest,
    ).order_by(reports.c.id)
    for row in conn.execute(query).yield_per(5000):
        _feed(digest, tuple(row))
    table_fingerprint(conn, incidents, skip=("extracted_at",), digest=digest)
    table_fingerprint(conn, claims, digest=digest)
    table_fingerprint(conn, mentions, skip=("id",), digest=digest)
    return digest.hexdigest()


def adjudicate_input_hash(conn: Connection, agreements: Path) -> str:
    """What adjudication reads: the events, the agreement files, the accessions the centre
    recorded and the analysts' corrections (grade overrides, verdicts on incidents, reviews)."""
    from trucewatch.store.corroboration_tables import event_members, events

    digest = hashlib.sha256()
    table_fingerprint(conn, events, skip=("corroborated_at",), digest=digest)
    table_fingerprint(conn, event_members, digest=digest)
    _feed(digest, adjudicate_context_hash(conn, agreements))
    return digest.hexdigest()


def adjudicate_context_hash(conn: Connection, agreements: Path) -> str:
    """What adjudication reads besides the events corroboration writes: the agreement files,
    the accessions the centre recorded and what analysts set by hand (grade overrides,
    corrections of events' values, verdicts on incidents, reviews). When it is unchanged since
    the last adjudication, only events corroboration wrote since then need ruling again."""
    from trucewatch.store.centre_tables import incident_grades, ruling_reviews
    from trucewatch.store.correction_tables import corrections
    from trucewatch.store.corroboration_tables import grade_history

    digest = hashlib.sha256()
    overrides = select(grade_history).where(grade_history.c.kind != "computed")
    for row in conn.execute(overrides.order_by(grade_history.c.id)):
        _feed(digest, tuple(row))
    table_fingerprint(conn, incident_grades, digest=digest)
    table_fingerprint(conn, ruling_reviews, digest=digest)
    table_fingerprint(conn, corrections, digest=digest)
    _accessions(conn, digest)
    files_fingerprint(agreements, digest)
    return digest.hexdigest()


def runs_since(conn: Connection, stage: str, since: str) -> list[StageRun] | None:
    """The finished runs of ``stage`` after the newest finished run of ``since``, oldest first
    (None when ``since`` never ran)."""
    anchor = conn.execute(
        select(stage_runs.c.id)
        .where(stage_runs.c.stage == since, stage_runs.c.finished_at.is_not(None))
        .order_by(stage_runs.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if anchor is None:
        return None
    rows = conn.execute(
        select(stage_runs)
        .where(
            stage_runs.c.stage == stage,
            stage_runs.c.finished_at.is_not(None),
            stage_runs.c.id > anchor,
        )
        .order_by(stage_runs.c.id)
    )
    return [_stage_run(row) for row in rows]


def _accessions(conn: Connection, digest: Any) -> None:
    from trucewatch.centre.parties import accessions_in_force

    for accession in accessions_in_force(conn):
        _feed(digest, accession)
