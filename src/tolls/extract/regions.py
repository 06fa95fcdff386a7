"""Parts of a country as places: "southern Lebanon", "eastern Afghanistan", "north-west Syria".

Reporting often places an incident in a quarter of a country rather than in a town ("strikes in
southern Lebanon"). The gazetteer has no such place, so the country alone was kept; the part is
kept as a place of precision ``area`` without coordinates, named as written (the direction in lower
case, the country as the text names it), with the country's code. Only a direction word in lower
case before a country's name counts: "North Waziristan" or "South Sudan" are names of their own.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from tolls.data import data_path
from tolls.model import Place

__all__ = ["find_regions"]

_DIRECTIONS = r"(?:north|south|east|west)(?:ern)?|(?:north|south)[- ]?(?:east|west)(?:ern)?|central"


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    with data_path("demonyms.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "country" and row["names"]:
                for name in row["names"].split("|"):
                    if len(name) > 3 and name[0].isupper():
                        names[name] = row["iso3"]
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b({_DIRECTIONS})\s+(?:the\s+)?({alt})\b"), names


def find_regions(text: str) -> list[Place]:
    """Every "<direction> <country>" in ``text``, in text order, as places of precision ``area``."""
    pattern, names = _pattern()
    return [
        Place(f"{m.group(1)} {m.group(2)}", m.start(), m.end(), country=names[m.group(2)], precision="area")
        for m in pattern.finditer(text)
    ]
