"""Small data files used by recognition and resolution, loaded once per path."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

NOT_PLACES_PATH = Path(str(files("tolls") / "data" / "geo" / "not_places.csv"))


@lru_cache(maxsize=4)
def not_places(path: Path = NOT_PLACES_PATH) -> frozenset[str]:
    """Normalised words that look like place names but never are (demonyms, groups, months)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["word"] for row in csv.DictReader(fh))
