"""SQLite layout of the compiled gazetteer.

``places`` holds one row per place; ``names`` maps every normalised name (primary, ASCII and
alternates) to the places that carry it, so a lookup is one indexed query. Places without a real
GeoNames id (supplement rows, derived provinces) get negative ids, which the API reports as
``geonameid=None``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from tolls.geo.normalize import spelling_key

SCHEMA_VERSION = "1"

DDL = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT NOT NULL,
    alternatenames TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    feature_class TEXT NOT NULL DEFAULT '',
    feature_code TEXT NOT NULL DEFAULT '',
    country2 TEXT NOT NULL DEFAULT '',
    country3 TEXT NOT NULL DEFAULT '',
    admin1_code TEXT NOT NULL DEFAULT '',
    admin1_name TEXT NOT NULL DEFAULT '',
    admin2_name TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL DEFAULT 0,
    precision TEXT NOT NULL DEFAULT 'town',
    coord_source TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (norm, geonameid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (
    skey TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    words INTEGER NOT NULL,
    PRIMARY KEY (skey, geonameid, words)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

ALL_PRIMARY = "*"  # PlaceRow.primary value meaning "every name is a main name" (curated rows)

PLACE_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country2",
    "country3",
    "admin1_code",
    "admin1_name",
    "admin2_name",
    "population",
    "precision",
    "coord_source",
    "source",
)


@dataclass(slots=True)
class PlaceRow:
    """One gazetteer entry before it is written; ``names`` are already-normalised lookup keys."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: str
    lat: float | None
    lon: float | None
    feature_class: str
    feature_code: str
    country2: str
    country3: str
    admin1_code: str
    admin1_name: str
    admin2_name: str
    population: int
    precision: str
    coord_source: str
    source: str
    names: frozenset[str]
    primary: str

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, col) for col in PLACE_COLUMNS)


def connect_for_write(path: str) -> sqlite3.Connection:
    """Open (creating) a gazetteer for bulk writes: no journal, no fsync, since a failed build is redone."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.executescript(DDL)
    return conn


def index_spellings(conn: sqlite3.Connection) -> int:
    """(Re)build ``spellings``: every name key's :func:`spelling_key` (spaces dropped, doubled
    letters single), for a name written in another transliteration than any the gazetteer holds
    ("Beled Weyne" for Beledweyne), with the name's number of words: a lookup may join words
    ("Beled Weyne" finds Beledweyne), never split them ("House" is no "Hou Se", "Grandest" no
    "Grand Est"). Run after the names change; returns the rows written."""
    conn.execute("DELETE FROM spellings")
    rows: list[tuple[str, int, int]] = []
    count = 0
    for norm, gid in conn.execute("SELECT norm, geonameid FROM names"):
        skey = spelling_key(norm)
        if skey:
            rows.append((skey, gid, norm.count(" ") + 1))
        if len(rows) >= 50_000:
            count += _write_spellings(conn, rows)
    count += _write_spellings(conn, rows)
    return count


def _write_spellings(conn: sqlite3.Connection, rows: list[tuple[str, int, int]]) -> int:
    conn.executemany("INSERT OR IGNORE INTO spellings (skey, geonameid, words) VALUES (?, ?, ?)", rows)
    n = len(rows)
    rows.clear()
    return n


def write_places(conn: sqlite3.Connection, rows: Iterable[PlaceRow], *, replace: bool = True) -> int:
    """Insert places and their name keys; returns the number of places written."""
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    marks = ",".join("?" * len(PLACE_COLUMNS))
    count = 0
    place_batch: list[tuple[object, ...]] = []
    name_batch: list[tuple[str, int, int]] = []
    for row in rows:
        place_batch.append(row.values())
        every = row.primary == ALL_PRIMARY
        name_batch.extend((key, row.geonameid, int(every or key == row.primary)) for key in row.names if key)
        count += 1
        if len(place_batch) >= 20000:
            _flush(conn, verb, marks, place_batch, name_batch)
    _flush(conn, verb, marks, place_batch, name_batch)
    return count


def _flush(
    conn: sqlite3.Connection,
    verb: str,
    marks: str,
    place_batch: list[tuple[object, ...]],
    name_batch: list[tuple[str, int, int]],
) -> None:
    conn.executemany(f"{verb} INTO places ({','.join(PLACE_COLUMNS)}) VALUES ({marks})", place_batch)
    conn.executemany("INSERT OR REPLACE INTO names (norm, geonameid, is_primary) VALUES (?,?,?)", name_batch)
    place_batch.clear()
    name_batch.clear()
