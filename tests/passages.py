"""Reports made from passages we wrote, the one way the extraction tests build them."""

from __future__ import annotations

import datetime as dt

from trucewatch.extract import extract
from trucewatch.model.incident import Claim, Incident
from trucewatch.model.report import Published, PublishedBasis, Report, Source


def passage(text: str, published: dt.date | None, title: str | None = None) -> Report:
    """A report of ``text`` published on ``published`` (unknown when None), id ``r1``."""
    pub = Published(PublishedBasis.METADATA, date=published) if published else Published.unknown()
    return Report(source=Source("test"), text=text, title=title, published=pub, id="r1")


def passage_incidents(
    text: str, published: dt.date | None, title: str | None = None
) -> list[Incident]:
    """The incidents extracted from a passage."""
    return list(extract(passage(text, published, title)).incidents)


def passage_claims(text: str, published: dt.date | None, title: str | None = None) -> list[Claim]:
    """The claims extracted from a passage."""
    return list(extract(passage(text, published, title)).claims)


def main_incident(text: str, published: dt.date | None, title: str | None = None) -> Incident:
    """The passage's main incident (fails when none is flagged)."""
    return next(i for i in passage_incidents(text, published, title) if i.main)


def killed_point(incident: Incident) -> int | None:
    """The incident's killed figure as one number: its best, else its low."""
    k = incident.killed
    return k.best if k.best is not None else k.low


def passage_claimant(text: str, quantity: float, published: dt.date | None) -> str | None:
    """Who the passage's claim of ``quantity`` is attributed to (fails when it has none)."""
    claims = passage_claims(text, published)
    found = [c for c in claims if c.quantity == quantity]
    assert found, f"no claim of {quantity} in {[(c.claimant, c.quantity) for c in claims]}"
    return found[0].claimant
