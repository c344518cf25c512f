"""Identities derived from content, defined once: re-running a stage gives the same ids.

A report is its normalised text plus its source. An incident is its report, its type and the
span of text that anchors it (the words that name what happened), never its position in the
report: re-extraction keeps an analyst's grade on the incident it was given to, and a change in
what anchors it gives a new id instead of silently re-attaching the grade. An event is named by
its earliest member, so reports joining it later do not rename it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with Unicode and whitespace normalised, so re-encoded copies match."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def report_id(source: str, digest: str) -> str:
    """A report's identity: its normalised content hash plus its source."""
    return hashlib.sha256(f"{source}\n{digest}".encode()).hexdigest()[:24]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


def incident_id(report_id: str, kind: str, anchor: Iterable[tuple[int, int]]) -> str:
    """An incident's identity: its report, its type and the spans that anchor it.

    ``anchor`` is the character spans of the words naming what happened (the ``type`` mentions;
    all mentions when there is none). Two incidents of one report with the same anchor are told
    apart by :func:`unique_ids`.
    """
    spans = ",".join(f"{s}-{e}" for s, e in sorted(anchor))
    return f"{report_id}-{_digest(kind, spans)}"


def claim_id(report_id: str, anchor: Iterable[tuple[int, int]], unit: str) -> str:
    """A claim's identity: its report, the spans of its number and its unit."""
    spans = ",".join(f"{s}-{e}" for s, e in sorted(anchor))
    return f"{report_id}-c{_digest(unit, spans)}"


def event_id(earliest_member: str) -> str:
    """An event's identity: its earliest member incident's id (stable while that member stays)."""
    return f"e-{earliest_member}"


def unique_ids(ids: Iterable[str]) -> list[str]:
    """The ids in order, a repeat given a ``~2``, ``~3`` suffix (same anchor, same report)."""
    seen: dict[str, int] = {}
    out = []
    for ident in ids:
        seen[ident] = seen.get(ident, 0) + 1
        out.append(ident if seen[ident] == 1 else f"{ident}~{seen[ident]}")
    return out
