"""Date mentions in news text, resolved against the publication date.

Why not a general date parser: wire copy uses a small set of forms ("on Saturday", "25 October",
"Oct 11/12", "last week", "since 2021"), and what matters for event coding is *which calendar span*
each form denotes relative to the day the story ran, with a precision ACLED understands. So this
module is a precise recogniser (:mod:`tolls.extract._date_patterns`) plus explicit calendar rules.

Resolution rules (``published`` = publication date ``P``):

* day and month without a year: the occurrence nearest to ``P`` among those at most a year before it
  and at most a month after it; six months after it when its clause looks forward (a word of the
  ``ahead_cues`` class anywhere between the clause's start and the date: "will", "until",
  "expires", "slated", "ahead of", "runs to"; "the 30 June deadline") or, with no such word and
  none of ``past_cues`` ("since", "last year"), when the verb governing it in the parse is present
  or future ("the vote takes place on 20 June"); "killed on 7 October" in a May report is the
  October before;
* a bare month ("in May"): the most recent such month not after ``P``'s month; "last May" strictly
  before it, "next May" strictly after, "this May" in ``P``'s year;
* a bare weekday ("on Saturday"): the most recent such day on or before ``P`` (``P`` itself when the
  weekdays agree), or on/after ``P`` when the clause before it is future ("will meet on Monday");
  "last Saturday" strictly before ``P``, "next Monday" strictly after;
* "last week" / "this week": a Monday–Sunday week (precision ``week``); "earlier this week" runs from
  that Monday to the day before ``P``; weekends are a Saturday–Sunday range at ``day`` precision;
* anaphoric phrases ("the previous day", "the day before") are resolved against ``P`` (``P`` - 1):
  without discourse context the publication date is the best available anchor;
* "early"/"mid"/"late" narrow a month to days 1–10 / 11–20 / 21–end and a year to Jan–Apr /
  May–Aug / Sep–Dec, keeping precision ``month``/``year``;
* "since X": from the start of X to ``P`` (end ``None`` when ``P`` is unknown), X's precision;
* ranges ("Oct 11/12", "11-12 October", "from 28 September to 3 October 2025") give ``day``
  precision; a year written once belongs to both ends; "A and B" is a range only for days of one
  month ("11 and 12 October") or after "between"; "11/12" must be consecutive days (a night);
* numeric dates: ISO ``2023-10-07``, and d/m/y or m/d/y only when unambiguous (a part > 12).

Without ``P`` only mentions carrying a year are returned. Durations ("five days of clashes") are
a separate question, answered by :func:`find_durations`.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tolls.data import load_json
from tolls.extract._date_patterns import (
    WS,
    DatePatterns,
    count_before,
    count_follows,
    load_patterns,
    lower,
    month_num,
    number,
    phrase_before,
    prev_words,
    trailing_year,
)
from tolls.extract.clauses import Clause
from tolls.model import DatePrecision, DateSpan

__all__ = [
    "background_date",
    "find_dates",
    "find_durations",
    "resolve_date",
    "since_background",
    "since_clause",
]


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    first: date
    last: date | None
    precision: DatePrecision
    rank: int = 0


@dataclass(frozen=True, slots=True)
class _Doc:
    """The text twice (original case for judgements, lower case for matching) and the anchor date."""

    text: str
    low: str
    rev: str
    pub: date | None
    p: DatePatterns
    clause: Callable[[int], Clause | None] | None = None

    def orig(self, m: re.Match[str], group: str) -> str | None:
        """A group of a match on ``low``, in the original case."""
        return self.text[m.start(group) : m.end(group)] if m.group(group) is not None else None


_PUB_MIN, _PUB_MAX = date(1000, 1, 1), date(8999, 12, 31)
_Handler = Callable[[re.Match[str], _Doc], "_Cand | None"]


# --- calendar helpers -------------------------------------------------------------------------


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


_AHEAD_DAYS = 31  # a day and month told as past (or with nothing to tell) lies at most this far ahead
_FUTURE_DAYS = 184  # ... and told as future or present, at most this far (half a year)


def _nearest(pub: date | None, m: int, d: int, *, ahead: int = _AHEAD_DAYS) -> date | None:
    """The occurrence of day ``d`` of month ``m`` nearest to ``pub``, at most a year before it and
    at most ``ahead`` days after it (:func:`_ahead_days`): news tells what happened, so "killed on
    7 October" in a May report is the October before, not after."""
    if pub is None:
        return None
    options = [
        c
        for c in (_mk(pub.year + k, m, d) for k in (-1, 0, 1))
        if c is not None and -365 <= (c - pub).days <= ahead
    ]
    return min(options, key=lambda c: abs((c - pub).days)) if options else None  # 29 February: none


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_cand(s: int, e: int, y: int, m: int) -> _Cand:
    return _Cand(s, e, date(y, m, 1), _last_day(y, m), "month")


