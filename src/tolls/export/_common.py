"""What every export format reads from a ledger event: its place, country, totals, sources.

Pure functions over :class:`~tolls.model.LedgerEvent`; the format modules only arrange them
into columns. See ``docs/export.md`` for how each value is derived.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TextIO

import pycountry

from tolls.data import data_path
from tolls.model import Estimate, Fatalities, LedgerEvent, Party, Place, SourcedClaim

# ACLED's event types; a tolls type is "Event type/Sub-event type" and both may contain "/".
_FAMILIES = (
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Battles",
    "Protests",
    "Riots",
)
# tolls' own types that ACLED has no event type for: both are strategic developments.
_OURS = {"Negotiation": "Other", "Displacement": "Other"}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def split_type(event_type: str) -> tuple[str, str]:
    """``("Explosions/Remote violence", "Air/drone strike")`` from the tolls type string."""
    if event_type in _OURS:
        return "Strategic developments", _OURS[event_type]
    for family in _FAMILIES:
        if event_type == family:
            return family, ""
        if event_type.startswith(family + "/"):
            return family, event_type[len(family) + 1 :]
    return "Strategic developments", "Other"


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def safe_text(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ TAB or CR gets a ``'``.
    A plain number ("-8.83833", an imported row's latitude) is no formula and stays a number."""
    if value.startswith(_UNSAFE_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[dict[str, object]]) -> int:
    """Write a header and the rows one at a time (never the whole file in memory)."""
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        n += 1
    return n


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return safe_text(value)
    return value


# --- identity -------------------------------------------------------------------------------


def event_id(event: LedgerEvent) -> str:
    """The event's id in every export: ACLED's ``event_id_cnty``, UCDP's ``relid``, the GeoJSON
    feature id and Parquet's ``id`` (the ledger id, as the API names it).

    The one place to change for events imported from a dataset: they keep the dataset's own id
    (an ACLED ``event_id_cnty``) when the ledger event carries one."""
    return event.coded.external_id if event.coded is not None else event.id


def stable_number(event_id: str) -> int:
    """A number that stays the same for an event id across exports: the id itself when it is all
    digits, else the first 12 decimal digits of its SHA-256 (collisions ~1 in 10^7 per pair)."""
    if event_id.isdigit():
        return int(event_id)
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest(), 16) % 10**12


# --- countries ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    numeric: int | None
    name: str
    """ACLED's short name."""
    acled_region: str
    ucdp_region: str
    gwno: int | None
    """Gleditsch–Ward number, UCDP's ``country_id``."""
    ucdp_name: str


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict[str, str]]:
    with data_path("export", "countries.csv").open(encoding="utf-8", newline="") as fh:
        return {row["iso3"]: row for row in csv.DictReader(fh)}


@lru_cache(maxsize=512)
def country(iso3: str) -> Country | None:
    """Names, numbers and regions of an ISO 3166-1 alpha-3 code; ``None`` when unknown."""
    if not iso3:
        return None
    row = _country_table().get(iso3.upper())
    pc = pycountry.countries.get(alpha_3=iso3.upper())
    if row is None and pc is None:
        return None
    default = str(getattr(pc, "common_name", None) or getattr(pc, "name", "")) if pc else ""
    row = row or {}
    name = row.get("acled_name") or default
    return Country(
        iso3=iso3.upper(),
        numeric=int(pc.numeric) if pc is not None else None,
        name=name,
        acled_region=row.get("acled_region", ""),
        ucdp_region=row.get("ucdp_region", ""),
        gwno=int(row["gwno"]) if row.get("gwno") else None,
        ucdp_name=row.get("ucdp_name") or name,
    )


# --- place ----------------------------------------------------------------------------------


def located(place: Place) -> bool:
    """The place has usable WGS84 coordinates."""
    lat, lon = place.lat, place.lon
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def primary_place(event: LedgerEvent) -> Place | None:
    """The first location with coordinates, else the first location, else ``None``."""
    for place in event.locations:
        if located(place):
            return place
    return event.locations[0] if event.locations else None


