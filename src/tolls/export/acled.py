"""ACLED-compatible CSV: one row per ledger event, in ACLED's current column names and order.

Derivations follow ACLED's codebook where tolls knows enough: actors as the actor dictionary
names them, inter codes as ACLED's text labels, the event id every other export uses. Text cells
tolls cannot fill stay empty (``source_scale``, ``admin3``, ``admin2`` unless the place is a
district); integer cells are always integers (0 when not known). ``docs/export.md`` documents
every column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, time
from typing import TextIO

from tolls.export._common import (
    country,
    documents,
    event_country,
    event_id,
    grade_name,
    killed_totals,
    last_published,
    located,
    primary_place,
    sides,
    split_type,
    write_csv,
)
from tolls.export.actors import coded_actors, generic_name, inter_label, interaction_label, named
from tolls.export.context import ExportContext
from tolls.export.imported import coded_acled_columns
from tolls.export.notes import event_notes
from tolls.extract.actors import ActorDictionary
from tolls.extract.admin1 import source_admin1
from tolls.geo.precision import acled_geo_precision
from tolls.model import DateSpan, LedgerEvent, Party

__all__ = [
    "ACLED_COLUMNS",
    "acled_row",
    "acled_rows",
    "disorder_type",
    "interaction",
    "time_precision",
    "write_acled",
]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "tolls_grade",
)
"""ACLED's current columns in its order, then tolls' own: ``tolls_grade`` (readers that take
columns by name, as pandas, DuckDB and ACLED's own tools do, are not disturbed by it)."""

# The actor ACLED codes when a report names none, by event type: its inter code (the name is
# ACLED's generic one for it, "Unidentified Armed Group (Pakistan)", "Protesters (Pakistan)").
_DEFAULT_ACTOR1 = {
    "Battles": 3,
    "Explosions/Remote violence": 3,
    "Violence against civilians": 3,
    "Protests": 6,
    "Riots": 5,
}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type: political violence, demonstrations (protests and violent
    demonstrations), both (excessive force against protesters), or strategic developments."""
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Riots":
        return "Demonstrations" if sub_event_type == "Violent demonstration" else "Political violence"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, lower first (12, 17, 11); a sole actor
    is its code times ten (10, 60); no actor is 0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if len(codes) == 2:
        return codes[0] * 10 + codes[1]
    if codes:
        return codes[0] * 10
    return 0


def time_precision(dates: DateSpan) -> int | None:
    """1 when the day is known (a night across midnight counts as one day), 2 within a week,
    3 a month or more; ``None`` without a date."""
    if dates.start is None:
        return None
    days = (dates.end - dates.start).days + 1 if dates.end is not None else 1
    if dates.precision in (None, "day") and days <= 2:
        return 1
    if dates.precision in (None, "day", "week") and days <= 7:
        return 2
    return 3


def _actors(event: LedgerEvent, family: str, iso3: str) -> tuple[str, str, int, str, str, int]:
    dictionary = ActorDictionary.load()
    grouped = sides(coded_actors(event.actors, iso3, dictionary))
    # civilians are a target, never the first actor; otherwise keep the order of first mention
    grouped.sort(key=lambda s: s[0][1] == 7)
    parts: list[list[Party]] = [members for _, members in grouped]
    if not parts and family in _DEFAULT_ACTOR1:
        inter = _DEFAULT_ACTOR1[family]
        parts.append([Party(name=generic_name(inter, iso3), country=iso3, inter=inter)])
    if family == "Violence against civilians" and not any(p[0].inter == 7 for p in parts[1:]):
        parts.insert(1, [Party(name=generic_name(7, iso3), country=iso3, inter=7)])

    def lead(side: list[Party]) -> Party:
        """The side's actor: the first the dictionary names, else its generic name."""
        return next((a for a in side if named(a)), side[0])

    def associated(side: list[Party], main: Party) -> list[str]:
        return [a.name for a in side if a is not main and named(a)]

    first = parts[0] if parts else []
    second = parts[1] if len(parts) > 1 else []
    main1 = lead(first) if first else None
    main2 = lead(second) if second else None
    assoc1 = associated(first, main1) if main1 else []
    # a third side is listed with the second when the dictionary names its actor
    third = [lead(side) for side in parts[2:]]
    assoc2 = [*(associated(second, main2) if main2 else []), *(a.name for a in third if named(a))]
    taken = {main1.name if main1 else "", main2.name if main2 else ""}
    return (
        main1.name if main1 else "",
        "; ".join(n for n in dict.fromkeys(assoc1) if n not in taken),
        (main1.inter or 0) if main1 else 0,
        main2.name if main2 else "",
        "; ".join(n for n in dict.fromkeys(assoc2) if n not in taken),
        (main2.inter or 0) if main2 else 0,
    )


def _civilian_targeting(family: str, inter2: int) -> str:
    if family == "Violence against civilians":
        return "Civilian targeting"
    if inter2 == 7 and family in ("Explosions/Remote violence", "Riots"):
        return "Civilian targeting"
    return ""


def _sources(event: LedgerEvent, context: ExportContext) -> str:
    """The outlets behind the event (the hosts of its documents' urls), else its document ids."""
    docs = documents(event)
    outlets = [context.sources[d].outlet for d in docs if d in context.sources]
    return "; ".join(dict.fromkeys(o for o in outlets if o)) or "; ".join(docs)


def _tags(event: LedgerEvent, context: ExportContext) -> str:
    """tolls' own facts in ACLED's ``key=value`` tag style: the fatality range behind the coded
    lowest figure, whether it is contested, the review status."""
    totals = killed_totals(event)
    tags = [
        f"fatalities best={_n(totals.best if totals else None)}",
        f"fatalities high={_n(totals.high if totals else None)}",
        f"claims={len(event.claims)}",
    ]
    if event.contested:
        tags.append("fatalities contested")
    review = context.event_review.get(event.id)
    if review is not None:
        tags.append(f"review={review.status}")
    return "; ".join(tags)


def _n(value: int | None) -> str:
    return "unknown" if value is None else str(value)


def _timestamp(event: LedgerEvent) -> int:
    """Unix time of midnight UTC of the latest source's publication day; 0 when none is known."""
    day = last_published(event)
    if day is None:
        return 0
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp())


