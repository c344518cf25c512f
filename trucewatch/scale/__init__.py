"""Scale: archive backfills on a Dask cluster (issue 9).

``ingest_dask`` and ``extract_dask`` do what ``trucewatch ingest`` and ``trucewatch extract`` do,
with partitions of the work spread over Dask workers and the results written in bulk.
"""

from __future__ import annotations

from trucewatch.scale.engine import extract_dask, ingest_dask

__all__ = ["extract_dask", "ingest_dask"]
