"""A period's total in an incident's report: kept out of the incident's estimates.

A report of one incident often recalls a toll over months or years beside it ("the agencies said
more than a million Afghans had been forced to return since late 2023", "at least 130 people had
been killed in clashes since November", "during a week of border clashes"). Extraction attaches
such a figure to the incident the paragraph is about; set beside the incident's own figures it
makes a false dispute (a riot at a crossing holding a million returns) and the dashboard's
"widest disagreements" sets a period's toll against an incident's. A figure is a period's total
when its own clause in its evidence sentence (no comma, semicolon or colon between the two) names
a period: "since" a month, year or season, "this year", "in 2025 alone", "over the past months",
"days of fighting" (``tolls/data/lexicon/periods.json``); not "two days of fighting" (a
two-day clash is one incident) nor "since October 11" (a date). Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache

from tolls.data import load_json
from tolls.model import Claim, DateSpan

__all__ = ["period_total", "recalled", "several_incidents"]

_CLAUSE_BREAK = re.compile(r"[,;:()\n]|\s[-–—]\s")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _cue() -> re.Pattern[str]:
    lex = load_json("lexicon", "periods.json")
    year = r"(?:19|20)\d\d"
    month = rf"(?:{_alt(lex['months'])})(?!\s+\d{{1,2}}\b)(?:\s+{year})?"  # not "October 11": a date
    modifier = rf"(?:(?:{_alt(lex['since_modifiers'])})\s+)?"
    since = rf"\bsince\s+{modifier}(?:{month}|{year}|{_alt(lex['since_objects'])})\b"
    alone = rf"\b(?:(?:in|during)\s+{year}\s+alone|so\s+far\s+in\s+{year})\b"
    this = rf"\b(?:{_alt(lex['this_period'])})\b"
    past = rf"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:{_alt(lex['period_units'])})\b"
    counted = "".join(
        rf"(?<!\b{re.escape(n)}\s)(?<!\b{re.escape(n)})" if n.endswith("-") else rf"(?<!\b{re.escape(n)}\s)"
        for n in lex["incident_day_counts"]
    )
    span = rf"\b{counted}(?:{_alt(lex['span_units'])})\s+of\s+(?:{_alt(lex['span_of'])})\b"
    return re.compile("|".join(f"(?:{p})" for p in (since, alone, this, past, span)), re.IGNORECASE)


@cache
def _several() -> re.Pattern[str]:
    lex = load_json("lexicon", "periods.json")
    apart = r"(?:(?:separate|different|distinct)\s+)?"
    word = r"(?:[a-z]+(?:-[a-z]+)*\s+)?"  # one describing word: "joint", "counter-terrorism"
    counted = rf"(?:{_alt(lex['several_counts'])})\s+{apart}{word}(?:{_alt(lex['several_nouns'])})"
    plural = rf"{word}(?:{_alt(lex['several_plural'])})"
    return re.compile(rf"\b(?:in|during)\s+(?:{counted}|{plural})\b", re.IGNORECASE)


def several_incidents(c: Claim) -> bool:
    """Does the claim's sentence sum several incidents ("11 rebels were killed in two
    different encounters", "during joint operations")? Its figures are then the
    operations' totals, none of them one incident's."""
    return bool(c.evidence) and _several().search(c.evidence) is not None


def period_total(c: Claim) -> bool:
    """Does the claim's own clause name a period (``c.evidence`` around ``c.figure.text``), or its
    sentence sum several incidents (:func:`several_incidents`)?"""
    text, fig = c.evidence, c.figure.text
    if not text or not fig:
        return False
    if several_incidents(c):
        return True
    clause = _clause(c)
    return clause is not None and _cue().search(text, *clause) is not None


def _clause(c: Claim) -> tuple[int, int] | None:
    """The figure's own clause in its evidence (no comma, semicolon or colon between), as
    offsets; none when the figure is not found there."""
    text, fig = c.evidence, c.figure.text
    at = text.find(fig) if text and fig else -1
    if at < 0:
        return None
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    nxt = _CLAUSE_BREAK.search(text, at + len(fig))
    return lo, nxt.start() if nxt else len(text)


@cache
def _frame() -> re.Pattern[str]:
    lex = load_json("lexicon", "periods.json")
    month = rf"(?:in|during)\s+(?:{_alt(lex['months'])})(?:\s+(?:19|20)\d\d)?"
    return re.compile(rf"\s*(?:{_alt(lex['recalled_frames'])}|{month})\s*,", re.IGNORECASE)


@cache
def _month_named() -> re.Pattern[str]:
    months = _alt(load_json("lexicon", "periods.json")["months"])
    return re.compile(
        rf"\b(?:(?:in|during)\s+(?:early\s+|mid-?|late\s+)?(?P<a>{months})(?!\s+\d)|(?P<b>{months})['’]s)\b",
        re.IGNORECASE,
    )


_RECALL_MONTHS = 10
"""How many months before its incident a month named for a figure's incident may be to recall a
past one (the month after an incident is a plan's or a later report's, not a past toll)."""


def _earlier_month(c: Claim, dates: DateSpan) -> bool:
    """The figure's own clause names a month for its incident ("the clashes in October") before
    every month of ``dates`` (the incident it is attached to, dated to a day, week or month)."""
    clause = _clause(c)
    start, end = dates.start, dates.end or dates.start
    if clause is None or start is None or end is None or dates.precision not in ("day", "week", "month"):
        return False
    if (end - start).days > 62:
        return False
    months = load_json("lexicon", "periods.json")["months"]
    for m in _month_named().finditer(c.evidence, *_own_part(c, clause)):
        named = months.index((m["a"] or m["b"]).lower()) + 1
        middle = date.fromordinal((start.toordinal() + end.toordinal()) // 2)
        before = (start.month - named) % 12 <= _RECALL_MONTHS
        if before and named not in {start.month, middle.month, end.month}:
            return True
    return False


def recalled(c: Claim, sentence: Sequence[Claim], dates: DateSpan | None = None) -> bool:
    """Is the figure a past toll recalled beside the report's incident, never the incident's own?
    Either its sentence (``sentence``: the claims told in it, ``c`` among them) opens with a
    past time and a comma ("Last month, the UN said 50 civilians died during a week of clashes,
    while the army said 23 soldiers died": ``recalled_frames`` in ``periods.json``, or "In
    October,") and holds a period's total (:func:`period_total`): the frame holds for the whole
    sentence, every figure of it recalled, unless those words date the incident it is attached
    to (then the figures are that past incident's own); or its own clause names a month for its
    incident ("killed in the clashes in October") before every month of ``dates``, the incident
    it is attached to. Only the figure's own part of its clause counts: a relative or background
    clause after it ("since it opened in March", "a group formed last year") dates something
    else (``background_breaks``). A risen toll ("the death toll rose to 31") is the incident's
    own, never recalled. A sentence with no past frame ("the UN said 50 died in a week of
    clashes, while the army said 23 soldiers died") and an undated incident recall nothing."""
    if _risen(c):
        return False
    framed = [m for s in sentence if s.evidence and (m := _frame().match(s.evidence))]
    own = dates is not None and any(
        m.group().strip(" ,").lower() in (dates.text or "").lower() for m in framed
    )
    if framed and not own and any(period_total(s) for s in sentence):
        return True
    return dates is not None and (_earlier_month(c, dates) or _told_as_past(c, dates))


@cache
def _past() -> re.Pattern[str]:
    lex = load_json("lexicon", "periods.json")
    frames = [f for f in lex["recalled_frames"] if f not in lex["within_month_frames"]]
    return re.compile(rf"\b(?:{_alt(frames)})(?:['’]s)?\b", re.IGNORECASE)


@cache
def _breaks() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{_alt(load_json('lexicon', 'periods.json')['background_breaks'])})\b", re.IGNORECASE
    )


@cache
def _risen_before() -> re.Pattern[str]:
    words = load_json("lexicon", "periods.json")["risen_toll"]
    return re.compile(
        rf"\b(?:{_alt(words)})\s+(?:to\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+)?$", re.IGNORECASE
    )


def _risen(c: Claim) -> bool:
    """Is the figure a toll told as risen ("the death toll rose to 31", "climbed to 31")?"""
    text, fig = c.evidence, c.figure.text
    at = text.find(fig) if text and fig else -1
    return at > 0 and _risen_before().search(text[max(0, at - 40) : at]) is not None


def _own_part(c: Claim, clause: tuple[int, int]) -> tuple[int, int]:
    """The figure's clause up to the first relative or background clause after the figure
    ("... on Monday in the first attack since ...", "... a group formed last year")."""
    lo, hi = clause
    at = c.evidence.find(c.figure.text, lo) if c.evidence and c.figure.text else -1
    if at < 0:
        return clause
    m = _breaks().search(c.evidence, at + len(c.figure.text), hi)
    return lo, m.start() if m else hi


def _told_as_past(c: Claim, dates: DateSpan) -> bool:
    """The figure's own clause tells its incident as a month or more past ("the clashes last
    month killed 23 soldiers", "last year's strikes"), and the incident it is attached to is dated
    by other words than those (an incident dated "last month" is that past one)."""
    clause = _clause(c)
    if clause is None or dates.start is None:
        return False
    m = _past().search(c.evidence, *_own_part(c, clause))
    return m is not None and m.group().lower() not in (dates.text or "").lower()
