"""What the words around a toponym say about it: an admin qualifier or a feature type.

"Barmal district of Paktika", "Springfield, Illinois", "Kunar province" — the qualifier narrows
the candidates to one admin1 or country; the type word says which precision was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPE_WORDS = {
    "district": "district",
    "districts": "district",
    "agency": "district",
    "tehsil": "district",
    "county": "district",
    "parish": "district",
    "territory": "district",
    "territories": "district",
    "lga": "district",
    "woreda": "district",
    "subdivision": "district",
    "sub-county": "district",
    "subcounty": "district",
    "chiefdom": "district",
    "province": "province",
    "provinces": "province",
    "state": "province",
    "governorate": "province",
    "region": "province",
    "city": "town",
    "town": "town",
    "village": "town",
    "camp": "town",
    "valley": "area",
    "border": "line",
    "line": "line",
}
_AFTER = re.compile(
    r"\s+(district|districts|agency|tehsil|county|parish|territory|territories|lga|woreda|subdivision|sub-county|"
    r"subcounty|chiefdom|province|provinces|state|governorate|region|city|town|village|camp|valley)\b",
    re.IGNORECASE,
)
_NAME = r"((?:[A-Z][\w’'\-.]*)(?:\s+(?:[A-Z][\w’'\-.]*|al|el|of|de))*)"
_OF = re.compile(
    r"\s+(?:district|province|county|city|town|village|area|region|camp|tehsil)?\s*(?:of|in)\s+"
    r"(?:the\s+)?" + _NAME
)
_COMMA = re.compile(r"\s*,\s*(?:the\s+)?" + _NAME)
_OTHER = r"[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)*"
_LISTED = re.compile(
    r"(?:\s*,\s*" + _OTHER + r")*\s*,?\s+(?:and|or|&)\s+" + _OTHER + r"(?=\s+(?:districts|provinces)\b)"
)
"""The rest of a list that a plural type word closes: "Argun[ and Barmal] districts of Paktika"
types and qualifies every name of the list, not only the last."""
_STRIP_TAIL = re.compile(r"[.’']+$")
_BEFORE = re.compile(
    r"\b(state|province|region|county|district|governorate|city|town|village)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A type word before the name: "the state of Washington", "the city of Mexico"."""
_DATELINE = re.compile(
    r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})"
    r"(?=(?:,\s+[A-Z][A-Za-z. ]{1,20}?)?\s*(?:\((?:AP|Reuters|AFP|UPI)\)\s*)?(?:--|—|–|-\s))"
)
"""A dateline's place in capitals, then a dash: "BEIRUT —", "COLUMBUS, Ohio (AP) —", "MAKHACHKALA --"."""


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines' places: capitals opening the text or a sentence, then a dash."""
    out: list[tuple[int, int]] = []
    for m in _DATELINE.finditer(text):
        if _opens(text, m.start()):
            out.append(m.span(1))
    return out


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dateline's place ("WASHINGTON —"): a city, by convention."""
    m = _DATELINE.match(text, start)
    return m is not None and m.end(1) == end and _opens(text, start)


def _opens(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in ".!?\n"


@dataclass(frozen=True, slots=True)
class Context:
    """The qualifier names (admin1 or country) and the feature type stated next to a toponym."""

    qualifiers: tuple[str, ...]
    type_hint: str | None
    inside: bool = False
    """The qualifier follows "in" or "of" ("Bole in Addis Ababa"): the text puts the place inside
    it, where a comma may as well run on through a list ("Algiers, Oran, Constantine")."""
    type_before: bool = False
    """The type word stands before the name ("the province of Ontario"), which no institution's
    name does ("Brooklyn District Attorney")."""
    dateline: bool = False
    """The toponym is a dateline's, in capitals ("WASHINGTON —"): a city, a capital before its
    namesakes."""


def type_of_word(word: str) -> str | None:
    """The precision a feature-type word names ("state" -> "province"), or None."""
    return _TYPE_WORDS.get(word.lower())


def read_context(text: str, start: int, end: int) -> Context:
    """Look at most ~80 characters after the span (past the rest of a list the type word
    closes) for a type word and a qualifying place name."""
    tail = text[end : end + 80]
    listed = _LISTED.match(tail)
    if listed:
        tail = tail[listed.end() :]
    hint = None
    m = _AFTER.match(tail)
    rest = tail
    if m:
        hint = _TYPE_WORDS[m.group(1).lower()]
        rest = tail[m.end() :]
    quals: list[str] = []
    inside = False
    for pattern in (_OF, _COMMA):
        q = pattern.match(rest) or (pattern.match(tail) if rest is not tail else None)
        if q:
            quals.append(_STRIP_TAIL.sub("", q.group(1)))
            inside = pattern is _OF
            break
    type_before = False
    if hint is None:
        before = _BEFORE.search(text, max(0, start - 24), start)
        if before is not None:
            hint, type_before = _TYPE_WORDS[before.group(1).lower()], True
    dateline = text[start:end].isupper() and is_dateline(text, start, end)
    if hint is None and dateline:
        hint = "town"  # "NEW YORK —" is the city
    return Context(
        qualifiers=tuple(quals), type_hint=hint, inside=inside, type_before=type_before, dateline=dateline
    )
