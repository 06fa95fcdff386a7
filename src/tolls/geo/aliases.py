"""Extra names attached to existing places, and US county points.

``aliases.csv`` adds short forms ("U.S.", "Britain"), demonyms ("Georgian" -> Georgia) and AP
state abbreviations ("Ill.") to the country or state they denote; demonyms are resolvable when a
corpus marks them as toponyms but are never *recognised* as places (see recognize.py).
The ``zipcodes`` package is the one offline source with county names and coordinates together.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter, defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import zipcodes

from tolls.geo.normalize import normalize

ALIASES_PATH = Path(str(files("tolls") / "data" / "geo" / "aliases.csv"))
DEMONYMS_PATH = Path(str(files("tolls") / "data" / "demonyms.csv"))
REGIONS_PATH = Path(str(files("tolls") / "data" / "geo" / "regions.csv"))


@lru_cache(maxsize=4)
def country_demonyms(path: Path = DEMONYMS_PATH) -> tuple[tuple[str, str], ...]:
    """(adjective or plural, ISO3) for every country row of the shared demonym table."""
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] != "country":
                continue
            for word in (row["adjectives"] + "|" + row["plurals"]).split("|"):
                if word.strip():
                    out.append((word.strip(), row["iso3"]))
    return tuple(out)


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_PATH) -> tuple[dict[str, str], ...]:
    """Rows of aliases.csv (alias, kind, country3, admin1, source)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=4)
def demonym_keys(path: Path = ALIASES_PATH) -> frozenset[str]:
    """Normalised demonyms of aliases.csv and continents' adjectives ("Pakistani", "European"):
    resolvable to their feature; recognised as places only when asked
    (``find_toponyms(..., demonyms=True)``). The shared table's adjectives that a build attached
    are in the gazetteer (:meth:`tolls.geo.gazetteer.Gazetteer.demonyms`): that table also lists
    capitals as a country's words ("Tokyo"), which are places."""
    keys = {normalize(r["alias"]) for r in load_aliases(path) if r["kind"] == "demonym"}
    with REGIONS_PATH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["feature_code"] == "CONT":  # a continent's other names there are its adjectives
                keys |= {normalize(a) for a in row["alt_names"].split("|") if a}
    return frozenset(keys)


@lru_cache(maxsize=4)
def abbreviations(path: Path = ALIASES_PATH, regions: Path = REGIONS_PATH) -> frozenset[str]:
    """The short forms of aliases.csv and regions.csv written with two or more capitals ("U.S.",
    "DRC", "NSW", "S.C.", "EU"), exactly as written: recognised as places wherever they stand,
    inside an organisation's name too ("the U.S. Food and Drug Administration"), since NER
    labels them as part of it and the capitalised-name scan reads only title-case words."""
    names = [r["alias"] for r in load_aliases(path) if r["kind"] in ("country", "admin1")]
    with regions.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names += [a for a in row["alt_names"].split("|") if a]
    return frozenset(n for n in names if " " not in n and len(n) <= 6 and sum(ch.isupper() for ch in n) >= 2)


def add_aliases(conn: sqlite3.Connection, *, path: Path = ALIASES_PATH) -> int:
    """Attach every alias to its country or admin1 row; returns how many were attached."""
    rows: list[tuple[str, int]] = []
    for row in load_aliases(path):
        if row["kind"] == "admin1":
            hit = conn.execute(
                "SELECT geonameid FROM places WHERE country3 = ? AND feature_code = 'ADM1' AND name = ? "
                "ORDER BY population DESC LIMIT 1",
                (row["country3"], row["admin1"]),
            ).fetchone()
        else:
            hit = conn.execute(
                "SELECT geonameid FROM places WHERE country3 = ? AND feature_code = 'PCLI'",
                (row["country3"],),
            ).fetchone()
        if hit is not None:
            rows.append((normalize(row["alias"]), int(hit[0])))
    conn.executemany("INSERT OR IGNORE INTO names (norm, geonameid, is_primary) VALUES (?, ?, 0)", rows)
    return len(rows)


def add_demonyms(conn: sqlite3.Connection) -> int:
    """Attach the shared demonym table's adjectives and plurals ("Tunisian", "Canadians") to every
    country; returns how many. Run last, once every other name is in: a word that is already a
    place's name is a metonym there ("Tokyo", "West Bank", "U.S.") and is left to that place."""
    rows: list[tuple[str, int]] = []
    attached: set[str] = set()
    for word, iso3 in country_demonyms():
        key = normalize(word)
        if (
            not key
            or key in attached
            or conn.execute("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (key,)).fetchone()
        ):
            continue
        hit = conn.execute(
            "SELECT geonameid FROM places WHERE country3 = ? AND feature_code = 'PCLI'", (iso3,)
        ).fetchone()
        if hit is not None:
            rows.append((key, int(hit[0])))
            attached.add(key)
    conn.executemany("INSERT OR IGNORE INTO names (norm, geonameid, is_primary) VALUES (?, ?, 0)", rows)
    # recognition leaves these out unless asked to read demonyms (tolls.geo.recognize)
    joined = "|".join(sorted(attached))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('demonyms', ?)", (joined,))
    return len(rows)


def us_zip_tables() -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], str]]:
    """County points (mean of ZIP centroids) and each US city's most frequent county."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    counties: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    all_zips: list[dict[str, Any]] = zipcodes.list_all()  # type: ignore[no-untyped-call]
    for z in all_zips:
        county, state = z.get("county") or "", z.get("state") or ""
        if not county or not z.get("lat"):
            continue
        acc = sums[(state, county)]
        acc[0] += float(z["lat"])
        acc[1] += float(z["long"])
        acc[2] += 1
        counties[(state, normalize(z.get("city") or ""))][county] += 1
    points = {key: (round(a[0] / a[2], 4), round(a[1] / a[2], 4)) for key, a in sums.items()}
    city_county = {key: c.most_common(1)[0][0] for key, c in counties.items()}
    return points, city_county
