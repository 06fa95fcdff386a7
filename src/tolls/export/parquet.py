"""Parquet: the ledger without loss, as three tables in a folder (``events.parquet``,
``claims.parquet``, ``documents.parquet``) with explicit pyarrow schemas.

``events`` has one row per ledger event, with its locations, actors and per-group estimates as
nested lists, its review status and a point ``geometry``: the file is GeoParquet 1.1 (WKB
geometry, ``geo`` metadata with the CRS, OGC:CRS84 = WGS84 longitude/latitude), so geopandas,
GDAL and QGIS read it as a layer; an event with no coordinates has a null geometry. ``claims``
has one row per claim in the store, each with its review status, keyed by ``event_id`` (null
for a claim no exported event holds), with the document id and the character span it was read
from. ``documents`` names each source document: title, url, outlet, publication date and where
it was ingested from. Rows are written in batches, so memory stays bounded by ``batch_size``
events.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tolls.data import data_path
from tolls.export._common import documents, event_id, killed_totals, located, primary_place, split_type
from tolls.export.context import ExportContext, SourceInfo
from tolls.model import LedgerEvent, Party, Place, SourcedClaim

__all__ = [
    "CLAIMS_FILE",
    "CLAIMS_SCHEMA",
    "DOCUMENTS_FILE",
    "DOCUMENTS_SCHEMA",
    "EVENTS_FILE",
    "EVENTS_SCHEMA",
    "geo_metadata",
    "write_parquet",
]

EVENTS_FILE = "events.parquet"
CLAIMS_FILE = "claims.parquet"
DOCUMENTS_FILE = "documents.parquet"

_PARTY = pa.struct([("name", pa.string()), ("country", pa.string()), ("inter", pa.int8())])
_LOCATION = pa.struct(
    [
        ("name", pa.string()),
        ("admin1", pa.string()),
        ("country", pa.string()),
        ("precision", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geonameid", pa.int64()),
    ]
)
_ESTIMATE = pa.struct(
    [
        ("kind", pa.string()),
        ("group", pa.string()),
        ("victims", _PARTY),
        ("low", pa.int64()),
        ("best", pa.int64()),
        ("high", pa.int64()),
        ("rule", pa.string()),
        ("contested", pa.bool_()),
        ("claims", pa.list_(pa.string())),
    ]
)

EVENTS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        ("type", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("locations", pa.list_(_LOCATION)),
        ("actors", pa.list_(_PARTY)),
        ("fatalities_low", pa.int64()),
        ("fatalities_best", pa.int64()),
        ("fatalities_high", pa.int64()),
        pa.field("contested", pa.bool_(), nullable=False),
        ("estimates", pa.list_(_ESTIMATE)),
        pa.field("claim_count", pa.int32(), nullable=False),
        ("documents", pa.list_(pa.string())),
        ("scope", pa.string()),
        ("summary", pa.string()),
        ("notes", pa.string()),
        ("status", pa.string()),
        ("reviewed", pa.bool_()),
        ("reviewed_by", pa.string()),
        ("grade", pa.string()),
        ("grade_reasons", pa.list_(pa.string())),
        ("grade_by", pa.string()),
        ("geometry", pa.binary()),
    ]
)

CLAIMS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        ("event_id", pa.string()),
        pa.field("doc_id", pa.string(), nullable=False),
        ("published", pa.date32()),
        pa.field("span_start", pa.int64(), nullable=False),
        pa.field("span_end", pa.int64(), nullable=False),
        ("sentence", pa.int32()),
        ("claimant", _PARTY),
        ("kind", pa.string()),
        ("victims", _PARTY),
        ("figure_text", pa.string()),
        ("figure_value", pa.int64()),
        ("figure_low", pa.int64()),
        ("figure_high", pa.int64()),
        ("qualifier", pa.string()),
        ("stance", pa.string()),
        ("evidence", pa.string()),
        pa.field("subset", pa.bool_(), nullable=False),
        pa.field("prior", pa.bool_(), nullable=False),
        pa.field("tally", pa.bool_(), nullable=False),
        ("sources", pa.list_(pa.string())),
        ("status", pa.string()),
        ("reviewed", pa.bool_()),
        ("reviewed_by", pa.string()),
    ]
)

DOCUMENTS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("locator", pa.string()),
        ("status", pa.string()),
        ("canonical_id", pa.string()),
    ]
)


@lru_cache(maxsize=1)
def _crs84() -> dict[str, Any]:
    with data_path("export", "crs84.projjson").open(encoding="utf-8") as fh:
        crs: dict[str, Any] = json.load(fh)
    return crs


def geo_metadata() -> dict[str, Any]:
    """GeoParquet 1.1 file metadata of ``events.parquet``: one WKB point column, CRS84."""
    return {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": ["Point"],
                "crs": _crs84(),
                "edges": "planar",
            }
        },
    }


def _wkb_point(lon: float, lat: float) -> bytes:
    """ISO WKB of a 2D point, little-endian."""
    return struct.pack("<BIdd", 1, 1, lon, lat)


def _geometry(event: LedgerEvent) -> bytes | None:
    point = primary_place(event)
    if point is None or point.lat is None or point.lon is None or not located(point):
        return None
    return _wkb_point(round(point.lon, 6), round(point.lat, 6))


def _party(p: Party) -> dict[str, Any]:
    return {"name": p.name, "country": p.country, "inter": p.inter}


def _location(p: Place) -> dict[str, Any]:
    return {
        "name": p.name,
        "admin1": p.admin1,
        "country": p.country,
        "precision": p.precision,
        "latitude": p.lat,
        "longitude": p.lon,
        "geonameid": p.geonameid,
    }


def event_record(event: LedgerEvent, context: ExportContext | None = None) -> dict[str, Any]:
    """One row of the ``events`` table."""
    totals = killed_totals(event)
    event_type, sub_event_type = split_type(event.type)
    review = (context or ExportContext()).event_review.get(event.id)
    return {
        "id": event_id(event),
        "type": event.type,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date_start": event.dates.start,
        "date_end": event.dates.end,
        "date_precision": event.dates.precision,
        "date_text": event.dates.text,
        "locations": [_location(p) for p in event.locations],
        "actors": [_party(a) for a in event.actors],
        "fatalities_low": totals.low if totals else None,
        "fatalities_best": totals.best if totals else None,
        "fatalities_high": totals.high if totals else None,
        "contested": event.contested,
        "estimates": [
            {
                "kind": e.kind,
                "group": e.group,
                "victims": _party(e.victims),
                "low": e.low,
                "best": e.best,
                "high": e.high,
                "rule": e.rule,
                "contested": e.contested,
                "claims": list(e.claims),
            }
            for e in event.estimates
        ],
        "claim_count": len(event.claims),
        "documents": documents(event),
        "scope": event.scope,
        "summary": event.summary,
        "notes": event.notes,
        "status": review.status if review else None,
        "reviewed": review.reviewed if review else None,
        "reviewed_by": (review.reviewed_by or None) if review else None,
        "grade": event.grade.grade if event.grade else None,
        "grade_reasons": list(event.grade.reasons) if event.grade else None,
        "grade_by": event.grade.by if event.grade else None,
        "geometry": _geometry(event),
    }


def claim_record(
    held_by: str | None, sc: SourcedClaim, context: ExportContext | None = None
) -> dict[str, Any]:
    """One row of the ``claims`` table (``held_by``: the exported event holding it, or None)."""
    c, f = sc.claim, sc.claim.figure
    review = (context or ExportContext()).claim_review.get(sc.id)
    return {
        "id": sc.id,
        "event_id": held_by,
        "doc_id": sc.doc_id,
        "published": sc.published,
        "span_start": c.span[0],
        "span_end": c.span[1],
        "sentence": c.sentence,
        "claimant": _party(c.claimant),
        "kind": c.kind,
        "victims": _party(c.victims),
        "figure_text": f.text,
        "figure_value": f.value,
        "figure_low": f.low,
        "figure_high": f.high,
        "qualifier": f.qualifier,
        "stance": c.stance,
        "evidence": c.evidence,
        "subset": c.subset,
        "prior": c.prior,
        "tally": c.tally,
        "sources": list(sc.sources),
        "status": review.status if review else None,
        "reviewed": review.reviewed if review else None,
        "reviewed_by": (review.reviewed_by or None) if review else None,
    }


def document_record(doc: SourceInfo) -> dict[str, Any]:
    """One row of the ``documents`` table."""
    return {
        "id": doc.id,
        "title": doc.title or None,
        "url": doc.url or None,
        "outlet": doc.outlet or None,
        "published": doc.published,
        "source": doc.source or None,
        "locator": doc.locator or None,
        "status": doc.status or None,
        "canonical_id": doc.canonical or None,
    }


def write_parquet(
    events: Iterable[LedgerEvent],
    folder: Path,
    context: ExportContext | None = None,
    *,
    batch_size: int = 1024,
) -> int:
    """Write ``events.parquet``, ``claims.parquet`` and ``documents.parquet`` into ``folder``
    (created if missing); returns the number of event rows.

    ``claims`` holds the events' claims in event order, then ``context.loose_claims``;
    ``documents`` every document an event or claim names, by id (with what ``context`` knows
    of it)."""
    context = context or ExportContext()
    folder.mkdir(parents=True, exist_ok=True)
    events_schema = EVENTS_SCHEMA.with_metadata({b"geo": json.dumps(geo_metadata()).encode("utf-8")})
    n = 0
    doc_ids: set[str] = set()
    event_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    with (
        pq.ParquetWriter(folder / EVENTS_FILE, events_schema) as ev_out,
        pq.ParquetWriter(folder / CLAIMS_FILE, CLAIMS_SCHEMA) as cl_out,
    ):

        def flush() -> None:
            if event_rows:
                ev_out.write_table(pa.Table.from_pylist(event_rows, schema=events_schema))
            if claim_rows:
                cl_out.write_table(pa.Table.from_pylist(claim_rows, schema=CLAIMS_SCHEMA))
            event_rows.clear()
            claim_rows.clear()

        for event in events:
            event_rows.append(event_record(event, context))
            claim_rows.extend(claim_record(event_id(event), c, context) for c in event.claims)
            doc_ids.update(documents(event))
            n += 1
            if len(event_rows) >= batch_size:
                flush()
        for i, c in enumerate(context.loose_claims, 1):
            claim_rows.append(claim_record(None, c, context))
            doc_ids.update((c.doc_id, *c.sources))
            if i % batch_size == 0:
                flush()
        flush()
    docs = [document_record(context.sources.get(d) or SourceInfo(id=d)) for d in sorted(doc_ids)]
    pq.write_table(pa.Table.from_pylist(docs, schema=DOCUMENTS_SCHEMA), folder / DOCUMENTS_FILE)
    return n
