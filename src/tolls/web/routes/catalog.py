"""``/api/v1/actors``, ``/places``, ``/search``, ``/stats`` and ``/exports/{format}``."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tolls.errors import ErrorCode, InputError
from tolls.export import export_events
from tolls.model import LedgerEvent
from tolls.store import counts, load_ledger, search_documents
from tolls.store.queries import Page, list_actors, list_events, list_places
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

ExportName = Literal["acled", "ucdp", "geojson", "parquet"]
ParquetTable = Literal["events", "claims"]
PARQUET = "application/vnd.apache.parquet"
_MEDIA = {"acled": "text/csv", "ucdp": "text/csv", "geojson": "application/geo+json", "parquet": PARQUET}
_FILE_NAME = {
    "acled": "tolls-events-acled.csv",
    "ucdp": "tolls-events-ucdp-ged.csv",
    "geojson": "tolls-events.geojson",
}
"""Download names: distinct per format, so two downloads never overwrite each other."""
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


@router.get(
    "/exports/{fmt}",
    summary="Download the (filtered) ledger as ACLED CSV, UCDP GED CSV, GeoJSON or Parquet",
    response_class=Response,
    responses={200: {"content": {media: {} for media in dict.fromkeys(_MEDIA.values())}}},
)
def get_export(
    fmt: ExportName,
    f: FilterDep,
    ledger: LedgerDep,
    _who: ReaderDep,
    table: Annotated[
        ParquetTable,
        Query(description="Parquet only: the events table, or the claims table (one row per claim)."),
    ] = "events",
) -> Response:
    if table != "events" and fmt != "parquet":
        raise InputError(ErrorCode.E430, reason=f"table={table} is for the parquet export, not {fmt}")
    with ledger.read() as session:
        ids = [e.id for e in list_events(session, f, limit=_EXPORT_LIMIT, sort="date").items]
        events = load_ledger(session, event_ids=ids, status=f.status) if ids else []
    if fmt == "parquet":
        content: bytes | str = _parquet(events, table)
        name = f"tolls-{table}.parquet"
    else:
        out = io.StringIO()
        export_events(events, fmt, out)
        content, name = out.getvalue(), _FILE_NAME[fmt]
    return Response(
        content, media_type=_MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _parquet(events: list[LedgerEvent], table: ParquetTable) -> bytes:
    """One table of the Parquet export (which writes its tables as files in a folder)."""
    with tempfile.TemporaryDirectory(prefix="tolls-parquet-") as folder:
        export_events(events, "parquet", Path(folder))
        return (Path(folder) / f"{table}.parquet").read_bytes()
