"""Parquet: the ledger without loss, as two tables in a folder (``events.parquet``,
``claims.parquet``) with explicit pyarrow schemas.

``events`` has one row per ledger event, with its locations, actors and per-group estimates as
nested lists; ``claims`` one row per sourced claim, keyed by ``event_id``, with the document id
and the character span it was read from. Rows are written in batches, so memory stays bounded
by ``batch_size`` events.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tolls.export._common import documents, killed_totals, split_type
from tolls.model import LedgerEvent, Party, Place, SourcedClaim

__all__ = ["CLAIMS_FILE", "CLAIMS_SCHEMA", "EVENTS_FILE", "EVENTS_SCHEMA", "write_parquet"]

EVENTS_FILE = "events.parquet"
CLAIMS_FILE = "claims.parquet"

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
    ]
)

CLAIMS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("event_id", pa.string(), nullable=False),
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
    ]
)


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


def event_record(event: LedgerEvent) -> dict[str, Any]:
    """One row of the ``events`` table."""
    totals = killed_totals(event)
    event_type, sub_event_type = split_type(event.type)
    return {
        "id": event.id,
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
    }


def claim_record(event_id: str, sc: SourcedClaim) -> dict[str, Any]:
    """One row of the ``claims`` table."""
    c, f = sc.claim, sc.claim.figure
    return {
        "id": sc.id,
        "event_id": event_id,
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
    }


def write_parquet(events: Iterable[LedgerEvent], folder: Path, *, batch_size: int = 1024) -> int:
    """Write ``events.parquet`` and ``claims.parquet`` into ``folder`` (created if missing);
    returns the number of event rows."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    event_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    with (
        pq.ParquetWriter(folder / EVENTS_FILE, EVENTS_SCHEMA) as ev_out,
        pq.ParquetWriter(folder / CLAIMS_FILE, CLAIMS_SCHEMA) as cl_out,
    ):

        def flush() -> None:
            if event_rows:
                ev_out.write_table(pa.Table.from_pylist(event_rows, schema=EVENTS_SCHEMA))
            if claim_rows:
                cl_out.write_table(pa.Table.from_pylist(claim_rows, schema=CLAIMS_SCHEMA))
            event_rows.clear()
            claim_rows.clear()

        for event in events:
            event_rows.append(event_record(event))
            claim_rows.extend(claim_record(event.id, c) for c in event.claims)
            n += 1
            if len(event_rows) >= batch_size:
                flush()
        flush()
    return n
