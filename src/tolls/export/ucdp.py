"""UCDP GED-compatible CSV: one row per ledger event, in the GED's column names and order.

UCDP's internal identifiers (conflict, dyad and actor ids, ``active_year``, ``code_status``)
are left empty: tolls cannot know them. Everything else is derived from the event; see
``docs/export.md``. Deaths follow UCDP's identity ``deaths_a + deaths_b + deaths_civilians +
deaths_unknown == best``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from tolls.export._common import (
    SideKey,
    claimants,
    country,
    documents,
    event_country,
    event_id,
    grade_name,
    is_state,
    killed_estimates,
    killed_totals,
    located,
    primary_place,
    published_dates,
    sides,
    split_type,
    stable_number,
    write_csv,
)
from tolls.export.actors import coded_actors, generic_name, named
from tolls.export.context import ExportContext
from tolls.extract.actors import ActorDictionary
from tolls.extract.admin1 import source_admin1
from tolls.geo.precision import ucdp_where_prec
from tolls.model import DateSpan, LedgerEvent, Party

__all__ = [
    "UCDP_COLUMNS",
    "Deaths",
    "Dyad",
    "date_prec",
    "deaths",
    "dyad",
    "priogrid_gid",
    "ucdp_row",
    "ucdp_rows",
    "write_ucdp",
]

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "tolls_grade",
)
"""The GED's columns in its order, then tolls' own: ``tolls_grade``."""

_ARMED = frozenset({1, 2, 3, 4, 8})
_ORGANISED_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_PREC_BY_PRECISION = {"day": 1, "week": 3, "month": 4, "year": 5}


def priogrid_gid(lat: float, lon: float) -> int:
    """PRIO-GRID cell (0.5° × 0.5°, numbered row by row from (-90, -180), starting at 1)."""
    row = min(int((lat + 90) // 0.5), 359)
    col = min(int((lon + 180) // 0.5), 719)
    return row * 720 + col + 1


def date_prec(dates: DateSpan) -> int | None:
    """UCDP date_prec: 1 exact day, 2 within 2–6 days, 3 a week, 4 8–30 days or a month,
    5 more than a month or a year; the larger of what the precision and the span say."""
    if dates.start is None:
        return None
    days = (dates.end - dates.start).days + 1 if dates.end is not None else 1
    by_span = 1 if days <= 1 else 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5
    return max(by_span, _PREC_BY_PRECISION.get(dates.precision or "day", 1))


@dataclass(frozen=True, slots=True)
class Dyad:
    type_of_violence: int | None
    """1 state-based, 2 non-state, 3 one-sided; ``None`` when not organised violence or unclear."""
    side_a: str
    side_b: str
    key_a: SideKey | None
    key_b: SideKey | None
    conflict_name: str
    dyad_name: str


def _is_state(key: SideKey) -> bool:
    return is_state(key[0], key[1])


def _side_name(key: SideKey, members: list[Party], dictionary: ActorDictionary) -> str:
    """A state side is its government ("Government of Pakistan"); any other side is named by
    its first actor the dictionary knows, else by ACLED's generic name for it."""
    info = country(key[0]) if _is_state(key) else None
    if info is not None:
        return f"Government of {info.ucdp_name}"
    return next((m.name for m in members if named(m)), members[0].name)


def _armed_sides(
    event: LedgerEvent, iso3: str, dictionary: ActorDictionary
) -> list[tuple[SideKey, list[Party]]]:
    """The event's armed sides: its actors', then those of the fighters it says were killed
    ("23 Pakistani soldiers" makes Pakistan's forces a side)."""
    victims = [e.victims for e in killed_estimates(event) if e.group == "side" and e.victims.inter in _ARMED]
    coded = coded_actors([*event.actors, *victims], iso3, dictionary)
    return [(k, m) for k, m in sides(coded) if k[1] in _ARMED]


def dyad(event: LedgerEvent) -> Dyad:
    """Sides and type of violence from the actors (see ``docs/export.md``).

    Organised violence (battles, explosions, violence against civilians) always gets a type:
    one-sided (3) against civilians; state-based (1) when a state is a side, even when the
    report names no opponent; non-state (2) otherwise, with an unidentified armed group as the
    side a report does not name, as ACLED codes it."""
    family, _ = split_type(event.type)
    none = Dyad(None, "", "", None, None, "", "")
    if family not in _ORGANISED_VIOLENCE:
        return none
    dictionary = ActorDictionary.load()
    iso3 = event_country(event)
    armed = _armed_sides(event, iso3, dictionary)
    estimates = killed_estimates(event)
    civilian_deaths = any(e.group == "civilians" and e.best > 0 for e in estimates)
    armed_deaths = any(e.group == "side" and e.best > 0 for e in estimates)
    # a strike by one armed side that kills civilians and no fighters is one-sided; a battle
    # has another side by definition, even when the report does not name it
    strike_on_civilians = (
        family == "Explosions/Remote violence" and len(armed) == 1 and civilian_deaths and not armed_deaths
    )
    if family == "Violence against civilians" or strike_on_civilians:
        if not armed:
            unknown = generic_name(3, iso3)
            return Dyad(
                3, unknown, "Civilians", None, None, f"{unknown} - civilians", f"{unknown} - civilians"
            )
        key, members = armed[0]
        name = _side_name(key, members, dictionary)
        return Dyad(3, name, "Civilians", key, None, f"{name} - civilians", f"{name} - civilians")
    if len(armed) < 2:
        if armed and _is_state(armed[0][0]):
            key, members = armed[0]
            name = _side_name(key, members, dictionary)
            return Dyad(1, name, "", key, None, "", "")
        if armed:
            key, members = armed[0]
            return Dyad(2, _side_name(key, members, dictionary), "", key, None, "", "")
        return Dyad(2, generic_name(3, iso3), "", None, None, "", "")
    states = [s for s in armed if _is_state(s[0])]
    first = states[0] if states else armed[0]
    second = next(s for s in armed if s[0] != first[0])
    a, b = _side_name(*first, dictionary), _side_name(*second, dictionary)
    dyad_name = f"{a} - {b}"
    if not states:
        return Dyad(2, a, b, first[0], second[0], dyad_name, dyad_name)
    conflict = ""  # a state against a non-state side: over government or territory, tolls cannot tell
    if _is_state(second[0]):
        names = sorted(n.removeprefix("Government of ") for n in (a, b))
        conflict = " - ".join(names)
    return Dyad(1, a, b, first[0], second[0], conflict, dyad_name)


