"""``/api/v1/documents``: the source documents, and one with its full text and its claims'
spans (which index that text)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from tolls.store import get_document, load_document, search_documents
from tolls.store.queries import list_claims, list_documents
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.routes._paging import Limit, Offset, paged
from tolls.web.schemas import (
    DocumentPublic,
    DocumentSummaryPublic,
    PagePublic,
    claim_public,
    document_summary_public,
)

__all__ = ["router"]

router = APIRouter(prefix="/documents", tags=["documents"])

_MAX_CLAIMS = 5_000


@router.get("", response_model=PagePublic[DocumentSummaryPublic], summary="List documents")
def get_documents(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with ledger.read() as session:
        ids = None
        if q is not None:
            ids = [h.doc_id for h in search_documents(session, q, limit=10_000)]
        page = list_documents(session, ids=ids, limit=limit, offset=offset)
    return paged(request, page, [document_summary_public(d) for d in page.items])


@router.get("/{doc_id:path}", response_model=DocumentPublic, summary="One document with its text")
def get_one(doc_id: str, ledger: LedgerDep, _who: ReaderDep) -> DocumentPublic:
    with ledger.read() as session:
        summary = document_summary_public(get_document(session, doc_id))
        text = load_document(session, doc_id).doc.text
        claims = list_claims(session, document=doc_id, limit=_MAX_CLAIMS).items
    return DocumentPublic(**summary.model_dump(), text=text, claims=[claim_public(c) for c in claims])
