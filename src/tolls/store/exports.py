"""What the exports read from the store besides the ledger events (:mod:`tolls.export.context`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tolls.export._common import documents
from tolls.export.context import CUT, ExportContext, Review, SourceInfo, whole_sentence
from tolls.model import LedgerEvent, SourcedClaim
from tolls.store.convert import claim_from_row
from tolls.store.models import ClaimRow, DocumentRow, EventClaimRow, EventRow

__all__ = ["load_export_context"]

_CHUNK = 500


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i : i + _CHUNK]


def _whole_summaries(session: Session, events: Sequence[LedgerEvent]) -> dict[str, str]:
    """The whole first sentence of each summary the extraction cut with "…", read again from
    the document it came from (the event's first)."""
    cut = {e.id: e for e in events if e.summary.endswith(CUT) and e.documents}
    wanted = {e.documents[0] for e in cut.values()}
    texts: dict[str, str] = {}
    for chunk in _chunks(wanted):
        q = select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(chunk))
        texts.update((doc_id, text) for doc_id, text in session.execute(q))
    out: dict[str, str] = {}
    for event_id, e in cut.items():
        whole = whole_sentence(texts.get(e.documents[0], ""), e.summary)
        if whole:
            out[event_id] = whole
    return out


def load_export_context(
    session: Session, events: Sequence[LedgerEvent], *, every_claim: bool = True
) -> ExportContext:
    """Sources, review states and loose claims for exporting ``events``.

    Loose claims are the claims no event of ``events`` holds: with ``every_claim`` every such
    claim in the store (rejected ones too, with their status), else only those read in the
    events' own documents."""
    held = {c.id for e in events for c in e.claims}
    doc_ids = {d for e in events for d in documents(e)}

    claim_rows: list[tuple[ClaimRow, object]] = []
    if every_claim:
        q = select(ClaimRow, DocumentRow.published).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        claim_rows = [(c, p) for c, p in session.execute(q)]
    else:
        for chunk in _chunks(doc_ids):
            q = (
                select(ClaimRow, DocumentRow.published)
                .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
                .where(ClaimRow.document_id.in_(chunk))
            )
            claim_rows.extend((c, p) for c, p in session.execute(q))
    claim_review = {c.id: Review(c.status, c.reviewed, c.reviewed_by or "") for c, _ in claim_rows}
    loose_rows = sorted(
        (r for r in claim_rows if r[0].id not in held), key=lambda r: (r[0].document_id, r[0].id)
    )
    # a loose claim may still be held by an event left out of this export: keep its sources
    links: dict[str, tuple[str, ...]] = {}
    for chunk in _chunks(r[0].id for r in loose_rows):
        for link in session.scalars(select(EventClaimRow).where(EventClaimRow.claim_id.in_(chunk))):
            links[link.claim_id] = tuple(str(s) for s in link.sources)
    loose = tuple(
        SourcedClaim(
            id=c.id,
            claim=claim_from_row(c),
            doc_id=c.document_id,
            published=published,  # type: ignore[arg-type]
            sources=links.get(c.id, ()),
        )
        for c, published in loose_rows
    )

    doc_ids |= {c.doc_id for c in loose} | {s for c in loose for s in c.sources}
    sources: dict[str, SourceInfo] = {}
    for chunk in _chunks(doc_ids):
        doc_q = select(
            DocumentRow.id,
            DocumentRow.title,
            DocumentRow.url,
            DocumentRow.published,
            DocumentRow.source,
            DocumentRow.locator,
            DocumentRow.status,
            DocumentRow.canonical_id,
        ).where(DocumentRow.id.in_(chunk))
        for doc_id, title, url, published, source, locator, status, canonical in session.execute(doc_q):
            sources[doc_id] = SourceInfo(
                id=doc_id,
                title=title or "",
                url=url or "",
                published=published,
                source=source,
                locator=locator or "",
                status=status,
                canonical=canonical or "",
            )

    event_review: dict[str, Review] = {}
    for chunk in _chunks(e.id for e in events):
        ev_q = select(EventRow.id, EventRow.status, EventRow.reviewed, EventRow.reviewed_by).where(
            EventRow.id.in_(chunk)
        )
        for event_id, status, reviewed, by in session.execute(ev_q):
            event_review[event_id] = Review(status, reviewed, by or "")
    return ExportContext(
        sources=dict(sorted(sources.items())),
        summaries=_whole_summaries(session, events),
        event_review=event_review,
        claim_review=claim_review,
        loose_claims=loose,
    )
