"""Domain errors, raised by the core and translated once at each edge (CLI, API).

Hierarchy::

    TollsError                 every error tolls raises on purpose
    ├── ConfigError            settings or pipeline configuration is unusable
    ├── InputError             a document or input line cannot be read
    │   ├── EmptyText          nothing to extract from
    │   ├── TextTooLong        over the configured size limit
    │   └── BadEncoding        not valid UTF-8
    ├── ExtractionError        the pipeline failed on one document
    ├── StoreError             the ledger database refused a write (E4xx)
    │   └── ReviewError        an analyst action that does not apply to the record's state
    └── NotFound               a named record or file does not exist

Messages are templates with stable codes (``[E101]``) that tell the reader what to do next; the
code stays the same when the wording changes, so scripts and tests can rely on it.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "BadEncoding",
    "ConfigError",
    "EmptyText",
    "ErrorCode",
    "ExtractionError",
    "InputError",
    "NotFound",
    "ReviewError",
    "StoreError",
    "TextTooLong",
    "TollsError",
]


class ErrorCode(str, Enum):
    """Coded message templates; ``str.format`` fields are filled by the raiser."""

    E001 = (
        "[E001] Could not load the spaCy pipeline {name!r}: {reason}. "
        "Install it with `make setup` or set TOLLS_NLP__MODEL."
    )
    E002 = "[E002] Invalid setting: {reason}"
    E101 = "[E101] The document has no text (empty or whitespace only); nothing to extract."
    E102 = (
        "[E102] The document is {size} characters long, over the limit of {limit}; "
        "split it or raise TOLLS_EXTRACT__MAX_CHARS."
    )
    E103 = "[E103] The input is not valid UTF-8 ({reason}); re-encode it as UTF-8."
    E104 = "[E104] Line {line} is not a JSON object: {reason}."
    E105 = "[E105] Line {line} lacks the required field {field!r} (SCHEMA.md input line)."
    E106 = "[E106] Field {field!r} on line {line} is invalid: {reason}."
    E201 = "[E201] Extraction failed on document {doc_id!r}: {reason}. The rest of the batch goes on."
    # E3xx ingest (reading files, feeds, URLs) -- see tolls.ingest
    # E4xx store and review (E404 is NotFound) -- see tolls.store
    # E5xx export -- see tolls.export
    # E6xx distributed runs -- see tolls.distributed
    E401 = (
        "[E401] Ledger event {event_id!r} links claim {claim_id!r}, which is not in the store; "
        "load claims with tolls.store.load_claims and keep their ids."
    )
    E402 = (
        "[E402] Claim {claim_id!r} is linked to both event {first!r} and event {second!r}; "
        "a claim belongs to one incident, so reconciliation must choose one."
    )
    E403 = "[E403] Cannot {action} {what} {name!r}: it is {status}. {hint}"
    E404 = "[E404] {what} {name!r} was not found."
    E405 = (
        "[E405] {what} {name!r} was changed by someone else while you edited it; "
        "reload it and apply your change again."
    )
    E406 = "[E406] Invalid correction of claim {name!r}: {reason}."
    E407 = "[E407] Cannot split event {name!r}: {reason}."
    E408 = (
        "[E408] The database at {url!r} is not supported: {reason}. "
        "Use sqlite:///path or postgresql+psycopg://user@host/db."
    )
    E409 = "[E409] The ledger database is not at the current schema ({reason}); run `tolls db upgrade` first."
    E410 = "[E410] A review action needs the analyst's name (actor) for the audit trail."


class TollsError(Exception):
    """Base class: carries a stable code and a rendered message."""

    code: str = "E000"

    def __init__(self, template: ErrorCode, **fields: object) -> None:
        self.code = template.name
        self.fields = fields
        super().__init__(template.value.format(**fields))

    @property
    def message(self) -> str:
        return str(self)


class ConfigError(TollsError):
    """Settings or pipeline configuration is unusable."""


class InputError(TollsError):
    """A document or input line cannot be read."""


class EmptyText(InputError):
    """The document has no text."""


class TextTooLong(InputError):
    """The document exceeds the size limit."""


class BadEncoding(InputError):
    """The document is not valid UTF-8."""


class ExtractionError(TollsError):
    """The pipeline failed on one document."""


class StoreError(TollsError):
    """The ledger database refused a write (a broken link, a concurrent edit, an old schema)."""


class ReviewError(StoreError):
    """An analyst action does not apply to the record in its current state."""


class NotFound(TollsError):
    """A named record or file does not exist."""