def _year_cand(s: int, e: int, y: int) -> _Cand:
    return _Cand(s, e, date(y, 1, 1), date(y, 12, 31), "year")


def _lead(doc: _Doc, s: int, *, ranged: bool = True) -> tuple[int, str]:
    """Extend a day-led or month-led mention over "the", a weekday and (``ranged``) "from"/"between".

    Returns the new start and the range word ("" if none): "between" licenses "9 and 15 October".
    """
    start, pre = s, ""
    words = prev_words(doc.rev, s, 3, WS + ",")
    i = 0
    if i < len(words) and words[i][1] == "the":
        start, i = words[i][0], i + 1
    if i < len(words) and words[i][1] in doc.p.weekday_of:
        start, i = words[i][0], i + 1
    if ranged and i < len(words) and words[i][1] in ("from", "between"):
        start, pre = words[i][0], words[i][1]
    return start, pre


def _and_without_between(m: re.Match[str], pre: str) -> bool:
    return m["sep"].strip() == "and" and pre != "between"


# --- handlers: one per surface form -----------------------------------------------------------


def _h_iso(m: re.Match[str], doc: _Doc) -> _Cand | None:
    d = _mk(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Cand(m.start(), m.end(), d, d, "day") if d else None


def _h_numeric(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """d/m/y or m/d/y only when the reading is unambiguous (one part > 12, or both equal)."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 >= b:
        d = _mk(y, b, a)
    elif b > 12 >= a or a == b:
        d = _mk(y, a, b)
    else:
        return None
    return _Cand(m.start(), m.end(), d, d, "day") if d else None


def _h_day(m: re.Match[str], doc: _Doc) -> _Cand | None:
    mon = month_num(doc.p, doc.orig(m, "m"))
    if mon is None:
        return None
    y, end = trailing_year(m, doc.text, doc.p)
    if y is None and m.start("d") > m.start("m") and count_follows(doc.p, doc.text, end):
        return None
    day = int(m["d"])
    d = (
        _mk(y, mon, day)
        if y is not None
        else _nearest(doc.pub, mon, day, ahead=_ahead_days(doc, m.start(), end))
    )
    return _Cand(_lead(doc, m.start(), ranged=False)[0], end, d, d, "day") if d else None


def _h_day_range(m: re.Match[str], doc: _Doc) -> _Cand | None:
    mon = month_num(doc.p, doc.orig(m, "m"))
    d1, d2 = int(m["d1"]), int(m["d2"])
    start, pre = _lead(doc, m.start())
    if mon is None or not 0 < d1 < d2 or (m["sep"].strip() == "/" and d2 != d1 + 1):
        return None
    y, end = trailing_year(m, doc.text, doc.p)
    if y is None and m.start("d2") > m.start("m") and count_follows(doc.p, doc.text, end):
        return None
    if y is None:
        near = _nearest(doc.pub, mon, d2, ahead=_ahead_days(doc, m.start(), end))
        y = near.year if near else None
    first, last = (_mk(y, mon, d1), _mk(y, mon, d2)) if y is not None else (None, None)
    return _Cand(start, end, first, last, "day") if first and last else None


def _h_cross(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """ "28 September to 3 October [2025]": a year given once belongs to both ends."""
    start, pre = _lead(doc, m.start())
    if _and_without_between(m, pre):
        return None
    m1 = month_num(doc.p, doc.orig(m, "m1"))
    m2 = month_num(doc.p, doc.orig(m, "m2") or doc.orig(m, "m2b"))
    if m1 is None or m2 is None:
        return None
    d1, d2 = int(m["d1"]), int(m["d2"] or m["d2b"])
    y1 = int(m["y1"]) if m["y1"] else None
    y2, end = trailing_year(m, doc.text, doc.p, "y2")
    if y2 is None and y1 is not None:
        y2 = y1 if (m1, d1) <= (m2, d2) else y1 + 1
    if y2 is None:
        near = _nearest(doc.pub, m2, d2, ahead=_ahead_days(doc, m.start(), end))
        y2 = near.year if near else None
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    first, last = _mk(y1, m1, d1), _mk(y2, m2, d2)
    if first is None or last is None or first >= last:
        return None
    return _Cand(start, end, first, last, "day")


def _h_month_range(m: re.Match[str], doc: _Doc) -> _Cand | None:
    start, pre = _lead(doc, m.start())
    if _and_without_between(m, pre):
        return None
    m1, m2 = month_num(doc.p, doc.orig(m, "m1")), month_num(doc.p, doc.orig(m, "m2"))
    if m1 is None or m2 is None:
        return None
    y1 = int(m["y1"]) if m["y1"] else None
    y2, end = trailing_year(m, doc.text, doc.p, "y2")
    if y2 is None and y1 is not None:
        y2 = y1 if m1 <= m2 else y1 + 1
    if y2 is None and doc.pub is not None:
        y2 = doc.pub.year if m2 <= doc.pub.month else doc.pub.year - 1
    if y2 is None:
        return None
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if (y1, m1) >= (y2, m2):
        return None
    return _Cand(start, end, date(y1, m1, 1), _last_day(y2, m2), "month")


def _h_month_year(m: re.Match[str], doc: _Doc) -> _Cand | None:
    mon = month_num(doc.p, doc.orig(m, "m"))
    y, end = trailing_year(m, doc.text, doc.p)
    return _month_cand(m.start(), end, y, mon) if mon is not None and y is not None else None


def _h_month(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """A bare month counts only after a context word ("in", "since", "mid-"...), never "may"."""
    token = doc.orig(m, "w") or ""
    mon, pub = month_num(doc.p, token), doc.pub
    if mon is None or pub is None or (token.lower() == "may" and doc.low.startswith("'s", m.end())):
        return None  # "May's government": a surname
    ctx = phrase_before(prev_words(doc.rev, m.start(), 2, WS + "-"), doc.p.month_context)
    if ctx is None:
        return None
    start = m.start()
    if ctx[1] == "last":
        y, start = (pub.year if mon < pub.month else pub.year - 1), ctx[0]
    elif ctx[1] == "next":
        y, start = (pub.year if mon > pub.month else pub.year + 1), ctx[0]
    elif ctx[1] == "this":
        y, start = pub.year, ctx[0]
    else:
        y = pub.year if mon <= pub.month else pub.year - 1
    return _month_cand(start, m.end(), y, mon)


def _year_context(doc: _Doc, s: int) -> bool:
    return phrase_before(prev_words(doc.rev, s, 2, WS + "-"), doc.p.year_context) is not None


def _h_year_range(m: re.Match[str], doc: _Doc) -> _Cand | None:
    start, pre = _lead(doc, m.start())
    if not pre and not _year_context(doc, m.start()):
        return None
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if m["y2"] else (y1 // 100) * 100 + int(m["y2s"])
    if not 0 < y2 - y1 <= 50:
        return None
    return _Cand(start, m.end(), date(y1, 1, 1), date(y2, 12, 31), "year")


def _h_year(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """A bare year only after "in", "since", "during"...: "Act 2025", "in 2000 homes" are not dates."""
    if not _year_context(doc, m.start()) or count_follows(doc.p, doc.text, m.end()):
        return None
    return _year_cand(m.start(), m.end(), int(m["y"]))


def _is_future(doc: _Doc, start: int) -> bool:
    return doc.p.future.search(doc.low, max(0, start - 60), start) is not None


_SENTENCE_END = re.compile(r"[.;!?\n]")
_CLAUSE_REACH = 400  # characters a clause is read back and forth from its date at most (bounded work)


def _ahead_days(doc: _Doc, start: int, end: int) -> int:
    """How far after the publication date a day and month told without a year (``doc.text[start:
    end]``) may lie. Half a year when its clause looks forward: a word of the ``ahead_cues`` class
    between the clause's start and the date ("extended until 30 June", "ahead of the 15 June
    vote"), or one of ``ahead_cues_after`` right after it ("the 30 June deadline"); a month when
    the clause places it in the past (``past_cues``: "since 30 June", "on 20 June last year").
    Harm told as done anywhere in the date's clause or the rest of its sentence (``harm_done``:
    "the 20 June bombing that killed 9", "fighting raged until 30 June, killing 40") comes first:
    news of a death is news of the past, so a month.
    Otherwise the clause's tense decides, from the parse when there is one: past ("clashes killed
    five on 20 June") a month, present or future ("the vote takes place on 20 June") half a year;
    no parse, or no verb, a month. The clause starts where the parse says (the governing verb's
    subtree) or, without a parse, after the last sentence stop before the date."""
    clause = doc.clause(start) if doc.clause is not None else None
    if clause is not None:
        lo = max(min(clause.start, start), start - _CLAUSE_REACH)
    else:
        lo = max(0, start - _CLAUSE_REACH)
        for stop in _SENTENCE_END.finditer(doc.low, lo, start):
            lo = stop.end()
    p = doc.p
    after = _SENTENCE_END.search(doc.low, end, end + _CLAUSE_REACH)
    tail = after.start() if after else min(len(doc.low), end + _CLAUSE_REACH)
    if p.harm_done.search(doc.low, lo, tail):
        return _AHEAD_DAYS  # "the 20 June bombing that killed 9", "fighting raged until 30 June, killing 40"
    if p.ahead.search(doc.low, lo, start) or p.ahead_after.match(doc.low, end):
        return _FUTURE_DAYS
    comma = doc.low.find(",", end, tail)
    hi = comma if comma >= 0 else tail
    if p.past.search(doc.low, lo, start) or p.past.search(doc.low, end, hi):
        return _AHEAD_DAYS
    if clause is not None and clause.tense in ("present", "future"):
        return _FUTURE_DAYS
    return _AHEAD_DAYS


def _h_weekday(m: re.Match[str], doc: _Doc) -> _Cand | None:
    pub, p = doc.pub, doc.p
    if pub is None or p.weekday_block_after.match(doc.low, m.end("w")):
        return None
    words = prev_words(doc.rev, m.start(), 2)
    if words and words[0][1] in p.weekday_block_before:
        return None
    mod = phrase_before(words, _WEEKDAY_MODS)
    wd = p.weekday_of[m["w"]]
    back, fwd = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    word = mod[1] if mod else ""
    if word in ("last", "this past", "past"):
        d = pub - timedelta(days=back or 7)
    elif word in ("next", "this coming", "coming"):
        d = pub + timedelta(days=fwd or 7)
    elif word == "this":
        d = _monday(pub) + timedelta(days=wd)
    elif _is_future(doc, m.start()):
        d = pub + timedelta(days=fwd)
    else:
        d = pub - timedelta(days=back)
    return _Cand(mod[0] if mod else m.start(), m.end(), d, d, "day")


_WEEKDAY_MODS = frozenset({"last", "next", "this", "past", "coming", "this past", "this coming"})


def _h_weekday_range(m: re.Match[str], doc: _Doc) -> _Cand | None:
    start, pre = _lead(doc, m.start())
    pub = doc.pub
    if pub is None or _and_without_between(m, pre):
        return None
    w1, w2 = doc.p.weekday_of[m["w1"]], doc.p.weekday_of[m["w2"]]
    span = (w2 - w1) % 7
    if span == 0:
        return None
    first = pub - timedelta(days=(pub.weekday() - w1) % 7)
    if _is_future(doc, m.start()):
        first = pub + timedelta(days=(w1 - pub.weekday()) % 7)
    elif first + timedelta(days=span) > pub:
        first -= timedelta(days=7)
    return _Cand(start, m.end(), first, first + timedelta(days=span), "day")


def _h_rel(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """Fixed phrases ("the day before yesterday", "last week") found from their last word."""
    if doc.pub is None:
        return None
    found = phrase_before([(m.start(), m["w"]), *prev_words(doc.rev, m.start(), 3)], doc.p.relative)
    if found is None:
        return None
    start, phrase = found
    if doc.text.startswith("Today", start):  # "USA Today", "Pakistan Today": a masthead
        before = prev_words(doc.rev, start, 1)
        if before and doc.text[before[0][0]].isupper():
            return None
    rel = doc.p.relative[phrase]
    return _relative(start, m.end(), rel.kind, rel.offset, doc.pub)


def _relative(s: int, e: int, kind: str, k: int, pub: date) -> _Cand | None:
    if kind == "day":
        d = pub + timedelta(days=k)
        return _Cand(s, e, d, d, "day")
    if kind in ("week", "week_to_date"):
        mon = _monday(pub) + timedelta(days=7 * k)
        last = max(mon, pub - timedelta(days=1)) if kind == "week_to_date" else mon + timedelta(days=6)
        return _Cand(s, e, mon, last, "week")
    if kind == "weekend":
        if k == 0 and pub.weekday() >= 5:
            sat = _monday(pub) + timedelta(days=5)
        else:
            sat = pub - timedelta(days=(pub.weekday() - 6) % 7 or 7) - timedelta(days=1)
        return _Cand(s, e, sat, sat + timedelta(days=1), "day")
    if kind == "weekend_this":
        sat = _monday(pub) + timedelta(days=5 + 7 * k)
        return _Cand(s, e, sat, sat + timedelta(days=1), "day")
    if kind in ("month", "month_to_date"):
        c = _month_cand(s, e, *_shift_month(pub.year, pub.month, k))
        if kind == "month_to_date":
            c.last = max(c.first, pub - timedelta(days=1))
        return c
    if kind in ("year", "year_to_date"):
        c = _year_cand(s, e, pub.year + k)
        if kind == "year_to_date":
            c.last = max(c.first, pub - timedelta(days=1))
        return c
    return None


def _h_ago(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """ "two days ago", "a week ago": found from "ago", reading the unit and count backwards."""
    pub = doc.pub
    unit_word = prev_words(doc.rev, m.start(), 1)
    if pub is None or not unit_word:
        return None
    unit = unit_word[0][1].removesuffix("s")
    counted = count_before(doc.p, doc.rev, unit_word[0][0])
    if unit not in ("hour", "day", "week", "month", "year") or counted is None or counted[1] > 500:
        return None
    s, n = counted
    if unit in ("hour", "day"):
        d = pub - timedelta(days=n // 24 if unit == "hour" else n)
        return _Cand(s, m.end(), d, d, "day")
    if unit == "week":
        mon = _monday(pub - timedelta(days=7 * n))
        return _Cand(s, m.end(), mon, mon + timedelta(days=6), "week")
    if unit == "month":
        return _month_cand(s, m.end(), *_shift_month(pub.year, pub.month, -n))
    return _year_cand(s, m.end(), pub.year - n)


def _h_window(m: re.Match[str], doc: _Doc) -> _Cand | None:
    """ "the past 48 hours", "the last two weeks": a window ending on the publication date."""
    pub = doc.pub
    before = prev_words(doc.rev, m.start(), 1)
    has_the = bool(before) and before[0][1] == "the"
    if pub is None or (doc.low.startswith("last", m.start()) and not has_the):
        return None  # "last week" is a calendar week (see the relative phrases)
    unit = m["u"]
    n = number(doc.p, m["n"]) if m["n"] else (None if m["pl"] or unit in ("hour", "day") else 1)
    if not n or n > 500:
        return None
    precision: DatePrecision
    if unit in ("hour", "day"):
        first, precision = pub - timedelta(days=-(-n // 24) if unit == "hour" else n), "day"
    elif unit == "week":
        first, precision = pub - timedelta(days=7 * n), "week"
    else:
        y, mo = _shift_month(pub.year, pub.month, -(n if unit == "month" else 12 * n))
        first = _mk(y, mo, min(pub.day, _last_day(y, mo).day)) or pub
        precision = "month" if unit == "month" else "year"
    return _Cand(before[0][0] if has_the else m.start(), m.end(), first, pub, precision)


# --- driver -----------------------------------------------------------------------------------

# Handlers tried at each kind of anchor: (pattern attribute, or "" for the anchor match itself,
# handler), longest form first; the first that yields a date wins at that anchor. Digit anchors
# are split by length, month names by what follows, so that most anchors try one or two patterns.
_BY_KIND: dict[str, tuple[tuple[str, _Handler], ...]] = {
    "year": (("iso", _h_iso), ("year_range", _h_year_range), ("year", _h_year)),
    "numeric": (("numeric", _h_numeric),),
    "day": (("cross_dm", _h_cross), ("range_dm", _h_day_range), ("dm", _h_day)),
    "month_num": (
        ("cross_md", _h_cross),
        ("range_md", _h_day_range),
        ("md", _h_day),
        ("month_year", _h_month_year),
        ("", _h_month),
    ),
    "month_word": (("month_range", _h_month_range), ("", _h_month)),
    "weekday": (("weekday_range", _h_weekday_range), ("weekday", _h_weekday)),
    "rel": (("", _h_rel),),
    "ago": (("", _h_ago),),
    "window": (("window", _h_window),),
}
_Dispatch = dict[str, tuple[tuple[re.Pattern[str] | None, _Handler, int], ...]]


@lru_cache(maxsize=4)
def _dispatch(p: DatePatterns) -> _Dispatch:
    rank = 0
    out: _Dispatch = {}
    for kind, group in _BY_KIND.items():
        rows = []
        for attr, handler in group:
            rows.append((getattr(p, attr) if attr else None, handler, rank))
            rank += 1
        out[kind] = tuple(rows)
    return out


def _digit_kinds(low: str, a: re.Match[str], next_month: int) -> tuple[str, ...]:
    """Which patterns a number can start: a year, a numeric date, or a day before a month name."""
    digits, e = a.group("d"), a.end()
    if len(digits) == 4:
        return ("year",) if digits[:2] in ("19", "20") else ()
    if len(digits) > 2:
        return ()
    kinds: tuple[str, ...] = ("numeric",) if low[e : e + 1] in ("/", ".", "-") else ()
    return (*kinds, "day") if next_month - e < 40 else kinds


def _month_kind(low: str, e: int) -> str:
    """A month name followed by a number may start "October 25"; otherwise "October" or a range."""
    rest = low[e : e + 12].lstrip(". ,\t\n")
    return "month_num" if rest[:1].isdigit() or rest.startswith("the ") else "month_word"


def _modify(c: _Cand, doc: _Doc) -> None:
    """Apply what stands just before a mention: early/mid/late narrowing, then "since"."""
    p = doc.p
    near = doc.low[max(0, c.start - 7) : c.start]
    if (
        c.precision in ("month", "year")
        and c.last is not None
        and c.first.year == c.last.year
        and ("y" in near or "d" in near or "te" in near or "of" in near)  # early, mid, late, end of
    ):
        words = prev_words(doc.rev, c.start, 3, WS + "-")
        found = phrase_before(words, p.narrowing)
        if found is not None and found[1].endswith(" of") and len(words) == 3 and words[2][1] == "the":
            found = (words[2][0], found[1])  # "the end of 2024"
        if found is not None:
            lo, hi = p.narrowing[found[1]]
            if c.precision == "month" and c.first.month == c.last.month:
                c.first, c.last = c.first.replace(day=lo), c.last.replace(day=min(hi, c.last.day))
                c.start = found[0]
            elif c.precision == "year" and (c.first.month, c.last.month) == (1, 12):
                third = (lo - 1) // 10  # 0, 1, 2 -> Jan-Apr, May-Aug, Sep-Dec
                c.first, c.last = date(c.first.year, 4 * third + 1, 1), _last_day(c.first.year, 4 * third + 4)
                c.start = found[0]
    before = prev_words(doc.rev, c.start, 1) if "since" in doc.low[max(0, c.start - 9) : c.start] else []
    if before and before[0][1] == "since":
        c.start = before[0][0]
        c.last = (doc.pub if doc.pub >= c.first else c.last) if doc.pub is not None else None


def _candidates(doc: _Doc) -> list[_Cand]:
    p, low = doc.p, doc.low
    table = _dispatch(p)
    anchors = list(p.anchor.finditer(low))
    month_at = [a.start() for a in anchors if a.group("w") and "month" in p.anchor_kinds[a.group("w")]]
    out: list[_Cand] = []
    for a in anchors:
        word = a.group("w")
        if word:
            kinds = p.anchor_kinds[word]
            if "month" in kinds:
                kinds = tuple(_month_kind(low, a.end()) if k == "month" else k for k in kinds)
        else:
            i = bisect_right(month_at, a.start())
            kinds = _digit_kinds(low, a, month_at[i] if i < len(month_at) else len(low) + 99)
        for kind in kinds:
            for pattern, handler, rank in table.get(kind, ()):
                m = pattern.match(low, a.start()) if pattern is not None else a
                c = handler(m, doc) if m is not None else None
                if c is not None:
                    c.rank = rank
                    _modify(c, doc)
                    out.append(c)
                    break
    return out


def _longest_first(cands: list[_Cand]) -> list[_Cand]:
    """The non-overlapping mentions, longest (then earliest-ranked pattern, then first) winning,
    in text order. The kept mentions stay sorted by start, and since they do not overlap their
    ends are sorted too: a candidate overlaps one of them iff the last kept mention starting
    before its end reaches past its start (one bisection, not a scan of every kept mention)."""
    chosen: list[_Cand] = []
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if c.end <= c.start:
            continue
        k = bisect_left(starts, c.end)
        if k and chosen[k - 1].end > c.start:
            continue
        i = bisect_right(starts, c.start)
        starts.insert(i, c.start)
        chosen.insert(i, c)
    return chosen


@lru_cache(maxsize=1)
def _metadata_label() -> re.Pattern[str]:
    """A page's metadata label at the start of a line, right before a date (dates.json)."""
    labels = sorted(load_json("lexicon", "dates.json")["metadata_labels"], key=len, reverse=True)
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels)
    weekday = r"(?:[A-Za-z]{3},[ \t]*)?"  # "Updated On: Thu, 16 Jan 2025"
    return re.compile(rf"(?:^|\n)[ \t]*(?:{words})[ \t]*[:|-]?[ \t]*{weekday}$", re.IGNORECASE)


