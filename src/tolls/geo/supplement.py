"""The curated supplement (``tolls/data/geo/supplement.csv``).

Border crossings, former tribal agencies, districts, spelling variants and lines that GeoNames
extracts lack or name differently. Each row carries its ``source``. A row with a real GeoNames id
adds its names to that place (if the place is already in the index) instead of replacing it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from tolls.geo.normalize import normalize
from tolls.geo.schema import ALL_PRIMARY, PlaceRow
from tolls.geo.sources import name_keys

SUPPLEMENT_ID_BASE = 2_000_000
REGION_ID_BASE = 2_500_000
"""Synthetic ids of the regions file (:data:`tolls.geo.aliases.REGIONS_PATH`: continents' other
names, major regions, seas, oceans and supranational bodies, in the supplement's columns)."""
_PATH = Path(str(files("tolls") / "data" / "geo" / "supplement.csv"))


@lru_cache(maxsize=4)
def load_supplement(path: Path = _PATH) -> tuple[dict[str, str], ...]:
    """Rows of the supplement CSV as dicts (cached: the file is read once per process)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def supplement_rows(
    iso1: dict[str, dict[str, str]], *, path: Path = _PATH, base: int = SUPPLEMENT_ID_BASE
) -> Iterator[PlaceRow]:
    """Supplement entries as place rows; synthetic negative ids unless a GeoNames id is given.

    A row without a point only adds names to the GeoNames place of its id (a continent's
    adjective), so it must carry that id."""
    iso2_of = {rec["alpha_3"]: cc for cc, rec in iso1.items()}
    for i, row in enumerate(load_supplement(path)):
        alts = [a for a in row["alt_names"].split("|") if a]
        gid = int(row["geonameid"]) if row["geonameid"] else -(base + i)
        yield PlaceRow(
            geonameid=gid,
            name=row["name"],
            asciiname=normalize(row["name"]),
            alternatenames="|".join(alts),
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            feature_class=row["feature_class"],
            feature_code=row["feature_code"],
            country2=iso2_of.get(row["country3"], ""),
            country3=row["country3"],
            admin1_code="",
            admin1_name=row["admin1"],
            admin2_name=row["admin2"],
            population=int(row["population"] or 0),
            precision=row["precision"],
            coord_source="supplement",
            source=row["source"],
            names=name_keys(row["name"], *alts),
            primary=ALL_PRIMARY,
        )
