"""What runs inside a Dask worker: the pipeline, loaded once per process, and the chunk task.

Workers receive the client's settings as JSON (so every worker extracts with the same settings
as the client, whatever its own environment says) and keep one loaded pipeline per process,
keyed by those settings. A worker that serves a client with other settings loads the pipeline
for them and drops the previous one, so a worker never holds more than one model.

Extraction is serialised by a lock: a worker started with several threads stays correct (the
spaCy pipeline is not shared between concurrent calls) but gains nothing from them, so start
workers with one thread each (``--nthreads 1``) and as many processes as there are cores.
"""

from __future__ import annotations

import resource
import threading
import time

from spacy.language import Language

from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings

__all__ = ["extract_chunk", "peak_rss_mb", "pipeline", "warm_up"]

_LOAD_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()
_LOADED: dict[str, tuple[Settings, Language]] = {}


def pipeline(settings_json: str) -> tuple[Settings, Language]:
    """This process's pipeline for these settings, loading it on first use."""
    with _LOAD_LOCK:
        hit = _LOADED.get(settings_json)
        if hit is None:
            settings = Settings.model_validate_json(settings_json)
            nlp = load_nlp(settings)
            _LOADED.clear()
            hit = _LOADED[settings_json] = (settings, nlp)
        return hit


def warm_up(settings_json: str) -> float:
    """Load the pipeline now; returns the seconds it took (0.0 when already loaded)."""
    t = time.perf_counter()
    fresh = settings_json not in _LOADED
    pipeline(settings_json)
    return time.perf_counter() - t if fresh else 0.0


def extract_chunk(settings_json: str, docs: list[InputDocument]) -> list[Extraction]:
    """One result per document, in order; per-document errors stay per document."""
    settings, nlp = pipeline(settings_json)
    with _RUN_LOCK:
        return list(run_extraction(nlp, docs, settings))


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
