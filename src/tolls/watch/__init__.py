"""Watching sources: RSS/Atom feeds and pages polled politely into the ledger (``tolls watch``).

:func:`load_sources` reads the sources file (:mod:`tolls.watch.config`), :class:`Watcher` polls
them in cycles (:mod:`tolls.watch.cycle`), one source's poll is :mod:`tolls.watch.poll`, and
:mod:`tolls.watch.background` runs a watcher under ``tolls serve``. See docs/watch.md.
"""

from tolls.watch.background import WatchThread, install_watch, start_watch_thread
from tolls.watch.config import Politeness, SourceSpec, WatchConfig, load_sources, parse_sources
from tolls.watch.cycle import CycleReport, SourceReport, Watcher, pipeline_extractor

__all__ = [
    "CycleReport",
    "Politeness",
    "SourceReport",
    "SourceSpec",
    "WatchConfig",
    "WatchThread",
    "Watcher",
    "install_watch",
    "load_sources",
    "parse_sources",
    "pipeline_extractor",
    "start_watch_thread",
]
