"""ACLED-compatible CSV: one row per ledger event, in ACLED's current column names and order.

Derivations follow ACLED's codebook where tolls knows enough, and leave a cell empty where it
does not (``source_scale``, ``admin2``, ``admin3``, ``tags``, ``timestamp``); ``docs/export.md``
documents every column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from tolls.export._common import (
    claimants,
    country,
    documents,
    event_country,
    killed_totals,
    located,
    primary_place,
    sides,
    split_type,
    stable_number,
    write_csv,
)
from tolls.export.notes import event_notes
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
)

# The actor ACLED codes when a report names none, by event type: (name pattern, inter).
_DEFAULT_ACTOR1 = {
    "Battles": ("Unidentified Armed Group", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group", 3),
    "Violence against civilians": ("Unidentified Armed Group", 3),
    "Protests": ("Protesters", 6),
    "Riots": ("Rioters", 5),
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


def _with_country(name: str, country_name: str) -> str:
    return f"{name} ({country_name})" if country_name else name


def _actors(event: LedgerEvent, family: str, country_name: str) -> tuple[str, str, int, str, str, int]:
    grouped = sides(event.actors)
    # civilians are a target, never the first actor; otherwise keep the order of first mention
    grouped.sort(key=lambda s: s[0][1] == 7)
    parts: list[list[Party]] = [members for _, members in grouped]
    if not parts and family in _DEFAULT_ACTOR1:
        name, inter = _DEFAULT_ACTOR1[family]
        parts.append([Party(name=_with_country(name, country_name), inter=inter)])
    if family == "Violence against civilians" and not any(p[0].inter == 7 for p in parts[1:]):
        parts.insert(1, [Party(name=_with_country("Civilians", country_name), inter=7)])
    first = parts[0] if parts else []
    second = parts[1] if len(parts) > 1 else []
    extra = [a for side in parts[2:] for a in side]  # a third side: listed with the second
    actor1 = first[0].name if first else ""
    actor2 = second[0].name if second else ""
    assoc1 = "; ".join(a.name for a in first[1:])
    assoc2 = "; ".join(a.name for a in [*second[1:], *extra])
    inter1 = (first[0].inter or 0) if first else 0
    inter2 = (second[0].inter or 0) if second else 0
    return actor1, assoc1, inter1, actor2, assoc2, inter2


def _civilian_targeting(family: str, inter2: int) -> str:
    if family == "Violence against civilians":
        return "Civilian targeting"
    if inter2 == 7 and family in ("Explosions/Remote violence", "Riots"):
        return "Civilian targeting"
    return ""


def acled_row(event: LedgerEvent) -> dict[str, object]:
    """One ledger event as an ACLED row (values unescaped; :func:`write_acled` escapes)."""
    family, sub = split_type(event.type)
    iso3 = event_country(event)
    info = country(iso3)
    country_name = info.name if info else ""
    actor1, assoc1, inter1, actor2, assoc2, inter2 = _actors(event, family, country_name)
    place = primary_place(event)
    point = place if place is not None and located(place) else None
    lat = round(point.lat, 4) if point is not None and point.lat is not None else None
    lon = round(point.lon, 4) if point is not None and point.lon is not None else None
    totals = killed_totals(event)
    day = event.dates.start
    claim_sources = claimants(event.claims)
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{stable_number(event.id)}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": time_precision(event.dates),
        "disorder_type": disorder_type(family, sub),
        "event_type": family,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(family, inter2),
        "iso": info.numeric if info else None,
        "region": info.acled_region if info else "",
        "country": country_name,
        "admin1": place.admin1 if place else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": acled_geo_precision(point) if point is not None else None,
        "source": "; ".join(claim_sources or documents(event)),
        "source_scale": "",
        "notes": event_notes(event),
        "fatalities": totals.low if totals is not None and totals.low is not None else 0,
        "tags": "",
        "timestamp": None,
    }


def acled_rows(events: Iterable[LedgerEvent]) -> Iterator[dict[str, object]]:
    for event in events:
        yield acled_row(event)


def write_acled(events: Iterable[LedgerEvent], out: TextIO) -> int:
    """Stream ACLED rows to ``out``; returns the number of rows written."""
    return write_csv(out, ACLED_COLUMNS, acled_rows(events))
