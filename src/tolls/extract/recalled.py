"""Recalled tolls: a figure of an earlier incident or a past period told in a report of a later one.

A report often recalls, as background, the toll of an earlier incident or of a period ("Last
month, the UN said 50 civilians were killed ..., while Pakistan said 23 of its soldiers were
killed", "previous clashes that have claimed over 100 lives in recent months", "a truce brokered
after October's clashes, which left over 70 dead" in a November report). Such a figure is no
figure of the incident the report tells: it is kept as a claim of the document, marked ``prior``,
and attached to none of its events (``tolls.extract.events``), so that the ledger never sets it
beside the incident's own figures.

A figure is recalled when its own clause (no comma, semicolon, colon, bracket or dash between
them; a relative clause reaches back to the clause of the noun it follows), an adverbial
opening its sentence before the first comma, or a short one fronted just before the clause ("It
was not the first: in December 2024, strikes killed 46") names a past period ("last month", "in recent
months", "earlier this year"; ``past_periods`` in ``lexicon/recalled.json``), an incident called
earlier ("previous clashes", "last year's attack"), or a month other than the current incident's
("October's clashes", "the October clashes", "in October" in a report of November). A running
total ("the toll has risen to 50") and "since" clauses are not read here: the first is the
incident's own, the second a period's total that ``tolls.reconcile.aggregates`` keeps out of
incidents. Pure functions.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from tolls.data import load_json

__all__ = ["recalled"]

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\n]|\s[-–—]\s|[–—]")
_RELATIVE = re.compile(r"\s*(?:which|that|who)\b", re.IGNORECASE)
_OPENER_MAX = 40  # "Last month," / "Earlier this year," open a sentence in a few words
_FRONTED_WORDS = 4  # "in December 2024," fronted before the figure's clause


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    lex = load_json("lexicon", "recalled.json")
    nouns = _alt(lex["incident_nouns"])
    past = rf"\b(?:{_alt(lex['past_periods'])})\b"
    earlier = rf"\b(?:{_alt(lex['earlier_words'])})\s+(?:[a-z]+(?:-[a-z]+)*\s+)?(?:{nouns})\b"
    cues = re.compile(f"(?:{past})|(?:{earlier})", re.IGNORECASE)
    months = _alt(lex["months"])
    # "October's clashes", "the October clashes", "in October" (not "in October 11": a day)
    named = re.compile(
        rf"\b(?:({months})(?:'s|’s)\s+(?:[a-z-]+\s+)?(?:{nouns})"
        rf"|the\s+({months})\s+(?:[a-z-]+\s+)?(?:{nouns})"
        rf"|(?:in|during)\s+({months})\b(?!\s+\d{{1,2}}\b)(?:\s+((?:19|20)\d\d))?)",
        re.IGNORECASE,
    )
    return cues, named, {m: i + 1 for i, m in enumerate(lex["months"])}


def _clause(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause holding ``text[start:end]`` inside the sentence ``[lo, hi)``."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, lo, start)]
    a = breaks[-1].end() if breaks else lo
    if breaks and _RELATIVE.match(text, a):  # "October's clashes, which left 70 dead"
        a = breaks[-2].end() if len(breaks) > 1 else lo
    nxt = _CLAUSE_BREAK.search(text, end, hi)
    return a, nxt.start() if nxt else hi


def recalled(text: str, sentence: tuple[int, int], figure: tuple[int, int], current: date | None) -> bool:
    """Is the figure at ``figure`` (character offsets) in the sentence ``sentence`` a recalled
    toll, told as background in a report whose current incident falls in ``current``'s month
    (``None`` when the report dates it nowhere: a month then recalls nothing)?"""
    lo, hi = sentence
    a, b = _clause(text, lo, hi, *figure)
    cues, named, months = _lexicon()
    spans = [(a, b)]
    opener = _CLAUSE_BREAK.search(text, lo, min(hi, lo + _OPENER_MAX))
    if opener is not None and opener.group().startswith(",") and opener.start() < a:
        spans.append((lo, opener.start()))  # "Last month, ...": the whole sentence's time
    before = [m for m in _CLAUSE_BREAK.finditer(text, lo, a)]
    if len(before) >= 2 and before[-1].group().startswith(","):  # "...: in December 2024, strikes killed 46"
        x = before[-2].end()
        if len(text[x : before[-1].start()].split()) <= _FRONTED_WORDS:
            spans.append((x, before[-1].start()))
    for x, y in spans:
        if cues.search(text, x, y):
            return True
        if current is None:
            continue
        for m in named.finditer(text, x, y):
            word = next(g for g in m.groups()[:3] if g)
            year = int(m.group(4)) if m.group(4) else None
            if (year or current.year, months[word.lower()]) != (current.year, current.month):
                return True
    return False
