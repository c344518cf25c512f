"""What corroboration found about one event, for its page: the values its reports were compared
on (side by side) and the reference-dataset incidents it matched.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from trucewatch.store.corroboration_tables import (
    claim_comparisons,
    reference_incidents,
    reference_links,
)


def event_corroboration(conn: Connection, event_id: str) -> dict:
    """The comparisons about an event and its reference-dataset matches."""
    return {"comparisons": _comparisons(conn, event_id), "references": _references(conn, event_id)}


def _comparisons(conn: Connection, event_id: str) -> list[dict]:
    """Comparisons about this event: tolls and perpetrators side by side, and claims whose topic
    it is. Subjects name the event id followed by a space or nothing."""
    query = (
        select(claim_comparisons)
        .where(claim_comparisons.c.subject.contains(event_id, autoescape=True))
        .order_by(claim_comparisons.c.id)
    )
    out = []
    for r in conn.execute(query).mappings():
        subject: str = r["subject"]
        end = subject.index(event_id) + len(event_id)
        if end == len(subject) or subject[end] == " ":  # "e-a-1" must not match "e-a-10"
            out.append(dict(r))
    return out


def _references(conn: Connection, event_id: str) -> list[dict]:
    """Reference-dataset incidents (e.g. Airwars) linked to this event, best first."""
    query = (
        select(
            reference_incidents.c.id,
            reference_incidents.c.dataset,
            reference_incidents.c.code,
            reference_incidents.c.date,
            reference_incidents.c.location,
            reference_incidents.c.belligerents,
            reference_incidents.c.killed_min,
            reference_incidents.c.killed_max,
            reference_incidents.c.grade,
            reference_incidents.c.url,
            reference_links.c.days_apart,
            reference_links.c.km_apart,
            reference_links.c.score,
            reference_links.c.reason,
        )
        .join(reference_incidents, reference_incidents.c.id == reference_links.c.reference_id)
        .where(reference_links.c.event_id == event_id)
        .order_by(reference_links.c.score.desc(), reference_incidents.c.id)
    )
    return [dict(r) for r in conn.execute(query).mappings()]
