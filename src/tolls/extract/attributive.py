"""Names used as attributes by a hyphenated word ("US-made", "a Kabul-based outlet"): the one
list (``data/lexicon/attributive.json``) the actor dictionary, the victims' side and the places
that place victims share."""

from __future__ import annotations

import re
from functools import cache

from tolls.data import load_json

__all__ = ["made_by_at", "placed_by_at"]

# the hyphen and the dashes a name and its attribute word are joined by
_DASHES = "-\u2010\u2011\u2013"


def _pattern(*keys: str) -> re.Pattern[str]:
    data = load_json("lexicon", "attributive.json")
    words = sorted({w for k in keys for w in data[k]}, key=len, reverse=True)
    return re.compile(rf"[{_DASHES}](?:{'|'.join(re.escape(w) for w in words)})\b", re.IGNORECASE)


@cache
def _maker() -> re.Pattern[str]:
    return _pattern("maker")


@cache
def _place() -> re.Pattern[str]:
    return _pattern("maker", "place")


def made_by_at(text: str, pos: int) -> bool:
    """Does a maker's word follow at ``pos`` ("-made", "\u2010supplied", "-backed")?"""
    return _maker().match(text, pos) is not None


def placed_by_at(text: str, pos: int) -> bool:
    """Does a maker's word or a place's attribute word ("-based", "-led") follow at ``pos``?"""
    return _place().match(text, pos) is not None
