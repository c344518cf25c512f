"""Connecting to a Dask cluster, readying its workers, and mapping work over it in order with a
bounded window."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

T = TypeVar("T")
R = TypeVar("R")

# What a worker extracts once before its first partition: a short report that reaches every
# component (a place, a date, a toll, an attack), so whatever they load on first use is loaded.
WARM_UP_PASSAGE = "Rockets struck a market in Douma on Monday, killing four civilians, medics said."

# Dask's own bookkeeping, slowed down on the clusters we start. By default every worker samples
# its busy thread's stack every 10 ms for the dashboard's profile (taking the GIL from the
# extraction each time), and every process wakes every 20 ms to time its event loop. Measured on
# 800 reports: 5.2 s of worker CPU with the defaults, 4.8 s without (-8 %), and half the
# driver's; on 2 cores that CPU is taken straight from extraction.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator[Any]:
    """A new local cluster of ``workers`` single-threaded worker processes (default: one per core).

    Extraction is pure Python, so threads in one worker would only contend for the GIL; separate
    processes each build the pipeline once (``PipelineLoader``) and keep it for every partition.
    """
    # Worker processes are spawned with the configuration in force here, so they inherit it.
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running cluster
        ) as cluster,
    ):
        yield cluster


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a new ``local_cluster(workers)``."""
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client


def warm_pipeline() -> None:
    """Build this process's extraction pipeline and run it on one passage.

    The pipeline is cached per process; the gazetteers and lexicons its components read load on
    first use (about 0.4 s). Doing both before any partition arrives keeps that cost out of the
    first task of every worker.
    """
    from trucewatch.extract import extract_many
    from trucewatch.model.report import Report, Source

    list(extract_many([Report(source=Source("warm-up"), text=WARM_UP_PASSAGE)]))


class PipelineLoader(WorkerPlugin):
    """Readies the extraction pipeline on every worker once, as it joins the cluster.

    Registered by ``extract_dask``: workers present then are readied at registration, workers
    that join later (an adaptive or remote cluster) as they start. Registering again is cheap:
    the pipeline is already cached in each worker process.
    """

    name = "trucewatch-pipeline"

    def setup(self, worker: Any) -> None:
        """Called by Dask in each worker process."""
        warm_pipeline()


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