def event_country(event: LedgerEvent) -> str:
    """ISO3 of where it happened: the primary place's country, any place's, else the first
    state actor's (inter 1), else ``""``. Never a place's lent by another incident of its report
    (``Place.lent``): it says where the other incident was."""
    place = primary_place(event)
    if place is not None and place.country and not place.lent:
        return place.country.upper()
    for p in event.locations:
        if p.country and not p.lent:
            return p.country.upper()
    for a in event.actors:
        if a.inter == 1 and a.country:
            return a.country.upper()
    return ""


# --- sides ----------------------------------------------------------------------------------

SideKey = tuple[str, int, str]
"""(country, inter, name): a state's forces and officials are one side per country; any other
armed group or crowd is its own side (two rebel groups of one country can fight each other)."""


def is_state(country: str, inter: int) -> bool:
    """State forces (inter 1), or external forces (8) of a named country."""
    return inter == 1 or (inter == 8 and bool(country))


def side_key(party: Party) -> SideKey | None:
    if not party.name or not party.inter:
        return None
    iso3 = party.country.upper()
    return (iso3, party.inter, "" if is_state(iso3, party.inter) else party.name.casefold())


def sides(actors: Iterable[Party]) -> list[tuple[SideKey, list[Party]]]:
    """Actors grouped by side in order of first mention; actors of unknown or unattributed
    status (inter ``None`` or 0) and nameless ones take no side."""
    out: dict[SideKey, list[Party]] = {}
    for a in actors:
        key = side_key(a)
        if key is not None:
            out.setdefault(key, []).append(a)
    return list(out.items())


# --- fatalities -----------------------------------------------------------------------------


def killed_estimates(event: LedgerEvent) -> list[Estimate]:
    return [e for e in event.estimates if e.kind == "killed"]


def killed_totals(event: LedgerEvent) -> Fatalities | None:
    """Low / best / high killed for the event.

    The groups' estimates are added, except that the ``unknown`` group ("15 people") may already
    hold the named groups, so it is combined with their sum by taking the larger, as
    :mod:`tolls.reconcile.estimates` does. With no killed estimates, the event's own
    ``fatalities``; else ``None``."""
    estimates = killed_estimates(event)
    if not estimates:
        return event.fatalities
    unknown = [0, 0, 0]
    named = [0, 0, 0]
    for e in estimates:
        bucket = unknown if e.group == "unknown" else named
        bucket[0] += e.low
        bucket[1] += e.best
        bucket[2] += e.high
    low, best, high = (max(u, n) for u, n in zip(unknown, named, strict=True))
    return Fatalities(low=low, best=best, high=max(high, best))


# --- sources --------------------------------------------------------------------------------


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def claimants(claims: Iterable[SourcedClaim]) -> list[str]:
    """Distinct claimant names in claim order (outlets are claimants too)."""
    return _unique(c.claim.claimant.name for c in claims)


def documents(event: LedgerEvent) -> list[str]:
    """Distinct documents behind the event: its own list, each claim's document and repeats."""
    return _unique(
        [*event.documents, *(c.doc_id for c in event.claims), *(s for c in event.claims for s in c.sources)]
    )


def published_dates(claims: Iterable[SourcedClaim]) -> list[str]:
    return sorted(_unique(c.published.isoformat() for c in claims if c.published is not None))


def grade_name(event: LedgerEvent) -> str:
    """The event's grade (``confirmed`` ... ``discounted``, ``docs/grades.md``); ``""`` for an
    event that was never graded (one built by hand, not read from a ledger)."""
    return event.grade.grade if event.grade is not None else ""


def last_published(event: LedgerEvent) -> date | None:
    """The latest publication date of the event's claims: when the ledger last learnt of it."""
    days = [c.published for c in event.claims if c.published is not None]
    return max(days) if days else None
