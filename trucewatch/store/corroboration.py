"""Corroboration's derived results in the store: reuse clusters and the claims ledger.

Both are rebuilt by every corroboration run (replaced in its transaction); events live in
:mod:`trucewatch.store.events`, the grade history in :mod:`trucewatch.store.grades`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete

from trucewatch.store.corroboration_tables import (
    claim_comparisons,
    reuse_clusters,
    reuse_members,
    reuse_passages,
)

if TYPE_CHECKING:
    from trucewatch.corroborate.claims import Comparison
    from trucewatch.corroborate.reuse import ReuseCluster


def replace_reuse_clusters(conn: Connection, clusters: Sequence[ReuseCluster]) -> None:
    """Replace every stored reuse cluster, its members and shared passages; in a transaction."""
    for table in (reuse_passages, reuse_members, reuse_clusters):
        conn.execute(delete(table))
    for c in clusters:
        cid = f"r-{c.original}"
        conn.execute(
            reuse_clusters.insert().values(
                id=cid,
                original_report_id=c.original,
                original_reason=c.original_reason,
                size=len(c.members),
            )
        )
        conn.execute(
            reuse_members.insert(),
            [
                {"report_id": r, "cluster_id": cid, "is_original": int(r == c.original)}
                for r in c.members
            ],
        )
        if c.shared:
            conn.execute(
                reuse_passages.insert(),
                [
                    {
                        "cluster_id": cid,
                        "a_report_id": s.a,
                        "b_report_id": s.b,
                        "a_start": s.a_span[0],
                        "a_end": s.a_span[1],
                        "b_start": s.b_span[0],
                        "b_end": s.b_span[1],
                        "similarity": s.similarity,
                        "text": s.text,
                    }
                    for s in c.shared
                ],
            )


def replace_comparisons(conn: Connection, comparisons: Sequence[Comparison]) -> None:
    """Replace the claims ledger's comparisons; call inside a transaction."""
    conn.execute(delete(claim_comparisons))
    if comparisons:
        conn.execute(
            claim_comparisons.insert(),
            [
                {
                    "kind": c.kind,
                    "subject": c.subject,
                    "verdict": c.verdict,
                    "items": [
                        {
                            "value": i.value,
                            "claimant": i.claimant,
                            "report": i.report_id,
                            "text": i.text,
                        }
                        for i in c.items
                    ],
                    "explanation": c.explanation,
                }
                for c in comparisons
            ],
        )
