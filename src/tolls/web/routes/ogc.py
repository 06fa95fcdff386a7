"""OGC API – Features (Part 1: Core, GeoJSON) for the ledger's events, so GIS users open
tolls in QGIS or read it with GDAL (``ogrinfo OAPIF:http://HOST/ogc events``).

One collection, ``events``: a Point per event at its first located place (``geometry`` null
when none is), the properties of the GeoJSON export. ``bbox``, ``datetime``, ``limit`` and
``offset`` select; ``numberMatched``/``numberReturned`` and a ``next`` link page.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from tolls.errors import ErrorCode, InputError, NotFound
from tolls.export.geojson import feature
from tolls.model import LedgerEvent
from tolls.store import load_ledger
from tolls.store.models import EventRow
from tolls.store.queries import LIVE_STATUSES, EventFilter, list_events
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.routes.events import parse_bbox

__all__ = ["parse_datetime", "router"]

router = APIRouter(prefix="/ogc", tags=["ogc"])

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


def _day(value: str, *, end: bool) -> date | None:
    value = value.strip()
    if value in ("", ".."):
        return None
    try:
        if "T" in value or " " in value:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            ErrorCode.E430,
            reason=f"datetime must be an RFC 3339 date or interval (a/b, ../b, a/..), not {value!r}",
        ) from exc


def parse_datetime(value: str | None) -> tuple[date | None, date | None]:
    """An OGC ``datetime`` (instant or interval, open ends as ``..``) as a day range."""
    if value is None or not value.strip():
        return None, None
    if "/" in value:
        first, _, last = value.partition("/")
        start, stop = _day(first, end=False), _day(last, end=True)
        if start and stop and start > stop:
            raise InputError(ErrorCode.E430, reason="the datetime interval ends before it starts")
        return start, stop
    day = _day(value, end=False)
    return day, day


def _collection(request: Request, ledger: LedgerDep) -> dict[str, Any]:
    base = _base(request)
    with ledger.read() as session:
        live = EventRow.status.in_(LIVE_STATUSES)
        lon0, lat0, lon1, lat1, d0, d1 = session.execute(
            select(
                func.min(EventRow.lon),
                func.min(EventRow.lat),
                func.max(EventRow.lon),
                func.max(EventRow.lat),
                func.min(EventRow.date_start),
                func.max(func.coalesce(EventRow.date_end, EventRow.date_start)),
            ).where(live)
        ).one()
    bbox = [lon0, lat0, lon1, lat1] if lon0 is not None else [-180.0, -90.0, 180.0, 90.0]
    return {
        "id": "events",
        "title": "Ledger events",
        "description": "Reconciled conflict events with low/best/high casualty estimates per victim group.",
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {"bbox": [bbox], "crs": CRS84},
            "temporal": {
                "interval": [[f"{d0}T00:00:00Z" if d0 else None, f"{d1}T23:59:59Z" if d1 else None]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            },
        },
        "links": [
            {"href": f"{base}/collections/events", "rel": "self", "type": "application/json"},
            {"href": f"{base}/collections/events/items", "rel": "items", "type": GEOJSON},
        ],
    }


@router.get("", summary="OGC API landing page")
def landing(request: Request, _who: ReaderDep) -> dict[str, Any]:
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    return {
        "title": "tolls: conflict events and contested casualty claims",
        "description": "OGC API – Features for the tolls ledger.",
        "links": [
            {"href": base, "rel": "self", "type": "application/json", "title": "this document"},
            {
                "href": f"{root}/api/v1/openapi.json",
                "rel": "service-desc",
                "type": OPENAPI,
            },
            {"href": f"{root}/api/v1/docs", "rel": "service-doc", "type": "text/html"},
            {"href": f"{base}/conformance", "rel": "conformance", "type": "application/json"},
            {"href": f"{base}/collections", "rel": "data", "type": "application/json"},
        ],
    }


@router.get("/conformance", summary="Conformance classes")
def conformance(_who: ReaderDep) -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE}


@router.get("/collections", summary="Feature collections")
def collections(request: Request, ledger: LedgerDep, _who: ReaderDep) -> dict[str, Any]:
    base = _base(request)
    return {
        "links": [{"href": f"{base}/collections", "rel": "self", "type": "application/json"}],
        "collections": [_collection(request, ledger)],
    }


@router.get("/collections/events", summary="The events collection")
def events_collection(request: Request, ledger: LedgerDep, _who: ReaderDep) -> dict[str, Any]:
    return _collection(request, ledger)


def _feature(event: LedgerEvent) -> dict[str, Any]:
    f = feature(event)
    if f is not None:
        return f
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": None,
        "properties": {"id": event.id, "type": event.type},
    }


_GEOJSON_200: dict[int | str, dict[str, Any]] = {200: {"content": {GEOJSON: {}}}}


@router.get(
    "/collections/events/items",
    summary="Events as GeoJSON features",
    response_class=JSONResponse,
    responses=_GEOJSON_200,
)
def items(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    bbox: Annotated[str | None, Query(max_length=200)] = None,
    datetime_: Annotated[str | None, Query(alias="datetime", max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> JSONResponse:
    limit = min(limit, 1_000)
    start, end = parse_datetime(datetime_)
    f = EventFilter(start=start, end=end, bbox=parse_bbox(bbox))
    with ledger.read() as session:
        page = list_events(session, f, limit=limit, offset=offset, sort="date")
        ids = [e.id for e in page.items]
        events = {e.id: e for e in load_ledger(session, event_ids=ids)} if ids else {}
    features = [_feature(events[i]) for i in ids if i in events]
    links = [{"href": str(request.url), "rel": "self", "type": GEOJSON}]
    if offset + limit < page.total:
        links.append(
            {
                "href": str(request.url.include_query_params(offset=offset + limit, limit=limit)),
                "rel": "next",
                "type": GEOJSON,
            }
        )
    body = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": page.total,
        "numberReturned": len(features),
        "timeStamp": datetime.now().astimezone().isoformat(timespec="seconds"),
        "links": links,
    }
    return JSONResponse(body, media_type=GEOJSON)


@router.get(
    "/collections/events/items/{event_id:path}",
    summary="One event as a GeoJSON feature",
    response_class=JSONResponse,
    responses=_GEOJSON_200,
)
def item(event_id: str, ledger: LedgerDep, _who: ReaderDep) -> JSONResponse:
    with ledger.read() as session:
        found = load_ledger(session, event_ids=[event_id])
    if not found:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    return JSONResponse(_feature(found[0]), media_type=GEOJSON)