_STAMP_LEAD = re.compile(r"[ \t]*(?:[^\s.!?]+[ \t]+){0,4}")  # a line's first few words at most
_STAMP_LEAD_CHARS = 60  # "Updated: Monday, " -- no sentence
_STAMP_TAIL = re.compile(r"[ \t]*(?:\n|$)")


def _page_stamp(text: str, start: int, end: int) -> bool:
    """Is the date at ``text[start:end]`` a page's stamp: followed by a clock time with seconds or a
    zone, standing apart from sentences (at a line's start or ending its line), not told after
    "on"/"since"/... inside one ("attacked a post on 14 October 2025, 03:15 PKT")?"""
    clock = _timestamp().match(text, end)
    if clock is None:
        return False
    if _stamp_not_after().search(text, max(0, start - 12), start):
        return False
    line = text.rfind("\n", 0, start) + 1
    if start - line <= _STAMP_LEAD_CHARS and _STAMP_LEAD.fullmatch(text, line, start) is not None:
        return True
    return _STAMP_TAIL.match(text, clock.end()) is not None


@lru_cache(maxsize=1)
def _stamp_not_after() -> re.Pattern[str]:
    """Words that put a stamped date inside a sentence (dates.json)."""
    words = "|".join(re.escape(w) for w in load_json("lexicon", "dates.json")["timestamp_not_after"])
    return re.compile(rf"\b(?:{words})[ \t,]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _timestamp() -> re.Pattern[str]:
    """A clock time right after a date that makes it a page's stamp (dates.json)."""
    zones = "|".join(re.escape(z) for z in load_json("lexicon", "dates.json")["timestamp_zones"])
    return re.compile(rf"[ \t,|]*\d{{1,2}}:\d{{2}}(?::\d{{2}}|[ \t]*(?:{zones})\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _founding() -> re.Pattern[str]:
    """A founding word right before a date ("formed in", "founded on"; dates.json)."""
    words = sorted(load_json("lexicon", "dates.json")["founding"], key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alts})(?:\s+back)?(?:\s+(?:in|on|during))?\s+$", re.IGNORECASE)


_FOUNDING_REACH = 40


_SINCE_WORD = r"[^\s,;:.!?()\[\]\n\"“”]+"  # a word of the clause: no punctuation ends it
_SINCE = re.compile(rf"\bsince\s+({_SINCE_WORD}(?:[ \t]+{_SINCE_WORD})+)[ \t]+$", re.IGNORECASE)
_SINCE_REACH = 80


def since_clause(text: str, at: int) -> bool:
    """Is ``text[at:]`` inside a clause that "since" opens with words of its own ("the deadliest
    since the Taliban returned to power in 2021", "killed since the fighting erupted on
    Saturday")? "since 2021", "since early October", "since late Saturday" are no such clause:
    "since" governs the date itself. Whether the clause is background is
    :func:`since_background`'s question."""
    return _SINCE.search(text, max(0, at - _SINCE_REACH), at) is not None


@lru_cache(maxsize=1)
def _measured_from() -> re.Pattern[str]:
    """A superlative or "first" a few words before "since" ("the deadliest attack since",
    "the highest toll since"; dates.json, since_measured_from)."""
    words = "|".join(re.escape(w) for w in load_json("lexicon", "dates.json")["since_measured_from"])
    return re.compile(rf"\b(?:{words})\b(?:[ \t]+{_SINCE_WORD}){{0,{_MEASURED_WORDS}}}[ \t]+$", re.IGNORECASE)


_MEASURED_WORDS = 5
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\n\"“”]")
_STALE_DAYS = 365


