"""Dates and times in the report, resolved against its publication date (``doc._.anchor``).

The resolving itself lives in :mod:`trucewatch.extract.dates`; this component only runs it on
the doc and stores the mentions, so that the incident assembler can take the date nearest each
trigger.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.spans import doc_text


@Language.component(
    "tw_dates", requires=["doc._.anchor", "doc._.anchor_range"], assigns=["doc._.dates"]
)
def dates_component(doc: Doc) -> Doc:
    """Store date mentions on ``doc._.dates`` (sorted by position)."""
    from trucewatch.extract.dates import find_dates

    found = find_dates(doc_text(doc), doc._.anchor, anchor_range=doc._.anchor_range)
    doc._.dates = sorted(found, key=lambda d: d.start)
    return doc
