"""The reuse index's tables (issue 14), on the store's one ``metadata``.

Derived, like reuse clusters: what reuse detection computed for each report (its segments'
outline, indexed passages and MinHash signatures) and for each pair of reports that shared an LSH
bucket (seeds and matched sentences), so that a run after new reports works on them alone
(``corroborate.reuse_index``). Deleting every row only makes the next run compute it all again.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, LargeBinary, String, Table

from trucewatch.store.schema import metadata

reuse_index_docs = Table(
    "reuse_index_docs",
    metadata,
    Column("report_id", String(32), primary_key=True),
    Column("scheme", String(80), nullable=False),  # parameters and code (reuse_index)
    Column("text_hash", String(64), nullable=False),  # the text it was made from
    Column("outline", LargeBinary, nullable=False),  # int32 (n, 3): start, end, tokens
    Column("passages", LargeBinary, nullable=False),  # int32: segments indexed as passages
    Column("signatures", LargeBinary, nullable=False),  # uint32 (passages, num_perm)
)

reuse_index_pairs = Table(
    "reuse_index_pairs",
    metadata,
    Column("a_report_id", String(32), primary_key=True),
    Column("b_report_id", String(32), primary_key=True),
    Column("scheme", String(80), nullable=False),
    Column("seeds", JSON, nullable=False),  # [[segment of a, segment of b], ...]
    Column("matches", JSON, nullable=False),  # [[segment of a, segment of b, similarity], ...]
)
