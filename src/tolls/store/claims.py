"""Extraction results in the store: claims and the incidents each document describes.

Every claim keeps its document id and character span, so it can always be shown in context.
Claim ids are derived from the document id and what the claim says, so re-extracting an
unchanged document gives the same ids (ledger links and reviews survive a re-run).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, NotFound
from tolls.ids import claim_id
from tolls.model import Claim, Event, Extraction, SourcedClaim
from tolls.store.convert import (
    claim_from_row,
    claim_to_columns,
    date_columns,
    doc_event_from_row,
    fatalities_columns,
    party_to_json,
    place_to_json,
)
from tolls.store.documents import _row as _document_row
from tolls.store.models import ClaimRow, DocEventRow, DocumentRow, EventClaimRow, EventRow, utcnow
from tolls.store.records import ClaimStatus, SaveResult, StoredClaim

__all__ = [
    "claim_id",
    "get_claim",
    "load_claims",
    "load_doc_events",
    "save_extraction",
    "stored_claim",
    "stored_claims",
]

_CODE = re.compile(r"^(?:E\d{3}: )?\[(E\d{3})\]\s*")
"""The code of an Extraction's error: ``[E102] ...``, or ``E102: [E102] ...`` as the pipeline and
the cluster runner write it."""


def _ids(doc_id: str, claims: Sequence[Claim]) -> list[str]:
    seen: dict[str, int] = defaultdict(int)
    out = []
    for c in claims:
        base = claim_id(doc_id, c)
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _protected_ids(session: Session, doc_id: str) -> set[str]:
    """Claims of the document that a re-extraction must leave alone: reviewed ones and those an
    analyst attached to a reviewed ledger event."""
    reviewed = select(ClaimRow.id).where(ClaimRow.document_id == doc_id, ClaimRow.reviewed.is_(True))
    in_reviewed_event = (
        select(EventClaimRow.claim_id)
        .join(EventRow, EventRow.id == EventClaimRow.event_id)
        .join(ClaimRow, ClaimRow.id == EventClaimRow.claim_id)
        .where(ClaimRow.document_id == doc_id, EventRow.reviewed.is_(True))
    )
    return set(session.scalars(reviewed)) | set(session.scalars(in_reviewed_event))


def save_extraction(session: Session, doc_id: str, extraction: Extraction) -> SaveResult:
    """Store what was extracted from one document and mark it ``extracted``.

    Replaces the document's doc events and its **unreviewed** claims: a claim whose id is
    unchanged is updated in place (its ledger link survives), a claim no longer extracted is
    deleted, a new one is inserted. A reviewed claim, or one attached to a reviewed ledger
    event, is never overwritten or deleted; an incoming claim with its id is dropped.
    Reviewed claims keep their ``doc_event`` index, which refers to the new doc events.

    An extraction carrying ``error`` marks the document ``failed`` (code and message kept,
    e.g. ``E201``) and leaves its previous claims alone. Raises :class:`~tolls.errors.NotFound`
    for an unknown document.
    """
    doc = _document_row(session, doc_id)
    if extraction.error:
        m = _CODE.match(extraction.error)
        doc.status = "failed"
        doc.error_code = m.group(1) if m else "E201"
        doc.error_message = extraction.error
        session.flush()
        return SaveResult(doc_id=doc_id, status="failed")

    protected = _protected_ids(session, doc_id)
    existing = {r.id: r for r in session.scalars(select(ClaimRow).where(ClaimRow.document_id == doc_id))}
    incoming = dict(zip(_ids(doc_id, extraction.claims), extraction.claims, strict=True))
    removed = [cid for cid in existing if cid not in incoming and cid not in protected]
    for cid in removed:
        session.delete(existing[cid])
    written = 0
    for cid, claim in incoming.items():
        if cid in protected:
            continue
        row = existing.get(cid)
        if row is None:
            session.add(ClaimRow(id=cid, document_id=doc_id, **claim_to_columns(claim)))
        else:
            for key, value in claim_to_columns(claim).items():
                setattr(row, key, value)
        written += 1

    session.execute(delete(DocEventRow).where(DocEventRow.document_id == doc_id))
    session.add_all(_doc_event_row(doc_id, i, ev) for i, ev in enumerate(extraction.events))
    doc.status = "extracted"
    doc.error_code = doc.error_message = None
    doc.extracted_at = utcnow()
    session.flush()
    return SaveResult(
        doc_id=doc_id,
        status="extracted",
        claims_written=written,
        claims_removed=len(removed),
        claims_kept=len(protected),
        doc_events=len(extraction.events),
    )


def _doc_event_row(doc_id: str, idx: int, ev: Event) -> DocEventRow:
    return DocEventRow(
        document_id=doc_id,
        idx=idx,
        type=ev.type,
        **date_columns(ev.dates),
        date_span_start=ev.dates.span_start,
        date_span_end=ev.dates.span_end,
        locations=[place_to_json(p) for p in ev.locations],
        actors=[party_to_json(p) for p in ev.actors],
        **fatalities_columns(ev.fatalities),
        scope=ev.scope,
        summary=ev.summary,
        span_start=ev.span[0] if ev.span else None,
        span_end=ev.span[1] if ev.span else None,
    )


def load_doc_events(session: Session, doc_id: str) -> list[Event]:
    """A document's incidents in extraction order (index = ``Claim.event_ref``)."""
    rows = session.scalars(
        select(DocEventRow).where(DocEventRow.document_id == doc_id).order_by(DocEventRow.idx)
    )
    return [doc_event_from_row(r) for r in rows]


