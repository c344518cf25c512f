"""HTML pages: the main text, title, URL and published date, via trafilatura.

Scripts, styles and page furniture never reach the stored text: trafilatura keeps only the article.
"""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from trucewatch.ingest.decode import BinaryInput, decode_bytes
from trucewatch.ingest.records import Rejected, ReportDraft

# htmldate's extensive search guesses dates from body text and file times; we take only what the
# page states in its metadata and leave text dates to our own, explained, inference.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, origin: str) -> Iterator[ReportDraft | Rejected]:
    """Read one HTML page as one report."""
    try:
        decoded = decode_bytes(data)
    except BinaryInput as exc:
        yield Rejected(origin, "file", str(exc), data)
        return
    try:
        doc = trafilatura.bare_extraction(
            decoded.text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a parser crash on hostile HTML is a rejection, not a crash
        yield Rejected(origin, "file", f"HTML could not be parsed: {exc}", data)
        return
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        yield Rejected(origin, "file", "no article text found in the HTML page", data)
        return
    yield ReportDraft(
        text=text,
        title=doc.title,
        url=doc.url,
        published=doc.date,
        language=doc.language,
        source=doc.sitename or doc.hostname,
        origin=origin,
        raw=data,
        repairs=list(decoded.repairs),
    )
