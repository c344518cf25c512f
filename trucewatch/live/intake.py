"""Reports submitted by people (field monitors, parties, analysts) through the API or the form.

The same identity and dedupe as ingest: a report is its cleaned text plus its source, so the
same text from the same source twice is one report. What cannot be read as a report goes to
quarantine with the reason, as ingest does with a bad file. ``watch`` picks new reports up on its
next tick, like files dropped in a folder.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from trucewatch.centre.permissions import Action, require
from trucewatch.ingest.records import Rejected, finish
from trucewatch.ingest.text import draft_from_text
from trucewatch.model.centre import User
from trucewatch.store.live import list_feeds, utc
from trucewatch.store.reports import save_rejections, save_reports
from trucewatch.store.schema import reports

MAX_TEXT = 60_000  # characters: a long report fits; the request body cap stops more anyway


@dataclass
class Submission:
    """What a person submits: the report's text and what they know about it."""

    text: str
    title: str | None = None
    source: str | None = None  # who it comes from; default the submitting user
    url: str | None = None
    published: str | None = None  # a date or date-time as they give it
    attachments: Sequence[str] = field(default_factory=tuple)  # names only: files travel apart


@dataclass(frozen=True, slots=True)
class Submitted:
    """The outcome: ``new`` (stored), ``duplicate`` (already stored) or ``quarantined``."""

    status: str
    report_id: str | None = None
    reason: str | None = None


def submit_report(conn: Connection, user: User, submission: Submission) -> Submitted:
    """Store a submitted report once, or quarantine it with the reason it cannot be read."""
    require(user, Action.REPORT_SUBMIT)
    origin = f"submitted by {user.name}"
    raw = json.dumps(
        {k: v for k, v in vars(submission).items() if v}, default=list, ensure_ascii=False
    ).encode()
    problem = None
    if "\x00" in submission.text:
        problem = "the text holds NUL characters: binary data, not a report"
    elif len(submission.text) > MAX_TEXT:
        problem = f"the text is over {MAX_TEXT:,} characters"
    draft = draft_from_text(submission.text, origin, raw)
    if problem is None and not draft.text:
        problem = "no report text (empty, or only a URL)"
    if problem is not None:
        save_rejections(conn, [Rejected(origin, "submission", problem, raw)])
        return Submitted("quarantined", reason=problem)
    draft.title = (submission.title or "").strip() or None
    draft.source = (submission.source or "").strip() or user.name
    draft.url = (submission.url or "").strip() or draft.url
    draft.published = submission.published
    draft.annotations = {"submitted_by": user.name}
    if submission.attachments:
        draft.annotations["attachments"] = "; ".join(a.strip() for a in submission.attachments)
    report = finish(draft)
    new = save_reports(conn, [report])
    return Submitted("new" if new else "duplicate", report.id)


def live_status(conn: Connection, user: User) -> dict:
    """Feeds' health and the queues (reports waiting for the pipeline, alerts waiting to go)."""
    from trucewatch.store.alerts import pending_count, reports_awaiting_pipeline

    require(user, Action.LIVE_STATUS)
    latest = conn.execute(select(reports.c.ingested_at).order_by(reports.c.ingested_at.desc()))
    last = utc(latest.scalar())
    return {
        "feeds": [f.as_dict() for f in list_feeds(conn)],
        "queue": {
            "reports_awaiting_pipeline": reports_awaiting_pipeline(conn),
            "alerts_pending": pending_count(conn),
        },
        "last_report_at": last.isoformat() if last else None,
        "now": dt.datetime.now(dt.UTC).isoformat(),
    }