def _copies(session: Session, doc_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    ids = list(set(doc_ids))
    if ids:
        stmt = (
            select(DocumentRow.canonical_id, DocumentRow.id)
            .where(DocumentRow.canonical_id.in_(ids))
            .order_by(DocumentRow.pk)
        )
        for canonical, copy in session.execute(stmt):
            out[str(canonical)].append(copy)
    return {k: tuple(v) for k, v in out.items()}


def load_claims(
    session: Session,
    *,
    doc_id: str | None = None,
    status: Sequence[ClaimStatus] | None = None,
    include_rejected: bool = False,
) -> list[SourcedClaim]:
    """Claims as reconciliation reads them: id, claim (with span), document, its publication
    date, and the syndicated copies of the document as ``sources``.

    Filter by document or by review status; rejected claims are left out unless asked for.
    Ordered by document (ingest order) then position in the text.
    """
    stmt = (
        select(ClaimRow, DocumentRow.published)
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .order_by(DocumentRow.pk, ClaimRow.span_start, ClaimRow.span_end, ClaimRow.id)
    )
    if doc_id is not None:
        stmt = stmt.where(ClaimRow.document_id == doc_id)
    if status is not None:
        stmt = stmt.where(ClaimRow.status.in_(list(status)))
    elif not include_rejected:
        stmt = stmt.where(ClaimRow.status != "rejected")
    rows = session.execute(stmt).all()
    copies = _copies(session, (r.document_id for r, _ in rows))
    return [
        SourcedClaim(
            id=r.id,
            claim=claim_from_row(r),
            doc_id=r.document_id,
            published=published,
            sources=copies.get(r.document_id, ()),
        )
        for r, published in rows
    ]


def claim_row(session: Session, claim_id: str) -> ClaimRow:
    row = session.get(ClaimRow, claim_id)
    if row is None:
        raise NotFound(ErrorCode.E404, what="Claim", name=claim_id)
    return row


def stored_claims(session: Session, rows: Sequence[ClaimRow]) -> list[StoredClaim]:
    """Claim rows as records with their ledger event, repeating sources and publication date
    (two queries for the lot)."""
    ids = [r.id for r in rows]
    links: dict[str, tuple[str, tuple[str, ...]]] = {}
    published: dict[str, date | None] = {}
    if ids:
        for link in session.scalars(select(EventClaimRow).where(EventClaimRow.claim_id.in_(ids))):
            links[link.claim_id] = (link.event_id, tuple(str(s) for s in link.sources or ()))
        doc_ids = list({r.document_id for r in rows})
        for doc_id, day in session.execute(
            select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(doc_ids))
        ):
            published[doc_id] = day
    return [
        StoredClaim(
            id=row.id,
            doc_id=row.document_id,
            claim=claim_from_row(row),
            status=row.status,  # type: ignore[arg-type]
            reviewed=row.reviewed,
            version=row.version,
            event_id=links[row.id][0] if row.id in links else None,
            published=published.get(row.document_id),
            sources=links[row.id][1] if row.id in links else (),
        )
        for row in rows
    ]


def stored_claim(session: Session, row: ClaimRow) -> StoredClaim:
    return stored_claims(session, [row])[0]


def get_claim(session: Session, claim_id: str) -> StoredClaim:
    """One claim with its review state and ledger event. Raises :class:`~tolls.errors.NotFound`."""
    return stored_claim(session, claim_row(session, claim_id))
