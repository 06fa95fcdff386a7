"""Killing a Dask worker while it extracts a chunk, for the fault tests."""

from __future__ import annotations

import os
import signal

from distributed import Client, Worker


def _sigkill_if_extracting(dask_worker: Worker) -> bool:
    """Run on a worker: SIGKILL itself if it is extracting a chunk just now."""
    if dask_worker.state.executing_count:
        os.kill(os.getpid(), signal.SIGKILL)
    return False


def sigkill_a_worker_while_it_extracts(client: Client) -> int | None:
    """SIGKILL one of the cluster's workers that is extracting a chunk and return its pid, or
    None if none is (call again after the next result).

    The check and the kill are one step inside the worker: a check on the client followed by a
    kill from the client (``client.processing()``, then ``os.kill``) could find the worker busy
    and kill it after its chunks had finished, on a loaded machine, so nothing was lost."""
    for addr, pid in client.run(os.getpid).items():
        outcome = client.run(_sigkill_if_extracting, workers=[addr], on_error="return")
        if isinstance(outcome.get(addr), OSError):  # CommClosedError: it died in the call
            return pid
    return None
