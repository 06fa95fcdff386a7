"""tolls: a sourced ledger of conflict events and contested casualty claims.

The public library API. Everything else is internal or lives in a sub-package.
"""

import importlib
import typing

from tolls.errors import (
    BadEncoding,
    ConfigError,
    DistributedError,
    EmptyText,
    ExportError,
    ExtractionError,
    IngestError,
    InputError,
    NotFound,
    ReviewError,
    StoreError,
    TextTooLong,
    TollsError,
)
from tolls.export import export_events
from tolls.ingest import iter_sources
from tolls.model import (
    Claim,
    DateSpan,
    Event,
    Extraction,
    Fatalities,
    Figure,
    FigureMention,
    IngestProblem,
    InputDocument,
    Party,
    Place,
)
from tolls.reconcile.estimates import event_fatalities
from tolls.settings import Settings, get_settings

if typing.TYPE_CHECKING:
    from tolls.extract.pipeline import load_nlp, run_extraction

__version__ = "0.1.0"

__all__ = [
    "BadEncoding",
    "Claim",
    "ConfigError",
    "DateSpan",
    "DistributedError",
    "EmptyText",
    "Event",
    "ExportError",
    "Extraction",
    "ExtractionError",
    "Fatalities",
    "Figure",
    "FigureMention",
    "IngestError",
    "IngestProblem",
    "InputDocument",
    "InputError",
    "NotFound",
    "Party",
    "Place",
    "ReviewError",
    "Settings",
    "StoreError",
    "TextTooLong",
    "TollsError",
    "event_fatalities",
    "export_events",
    "get_settings",
    "iter_sources",
    "load_nlp",
    "run_extraction",
]

_LAZY = {"load_nlp": "tolls.extract.pipeline", "run_extraction": "tolls.extract.pipeline"}
"""Names read from their module on first use: importing spaCy takes a second and 50 MB, which the
web server and the store's commands never need."""


def __getattr__(name: str) -> typing.Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tolls' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
