"""A place given by its distance and bearing from another: "Miir-Taqwo (53km NE of Jowhar)".

Field reports locate villages no gazetteer holds by the nearest town they do ("Weel Cade Village
(approx. 135km NW of Badhaadhe)", "Nufaliya, 140 kilometres east of Sirte"). When the village's
own name has no candidate, the phrase still places it: at the anchor town moved by that distance
along that bearing. The bearings and distance units are data (``place_cues.json``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tolls.geo.lexicon import PLACE_CUES_PATH

__all__ = ["Offset", "displace", "read_offset"]

_EARTH_KM = 6371.0
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Offset:
    """``km`` along ``bearing`` (degrees clockwise from north) from the place ``anchor`` named at
    ``anchor_start:anchor_end``; ``end`` is where the phrase ends."""

    anchor: str
    km: float
    bearing: float
    anchor_start: int
    anchor_end: int
    end: int


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    bearings: dict[str, float]
    units: dict[str, float]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=4)
def _lexicon(path: Path = PLACE_CUES_PATH) -> _Lexicon:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    bearings = {k.lower(): float(v) for k, v in data["bearings"].items()}
    units = {k.lower(): float(v) for k, v in data["distance_units"].items()}
    pattern = re.compile(
        r"(?:\s+(?:village|town|area|settlement|locality|camp))?"  # "Weel Cade Village (..."
        r"(?:\s*\([^()]{1,40}\))?"  # "Ceel Wariir (Ceel Xarar)(approx. 20km NE of Jowhar)"
        r"\s*[(,]?\s*(?:approx\.?|approximately|about|some|around|roughly|nearly)?\s*"
        r"(\d{1,4}(?:\.\d+)?)\s*(" + _alternation(list(units)) + r")(?![a-z])\.?\s*"
        r"(?:\([^()]{1,20}\)\s*)?"  # "80km (50 miles) south of"
        r"(" + _alternation(list(bearings)) + r")\s+(?:of|from)\s+"
        r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
        r"((?-i:[A-Z])[\w’'\-]*(?:\s+(?-i:[A-Z])[\w’'\-]*){0,3})",  # capitals even under IGNORECASE
        re.IGNORECASE,
    )
    return _Lexicon(pattern, bearings, units)


def read_offset(text: str, end: int) -> Offset | None:
    """The distance and bearing stated right after a name ending at ``end``, if any: "(53km NE of
    Jowhar)", ", 140 kilometres east of Sirte", " village (approx. 20 km south of Ayod)"."""
    if _DIGIT.search(text, end, min(len(text), end + 60)) is None:
        return None  # most names: no number after them, no need for the full pattern
    lex = _lexicon()
    m = lex.pattern.match(text, end, min(len(text), end + 160))
    if m is None or not m.group(4)[:1].isupper():
        return None
    km = float(m.group(1)) * lex.units[m.group(2).lower()]
    if km <= 0:
        return None
    return Offset(m.group(4), km, lex.bearings[m.group(3).lower()], m.start(4), m.end(4), m.end())


def displace(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along the initial ``bearing`` (great circle), rounded to
    five decimals (about a metre) so that exports do not depend on float noise."""
    phi, lam, theta, delta = math.radians(lat), math.radians(lon), math.radians(bearing), km / _EARTH_KM
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi), math.cos(delta) - math.sin(phi) * math.sin(phi2)
    )
    lon2 = (math.degrees(lam2) + 540.0) % 360.0 - 180.0
    return round(math.degrees(phi2), 5), round(lon2, 5)
