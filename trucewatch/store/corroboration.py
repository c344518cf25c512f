"""Corroboration's derived results in the store: reuse clusters, the reuse index and the claims
ledger.

Clusters and comparisons are rebuilt by every corroboration run (replaced in its transaction);
the reuse index is brought up to date (what the run added written, what no longer applies
deleted). Events live in :mod:`trucewatch.store.events`, the grade history in
:mod:`trucewatch.store.grades`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, delete, select, tuple_

from trucewatch.corroborate.reuse_index import IndexedDoc, ReuseIndex
from trucewatch.store.corroboration_tables import (
    claim_comparisons,
    reuse_clusters,
    reuse_members,
    reuse_passages,
)
from trucewatch.store.reuse_index_tables import reuse_index_docs, reuse_index_pairs

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


def load_reuse_index(conn: Connection, scheme: str) -> ReuseIndex:
    """The stored reuse index made under ``scheme`` (entries made another way are left out)."""
    index = ReuseIndex(scheme)
    docs = select(reuse_index_docs).where(reuse_index_docs.c.scheme == scheme)
    for row in conn.execute(docs):
        passages = np.frombuffer(row.passages, dtype="<i4")
        signatures = np.frombuffer(row.signatures, dtype="<u4").astype(np.uint32)
        index.docs[row.report_id] = IndexedDoc(
            row.text_hash,
            np.frombuffer(row.outline, dtype="<i4").reshape(-1, 3),
            passages,
            signatures.reshape(len(passages), -1) if len(passages) else signatures.reshape(0, 0),
        )
    pairs = select(reuse_index_pairs).where(reuse_index_pairs.c.scheme == scheme)
    for row in conn.execute(pairs):
        seeds = tuple((int(i), int(j)) for i, j in row.seeds)
        matches = tuple((int(i), int(j), float(s)) for i, j, s in row.matches)
        index.pairs[(row.a_report_id, row.b_report_id)] = (seeds, matches)
    return index


def save_reuse_index(conn: Connection, index: ReuseIndex, report_ids: Collection[str]) -> None:
    """Bring the stored reuse index up to date after a run over ``report_ids``: write what the
    run added, delete entries of reports no longer read, pairs no longer candidates and entries
    made another way; call inside a transaction."""
    conn.execute(delete(reuse_index_docs).where(reuse_index_docs.c.scheme != index.scheme))
    conn.execute(delete(reuse_index_pairs).where(reuse_index_pairs.c.scheme != index.scheme))
    present = set(report_ids)
    stale = [r for r in index.docs if r not in present or r in index.added_docs]
    _delete_keys(conn, reuse_index_docs, [reuse_index_docs.c.report_id], [(r,) for r in stale])
    added = [r for r in sorted(index.added_docs) if r in present]
    for start in range(0, len(added), 200):
        conn.execute(
            reuse_index_docs.insert(),
            [_doc_row(r, index.docs[r], index.scheme) for r in added[start : start + 200]],
        )
    keys = [reuse_index_pairs.c.a_report_id, reuse_index_pairs.c.b_report_id]
    live = {p for p in index.used_pairs if p[0] in present and p[1] in present}
    gone = [p for p in index.pairs if p not in live or p in index.added_pairs]
    _delete_keys(conn, reuse_index_pairs, keys, gone)
    rows = [
        {
            "a_report_id": a,
            "b_report_id": b,
            "scheme": index.scheme,
            "seeds": [list(s) for s in index.pairs[(a, b)][0]],
            "matches": [list(m) for m in index.pairs[(a, b)][1]],
        }
        for a, b in sorted(index.added_pairs & live)
    ]
    if rows:
        conn.execute(reuse_index_pairs.insert(), rows)


def _doc_row(report_id: str, entry: IndexedDoc, scheme: str) -> dict:
    return {
        "report_id": report_id,
        "scheme": scheme,
        "text_hash": entry.text_hash,
        "outline": np.ascontiguousarray(entry.outline, dtype="<i4").tobytes(),
        "passages": np.ascontiguousarray(entry.passages, dtype="<i4").tobytes(),
        "signatures": np.ascontiguousarray(entry.signatures, dtype="<u4").tobytes(),
    }


def _delete_keys(conn: Connection, table, columns: list, keys: Sequence[tuple]) -> None:
    """Delete the rows of ``table`` whose ``columns`` hold one of ``keys``, in chunks."""
    for start in range(0, len(keys), 400):
        chunk = list(keys[start : start + 400])
        if len(columns) == 1:
            conn.execute(delete(table).where(columns[0].in_([k[0] for k in chunk])))
        else:
            conn.execute(delete(table).where(tuple_(*columns).in_(chunk)))
