"""Conversions between ORM rows and the domain dataclasses (the store's only boundary code)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Literal, cast

from tolls.model import (
    Claim,
    ClaimKind,
    CodedEvent,
    DatePrecision,
    DateSpan,
    Estimate,
    Event,
    EventGrade,
    Fatalities,
    Figure,
    GradeName,
    Party,
    Place,
    PlacePrecision,
    Qualifier,
    Scope,
    Stance,
)
from tolls.store.models import ClaimRow, DocEventRow, EstimateRow, EventRow

__all__ = [
    "aware",
    "claim_from_row",
    "claim_snapshot",
    "claim_to_columns",
    "coded_from_json",
    "coded_to_json",
    "date_columns",
    "dates_from_row",
    "doc_event_from_row",
    "estimate_from_row",
    "event_snapshot",
    "fatalities_columns",
    "fatalities_from_row",
    "grade_columns",
    "grade_from_row",
    "parties_from_json",
    "party_from_json",
    "party_to_json",
    "place_from_json",
    "place_to_json",
]


def aware(value: datetime | None) -> datetime | None:
    """Timestamps are stored in UTC; SQLite hands them back naive, PostgreSQL aware."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def coded_to_json(c: CodedEvent | None) -> dict[str, Any] | None:
    """A dataset row as stored: ``{"dataset", "external_id", "values": [[column, cell], ...]}``
    (a list of pairs keeps the row's cells in one order on every backend), and the
    ``date_format`` it was read with when one was given."""
    if c is None:
        return None
    out: dict[str, Any] = {
        "dataset": c.dataset,
        "external_id": c.external_id,
        "values": [list(kv) for kv in c.values],
    }
    if c.date_format:
        out["date_format"] = c.date_format
    return out


def coded_from_json(d: dict[str, Any] | None) -> CodedEvent | None:
    if not d:
        return None
    dataset: Literal["acled", "ucdp"] = "ucdp" if d.get("dataset") == "ucdp" else "acled"
    values = tuple((str(k), str(v)) for k, v in d.get("values", []))
    fmt = d.get("date_format")
    return CodedEvent(
        dataset=dataset,
        external_id=str(d.get("external_id", "")),
        values=values,
        date_format=str(fmt) if fmt else None,
    )


def party_to_json(p: Party) -> dict[str, Any]:
    return asdict(p)


def party_from_json(d: dict[str, Any]) -> Party:
    return Party(
        name=str(d.get("name", "")),
        country=str(d.get("country", "")),
        inter=d.get("inter"),
        start=d.get("start"),
        end=d.get("end"),
    )


def parties_from_json(items: list[Any]) -> list[Party]:
    return [party_from_json(d) for d in items]


def place_to_json(p: Place) -> dict[str, Any]:
    out = asdict(p)
    if not p.lent:
        del out["lent"]  # stored as before for every place told in its text
    return out


def place_from_json(d: dict[str, Any]) -> Place:
    return Place(
        name=str(d.get("name", "")),
        start=d.get("start"),
        end=d.get("end"),
        admin1=str(d.get("admin1", "")),
        country=str(d.get("country", "")),
        precision=cast("PlacePrecision | None", d.get("precision")),
        lat=d.get("lat"),
        lon=d.get("lon"),
        geonameid=d.get("geonameid"),
        lent=bool(d.get("lent", False)),
    )


def date_columns(d: DateSpan) -> dict[str, Any]:
    return {"date_start": d.start, "date_end": d.end, "date_precision": d.precision, "date_text": d.text}


def dates_from_row(row: DocEventRow | EventRow) -> DateSpan:
    span = (row.date_span_start, row.date_span_end) if isinstance(row, DocEventRow) else (None, None)
    return DateSpan(
        start=row.date_start,
        end=row.date_end,
        precision=cast("DatePrecision | None", row.date_precision),
        text=row.date_text,
        span_start=span[0],
        span_end=span[1],
    )


def grade_columns(g: EventGrade | None) -> dict[str, Any]:
    """The grade columns of an event row (an ungraded event is ``weak``, without reasons)."""
    if g is None:
        return {"grade": "weak", "grade_reasons": [], "grade_by": None}
    return {"grade": g.grade, "grade_reasons": list(g.reasons), "grade_by": g.by}


def grade_from_row(row: Any) -> EventGrade:
    """An event's grade from a row with the grade columns (an ORM row or a plain one)."""
    return EventGrade(
        grade=cast(GradeName, row.grade),
        reasons=tuple(str(r) for r in row.grade_reasons or ()),
        by=row.grade_by,
    )


