"""What readers yield: reports ready to store, or rejections bound for quarantine."""

from __future__ import annotations

from dataclasses import dataclass, field

from trucewatch.model.ids import content_hash, report_id
from trucewatch.model.report import Published, Report, Source

__all__ = ["Rejected", "ReportDraft", "content_hash", "finish", "report_id"]


@dataclass(frozen=True, slots=True)
class Rejected:
    """Input that could not be read as a report: where it was, why, and its bytes as received."""

    origin: str
    location: str  # "row 12", "line 3", or "file"
    reason: str
    raw: bytes = b""


@dataclass(slots=True)
class ReportDraft:
    """The fields a reader found; ``finish`` turns it into a Report with identity and date."""

    text: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as the input gave it (metadata), parsed in pubdate
    language: str | None = None
    origin: str | None = None
    row: int | None = None
    external_id: str | None = None
    annotations: dict[str, str] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    raw: bytes = b""


def finish(draft: ReportDraft, default_source: str = "unknown") -> Report:
    """Compute identity and publication time for a draft and freeze it into a Report."""
    from trucewatch.ingest.pubdate import resolve_published

    source = (draft.source or "").strip() or default_source
    digest = content_hash(draft.text)
    published: Published = resolve_published(draft.published, draft.url, draft.text)
    return Report(
        source=Source(source),
        text=draft.text,
        title=draft.title,
        url=draft.url,
        published=published,
        language=(draft.language or "en").strip() or "en",
        origin=draft.origin,
        row=draft.row,
        external_id=draft.external_id,
        annotations=dict(draft.annotations),
        repairs=tuple(draft.repairs),
        raw=draft.raw,
        content_hash=digest,
        id=report_id(source, digest),
    )
