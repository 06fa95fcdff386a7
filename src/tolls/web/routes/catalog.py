"""``/api/v1/actors``, ``/places``, ``/search``, ``/stats`` and ``/exports/{format}``."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tolls.export import ExportContext, export_events
from tolls.model import LedgerEvent
from tolls.store import counts, load_ledger, search_documents
from tolls.store.exports import load_export_context
from tolls.store.queries import EventFilter, Page, list_actors, list_events, list_places
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.routes._paging import Limit, Offset, paged
from tolls.web.routes.events import FilterDep
from tolls.web.schemas import (
    ActorPublic,
    PagePublic,
    PlaceCountPublic,
    SearchHitPublic,
    actor_public,
    place_count_public,
)

__all__ = ["router"]

router = APIRouter(tags=["catalog"])

TextExport = Literal["acled", "ucdp", "geojson"]
ParquetTable = Literal["events", "claims", "documents"]
PARQUET = "application/vnd.apache.parquet"
_MEDIA = {"acled": "text/csv", "ucdp": "text/csv", "geojson": "application/geo+json"}
_FILE_NAME = {
    "acled": "tolls-events-acled.csv",
    "ucdp": "tolls-events-ucdp-ged.csv",
    "geojson": "tolls-events.geojson",
}
"""Download names: distinct per format, so two downloads never overwrite each other (the
Parquet tables are ``tolls-events.parquet``, ``tolls-claims.parquet``, ``tolls-documents.parquet``)."""
_EXPORT_LIMIT = 100_000


@router.get("/actors", response_model=PagePublic[ActorPublic], summary="Actors and their event counts")
def get_actors(
    request: Request, ledger: LedgerDep, _who: ReaderDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with ledger.read() as session:
        page = list_actors(session, limit=limit, offset=offset)
    return paged(request, page, [actor_public(a) for a in page.items])


@router.get("/places", response_model=PagePublic[PlaceCountPublic], summary="Places and their event counts")
def get_places(
    request: Request, ledger: LedgerDep, _who: ReaderDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with ledger.read() as session:
        page = list_places(session, limit=limit, offset=offset)
    return paged(request, page, [place_count_public(p) for p in page.items])


@router.get("/search", response_model=PagePublic[SearchHitPublic], summary="Full-text search of documents")
def get_search(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    with ledger.read() as session:
        hits = search_documents(session, q, limit=offset + limit + 1)
        # counted up to one past this page: exact when nothing lies beyond it
        shown = hits[offset : offset + limit]
        page = Page(shown, offset + len(hits[offset:]), limit, offset, len(hits) <= offset + limit)
    items = [
        SearchHitPublic(document_id=h.doc_id, title=h.title, snippet=h.snippet, score=h.rank)
        for h in page.items
    ]
    return paged(request, page, items)


@router.get("/stats", response_model=dict[str, int], summary="Row counts")
def get_stats(ledger: LedgerDep, _who: ReaderDep) -> dict[str, int]:
    with ledger.read() as session:
        return counts(session)


def _selected(ledger: LedgerDep, f: EventFilter) -> tuple[list[LedgerEvent], ExportContext]:
    """The events the filter selects, and what an export says beside them (sources, review
    states, loose claims: every one in the ledger when nothing is filtered, else those read in
    the selected events' documents), as ``tolls export`` has them."""
    with ledger.read() as session:
        ids = [e.id for e in list_events(session, f, limit=_EXPORT_LIMIT, sort="date").items]
        events = load_ledger(session, event_ids=ids, status=f.status) if ids else []
        return events, load_export_context(session, events, every_claim=f == EventFilter())


def _download(content: bytes | str, media_type: str, name: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


# declared before /exports/{fmt}, which would otherwise take "parquet" for a format name
@router.get(
    "/exports/parquet",
    summary="Download the (filtered) ledger as Parquet: its events or its claims table",
    response_class=Response,
    responses={200: {"content": {PARQUET: {}}}},
)
def get_parquet_export(
    f: FilterDep,
    ledger: LedgerDep,
    _who: ReaderDep,
    table: Annotated[
        ParquetTable,
        Query(description="The events table, the claims table (one row per claim) or the documents table."),
    ] = "events",
) -> Response:
    events, context = _selected(ledger, f)
    with tempfile.TemporaryDirectory(prefix="tolls-parquet-") as folder:
        export_events(events, "parquet", Path(folder), context=context)  # writes each table as a file
        content = (Path(folder) / f"{table}.parquet").read_bytes()
    return _download(content, PARQUET, f"tolls-{table}.parquet")


@router.get(
    "/exports/{fmt}",
    summary="Download the (filtered) ledger as ACLED CSV, UCDP GED CSV or GeoJSON",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}},
)
def get_export(fmt: TextExport, f: FilterDep, ledger: LedgerDep, _who: ReaderDep) -> Response:
    out = io.StringIO()
    events, context = _selected(ledger, f)
    export_events(events, fmt, out, context=context)
    return _download(out.getvalue(), _MEDIA[fmt], _FILE_NAME[fmt])
