"""``tolls watch`` inside another process: a thread that polls in cycles until stopped.

``tolls serve`` starts one when ``watch.sources`` names a sources file (:func:`install_watch`
hooks it to the app's lifespan; with several server processes the parent process runs the one
watcher, :func:`start_watch_thread`), so a ledger is watched once whatever the worker count.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from tolls.settings import Settings
from tolls.watch.config import load_sources
from tolls.watch.cycle import CycleReport, Watcher, pipeline_extractor

__all__ = ["WatchThread", "install_watch", "start_watch_thread"]

log = logging.getLogger(__name__)

STOP_WAIT = 10.0
"""Seconds a stopping server waits for the watcher's current poll or extraction to end."""


@dataclass(slots=True)
class WatchThread:
    """A running background watcher; :meth:`stop` ends it."""

    watcher: Watcher
    thread: threading.Thread

    def stop(self, timeout: float = STOP_WAIT) -> None:
        self.watcher.stop.set()
        self.thread.join(timeout)


def _log_cycle(report: CycleReport) -> None:
    failed = [p.name for p in report.polls if p.status == "failed"]
    log.info(
        "watch cycle %s: %d polled, %d new items, %d failed%s",
        report.cycle,
        len(report.polls),
        report.new_items,
        len(failed),
        f" ({', '.join(failed[:5])})" if failed else "",
    )


def start_watch_thread(
    engine: Engine, settings: Settings, *, on_cycle: Callable[[CycleReport], None] = _log_cycle
) -> WatchThread | None:
    """A daemon thread watching ``settings.watch.sources`` into ``engine`` (None when no sources
    file is set). The file is read here, so a bad one stops the start with its coded error."""
    if settings.watch.sources is None:
        return None
    config = load_sources(settings.watch.sources)
    watcher = Watcher(engine, config, settings, extractor=pipeline_extractor(settings))
    thread = threading.Thread(target=watcher.run, args=(on_cycle,), name="tolls-watch", daemon=True)
    thread.start()
    return WatchThread(watcher, thread)


def install_watch(app: Any, settings: Settings) -> None:
    """Run a watcher for the life of ``app`` (a Starlette/FastAPI app whose ``state.ledger``
    holds the engine) when ``settings.watch.sources`` is set; otherwise do nothing."""
    if settings.watch.sources is None:
        return
    load_sources(settings.watch.sources)  # a bad file fails the app's creation, coded
    inner: Callable[[Any], AbstractAsyncContextManager[Any]] = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        running = start_watch_thread(a.state.ledger.engine, settings)
        try:
            async with inner(a) as state:
                yield state
        finally:
            if running is not None:
                running.stop()

    app.router.lifespan_context = lifespan
