"""LSH buckets found by sorting each band are the buckets datasketch's ``MinHashLSH`` keeps
(issue 14: reuse detection dropped per-passage insertion for speed and must find the same
candidates)."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from trucewatch.corroborate.lsh import _bands, _buckets


def _datasketch_buckets(signatures: np.ndarray, threshold: float) -> list[set[tuple[int, ...]]]:
    lsh = MinHashLSH(threshold=threshold, num_perm=signatures.shape[1])
    for p, row in enumerate(signatures):
        lsh.insert(p, LeanMinHash(seed=1, hashvalues=row, scheme="affine32"))
    return [
        {tuple(sorted(table.get(k))) for k, n in table.itemcounts().items() if n > 1}
        for table in lsh.hashtables
    ]


def test_sorted_bands_give_datasketchs_buckets() -> None:
    rng = np.random.default_rng(7)
    # Few distinct values, so many passages agree on whole bands and some on all of them.
    signatures = rng.integers(0, 3, size=(400, 64), dtype=np.uint32)
    signatures[50:60] = signatures[5]  # ten copies of one passage
    ours = [
        {tuple(group) for group in _buckets(signatures[:, lo:hi])} for lo, hi in _bands(0.5, 64)
    ]
    assert ours == _datasketch_buckets(signatures, 0.5)
    assert any(len(bucket) >= 11 for band in ours for bucket in band)


def test_no_shared_band_gives_no_bucket() -> None:
    signatures = np.arange(5 * 64, dtype=np.uint32).reshape(5, 64)
    assert all(_buckets(signatures[:, lo:hi]) == [] for lo, hi in _bands(0.5, 64))
    assert _buckets(signatures[:0, :4]) == []
