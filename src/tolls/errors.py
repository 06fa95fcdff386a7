"""Domain errors, raised by the core and translated once at each edge (CLI, API).

Hierarchy::

    TollsError                 every error tolls raises on purpose
    ├── ConfigError            settings or pipeline configuration is unusable
    ├── InputError             a document or input line cannot be read
    │   ├── EmptyText          nothing to extract from
    │   ├── TextTooLong        over the configured size limit
    │   └── BadEncoding        not valid UTF-8
    ├── ExtractionError        the pipeline failed on one document
    ├── DistributedError       a Dask cluster could not be started, reached or used
    └── NotFound               a named record or file does not exist

Messages are templates with stable codes (``[E101]``) that tell the reader what to do next; the
code stays the same when the wording changes, so scripts and tests can rely on it.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = [
    "BadEncoding",
    "ConfigError",
    "DistributedError",
    "EmptyText",
    "ErrorCode",
    "ExtractionError",
    "InputError",
    "NotFound",
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
    E601 = (
        "[E601] Document {doc_id!r} was not extracted: {task} failed on the cluster after {attempts} "
        "attempt(s) ({reason}). Re-run it; `tolls extract` without --workers shows the error in-process."
    )
    E602 = (
        "[E602] Could not connect to the Dask scheduler at {address!r}: {reason}. Start one with "
        "`dask scheduler` and pass its tcp://HOST:PORT address."
    )
    E603 = (
        "[E603] No Dask worker joined the scheduler at {address!r} within {timeout:g}s; start workers with "
        "`dask worker {address}` on each machine."
    )
    E604 = (
        "[E604] A Dask worker could not load the tolls pipeline: {reason}. Each worker needs tolls, the "
        "spaCy model and the gazetteer installed at the paths in the settings."
    )
    E605 = "[E605] Invalid cluster option: {reason}"
    E404 = "[E404] {what} {name!r} was not found."


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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by code and fields, so an error can cross a process boundary (Dask workers)."""
        return (_rebuild, (type(self), self.code, self.fields))


def _rebuild(cls: type[TollsError], code: str, fields: dict[str, object]) -> TollsError:
    return cls(ErrorCode[code], **fields)


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


class DistributedError(TollsError):
    """A Dask cluster could not be started, reached or used."""


class NotFound(TollsError):
    """A named record or file does not exist."""