def fatalities_columns(f: Fatalities | None) -> dict[str, Any]:
    if f is None:
        return {
            "has_fatalities": False,
            "fatalities_low": None,
            "fatalities_best": None,
            "fatalities_high": None,
        }
    return {
        "has_fatalities": True,
        "fatalities_low": f.low,
        "fatalities_best": f.best,
        "fatalities_high": f.high,
    }


def fatalities_from_row(row: DocEventRow | EventRow) -> Fatalities | None:
    if not row.has_fatalities:
        return None
    return Fatalities(low=row.fatalities_low, best=row.fatalities_best, high=row.fatalities_high)


def claim_to_columns(c: Claim) -> dict[str, Any]:
    """The claim's columns (everything but id, document and review state)."""
    return {
        "doc_event": c.event_ref,
        "claimant_name": c.claimant.name,
        "claimant_country": c.claimant.country,
        "claimant_inter": c.claimant.inter,
        "claimant_start": c.claimant.start,
        "claimant_end": c.claimant.end,
        "kind": c.kind,
        "victims_name": c.victims.name,
        "victims_country": c.victims.country,
        "victims_inter": c.victims.inter,
        "victims_start": c.victims.start,
        "victims_end": c.victims.end,
        "figure_text": c.figure.text,
        "figure_value": c.figure.value,
        "figure_low": c.figure.low,
        "figure_high": c.figure.high,
        "figure_qualifier": c.figure.qualifier,
        "stance": c.stance,
        "span_start": c.span[0],
        "span_end": c.span[1],
        "evidence": c.evidence,
        "sentence": c.sentence,
        "subset": c.subset,
        "prior": c.prior,
        "tally": c.tally,
    }


def claim_from_row(row: ClaimRow) -> Claim:
    return Claim(
        claimant=Party(
            name=row.claimant_name,
            country=row.claimant_country,
            inter=row.claimant_inter,
            start=row.claimant_start,
            end=row.claimant_end,
        ),
        kind=cast("ClaimKind", row.kind),
        victims=Party(
            name=row.victims_name,
            country=row.victims_country,
            inter=row.victims_inter,
            start=row.victims_start,
            end=row.victims_end,
        ),
        figure=Figure(
            text=row.figure_text,
            value=row.figure_value,
            low=row.figure_low,
            high=row.figure_high,
            qualifier=cast("Qualifier", row.figure_qualifier),
        ),
        span=(row.span_start, row.span_end),
        stance=cast("Stance", row.stance),
        event_ref=row.doc_event,
        evidence=row.evidence,
        sentence=row.sentence,
        subset=row.subset,
        prior=row.prior,
        tally=row.tally,
    )


def claim_snapshot(row: ClaimRow) -> dict[str, Any]:
    """A JSON-able picture of a claim row, for the audit trail."""
    snap = claim_to_columns(claim_from_row(row))
    snap.update(id=row.id, document_id=row.document_id, status=row.status, reviewed=row.reviewed)
    return snap


def doc_event_from_row(row: DocEventRow) -> Event:
    return Event(
        type=row.type,
        dates=dates_from_row(row),
        locations=[place_from_json(d) for d in row.locations],
        actors=parties_from_json(row.actors),
        fatalities=fatalities_from_row(row),
        scope=cast("Scope", row.scope),
        summary=row.summary,
        span=(row.span_start, row.span_end)
        if row.span_start is not None and row.span_end is not None
        else None,
    )


def estimate_from_row(row: EstimateRow) -> Estimate:
    return Estimate(
        kind=cast("ClaimKind", row.kind),
        group=row.victim_group,
        victims=party_from_json(row.victims),
        low=row.low,
        best=row.best,
        high=row.high,
        rule=row.rule,
        claims=tuple(str(c) for c in row.claim_ids),
        contested=row.contested,
    )


def event_snapshot(row: EventRow) -> dict[str, Any]:
    """A JSON-able picture of a ledger event row, for the audit trail."""
    return {
        "id": row.id,
        "type": row.type,
        "date_start": row.date_start.isoformat() if row.date_start else None,
        "date_end": row.date_end.isoformat() if row.date_end else None,
        "date_precision": row.date_precision,
        "locations": list(row.locations),
        "actors": list(row.actors),
        "fatalities": [row.fatalities_low, row.fatalities_best, row.fatalities_high]
        if row.has_fatalities
        else None,
        "contested": row.contested,
        "grade": row.grade,
        "grade_reasons": list(row.grade_reasons or []),
        "grade_by": row.grade_by,
        "scope": row.scope,
        "summary": row.summary,
        "notes": row.notes,
        "status": row.status,
        "merged_into": row.merged_into,
        "reviewed": row.reviewed,
        "claims": sorted(link.claim_id for link in row.claim_links),
        "documents": sorted(link.document_id for link in row.document_links),
    }
