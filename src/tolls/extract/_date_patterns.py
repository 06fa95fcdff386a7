"""The recogniser behind :mod:`tolls.extract.dates`: vocabulary, anchors and compiled patterns.

Why anchors: running a dozen date regexes over every character of a story costs milliseconds in
CPython. Instead one scan over the lower-cased text finds *anchors* (a digit, a month or weekday
name, "week", "ago"...) and only the few patterns that can start or end at an anchor are tried
there, with ``Pattern.match(text, pos)``. Words *before* a mention ("since", "mid-", "last", "from")
are read by walking back over whitespace (:func:`prev_words`), which is cheaper than a look-behind
regex over a window. All patterns are written in lower case and run on the lower-cased text; the
resolver makes case judgements ("May" the month vs "may" the verb) on the original text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "dates.json"
WS = " \t\n\r\xa0"
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_MAX_COUNT_DIGITS = 6  # no count of hours, days or years in a date phrase is longer


@dataclass(frozen=True, slots=True)
class RelativePhrase:
    """A fixed phrase such as "last week": a calendar unit (``kind``) shifted by ``offset``."""

    kind: str
    offset: int


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one instance per lexicon
class DatePatterns:
    """Lookup tables plus compiled patterns; built once per lexicon file."""

    month_of: dict[str, int]
    ambiguous_months: frozenset[str]
    weekday_of: dict[str, int]
    numbers: dict[str, int]
    tens: frozenset[str]
    unit_hours: dict[str, int]
    relative: dict[str, RelativePhrase]
    narrowing: dict[str, tuple[int, int]]
    month_context: frozenset[str]
    year_context: frozenset[str]
    count_nouns: frozenset[str]
    weekday_block_before: frozenset[str]
    a_duration_before: frozenset[str]
    anchor_kinds: dict[str, tuple[str, ...]]
    anchor: re.Pattern[str]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    range_dm: re.Pattern[str]
    range_md: re.Pattern[str]
    cross_dm: re.Pattern[str]
    cross_md: re.Pattern[str]
    dm: re.Pattern[str]
    md: re.Pattern[str]
    month_range: re.Pattern[str]
    month_year: re.Pattern[str]
    year_range: re.Pattern[str]
    year: re.Pattern[str]
    weekday: re.Pattern[str]
    weekday_range: re.Pattern[str]
    window: re.Pattern[str]
    duration_tail: re.Pattern[str]
    future: re.Pattern[str]
    ahead: re.Pattern[str]
    ahead_after: re.Pattern[str]
    past: re.Pattern[str]
    harm_done: re.Pattern[str]
    weekday_block_after: re.Pattern[str]


def _alt(words: list[str] | set[str]) -> str:
    """Alternation, longest first (so "sept" wins over "sep"), a space matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _trie(words: list[str]) -> str:
    """A prefix-factored alternation: CPython's ``re`` tries branches in turn, so sharing prefixes
    roughly halves the cost of the anchor scan compared with a flat ``a|b|c``."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        kids = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> DatePatterns:
    """Load the lexicon (the packaged one by default) and compile everything; cached per path."""
    source = Path(path) if path is not None else _DEFAULT_LEXICON
    lex: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return _build(lex)


def _anchor_kinds(lex: dict[str, Any], relative: dict[str, RelativePhrase]) -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}

    def add(word: str, kind: str) -> None:
        kinds.setdefault(word, [])
        if kind not in kinds[word]:
            kinds[word].append(kind)

    for names in lex["months"]:
        for name in names:
            add(name, "month")
    for name in lex["weekdays"]:
        add(name, "weekday")
    for phrase in relative:
        add(phrase.split()[-1], "rel")
    for unit in lex["duration_units_hours"]:
        add(unit, "unit")
        add(unit + "s", "unit")
    add("ago", "ago")
    add("past", "window")
    add("last", "window")
    return {w: tuple(k) for w, k in kinds.items()}


def _build(lex: dict[str, Any]) -> DatePatterns:
    month_of = {name: i + 1 for i, names in enumerate(lex["months"]) for name in names}
    weekday_of = {name: i for i, name in enumerate(lex["weekdays"])}
    numbers: dict[str, int] = dict(lex["number_words"])
    for tens_word, tens in lex["tens_words"].items():
        numbers[tens_word] = tens
        for unit_word, unit in lex["number_words"].items():
            if unit < 10:
                numbers[f"{tens_word}-{unit_word}"] = tens + unit
    relative = {
        " ".join(r["phrase"].split()): RelativePhrase(r["kind"], int(r["offset"])) for r in lex["relative"]
    }
    anchor_kinds = _anchor_kinds(lex, relative)

    month_alt = _alt(list(month_of))
    wd_alt = _alt(list(weekday_of))
    parts = _alt(lex["day_parts"])
    num = rf"(?:\d{{1,3}}|{_alt(list(numbers))})"

    abbrevs = sorted({n for n in month_of if len(n) <= 4 and n != "june" and n != "july"})
    abbrev_dot = "(?:" + "|".join(rf"(?<={a})\." for a in abbrevs) + ")?"  # "Oct." but not "October."

    def month(g: str) -> str:
        return rf"(?<![a-z])(?P<{g}>{month_alt})(?![a-z]){abbrev_dot}"

    def day(g: str) -> str:
        return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"

    def year(g: str) -> str:
        return rf"(?P<{g}>(?:19|20)\d\d)(?!\w)"

    lg = r"(?<![\w.,/:\-–])"  # a day number must not continue another number
    sep_day = r"(?P<sep>\s*[-–—/&]\s*|\s+(?:to|and|until|till|through|into)\s+(?:the\s+)?)"
    sep_wide = r"(?P<sep>\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+)"
    opt_year = rf"(?:,?\s+{year('y')})?"
    date2 = rf"(?:(?:the\s+)?{day('d2')}(?:\s+of)?\s+{month('m2')}|{month('m2b')}\s+{day('d2b')})"
    tail2 = rf"(?![\d:]|,\d)(?:,?\s+{year('y2')})?"

    return DatePatterns(
        month_of=month_of,
        ambiguous_months=frozenset(lex["ambiguous_month_tokens"]),
        weekday_of=weekday_of,
        numbers=numbers,
        tens=frozenset(lex["tens_words"]),
        unit_hours={k: int(v) for k, v in lex["duration_units_hours"].items()},
        relative=relative,
        narrowing={k: (int(v[0]), int(v[1])) for k, v in lex["narrowing"].items()},
        month_context=frozenset(lex["month_context"]),
        year_context=frozenset(lex["year_context"]),
        count_nouns=frozenset(lex["count_nouns"]),
        weekday_block_before=frozenset(lex["weekday_blockers_before"]),
        a_duration_before=frozenset(lex["a_duration_before"]),
        anchor_kinds=anchor_kinds,
        anchor=re.compile(rf"(?<![a-z0-9])(?:(?P<w>{_trie(list(anchor_kinds))})(?![a-z])|(?P<d>\d+))"),
        iso=re.compile(
            r"(?<![\w/.\-])(?P<y>(?:19|20)\d\d)(?P<s>[-/])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\w/\-])"
        ),
        numeric=re.compile(
            r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<s>[/.\-])(?P<b>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d)(?![\w/\-])"
        ),
        range_dm=re.compile(rf"{lg}{day('d1')}{sep_day}{day('d2')}(?:\s+of)?\s+{month('m')}{opt_year}"),
        range_md=re.compile(
            rf"{month('m')}\s+(?:the\s+)?{day('d1')}{sep_day}{day('d2')}(?![\d:]|,\d){opt_year}"
        ),
        cross_dm=re.compile(
            rf"{lg}{day('d1')}(?:\s+of)?\s+{month('m1')}(?:,?\s+{year('y1')})?{sep_wide}{date2}{tail2}"
        ),
        cross_md=re.compile(rf"{month('m1')}\s+{day('d1')}(?:,?\s+{year('y1')})?{sep_wide}{date2}{tail2}"),
        dm=re.compile(rf"{lg}{day('d')}(?:\s+of)?\s+{month('m')}{opt_year}"),
        md=re.compile(rf"{month('m')}\s+(?:the\s+)?{day('d')}(?![\d:]|,\d){opt_year}"),
        month_range=re.compile(
            rf"{month('m1')}(?:,?\s+{year('y1')})?{sep_wide}{month('m2')}(?:,?\s+(?:of\s+)?{year('y2')})?"
        ),
        month_year=re.compile(rf"{month('m')},?\s+(?:of\s+)?{year('y')}"),
        year_range=re.compile(
            rf"{lg}{year('y1')}\s*(?:[-–—/]|\s(?:to|and|until|till|through)\s)\s*(?:{year('y2')}|(?P<y2s>\d\d)(?!\w))"
        ),
        year=re.compile(rf"(?<![\w.,/:\-–$£€#№]){year('y')}"),
        weekday=re.compile(rf"(?P<w>{wd_alt})(?![a-z])(?:\s+(?P<part>{parts})(?![a-z]))?"),
        weekday_range=re.compile(
            rf"(?P<w1>{wd_alt})(?![a-z])(?:\s+{parts}(?![a-z]))?"
            rf"(?P<sep>\s*[-–—]\s*|\s+(?:to|into|and|until|till|through)\s+)(?P<w2>{wd_alt})(?![a-z])"
            rf"(?:\s+{parts}(?![a-z]))?"
        ),
        window=re.compile(
            rf"(?:past|last)\s+(?:(?P<n>{num})\s+)?(?P<u>hour|day|week|month|year)(?P<pl>s)?(?![a-z])(?!\s+of\b)"
        ),
        duration_tail=re.compile(
            r"s?(?P<long>-long)?(?![a-z])(?!-old|\s+(?:ago|later|earlier|before|after|old)\b)"
        ),
        future=re.compile(rf"(?:\b|')(?:{_alt(lex['future_cues'])})\b[^.;!?\n]*$"),
        ahead=re.compile(rf"(?:\b|')(?:{_alt(lex['ahead_cues'])})\b[^.;!?\n]*$"),
        ahead_after=re.compile(rf"\s+{_alt(lex['ahead_cues_after'])}\b"),
        past=re.compile(rf"\b{_alt(lex['past_cues'])}\b"),
        harm_done=re.compile(rf"\b{_alt(lex['harm_done'])}\b"),
        weekday_block_after=re.compile(rf"\s+{_alt(lex['weekday_blockers_after'])}\b"),
    )


def lower(text: str) -> str:
    """Lower-case without changing any offset (``str.lower`` can lengthen some non-ASCII text)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


