"""Reports made from passages we wrote, the one way the extraction tests build them."""

from __future__ import annotations

import datetime as dt

from trucewatch.model.report import Published, PublishedBasis, Report, Source


def passage(text: str, published: dt.date | None, title: str | None = None) -> Report:
    """A report of ``text`` published on ``published`` (unknown when None), id ``r1``."""
    pub = Published(PublishedBasis.METADATA, date=published) if published else Published.unknown()
    return Report(source=Source("test"), text=text, title=title, published=pub, id="r1")
