"""``tolls`` run in a real process, with two instruments for the workflow tests (issue 18).

``python tests/workflow_harness.py ingest ...`` is ``python -m tolls ingest ...`` (or any other
command, such as ``watch``) with:

- ``HARNESS_EXTRACTION_LOG=path``: every document handed to the in-process extraction pipeline
  is appended to ``path`` as a line ``<pid> <document id>`` (one write per line, so concurrent
  processes do not interleave), to count how often each document is extracted;
- ``HARNESS_KILL_AT=stage:n``: the process sends itself SIGKILL (``kill -9``: no cleanup, no
  rollback, no exit handler) in the middle of a stage's write transaction: ``store:n`` at the
  n-th document added, ``extract:n`` at the n-th extraction saved, ``reconcile:1`` once the new
  ledger is written but not committed, ``watchitems:n`` (``tolls watch``) at the n-th poll's items
  remembered in ``watch_items``, before its run is closed.

Everything else is the real CLI on the real workflow; only these call sites are wrapped.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import tolls.workflow as workflow
from tolls.extract import pipeline
from tolls.model import InputDocument


def _log_extraction(path: str) -> None:
    real = pipeline.run_extraction

    def counted(nlp: Any, docs: Iterable[InputDocument], *args: Any, **kwargs: Any) -> Any:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

        def seen() -> Iterator[InputDocument]:
            for d in docs:
                os.write(fd, f"{os.getpid()} {d.id}\n".encode())
                yield d

        return real(nlp, seen(), *args, **kwargs)

    pipeline.run_extraction = counted  # type: ignore[assignment]


def _kill_at(stage: str, n: int) -> None:
    module: Any = importlib.import_module("tolls.watch.cycle") if stage == "watchitems" else workflow
    target = {
        "store": "add_document",
        "extract": "save_extraction",
        "reconcile": "replace_ledger",
        "watchitems": "record_watch_items",
    }[stage]
    real: Callable[..., Any] = getattr(module, target)
    calls = [0]

    def wrapped(session: Any, *args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        out = real(session, *args, **kwargs)
        if calls[0] == n:
            session.flush()  # written, not committed: the transaction dies with the process
            os.kill(os.getpid(), signal.SIGKILL)
        return out

    setattr(module, target, wrapped)


def main() -> None:
    if path := os.environ.get("HARNESS_EXTRACTION_LOG"):
        _log_extraction(path)
    if spec := os.environ.get("HARNESS_KILL_AT"):
        stage, n = spec.split(":")
        _kill_at(stage, int(n))
    from tolls.cli import app

    sys.exit(app(prog_name="tolls"))


if __name__ == "__main__":
    main()
