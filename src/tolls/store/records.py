"""Small typed records the store returns besides the domain dataclasses of :mod:`tolls.model`.

ORM rows never leave :mod:`tolls.store`; these frozen dataclasses are what callers get.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from tolls.model import Claim

__all__ = [
    "AddOutcome",
    "AddResult",
    "ClaimStatus",
    "DocumentStatus",
    "EventStatus",
    "LedgerResult",
    "SaveResult",
    "SearchHit",
    "StoredClaim",
    "StoredDocument",
    "StoredEvent",
    "VersionRecord",
]

AddOutcome = Literal["added", "duplicate", "syndicated"]
DocumentStatus = Literal["pending", "extracted", "failed", "syndicated"]
ClaimStatus = Literal["extracted", "accepted", "corrected", "rejected"]
EventStatus = Literal["proposed", "accepted", "rejected", "merged"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :func:`tolls.store.add_document` did with one document.

    - ``added``: stored, pending extraction.
    - ``duplicate``: a document with this id is already stored; nothing was written.
      ``changed`` says whether the text offered now differs from the stored one (the stored
      text is kept: documents are append-only; ingest a revision under a new id).
    - ``syndicated``: new id, but the same text as ``canonical_id``: stored as a copy linked to
      it and never extracted (its claims are the original's, with this copy as a source).
    """

    doc_id: str
    outcome: AddOutcome
    canonical_id: str | None = None
    changed: bool = False


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document's bookkeeping (without its text)."""

    id: str
    source: str
    locator: str
    format: str
    url: str | None
    title: str | None
    published: date | None
    content_hash: str
    canonical_id: str | None
    status: DocumentStatus
    error_code: str | None
    error_message: str | None
    ingested_at: datetime
    extracted_at: datetime | None


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What :func:`tolls.store.save_extraction` wrote for one document."""

    doc_id: str
    status: DocumentStatus
    claims_written: int = 0
    claims_removed: int = 0
    claims_kept: int = 0
    """Reviewed claims (or claims linked to a reviewed event) left exactly as they were."""
    doc_events: int = 0


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim with its review state: what review actions return."""

    id: str
    doc_id: str
    claim: Claim
    status: ClaimStatus
    reviewed: bool
    version: int
    event_id: str | None = None
    published: date | None = None
    sources: tuple[str, ...] = ()
    """Other documents that repeat this claim in its ledger event."""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A ledger event's review state: what event review actions return."""

    id: str
    status: EventStatus
    reviewed: bool
    version: int
    claim_ids: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerResult:
    """What :func:`tolls.store.replace_ledger` wrote."""

    events_written: int = 0
    events_kept: int = 0
    """Reviewed events left as they were."""
    events_skipped: tuple[str, ...] = ()
    """Incoming events whose id is a reviewed event's (the analyst's version wins)."""
    links_skipped: tuple[str, ...] = ()
    """Claim ids not linked because a reviewed event already holds them."""
    decisions_written: int = 0
    events_rewritten: int = 0
    """Of ``events_written`` (the incoming events now in the ledger), those new or changed and
    so written again; the others were left as they were."""
    events_removed: int = 0
    """Unreviewed events no longer in the ledger."""
    changes_recorded: int = 0
    """Changes appended to the change log (:mod:`tolls.store.changes`)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document matching a full-text query, best first."""

    doc_id: str
    title: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One entry of the audit trail: who did what to which record, and the record before/after."""

    entity: str
    entity_id: str
    version: int
    actor: str
    at: datetime
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str = ""
