"""Domain errors, raised by the core and translated once at each edge (CLI, API).

Hierarchy::

    TollsError                 every error tolls raises on purpose
    ├── ConfigError            settings or pipeline configuration is unusable
    ├── InputError             a document or input line cannot be read
    │   ├── EmptyText          nothing to extract from
    │   ├── TextTooLong        over the configured size limit
    │   ├── BadEncoding        not valid UTF-8
    │   └── IngestError        a file, feed or URL cannot be read into documents (E3xx)
    ├── ExtractionError        the pipeline failed on one document
    ├── ExportError            the ledger cannot be written in the asked format
    ├── StoreError             the ledger database refused a write (E4xx)
    │   └── ReviewError        an analyst action that does not apply to the record's state
    ├── DistributedError       a Dask cluster could not be started, reached or used
    ├── AuthError              not signed in, wrong credentials, missing role or CSRF token (E42x)
    │   └── Throttled          too many failed sign-ins; try again later (E424)
    └── NotFound               a named record or file does not exist

Messages are templates with stable codes (``[E101]``) that tell the reader what to do next; the
code stays the same when the wording changes, so scripts and tests can rely on it.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = [
    "AuthError",
    "BadEncoding",
    "ConfigError",
    "DistributedError",
    "EmptyText",
    "ErrorCode",
    "ExportError",
    "ExtractionError",
    "IngestError",
    "InputError",
    "NotFound",
    "ReviewError",
    "StoreError",
    "TextTooLong",
    "Throttled",
    "TollsError",
]


class ErrorCode(str, Enum):
    """Coded message templates; ``str.format`` fields are filled by the raiser."""

    E001 = (
        "[E001] Could not load the spaCy pipeline {name!r}: {reason}. "
        "Install it with `make setup` or set TOLLS_NLP__MODEL."
    )
    E002 = "[E002] Invalid setting: {reason}"
    E003 = (
        "[E003] Internal error: tolls failed unexpectedly ({kind}); nothing of it was printed. "
        "Rerun with --debug to see where (secrets hidden), and report it."
    )
    E004 = "[E004] A file could not be used: {reason}. Check the path and its permissions."
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
    E301 = "[E301] {source!r} does not exist; check the path (folders are read recursively)."
    E302 = (
        "[E302] {source!r} is not a type tolls reads ({reason}); give .txt, .md, .html, .xml/.rss/.atom, "
        ".jsonl or .csv files, or rename a plain-text file to .txt."
    )
    E303 = (
        "[E303] {source!r} looks binary (a NUL byte at offset {offset}), not text; convert it to UTF-8 "
        "text, HTML, a feed, JSONL or CSV first."
    )
    E304 = (
        "[E304] {source!r} is not valid {encoding} ({reason}); re-encode it as UTF-8 "
        "(HTML and XML may instead declare their charset)."
    )
    E305 = "[E305] {source!r} is over the limit of {limit} bytes; split it or raise TOLLS_INGEST__MAX_BYTES."
    E306 = "[E306] {source!r} has no text (empty or whitespace only); nothing to ingest."
    E307 = (
        "[E307] {source!r} is HTML without readable text (markup or scripts only); "
        "save the article page itself, not an index or a script-rendered shell."
    )
    E308 = (
        "[E308] {source!r} declares a DTD or entities ({reason}); refused so that entity expansion "
        "(XML bombs) and external entities cannot run. Remove the DOCTYPE from the feed."
    )
    E309 = "[E309] {source!r} is not a readable RSS or Atom feed: {reason}."
    E310 = "[E310] Feed entry {entry!r} of {source!r} has no text (no content or summary); it was skipped."
    E311 = (
        "[E311] {source!r} has no {column!r} column (header: {header}); the first row must name the "
        "columns, with at least `text`."
    )
    E312 = "[E312] Row {row} of {source!r} is invalid: {reason}; fix the row, the rest of the file is read."
    E313 = "[E313] Line {line} of {source!r} has no text; nothing to ingest from it."
    E314 = (
        "[E314] {source!r} is a URL but fetching is off; set TOLLS_INGEST__FETCH_URLS=true "
        "(IngestSettings(fetch_urls=True)) to fetch it."
    )
    E315 = (
        "[E315] {source!r} points at a private, loopback, link-local or reserved address{address}; "
        "refused. Set TOLLS_INGEST__ALLOW_PRIVATE_ADDRESSES=true to fetch from your own network."
    )
    E316 = "[E316] Fetching {source!r} failed: {reason}. Check the URL, or retry later."
    E317 = "[E317] {source!r} redirected more than {limit} times; give the final URL instead."
    E318 = (
        "[E318] {source!r} returned content type {content_type!r}; only HTML pages and RSS/Atom feeds are "
        "read from URLs."
    )
    E319 = "[E319] {source!r} is not an http(s) URL ({reason}); give an http:// or https:// address."
    E320 = "[E320] {source!r} cannot be read ({reason}); check that it is a readable file."
    E321 = (
        "[E321] {item} of {source!r} holds {what}, which is not text that can be stored; it was skipped "
        "and the rest is read. Remove it from the source and ingest again."
    )
    E322 = (
        "[E322] Line {line} of {source!r} nests JSON deeper than {limit} levels; refused before parsing, "
        "the rest of the file is read."
    )
    E323 = "[E323] {source!r} is not a regular file ({reason}); only regular files are read, it was skipped."
    E324 = (
        "[E324] The ledger database refused {what} ({reason}); the other documents of its batch were "
        "stored. Fix the item and ingest again."
    )
    E325 = (
        "[E325] Reading {item} of {source!r} failed ({reason}); it was skipped and the rest is read. "
        "Report this if the input looks well formed."
    )
    E326 = (
        "[E326] The column mapping {spec!r} cannot be read: {reason}. Write FIELD=COLUMN pairs separated "
        "by commas (text=NOTES,id=EVENT_ID_CNTY), FIELD one of {fields}."
    )
    E327 = (
        "[E327] Row {row} of {source!r} is not a {dataset} event: {reason}; fix the row, the rest of the "
        "file is read."
    )
    # E35x watching sources -- see tolls.watch
    E350 = (
        "[E350] The sources file {path!r} cannot be read: {reason}. Fix it (docs/watch.md shows the format) "
        "and start `tolls watch` again."
    )
    E351 = (
        "[E351] The sources file {path!r}, {where}: {field!r} {reason}. Fix it (docs/watch.md shows the "
        "format) and start `tolls watch` again."
    )
    # E4xx store and review (E404 is NotFound) -- see tolls.store
    # E5xx export -- see tolls.export
    E501 = "[E501] Unknown export format {fmt!r}; choose one of: {known}."
    E502 = "[E502] The {fmt!r} export writes {what}; give it a folder path, not a stream or a file ({out})."
    E503 = "[E503] Could not write the {fmt!r} export to {out}: {reason}."
    E504 = "[E504] A byte order mark is written only for CSV exports ({known}), not {fmt!r}; leave out --bom."
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
    E411 = "[E411] User {name!r} already exists; pick another name or change that user's password."
    E412 = "[E412] Invalid user {name!r}: {reason}."
    E413 = (
        "[E413] There is no ledger at {url} ({reason}); check --db (or TOLLS_DB__URL), or create one "
        "with `tolls db upgrade` or `tolls ingest`."
    )
    E414 = (
        "[E414] The ledger database could not be used: {reason}. Check that it is running and that the "
        "URL, user and password in --db (or TOLLS_DB__URL) are right."
    )
    E417 = "[E417] Cannot set the grade of event {name!r}: {reason}."
    # E42x authentication and authorisation -- see tolls.store.users and tolls.web
    E420 = "[E420] Sign in first: {reason}."
    E421 = "[E421] Wrong username or password."
    E422 = "[E422] This needs the {role!r} role; {username!r} is a {has!r}."
    E423 = (
        "[E423] The request lacks a valid X-CSRF-Token header; read the token from GET /api/v1/session "
        "and send it with every write made with the session cookie."
    )
    E424 = "[E424] Too many failed sign-ins {source}; try again in {seconds} seconds."
    # E43x web requests -- see tolls.web
    E430 = "[E430] Invalid request: {reason}."
    E431 = "[E431] The request body is {size} bytes, over the limit of {limit}; send less."
    E432 = "[E432] {method} is not allowed on {path}."
    E433 = "[E433] The server failed on this request ({reason}); it was logged. Try again or report it."
    E434 = (
        "[E434] The request headers are {size} bytes, over the limit of {limit}; send fewer or shorter ones."
    )


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


class IngestError(InputError):
    """A file, folder, feed or URL cannot be read into documents (codes E3xx)."""


class ExtractionError(TollsError):
    """The pipeline failed on one document."""


class ExportError(TollsError):
    """The ledger cannot be written in the asked format or to the asked place."""


class StoreError(TollsError):
    """The ledger database refused a write (a broken link, a concurrent edit, an old schema)."""


class ReviewError(StoreError):
    """An analyst action does not apply to the record in its current state."""


class DistributedError(TollsError):
    """A Dask cluster could not be started, reached or used."""


class AuthError(TollsError):
    """Not signed in, wrong credentials, a missing role or CSRF token (codes E42x)."""


class Throttled(AuthError):
    """Too many failed sign-ins for an account or from an address (E424): ``retry_after``
    seconds to wait."""

    @property
    def retry_after(self) -> int:
        seconds = self.fields.get("seconds", 1)
        return seconds if isinstance(seconds, int) else 1


class NotFound(TollsError):
    """A named record or file does not exist."""
