"""Getting a Dask client: a LocalCluster on this machine, or an existing scheduler.

A LocalCluster binds to loopback only, on ports the system picks (no dashboard, nothing
reachable from the network, nothing on a fixed port that another run could hold) and runs one
single-threaded worker process per requested worker. Worker processes are spawned
with this process's environment; when tolls is imported from a source tree rather than an
installed package, that tree is put first on the workers' ``PYTHONPATH`` so they run the same
code as the client.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dask
from distributed import Client, LocalCluster

import tolls
from tolls.errors import DistributedError, ErrorCode

__all__ = ["DEFAULT_TIMEOUT", "connect", "local_cluster"]

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for a scheduler to answer or for workers to join it."""


def _worker_env() -> dict[str, str]:
    root = Path(tolls.__file__).resolve().parent.parent
    if root.name in ("site-packages", "dist-packages"):
        return {}
    paths = [str(root), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    return {"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}


def local_cluster(workers: int, *, allowed_failures: int = 3) -> LocalCluster:
    """A loopback LocalCluster of ``workers`` single-threaded processes.

    ``allowed_failures`` is how many times the scheduler re-runs a task whose worker died
    before it gives up on it (Dask's ``distributed.scheduler.allowed-failures``).
    """
    if workers < 1:
        raise DistributedError(ErrorCode.E605, reason=f"workers must be >= 1, not {workers}")
    config = {
        # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers, which turns off glibc's
        # dynamic thresholds: spaCy then spends ~20% more time in malloc (bench/scale.py).
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }
    with dask.config.set(config):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={
                # dashboard_address=None only leaves the dashboard's pages out: the scheduler
                # still starts its HTTP server (health, metrics) and binds it to the fixed port
                # 8787, so a second LocalCluster on the machine (another run, a test's own
                # cluster) collided with the first. Any free loopback port instead.
                "dashboard": False,
                "dashboard_address": "127.0.0.1:0",
                # this scheduler's own setting, not the process-wide Dask config
                "allowed_failures": allowed_failures,
            },
            env=_worker_env(),
        )


@contextmanager
def connect(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    retries: int = 2,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Client]:
    """A client on a new LocalCluster (``workers=N``, closed on exit) or on a running scheduler
    (``scheduler="tcp://HOST:PORT"``, left running on exit)."""
    if (workers is None) == (scheduler is None):
        raise DistributedError(ErrorCode.E605, reason="give either workers=N or scheduler=ADDRESS, not both")
    if workers is not None:
        cluster = local_cluster(workers, allowed_failures=retries)
        try:
            with Client(cluster, set_as_default=False) as client:
                client.wait_for_workers(workers, timeout=timeout)
                yield client
        finally:
            cluster.close()
        return
    assert scheduler is not None
    try:
        client = Client(scheduler, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise DistributedError(
            ErrorCode.E602, address=scheduler, reason=str(exc) or type(exc).__name__
        ) from exc
    with client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError as exc:
            raise DistributedError(ErrorCode.E603, address=scheduler, timeout=timeout) from exc
        yield client