_BARE_YEAR = re.compile(r"(?:.*\s)?\d{4}")  # "2021", "since 2021", not "last year"


def _old(span: DateSpan, ref: date | None) -> bool:
    """A bare year before ``ref``'s, or a date ending more than a year before ``ref``."""
    if span.precision == "year" and _BARE_YEAR.fullmatch(span.text.strip()):
        return ref is None or (span.end is not None and span.end.year < ref.year)
    return ref is not None and span.end is not None and (ref - span.end).days > _STALE_DAYS


def since_background(
    text: str,
    at: int,
    dates: Sequence[DateSpan] = (),
    published: date | None = None,
    *,
    undated: bool = False,
) -> bool:
    """Is ``text[at:]`` inside a "since" clause (:func:`since_clause`) that tells the point the
    report measures from, not what it reports? So it is when a superlative or "first" comes
    right before "since" ("the deadliest since the Taliban returned to power in 2021"), or when
    the clause's date is a bare year or lies more than a year before the publication date (or,
    unpublished, before the latest of the nearest ``dates`` outside the clause -- pass the
    sentence's, in text order), or,
    with ``undated`` (an event word's question), when the clause gives no date at all ("strikes
    have continued since the ceasefire"). "killed since the fighting erupted on Saturday" measures
    from the incident itself: no background."""
    m = _SINCE.search(text, max(0, at - _SINCE_REACH), at)
    if m is None:
        return False
    if _measured_from().search(text, max(0, m.start() - 80), m.start()) is not None:
        return True
    end = _CLAUSE_END.search(text, at)
    stop = end.start() if end is not None else len(text)
    # ``dates`` are in text order (as find_dates gives them): the clause's are a slice
    lo = bisect_left(dates, m.start(), key=_mention_start)
    hi = bisect_left(dates, stop, lo=lo, key=_mention_start)
    inside = dates[lo:hi]
    if undated and not inside:
        return True
    ref = published
    if ref is None and inside:  # the nearest few mentions around the clause: bounded work
        near = (*dates[max(0, lo - _NEAR) : lo], *dates[hi : hi + _NEAR])
        ref = max((d.end for d in near if d.end is not None), default=None)
    return any(_old(d, ref) for d in inside[:_NEAR])