@lru_cache(maxsize=32)
def _back_pattern(seps: str, k: int) -> re.Pattern[str]:
    sep = "[" + re.escape(seps) + "]+"
    word = r"[\w'" + ("" if "-" in seps else r"\-") + "]+"
    body = ""
    for _ in range(k):
        body = f"{sep}({word}){'(?:' + body + ')?' if body else ''}"
    return re.compile(body)


def prev_words(rev: str, s: int, k: int, seps: str = WS) -> list[tuple[int, str]]:
    """Up to ``k`` words before offset ``s``, nearest first, as (start, word); stops at punctuation.

    ``rev`` is the lower-cased text reversed, so reading backwards is one forward ``match``.
    Words are separated by characters in ``seps`` only: "killed. Today" has no word before
    "today", so a sentence boundary is never crossed.
    """
    n = len(rev)
    m = _back_pattern(seps, k).match(rev, n - s)
    if m is None:
        return []
    return [(n - m.end(g), w[::-1]) for g, w in enumerate(m.groups(), 1) if w is not None]


def phrase_before(
    words: list[tuple[int, str]], vocab: frozenset[str] | dict[str, Any]
) -> tuple[int, str] | None:
    """The longest run of the nearest words (up to four) that is in ``vocab``, as (start, phrase)."""
    n = min(4, len(words))
    parts = [w for _, w in words[:n]]
    parts.reverse()  # farthest word first
    for i in range(n):
        phrase = " ".join(parts[i:]) if i < n - 1 else parts[i]
        if phrase in vocab:
            return words[n - 1 - i][0], phrase
    return None


