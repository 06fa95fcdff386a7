"""Distributed extraction on Dask: a LocalCluster on a laptop, or a multi-machine cluster.

See ``docs/distributed.md``. The one entry point is :func:`extract_on_cluster`; the CLI's
``tolls extract --workers N`` / ``--scheduler ADDRESS`` call it.
"""

from tolls.distributed.cluster import DEFAULT_TIMEOUT, connect, local_cluster
from tolls.distributed.runner import DEFAULT_CHUNK_SIZE, DEFAULT_RETRIES, extract_on_cluster

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "connect",
    "extract_on_cluster",
    "local_cluster",
]