_NEAR = 8


def _mention_start(d: DateSpan) -> int:
    return d.span_start if d.span_start is not None else -1


def background_date(
    text: str, span: DateSpan, dates: Sequence[DateSpan] = (), published: date | None = None
) -> bool:
    """Is the date mention ``span`` background rather than an incident's date: when a group, a
    body or a state came to be ("the TTP, a group formed in 2007", "founded on 14 August 1947"),
    which says who someone is, or the date inside a "since" clause that is background
    (:func:`since_background`; ``dates``: the mentions of its sentence, ``span`` among them, in
    text order)?"""
    s = span.span_start
    if s is None:
        return False
    if _founding().search(text, max(0, s - _FOUNDING_REACH), s) is not None:
        return True
    return since_background(text, s, dates or [span], published)


def find_dates(
    text: str, published: date | None, *, clause: Callable[[int], Clause | None] | None = None
) -> list[DateSpan]:
    """All resolvable date mentions in ``text``, sorted by position and non-overlapping.

    ``clause`` (:func:`tolls.extract.clauses.clause_finder` of the parsed text) tells the clause
    and tense around an offset; without it a day and month's clause is read from the text alone
    (:func:`_ahead_days`).

    Where mentions overlap the longest wins ("7 October 2023" over "October 2023"). Mentions that
    need the publication date are dropped when ``published`` is None, or outside the years
    1000-8999 (where "500 years ago" or "next week" could fall off the calendar).
    """
    if published is not None and not _PUB_MIN <= published <= _PUB_MAX:
        published = None  # no source dates a story to year 1 or 9999; shifting it would leave the calendar
    low = lower(text)
    doc = _Doc(text, low, low[::-1], published, load_patterns(), clause)
    chosen = _longest_first(_candidates(doc))
    spans: list[DateSpan] = []
    for c in chosen:
        s, e = c.start, c.end
        if _metadata_label().search(text, max(0, s - 40), s):
            continue  # "date 2025-10-12", "Published: ...": when the page appeared
        if c.precision == "day" and _page_stamp(text, s, e):
            continue  # "02 January 2024 12:17 GMT": a page's stamp (often stale), no incident's date
        if s > 0 and text[s - 1] == "[" and text.startswith("]", e):
            s, e = s - 1, e + 1  # wire-copy editorial date: "[17 Jan]"
        spans.append(DateSpan(c.first, c.last, c.precision, text[s:e], s, e))
    return spans