def acled_row(event: LedgerEvent, context: ExportContext | None = None) -> dict[str, object]:
    """One ledger event as an ACLED row (values unescaped; :func:`write_acled` escapes).

    Integer columns are always integers: 0 stands for "not known" where ACLED's own codes
    start at 1 (``year``, ``time_precision``, ``iso``, ``geo_precision``, ``timestamp``)."""
    context = context or ExportContext()
    family, sub = split_type(event.type)
    iso3 = event_country(event)
    info = country(iso3)
    actor1, assoc1, inter1, actor2, assoc2, inter2 = _actors(event, family, iso3)
    place = primary_place(event)
    point = place if place is not None and located(place) else None
    lat = round(point.lat, 4) if point is not None and point.lat is not None else None
    lon = round(point.lon, 4) if point is not None and point.lon is not None else None
    totals = killed_totals(event)
    day = event.dates.start
    row: dict[str, object] = {
        "event_id_cnty": event_id(event),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else 0,
        "time_precision": time_precision(event.dates) or 0,
        "disorder_type": disorder_type(family, sub),
        "event_type": family,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter_label(inter1),
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter_label(inter2),
        "interaction": interaction_label(inter1, inter2),
        "civilian_targeting": _civilian_targeting(family, inter2),
        "iso": info.numeric if info is not None and info.numeric is not None else 0,
        "region": info.acled_region if info else "",
        "country": info.name if info else "",
        "admin1": source_admin1(place.country, place.admin1) if place else "",
        "admin2": place.name if place is not None and place.precision == "district" else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": (acled_geo_precision(point) or 0) if point is not None else 0,
        "source": _sources(event, context),
        "source_scale": "",
        "notes": event_notes(event, summary=context.summary(event)),
        "fatalities": totals.low if totals is not None and totals.low is not None else 0,
        "tags": _tags(event, context),
        "timestamp": _timestamp(event),
        "tolls_grade": grade_name(event),
    }
    return row | coded_acled_columns(event)  # an imported ACLED event: as ACLED coded it


def acled_rows(
    events: Iterable[LedgerEvent], context: ExportContext | None = None
) -> Iterator[dict[str, object]]:
    for event in events:
        yield acled_row(event, context)


def write_acled(events: Iterable[LedgerEvent], out: TextIO, context: ExportContext | None = None) -> int:
    """Stream ACLED rows to ``out``; returns the number of rows written."""
    return write_csv(out, ACLED_COLUMNS, acled_rows(events, context))
