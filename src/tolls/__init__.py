"""tolls: a sourced ledger of conflict events and contested casualty claims.

The public library API. Everything else is internal or lives in a sub-package.
"""

from tolls.errors import (
    BadEncoding,
    ConfigError,
    DistributedError,
    EmptyText,
    ExtractionError,
    InputError,
    NotFound,
    TextTooLong,
    TollsError,
)
from tolls.extract.pipeline import load_nlp, run_extraction
from tolls.model import (
    Claim,
    DateSpan,
    Event,
    Extraction,
    Fatalities,
    Figure,
    FigureMention,
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
    "Extraction",
    "ExtractionError",
    "Fatalities",
    "Figure",
    "FigureMention",
    "InputDocument",
    "InputError",
    "NotFound",
    "Party",
    "Place",
    "Settings",
    "TextTooLong",
    "TollsError",
    "event_fatalities",
    "get_settings",
    "load_nlp",
    "run_extraction",
]
