"""OGC API – Features (Part 1: Core, GeoJSON) for the ledger's events, so GIS users open
tolls in QGIS or read it with GDAL (``ogrinfo OAPIF:http://HOST/ogc events``).

One collection, ``events``: a Point per event at its first located place (``geometry`` null
when none is), the properties of the GeoJSON export (an unlocated event has them too, its date
among them). ``bbox``, ``datetime``, ``limit`` and ``offset`` select, and so do the REST API's
filters (``country``, ``place``, ``actor``, ``type``, ``contested``, ``q``);
``numberMatched``/``numberReturned`` and a ``next`` link page. A parameter an operation does
not take, or a value it cannot read, is answered 400 (problem+json, E430). Conformance: Part 1
core and GeoJSON; not ``oas30``, since the API document is OpenAPI 3.1.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from tolls.errors import ErrorCode, NotFound
from tolls.export.geojson import feature
from tolls.model import LedgerEvent, Place
from tolls.store import load_ledger
from tolls.store.models import EventRow
from tolls.store.queries import LIVE_STATUSES, EventFilter, list_events
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.params import (
    BboxQuery,
    CountryQuery,
    DatetimeQuery,
    no_unknown_parameters,
    parse_bbox,
    parse_datetime,
)

__all__ = ["CONFORMANCE", "router"]


router = APIRouter(prefix="/ogc", tags=["ogc"], dependencies=[Depends(no_unknown_parameters)])

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.1"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
"""What this API conforms to. Not ``oas30``: the API document is OpenAPI 3.1."""


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


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
                "href": f"{root}/openapi.json",
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
    """The event as the GeoJSON export has it; an unlocated one with the same properties (its
    date, type, place name, fatalities ...) and a null geometry."""
    found = feature(event)
    if found is not None:
        return found
    place = next(iter(event.locations), None) or Place(name="")
    stand_in = replace(event, locations=[replace(place, lat=0.0, lon=0.0)])  # for the properties only
    found = feature(stand_in)
    assert found is not None
    return {**found, "geometry": None}


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
    bbox: BboxQuery = None,
    datetime_: DatetimeQuery = None,
    limit: Annotated[
        int, Query(ge=1, le=10_000, description="Features per page (served: at most 1,000).")
    ] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Features to skip.")] = 0,
    country: CountryQuery = None,
    place: Annotated[str | None, Query(max_length=200, description="A place word start.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="An actor word start or ISO3.")] = None,
    type: Annotated[str | None, Query(max_length=200, description="ACLED event or sub-event type.")] = None,
    contested: Annotated[
        bool | None, Query(description="true: only events whose claimants disagree; false: only the others.")
    ] = None,
    q: Annotated[str | None, Query(max_length=500, description="Full text of the events' documents.")] = None,
) -> JSONResponse:
    limit = min(limit, 1_000)
    start, end = parse_datetime(datetime_)
    f = EventFilter(
        start=start,
        end=end,
        bbox=parse_bbox(bbox),
        country=country.upper() if country else None,
        place=place or None,
        actor=actor or None,
        type=type or None,
        contested=contested,
        q=q or None,
    )
    with ledger.read() as session:
        page = list_events(session, f, limit=limit, offset=offset, sort="date")
        ids = [e.id for e in page.items]
        events = {e.id: e for e in load_ledger(session, event_ids=ids)} if ids else {}
    total, exact = page.total, page.total_exact
    features = [_feature(events[i]) for i in ids if i in events]
    links = [{"href": str(request.url), "rel": "self", "type": GEOJSON}]
    if offset + limit < total or (not exact and len(ids) == limit):
        links.append(
            {
                "href": str(request.url.include_query_params(offset=offset + limit, limit=limit)),
                "rel": "next",
                "type": GEOJSON,
            }
        )
    body: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if exact:  # a text search counts only so far: then the number matched is not known
        body["numberMatched"] = total
    body |= {
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
def item(request: Request, event_id: str, ledger: LedgerDep, _who: ReaderDep) -> JSONResponse:
    with ledger.read() as session:
        found = load_ledger(session, event_ids=[event_id])
    if not found:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    collection = f"{_base(request)}/collections/events"
    body = _feature(found[0]) | {
        "links": [
            {"href": str(request.url), "rel": "self", "type": GEOJSON},
            {"href": collection, "rel": "collection", "type": "application/json", "title": "Ledger events"},
        ]
    }
    return JSONResponse(body, media_type=GEOJSON)
