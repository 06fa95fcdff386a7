"""tolls: a sourced ledger of conflict events and contested casualty claims.

The public library API. Everything else is internal or lives in a sub-package.
"""

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
from tolls.extract.pipeline import load_nlp, run_extraction
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