@dataclass(frozen=True, slots=True)
class Deaths:
    a: int
    b: int
    civilians: int
    unknown: int
    low: int
    best: int
    high: int


def deaths(event: LedgerEvent, key_a: SideKey | None, key_b: SideKey | None) -> Deaths:
    """Best killed per side from the groups' estimates; the unknown share is what is left of
    the event's best (the "people" group and groups on neither side).

    A victim group belongs to a side when its country and inter code are the side's; when both
    sides share them (two rebel groups of one country) the victims' side is unknown."""
    totals = killed_totals(event)
    low = totals.low if totals is not None and totals.low is not None else 0
    best = totals.best if totals is not None and totals.best is not None else low
    high = totals.high if totals is not None and totals.high is not None else best
    coarse_a = key_a[:2] if key_a else None
    coarse_b = key_b[:2] if key_b else None
    if coarse_a == coarse_b:
        coarse_a = coarse_b = None
    a = b = civ = 0
    for e in killed_estimates(event):
        victims = (e.victims.country.upper(), e.victims.inter)
        if e.group == "civilians":
            civ += e.best
        elif e.group == "side" and victims == coarse_a:
            a += e.best
        elif e.group == "side" and victims == coarse_b:
            b += e.best
    return Deaths(a, b, civ, max(best - a - b - civ, 0), low, best, high)


def ucdp_row(event: LedgerEvent, context: ExportContext | None = None) -> dict[str, object]:
    """One ledger event as a UCDP GED row (values unescaped; :func:`write_ucdp` escapes)."""
    context = context or ExportContext()
    d = dyad(event)
    dead = deaths(event, d.key_a, d.key_b)
    info = country(event_country(event))
    place = primary_place(event)
    point = place if place is not None and located(place) else None
    lat = round(point.lat, 6) if point is not None and point.lat is not None else None
    lon = round(point.lon, 6) if point is not None and point.lon is not None else None
    docs = documents(event)
    known = [context.sources[d] for d in docs if d in context.sources]
    start, end = event.dates.start, event.dates.end or event.dates.start
    return {
        "id": stable_number(event.id),
        "relid": event_id(event),
        "year": start.year if start else None,
        "active_year": None,
        "code_status": None,
        "type_of_violence": d.type_of_violence,
        "conflict_dset_id": None,
        "conflict_new_id": None,
        "conflict_name": d.conflict_name,
        "dyad_dset_id": None,
        "dyad_new_id": None,
        "dyad_name": d.dyad_name,
        "side_a_dset_id": None,
        "side_a_new_id": None,
        "side_a": d.side_a,
        "side_b_dset_id": None,
        "side_b_new_id": None,
        "side_b": d.side_b,
        "number_of_sources": len(docs),
        "source_article": "; ".join(docs),
        "source_office": "; ".join(dict.fromkeys(s.outlet for s in known if s.outlet)),
        "source_date": "; ".join(published_dates(event.claims)),
        "source_headline": "; ".join(dict.fromkeys(s.title for s in known if s.title)),
        "source_original": "; ".join(claimants(event.claims)),
        "where_prec": ucdp_where_prec(point) if point is not None else None,
        "where_coordinates": place.name if place is not None else "",
        "where_description": "; ".join(p.name for p in event.locations if p.name),
        "adm_1": source_admin1(place.country, place.admin1) if place is not None else "",
        "adm_2": None,
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon) if lat is not None and lon is not None else None,
        "country": info.ucdp_name if info else "",
        "country_id": info.gwno if info else None,
        "region": info.ucdp_region if info else "",
        "event_clarity": 2 if event.scope == "aggregate" else 1,
        "date_prec": date_prec(event.dates),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "deaths_a": dead.a,
        "deaths_b": dead.b,
        "deaths_civilians": dead.civilians,
        "deaths_unknown": dead.unknown,
        "best": dead.best,
        "high": dead.high,
        "low": dead.low,
        "tolls_grade": grade_name(event),
    }


def ucdp_rows(
    events: Iterable[LedgerEvent], context: ExportContext | None = None
) -> Iterator[dict[str, object]]:
    for event in events:
        yield ucdp_row(event, context)


def write_ucdp(events: Iterable[LedgerEvent], out: TextIO, context: ExportContext | None = None) -> int:
    """Stream UCDP GED rows to ``out``; returns the number of rows written."""
    return write_csv(out, UCDP_COLUMNS, ucdp_rows(events, context))
