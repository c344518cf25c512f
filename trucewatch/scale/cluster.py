"""Connecting to a Dask cluster, and mapping work over it in order with a bounded window."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a new local cluster of processes.

    The local cluster has ``workers`` single-threaded worker processes (default: one per core):
    extraction is pure Python, so threads would only contend for the GIL.
    """
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running cluster
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def window_size(client: Any) -> int:
    """How many partitions to keep in flight: two per worker thread keeps each one busy."""
    threads = sum(client.nthreads().values()) or 1
    return 2 * threads


def ordered_map(
    client: Any, fn: Callable[..., R], items: Iterable[T], *args: Any, window: int | None = None
) -> Iterator[tuple[T, R]]:
    """``fn(item, *args)`` on the cluster for each item, yielded in input order.

    At most ``window`` items are submitted and not yet collected, so the driver holds a bounded
    number of results however long ``items`` is (it is consumed lazily).
    """
    window = window or window_size(client)
    pending: deque[tuple[T, Any]] = deque()
    source = iter(items)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                break
            # pure=False: the same partition read twice in a run must really run twice.
            pending.append((item, client.submit(fn, item, *args, pure=False)))
        if not pending:
            return
        item, future = pending.popleft()
        result = future.result()
        future.release()
        yield item, result
