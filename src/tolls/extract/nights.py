"""A night's incident dated by the day after it: the night and that day.

News tells a night's fighting by the day it is reported: "overnight clashes", with the army's
statement "on Sunday" or a dateline's "October 12", happened on Saturday night and into Sunday.
Dated by that one day alone, the incident misses the evening it began (and the reports that date
it by that evening). An incident whose sentences tell it as a night's (``overnight`` in
``tolls/data/lexicon/dates.json``: "overnight", "through the night") and whose date is one day
written apart from any night word is dated from the day before to that day. A date written with
the night ("Saturday night", "overnight on Saturday", "the night of 11-12 October") is the
night's own, and is left as written. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from functools import cache

from tolls.data import load_json
from tolls.model import DateSpan

__all__ = ["overnight_dates"]

_WINDOW = 40
"""How far around a date mention its night word is looked for."""
_JOINED = re.compile(r"\s*(?:(?:on|of|the|in|into|late|early|from|between)\s+)*", re.IGNORECASE)
"""What may stand between a night word and the date it is written with: "overnight on Saturday",
"the night of Oct. 11-12", "Saturday overnight"."""


def _words(key: str) -> re.Pattern[str]:
    words = sorted(load_json("lexicon", "dates.json")[key], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@cache
def _overnight() -> re.Pattern[str]:
    return _words("overnight")


@cache
def _night() -> re.Pattern[str]:
    return _words("night_own_date_words")


@cache
def _into() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_json("lexicon", "dates.json")["night_into"])
    return re.compile(rf"\s*(?:{words})\s+(?:the\s+)?", re.IGNORECASE)


def _nights_own(text: str, d: DateSpan) -> bool:
    """The date is written with a night word: the night's own date (not the day a night ran
    into: "overnight into Sunday")."""
    if _night().search(d.text or ""):
        return True
    if d.span_start is None or d.span_end is None:
        return True  # not written in the text: nothing tells whose day it is
    lo, hi = max(0, d.span_start - _WINDOW), min(len(text), d.span_end + _WINDOW)
    for m in _night().finditer(text, lo, hi):
        if m.end() <= d.span_start and _into().fullmatch(text, m.end(), d.span_start):
            return False  # "overnight into Sunday": the night before Sunday
        before = m.end() <= d.span_start and _JOINED.fullmatch(text, m.end(), d.span_start)
        after = d.span_end <= m.start() and _JOINED.fullmatch(text, d.span_end, m.start())
        if before or after:
            return True
    return False


def overnight_dates(text: str, spans: Sequence[tuple[int, int]], dates: DateSpan) -> DateSpan:
    """``dates`` of an incident told in ``spans`` of ``text`` (its sentences), widened to the
    day before when the incident is told as a night's and dated by one day written apart from
    the night (see the module's doc); else ``dates`` unchanged."""
    if dates.precision != "day" or dates.start is None or dates.start != dates.end:
        return dates
    if not any(_overnight().search(text, a, b) for a, b in spans) or _nights_own(text, dates):
        return dates
    return DateSpan(
        dates.start - timedelta(days=1), dates.end, "day", dates.text, dates.span_start, dates.span_end
    )
