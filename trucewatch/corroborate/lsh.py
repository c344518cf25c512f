"""LSH buckets of passage signatures, and the report pairs they propose (``reuse`` step 1).

A bucket is the passages whose MinHash signatures agree on every row of one band, bands and rows
per band as datasketch's ``MinHashLSH`` chooses them for a Jaccard threshold: the same buckets
its hash tables hold, found by sorting each band with numpy instead of inserting passages one by
one. Pure, no I/O.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from datasketch import MinHashLSH

_CROWDED_BUCKET_REPORTS = 50  # an LSH bucket with passages of more reports is boilerplate


def _bands(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    """The signature columns [start, end) of each LSH band: datasketch's optimum number of
    bands and rows per band for ``threshold`` and ``num_perm``, bands side by side."""
    optimum = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return [(i * optimum.r, (i + 1) * optimum.r) for i in range(optimum.b)]


def _buckets(band: np.ndarray) -> list[list[int]]:
    """Rows of ``band`` (passages' signature columns of one band) grouped by equal values, the
    groups of two or more only, each in row order: the buckets of one LSH hash table."""
    if not len(band):
        return []
    rows = np.ascontiguousarray(band)
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    shared = counts[inverse] > 1
    rows_of = np.flatnonzero(shared)
    order = rows_of[np.argsort(inverse[rows_of], kind="stable")]
    sizes = counts[counts > 1]
    if not len(sizes):
        return []
    return [group.tolist() for group in np.split(order, np.cumsum(sizes)[:-1])]


def candidate_pairs(
    passage_doc: np.ndarray,
    passage_seg: np.ndarray,
    signatures: np.ndarray,
    threshold: float,
    num_perm: int,
    common_passage_reports: int,
) -> tuple[dict[tuple[int, int], set[tuple[int, int]]], set[tuple[int, int]]]:
    """Pairs of documents whose passages share an LSH bucket, with the segment pairs that did.

    A bucket is the passages whose signatures agree on every row of one band (what datasketch's
    ``MinHashLSH`` keys its hash tables by), found by sorting the band's values with numpy
    rather than by inserting passages one by one: the same buckets, a tenth of the time.
    Also returns the (document, segment) passages of *crowded* buckets: a bucket holding passages
    of many reports is boilerplate, and enumerating its pairs would cost quadratic time.
    """
    docs = passage_doc.tolist()
    segs = passage_seg.tolist()
    crowd_limit = max(_CROWDED_BUCKET_REPORTS, common_passage_reports + 1)
    candidates: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    crowded: set[tuple[int, int]] = set()
    for lo, hi in _bands(threshold, num_perm):
        for members in _buckets(signatures[:, lo:hi]):
            if len({docs[p] for p in members}) > crowd_limit:
                crowded.update((docs[p], segs[p]) for p in members)
                continue
            for x, p in enumerate(members):
                for q in members[x + 1 :]:
                    dp, dq = docs[p], docs[q]
                    if dp == dq:
                        continue
                    if dp < dq:
                        candidates[(dp, dq)].add((segs[p], segs[q]))
                    else:
                        candidates[(dq, dp)].add((segs[q], segs[p]))
    return candidates, crowded