# --- token checks ----------------------------------------------------------------------------

_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z%]+)")
_TRAIL = " ,\t\n"


def month_num(p: DatePatterns, token: str | None) -> int | None:
    """Month number of a matched (original-case) token; lower-case "may"/"march" are not months."""
    if not token:
        return None
    key = token.lower().rstrip(".")
    if token.islower() and key in p.ambiguous_months:
        return None
    return p.month_of.get(key)


def count_follows(p: DatePatterns, text: str, pos: int) -> bool:
    """True when the next word makes the preceding number a quantity ("March 20 people")."""
    nxt = _NEXT_WORD.match(text, pos)
    return nxt is not None and nxt.group(1).lower() in p.count_nouns


def trailing_year(m: re.Match[str], text: str, p: DatePatterns, group: str = "y") -> tuple[int | None, int]:
    """The optional trailing year and the match end; a "year" followed by "people" is a count."""
    if m.group(group) is None:
        return None, m.end()
    if count_follows(p, text, m.end(group)):
        return None, len(text[: m.start(group)].rstrip(_TRAIL))
    return int(m.group(group)), m.end()


def number(p: DatePatterns, token: str) -> int | None:
    """A count written as digits, a number word ("forty-eight") or "a"/"an"."""
    t = "-".join(token.lower().split())
    if t.isdigit():  # "²" is a digit that int() refuses; a 5000-digit run is past int()'s limit
        return int(t) if t.isdecimal() and len(t) <= _MAX_COUNT_DIGITS else None
    if t in ("a", "an"):
        return 1
    return p.numbers.get(t)


def count_before(p: DatePatterns, rev: str, s: int) -> tuple[int, int] | None:
    """The count written just before offset ``s`` ("forty-eight-hour", "two weeks"), as (start, n)."""
    words = prev_words(rev, s, 2, WS + "-")
    if not words:
        return None
    start, word = words[0]
    if len(words) == 2 and words[1][1] in p.tens and word in p.numbers and p.numbers[word] < 10:
        start, word = words[1][0], f"{words[1][1]}-{word}"
    if start > 0 and rev[len(rev) - start] in ",.":
        return None  # "1,000": only the tail of a larger number
    n = number(p, word)
    if n is None or (word.isdigit() and len(word) > 3):
        return None
    return start, n
