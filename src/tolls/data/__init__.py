"""Versioned data files shipped with tolls (lexicons, actor dictionary, gazetteer supplement).

See README.md in this folder for what each file holds and who wrote it.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["data_path", "load_capitals", "load_json"]


def data_path(*parts: str) -> Path:
    """Path of a packaged data file."""
    return Path(str(resources.files("tolls.data").joinpath(*parts)))


@lru_cache(maxsize=32)
def load_json(*parts: str) -> Any:
    """Load (once) a packaged JSON data file."""
    with data_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load_capitals() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``capitals.csv`` once: each country's ISO3 and the names of its seats of government."""
    with data_path("capitals.csv").open(encoding="utf-8") as fh:
        return tuple((row["iso3"], tuple(row["capitals"].split("|"))) for row in csv.DictReader(fh))