def resolve_date(text: str, published: date | None) -> DateSpan | None:
    """Resolve one date phrase (e.g. an event's date cell): its longest mention, or None."""
    spans = find_dates(text, published)
    if not spans:
        return None
    return max(spans, key=lambda s: ((s.span_end or 0) - (s.span_start or 0), -(s.span_start or 0)))


def find_durations(text: str) -> list[tuple[int, int, int]]:
    """Durations with their length in days: "five days of clashes" -> 5, "48-hour" -> 2.

    Hours round up to whole days; a month counts 30 days and a year 365. "a"/"an" counts as one
    only where a duration is plainly meant ("for a week", "a week-long", "a week of"), so rates
    ("twice a day") are not durations; "two days ago"/"two days later" are offsets, not durations.
    """
    p = load_patterns()
    low = lower(text)
    rev = low[::-1]
    out: list[tuple[int, int, int]] = []
    for a in p.anchor.finditer(low):
        word = a.group("w")
        if not word or "unit" not in p.anchor_kinds[word]:
            continue
        tail = p.duration_tail.match(low, a.end())
        counted = count_before(p, rev, a.start())
        if tail is None or counted is None or counted[1] == 0:
            continue
        start, n = counted
        if low.startswith(("a ", "a-", "an ", "an-"), start) and not (
            tail["long"]
            or low.startswith(" of ", tail.end())
            or (prev_words(rev, start, 1) or [(0, "")])[0][1] in p.a_duration_before
        ):
            continue
        hours = n * p.unit_hours[word.removesuffix("s")]
        out.append((start, tail.end(), max(1, -(-hours // 24))))
    return out
