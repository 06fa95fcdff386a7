"""Recognising place names: spaCy's GPE/LOC/FAC entities plus gazetteer-backed capitalised names.

NER misses rare names ("Barmal", "Angoor Adda") and mislabels some as PERSON or ORG; the gazetteer
catches the well-known ones it misses. Demonyms, groups and months are never places (data file
``not_places.csv``), and a name inside a PERSON/ORG/NORP entity is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tolls.geo.aliases import demonym_keys
from tolls.geo.gazetteer import Candidate, Gazetteer
from tolls.geo.lexicon import not_places
from tolls.geo.normalize import normalize

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCK_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
_WORD = r"[A-Z][a-zà-ÿ]+(?:[-’'][A-Za-z]+)*"
_RUN = re.compile(rf"\b{_WORD}(?:\s+(?:(?:al|el|of|de)[\s-])?{_WORD}){{0,3}}")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"[’']s$")
_MAX_WORDS = 4


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEADING_THE.match(span)
    if m:
        start += m.end()
    p = _POSSESSIVE.search(text[start:end])
    if p:
        end = start + p.start()
    return start, end


def _strong(key: str, cands: Sequence[Candidate]) -> bool:
    """Whether a bare capitalised word is safe to take as a place without NER support.

    Short alternate names ("Miss", "Mass", "Ill" for US states) are left to NER.
    """
    for c in cands:
        if c.lat is None or (not c.primary and len(key) < 6):
            continue
        if c.precision in ("country", "province", "line") or c.coord_source == "supplement":
            return True
        if c.precision == "town" and c.primary and c.population >= 100_000:
            return True
    return False


def _overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def find_toponyms(
    text: str,
    ents: Sequence[tuple[int, int, str]],
    *,
    gazetteer: Gazetteer,
) -> list[tuple[int, int]]:
    """Character spans of place names in ``text``, sorted, non-overlapping."""
    stop = not_places() | demonym_keys()
    found: list[tuple[int, int]] = []
    blocked: list[tuple[int, int]] = []
    for start, end, label in ents:
        if label in _PLACE_LABELS:
            s, e = _trim(text, start, end)
            key = normalize(text[s:e])
            if e > s and key and key not in stop and any(ch.isupper() for ch in text[s:e]):
                found.append((s, e))
        elif label in _BLOCK_LABELS:
            blocked.append((start, end))
    for m in _RUN.finditer(text):
        if _overlaps(m.start(), m.end(), found) or _overlaps(m.start(), m.end(), blocked):
            continue
        words = list(re.finditer(r"\S+", m.group(0)))
        for n in range(min(len(words), _MAX_WORDS), 0, -1):
            end = m.start() + words[n - 1].end()
            s, e = _trim(text, m.start(), end)
            key = normalize(text[s:e])
            if key in stop or len(key) < 3:
                continue
            if _strong(key, gazetteer.lookup_key(key)):
                found.append((s, e))
                break
    return sorted(set(found))
