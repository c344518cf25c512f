"""Report text with its evidence spans highlighted: built on the server from stored offsets.

Every piece of report text is HTML-escaped before it is wrapped, so a report that contains
markup shows it as text; the only tags in the result are the ``<mark>`` elements added here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Highlighted:
    """The marked-up text, and the spans that could not be placed (offsets off the text)."""

    html: Markup
    placed: int
    skipped: int


def highlight(text: str, spans: Iterable[Mapping]) -> Highlighted:
    """Wrap each span ``{start, end, field}`` of ``text`` in ``<mark>``; overlaps are merged.

    A span whose offsets fall outside the text, or whose stored ``text`` (when given) differs
    from the text at those offsets, is skipped and counted: stale offsets must not mark the
    wrong words.
    """
    good: list[tuple[int, int, str]] = []
    boundaries = {0, len(text)}
    placed = skipped = 0
    for span in spans:
        start, end = int(span["start"]), int(span["end"])
        quoted = span.get("text")
        if not 0 <= start < end <= len(text) or (quoted is not None and text[start:end] != quoted):
            skipped += 1
            continue
        placed += 1
        boundaries.update((start, end))
        good.append((start, end, str(span.get("field") or "")))
    cuts = sorted(boundaries)
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        covering = [f for start, end, f in good if start <= a and b <= end]
        if covering:
            names = " ".join(sorted({f for f in covering if f}))
            parts.append(
                f'<mark data-field="{escape(names)}" title="{escape(names)}">{piece}</mark>'
            )
        else:
            parts.append(str(piece))
    return Highlighted(Markup("".join(parts)), placed, skipped)
