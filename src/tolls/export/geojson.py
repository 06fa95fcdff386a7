"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per located ledger event.

Coordinates are ``[longitude, latitude]`` (WGS84, at most 6 decimals). An event with no usable
coordinates is skipped, and the collection ends with a foreign member ``"tolls:unlocated"``
counting them, so a map never shows a point that was not reported there, and nothing is lost
silently. The file is written feature by feature; the count comes last because JSON objects
are unordered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from tolls.export._common import documents, event_id, killed_totals, located, primary_place, split_type
from tolls.export.context import ExportContext
from tolls.model import Estimate, LedgerEvent

__all__ = ["UNLOCATED", "feature", "write_geojson"]

UNLOCATED = "tolls:unlocated"


def _estimate(e: Estimate) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "group": e.group,
        "victims": {"name": e.victims.name, "country": e.victims.country, "inter": e.victims.inter},
        "low": e.low,
        "best": e.best,
        "high": e.high,
        "rule": e.rule,
        "contested": e.contested,
        "claims": list(e.claims),
    }


def _sources(docs: list[str], context: ExportContext) -> list[dict[str, Any]]:
    out = []
    for d in docs:
        info = context.sources.get(d)
        out.append(
            {"id": d, "title": info.title, "url": info.url, "outlet": info.outlet}
            if info is not None
            else {"id": d, "title": "", "url": "", "outlet": ""}
        )
    return out


def feature(event: LedgerEvent, context: ExportContext | None = None) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature, or ``None`` when it has no usable coordinates."""
    context = context or ExportContext()
    review = context.event_review.get(event.id)
    point = primary_place(event)
    if point is None or point.lat is None or point.lon is None or not located(point):
        return None
    totals = killed_totals(event)
    event_type, sub_event_type = split_type(event.type)
    dates = event.dates
    end = dates.end or dates.start
    docs = documents(event)
    properties: dict[str, Any] = {
        "id": event_id(event),
        "type": event.type,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date_start": dates.start.isoformat() if dates.start else None,
        "date_end": end.isoformat() if end else None,
        "date_precision": dates.precision,
        "place": point.name,
        "admin1": point.admin1,
        "country": point.country,
        "place_precision": point.precision,
        "fatalities_low": totals.low if totals else None,
        "fatalities_best": totals.best if totals else None,
        "fatalities_high": totals.high if totals else None,
        "contested": event.contested,
        "estimates": [_estimate(e) for e in event.estimates],
        "claim_count": len(event.claims),
        "documents": docs,
        "sources": _sources(docs, context),
        "scope": event.scope,
        "summary": event.summary,
        "status": review.status if review else None,
        "reviewed": review.reviewed if review else None,
        "grade": event.grade.grade if event.grade else None,
        "grade_reasons": list(event.grade.reasons) if event.grade else None,
        "grade_by": event.grade.by if event.grade else None,
    }
    return {
        "type": "Feature",
        "id": event_id(event),
        "geometry": {"type": "Point", "coordinates": [round(point.lon, 6), round(point.lat, 6)]},
        "properties": properties,
    }


def write_geojson(events: Iterable[LedgerEvent], out: TextIO, context: ExportContext | None = None) -> int:
    """Stream a FeatureCollection to ``out``; returns the number of features written."""
    out.write('{"type": "FeatureCollection", "features": [')
    written = unlocated = 0
    for event in events:
        f = feature(event, context)
        if f is None:
            unlocated += 1
            continue
        out.write(",\n" if written else "\n")
        out.write(json.dumps(f, ensure_ascii=False, allow_nan=False))
        written += 1
    out.write(f'\n], "{UNLOCATED}": {unlocated}}}\n')
    return written
