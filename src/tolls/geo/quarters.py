"""Quarters of cities (``tolls/data/geo/quarters.csv``): districts, townships and neighbourhoods.

GeoNames' cities500 holds populated places, not the sections of a city (feature code PPLX), so
"Hodan District" of Mogadishu or "Khayelitsha" of Cape Town had no entry and a report naming only
its quarter was not placed at all. The file, written by hand from general knowledge, names each
quarter and the city it belongs to; the build places it at that city's GeoNames point (no point
of its own is invented, so a quarter is placed at the city's point however far from it it
lies: a township tens of kilometres out, Khayelitsha, is placed at Cape Town's centre), in the
city's admin1 and country, at precision ``town``, with no GeoNames id.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from tolls.geo.normalize import normalize
from tolls.geo.schema import ALL_PRIMARY, PlaceRow
from tolls.geo.sources import name_keys

QUARTER_ID_BASE = 5_000_000
"""Synthetic ids of quarters: -(base + a 32-bit digest of name, city and country), so that a row
inserted or removed does not renumber the others."""
QUARTERS_PATH = Path(str(files("tolls") / "data" / "geo" / "quarters.csv"))


@lru_cache(maxsize=4)
def load_quarters(path: Path = QUARTERS_PATH) -> tuple[dict[str, str], ...]:
    """Rows of the quarters CSV as dicts (read once per process)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def quarter_id(name: str, city: str, country3: str) -> int:
    """A quarter's synthetic id, stable across rows and processes (a BLAKE2 digest, not ``hash``)."""
    digest = hashlib.blake2b(f"{name}|{city}|{country3}".encode(), digest_size=4).digest()
    return -(QUARTER_ID_BASE + int.from_bytes(digest, "big"))


def _cities_by_name(gn_cities: Mapping[str, Any], wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The most populous GeoNames city of each wanted (ISO2, normalised name), by main or other name."""
    best: dict[tuple[str, str], Any] = {}
    for city in gn_cities.values():
        cc = city["countrycode"]
        for name in (city["name"], *(city.get("alternatenames") or ())):
            key = (cc, normalize(name))
            if key in wanted and (key not in best or city["population"] > best[key]["population"]):
                best[key] = city
    return best


def quarter_rows(
    gn_cities: Mapping[str, Any],
    iso1: Mapping[str, Mapping[str, str]],
    admin1_name: Mapping[tuple[str, str], str],
    *,
    path: Path = QUARTERS_PATH,
) -> Iterator[PlaceRow]:
    """Each quarter as a place row at its city's point; a quarter whose city the extract lacks
    is left out."""
    iso2_of = {rec["alpha_3"]: cc for cc, rec in iso1.items()}
    rows = load_quarters(path)
    wanted = {(iso2_of.get(r["country3"], ""), normalize(r["city"])) for r in rows}
    cities = _cities_by_name(gn_cities, wanted)
    ids: dict[int, str] = {}
    for row in rows:
        cc = iso2_of.get(row["country3"], "")
        city = cities.get((cc, normalize(row["city"])))
        if city is None:
            continue
        alts = [a for a in row["alt_names"].split("|") if a]
        code = city.get("admin1code") or ""
        qid = quarter_id(row["name"], row["city"], row["country3"])
        if ids.setdefault(qid, row["name"]) != row["name"]:
            raise ValueError(f"quarters {ids[qid]!r} and {row['name']!r} share the id {qid}: rename one")
        yield PlaceRow(
            geonameid=qid,
            name=row["name"],
            asciiname=normalize(row["name"]),
            alternatenames="|".join(alts),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature_class="P",
            feature_code="PPLX",
            country2=cc,
            country3=row["country3"],
            admin1_code=code,
            admin1_name=admin1_name.get((cc, code), ""),
            admin2_name=city["name"],
            population=0,
            precision="town",
            coord_source="city_point",
            source=f"general knowledge (a quarter of {city['name']}; the city's GeoNames point)",
            names=name_keys(row["name"], *alts),
            primary=ALL_PRIMARY,
        )
