"""Plain-text reports: one file, one report. A URL alone on the first line is the report's URL."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from trucewatch.ingest.decode import BinaryInput, decode_bytes
from trucewatch.ingest.records import Rejected, ReportDraft

_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_COUNTER_LINE = re.compile(r"^\s*\d[\d.,]*[kKmM]?\s*$")  # share/like counts pasted after a URL
# Page furniture that copy-paste from news sites drags along; never report text.
_BOILERPLATE = frozenset(
    {"share", "advertisement", "listen more:", "read more", "read more:", "click here", "print"}
)


def draft_from_text(text: str, origin: str, raw: bytes) -> ReportDraft:
    """Split a pasted report into URL, body and dropped page furniture."""
    repairs: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    url = None
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and (match := _URL_LINE.match(lines[0])):
        url = match[1]
        lines.pop(0)
        counters = []
        while lines and (_COUNTER_LINE.match(lines[0]) or not lines[0].strip()):
            if lines[0].strip():
                counters.append(lines[0].strip())
            lines.pop(0)
        if counters:
            repairs.append(f"dropped counters after the URL line: {', '.join(counters)}")
    dropped: Counter[str] = Counter()
    kept = []
    for line in lines:
        if line.strip().lower() in _BOILERPLATE:
            dropped[line.strip()] += 1
        else:
            kept.append(line)
    if dropped:
        shown = ", ".join(f"{k!r}×{n}" for k, n in sorted(dropped.items()))
        repairs.append(f"dropped page furniture lines: {shown}")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return ReportDraft(text=body, url=url, origin=origin, raw=raw, repairs=repairs)


def read_text(data: bytes, origin: str) -> Iterator[ReportDraft | Rejected]:
    """Read one plain-text file."""
    try:
        decoded = decode_bytes(data)
    except BinaryInput as exc:
        yield Rejected(origin, "file", str(exc), data)
        return
    draft = draft_from_text(decoded.text, origin, data)
    draft.repairs[:0] = decoded.repairs
    if not draft.text:
        yield Rejected(origin, "file", "no report text (file is empty or only a URL)", data)
        return
    yield draft
