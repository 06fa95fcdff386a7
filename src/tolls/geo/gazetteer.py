"""Read side of the compiled gazetteer: cached candidate lookups over one SQLite connection.

Resolution asks for the same few names again and again (a document repeats its places, a corpus
repeats its countries), so lookups are memoised per normalised key and the connection is kept.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tolls.geo.normalize import normalize, spelling_key

_QUERY = """
SELECT p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country2, p.country3,
       p.admin1_name, p.admin2_name, p.population, p.precision, p.coord_source, n.is_primary
FROM names n JOIN places p ON p.geonameid = n.geonameid
WHERE n.norm = ?
"""
_SPELLING_QUERY = """
SELECT p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country2, p.country3,
       p.admin1_name, p.admin2_name, p.population, p.precision, p.coord_source, 0, 1
FROM places p
WHERE p.geonameid IN (SELECT geonameid FROM spellings WHERE skey = ? AND words <= ?)
ORDER BY p.geonameid
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name could refer to."""

    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    feature_class: str
    feature_code: str
    country2: str
    country3: str
    admin1: str
    admin2: str
    population: int
    precision: str
    coord_source: str
    primary: bool
    spelled: bool = False
    """Found only under another transliteration of the name ("Beled Weyne" for Beledweyne)."""

    @property
    def public_id(self) -> int | None:
        """The GeoNames id, or None for synthetic entries (supplement, derived provinces, counties)."""
        return self.geonameid if self.geonameid > 0 else None


def _candidate(row: tuple[Any, ...]) -> Candidate:
    return Candidate(
        geonameid=row[0],
        name=row[1],
        lat=row[2],
        lon=row[3],
        feature_class=row[4],
        feature_code=row[5],
        country2=row[6],
        country3=row[7],
        admin1=row[8],
        admin2=row[9],
        population=row[10],
        precision=row[11],
        coord_source=row[12],
        primary=bool(row[13]),
        spelled=len(row) > 14 and bool(row[14]),
    )


class Gazetteer:
    """An open gazetteer file. Create once (``Gazetteer.open(path)``) and share it."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._demonyms: frozenset[str] | None = None
        self._countries: dict[str, tuple[float, float] | None] = {}
        self._spellings = (
            conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'spellings'").fetchone()
            is not None
        )
        """Gazetteers built before the spelling index have none: exact keys only."""

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        """Open read-only; raises FileNotFoundError if the gazetteer has not been built."""
        if not Path(path).is_file():
            raise FileNotFoundError(
                f"[E601] gazetteer {path} not found: run `python -m tolls.geo.build {path}` first"
            )
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(conn, path=Path(path))

    def demonyms(self) -> frozenset[str]:
        """Keys the build attached to countries from the shared demonym table ("tunisians")."""
        if self._demonyms is None:
            try:
                row = self._conn.execute("SELECT value FROM meta WHERE key = 'demonyms'").fetchone()
            except sqlite3.OperationalError:
                row = None
            self._demonyms = frozenset(row[0].split("|")) if row and row[0] else frozenset()
        return self._demonyms

    def close(self) -> None:
        self._conn.close()

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        """Candidates for an already-normalised key (memoised). A key no name has finds the
        places of its other transliterations ("Beled Weyne" -> Beledweyne, "Garbahaarey" ->
        Garbahaarrey: :func:`spelling_key`) written in no more words than the key, as other
        names of theirs (``primary`` False, ``spelled`` True)."""
        hit = self._cache.get(key)
        if hit is None:
            rows = self._conn.execute(_QUERY, (key,)).fetchall() if key else []
            if not rows and self._spellings:
                skey = spelling_key(key)
                if skey:
                    rows = self._conn.execute(_SPELLING_QUERY, (skey, key.count(" ") + 1)).fetchall()
            hit = tuple(_candidate(row) for row in rows)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def country_point(self, country3: str) -> tuple[float, float] | None:
        """The point of the country with this ISO3 code (memoised), or None."""
        if country3 not in self._countries:
            row = self._conn.execute(
                "SELECT lat, lon FROM places WHERE precision = 'country' AND country3 = ? "
                "AND lat IS NOT NULL ORDER BY geonameid LIMIT 1",
                (country3,),
            ).fetchone()
            self._countries[country3] = (row[0], row[1]) if row else None
        return self._countries[country3]

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every place the name (any spelling, accents or case) may refer to."""
        return self.lookup_key(normalize(name))
