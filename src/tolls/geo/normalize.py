"""Name normalisation shared by the gazetteer build and lookups.

One function decides how names are keyed, so that a name written with accents, curly apostrophes
or hyphens ("Paktīkā", "Deir al-Balah", "Dand-e-Patan") finds the same index entry as its plain
ASCII spelling. Build and lookup must agree, hence a single implementation.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

_FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th"})
_APOSTROPHES = re.compile(r"[’'`ʻʼ‘´\u0092]")
_NON_WORD = re.compile(r"[\W_]+")
_ASCII_KEY = re.compile(r"^[a-z0-9 ]+$")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Lowercase, fold accents, drop apostrophes, turn punctuation and hyphens into single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().translate(_FOLD)
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


_DOUBLED = re.compile(r"([a-z])\1+")
TRANSLITERATIONS_PATH = Path(str(files("tolls") / "data" / "geo" / "transliterations.csv"))


@lru_cache(maxsize=4)
def transliteration_rules(path: Path = TRANSLITERATIONS_PATH) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The ordered (pattern, replacement) rules of ``transliterations.csv``: the letters that
    Somali, Arabic, French and English spellings of one name write differently, each rewritten to
    one of them on a normalised key (words still separated by spaces)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            (re.compile(row["pattern"]), row["replacement"])
            for row in csv.DictReader(line for line in fh if not line.startswith("#"))
        )


def spelling_key(key: str) -> str:
    """A normalised key rewritten by the transliteration rules (Somali "Ceel Buur" and "El Bur",
    "Xudur" and "Hudur", French "Ouaddai" and "Wadai"), then with its spaces dropped and doubled
    letters single: the transliterations of one name ("Beled Weyne", "Beledweyne"; "Garbahaarey",
    "Garbahaarrey") share it. Keys shorter than five letters give "" (too many names meet there)."""
    for pattern, replacement in transliteration_rules():
        key = pattern.sub(replacement, key)
    squashed = _DOUBLED.sub(r"\1", key.replace(" ", ""))
    return squashed if len(squashed) >= 5 else ""


def is_latin_key(key: str) -> bool:
    """True for keys made only of ASCII letters, digits and spaces (used to drop foreign-script names)."""
    return bool(_ASCII_KEY.match(key))
