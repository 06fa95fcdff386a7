"""Count-like figures in news text: "more than 200", "nine", "15-20", "dozens".

Casualty claims hinge on one number each, so this module finds numbers that *count things* and
reads their qualifier the way SCHEMA.md codes it (``value`` as written, ``low``/``high`` by
qualifier). Everything else that looks like a number -- years, dates, times, ages, money,
measurements and durations, ordinals, identifiers such as "Resolution 2334" or "PK 31" -- is
dropped, because a false figure costs a wrong claim while a missed one only costs recall.

How it works: one precompiled regex finds number *atoms* (digits, runs of number words, vague
words); plain Python then validates the number-word grammar, merges ranges, attaches qualifiers
from the left ("at least") and right ("or more") and applies the context exclusions. Word lists
live in ``tolls/data/lexicon/numbers.json``.

Choices the schema leaves open: "a dozen"/"dozen" = 12 exact, "half a dozen" = 6, "tens of" = 20
vague, "tens of thousands" = 20000 vague, "several hundred"/"a few hundred" = 300 vague; "a few",
"a couple", "many" are not figures; "from 20 to 30" is a change, not a range, so it yields two
figures ("ranging from"/"between" do make ranges); "fewer than"/"less than" read as ``up_to``;
"two to three thousand" reads as 2000-3000; "at least 15-20" / "more than 15-20" read as
``at_least`` / ``more_than`` 15 (the floor bounds the low end, as SCHEMA.md says). Bare
"a"/"an" are never found (too noisy) but :func:`parse_figure` reads them as 1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tolls.data import data_path
from tolls.model import Figure, FigureMention, Qualifier

__all__ = ["find_figures", "parse_figure"]

_WINDOW = 48  # characters of left context searched for a qualifier or range opener
_BAD_BEFORE = frozenset("$€£¥₹#@/\\:._")
_BAD_AFTER = frozenset("%°/_$€£@#+")
_HYPHENS = "-–—"
_Reading = tuple[int | None, int | None, int | None, Qualifier]
_MAX_DIGITS = 7  # longer plain digit runs are phone numbers or identifiers, not counts
_MAX_WORDS = 16  # a number phrase is never longer; the bound keeps "one one one ..." linear
_DIGIT_SCALES = {"million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}
_MAX_VALUE = 10**12  # larger "counts" count nothing a ledger holds; bounded, they fit a 64-bit column
_DAY = re.compile(r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?", re.IGNORECASE)  # "12" of "12 June,"
_MAX_VALUE_DIGITS = len(str(_MAX_VALUE))


@dataclass(frozen=True, slots=True)
class _Number:
    """A parsed atom: its span, value, and the facts the context rules need."""

    start: int
    end: int
    value: int
    vague: bool = False
    digits: bool = False
    lead: int = 0  # "three" in "three thousand" (for "two to three thousand"), else value
    scale: int = 1  # that trailing scale word's value (1000), else 1


_OPENING_MARKS = "“‘\"'(["


def _alts(words: list[str]) -> str:
    """Regex alternation of phrases as a prefix trie (inner spaces match any whitespace).

    A trie fails after a character or two where a flat "a|b|c" list would try every word at every
    word start, which made the atom regex several times slower.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in " ".join(word.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrases(by_qualifier: dict[str, list[str]]) -> dict[str, Qualifier]:
    """Invert {qualifier: [phrases]} to {phrase: qualifier}, refusing unknown qualifier names."""
    known: dict[str, Qualifier] = {
        "at_least": "at_least",
        "more_than": "more_than",
        "up_to": "up_to",
        "about": "about",
    }
    return {_key(p): known[q] for q, ps in by_qualifier.items() for p in ps}


class _Lexicon:
    """The word lists of numbers.json and the regexes compiled from them (once per file)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        kinds = ("units", "teens", "tens", "scales", "multipliers")
        self.words = {w: (kind, int(v)) for kind in kinds for w, v in raw[kind].items()}
        self.fixed = {_key(k): int(v) for k, v in raw["fixed_phrases"].items()}
        self.vague = {_key(k): int(v) for k, v in raw["vague"].items()}
        self.vague_mult = {_key(k): int(v) for k, v in raw["vague_multiplier_words"].items()}
        self.vague_scales = {_key(k): int(v) for k, v in raw["vague_multiplier_scales"].items()}
        self.qual_before = _phrases(raw["qualifiers_before"])
        self.qual_after = _phrases(raw["qualifiers_after"])
        self.units = frozenset(_key(w) for w in raw["unit_words"])
        self.count_nouns = frozenset(raw["count_nouns"])
        self.age_words = frozenset(raw["age_words"])
        self.identifiers = frozenset(raw["identifier_words"] + raw["currency_prefixes"])
        self.year_words = frozenset(raw["year_words"])
        self.over_blockers = frozenset(raw["over_blockers"])
        self.one_before = frozenset(raw["one_blockers_before"])
        self.one_after = frozenset(raw["one_blockers_after"])
        self.month_names = frozenset(raw["months"])
        self.weekdays = frozenset(raw["weekdays"])
        self.month_span_preps = frozenset(raw["month_span_preps"])
        self.function_words = frozenset(raw["function_words"])
        self.formation_members = frozenset(raw["formation_members"])
        formations = "|".join(raw["formation_words"])
        # "24 Assam Rifles", "31 Field Regiment": a unit's number, unless its members follow.
        self.formation = re.compile(
            rf"(?:\s+[A-Z][\w.&'’-]*){{0,3}}?\s+(?:{formations})\b(?:\s+\([A-Z]+\))?(?:\s+(?P<tail>[a-z]+))?"
        )
        months = "|".join(raw["months"])

        nw = _alts(list(self.words))
        lead_a = rf"(?:an?\s+(?=(?:{_alts(list(raw['scales']) + list(raw['multipliers']))})\b))?"
        words = rf"{lead_a}(?:{nw})\b(?:(?:[\s-]++|\s+and\s+)(?:{nw})\b){{0,{_MAX_WORDS}}}+"
        vague_mult = rf"(?:{_alts(list(self.vague_mult))})\s+(?:{_alts(list(self.vague_scales))})\b"
        need_of = [w for w in self.vague if w in raw["vague_requires_of"]]
        free = [w for w in self.vague if w not in need_of]
        vague = rf"(?:{_alts(free)})\b|(?:{_alts(need_of)})(?=\s+of\b)"
        digits = (
            r"(?P<num>(?:\d{1,3}(?:,\d{3})++(?!\d|,\d)|\d++)(?:\.\d++)?)"
            r"(?:\s*+(?P<dscale>million|billion|thousand)\b)?"  # "8million" too
        )
        scaled = [f"{art} {w}" for art in ("a", "an") for w in [*raw["scales"], *raw["multipliers"]]]
        # A cheap guard on the first three characters: most word starts fail here, not in the tries.
        heads = {w[:3] for w in [*self.words, *self.fixed, *self.vague, *self.vague_mult, *scaled]}
        starts = _alts(sorted(heads))
        self.atom = re.compile(
            rf"(?<!\w)(?=\d|{starts})(?:(?P<fixed>{_alts(list(self.fixed))})\b|(?P<vm>{vague_mult})|(?P<vague>{vague})"
            rf"|(?P<digits>{digits})|(?P<words>{words}))",
            re.IGNORECASE,
        )
        self.token = re.compile(r"[a-z]+", re.IGNORECASE)
        self.openers = frozenset(_key(p) for p in [*raw["range_openers"], "from"])
        left = [p[::-1] for p in [*self.qual_before, *self.openers]]
        self.left_last_words = frozenset(p.split()[-1] for p in [*self.qual_before, *self.openers])
        # Matched against the reversed left context, so it is anchored and never scans the window.
        self.left = re.compile(rf"\s+(?P<p>{_alts(left)})(?!\w)", re.IGNORECASE)
        hyphened = [p for p in self.qual_after if p.startswith("-")]
        symbols = [p for p in self.qual_after if not p[0].isalnum() and p not in hyphened]
        worded = [p for p in self.qual_after if p[0].isalnum()]
        self.qual_right = re.compile(
            rf"(?:\s*(?P<sym>{_alts(symbols)})|(?P<hy>{_alts(hyphened)})|\s+(?P<w>{_alts(worded)}))(?![\w+])",
            re.IGNORECASE,
        )
        self.connector = re.compile(r"\s*[-–—]\s*|\s+(?:to|or|and)\s+", re.IGNORECASE)
        self.month_after = re.compile(
            rf"(?:\s*(?:and|to|&|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+of)?\s+(?:{months})\b"
        )  # "25 October", and the first day of "23 and 24 April"
        self.next_word = re.compile(
            r"(?:(?P<of>\s+of\s+(?:the\s+)?)|\s*-\s*|\s*)(?P<w>a\.m\.?|p\.m\.?|o'clock|per\s+cent|local\s+time"
            r"|years?\s+old|months?\s+old|weeks\s+old|%|[a-z]+(?:/[a-z]+)?\.?)",
            re.IGNORECASE,
        )


@lru_cache(maxsize=4)
def _load_lexicon(path: Path) -> _Lexicon:
    """Load and compile a numbers lexicon once per path."""
    with path.open(encoding="utf-8") as fh:
        return _Lexicon(json.load(fh))


@lru_cache(maxsize=1)
def _default_lexicon() -> _Lexicon:
    """The packaged lexicon (cached: building a Path per call showed up in profiles)."""
    return _load_lexicon(data_path("lexicon", "numbers.json"))


def _words_value(lex: _Lexicon, text: str) -> tuple[int, int, int, int] | None:
    """Value of the longest grammatical prefix of a run of number words.

    Returns (value, characters consumed, lead, trailing scale), or None when not even the first
    word reads as a number. This keeps "five and six" from reading as 11, "twenty thirty" as 50.
    """
    total = cur = 0
    last = ""
    pending_and = False
    prev_scale = 10**13
    best: tuple[int, int, int, int] | None = None
    for m in lex.token.finditer(text):
        word = m.group().lower()
        kind, value = lex.words.get(word, ("", 0))
        if word == "and":
            if last not in ("scales", "hundred") or pending_and:
                break
            pending_and = True
            continue
        if word in ("a", "an") and not last:
            cur, last = 1, "a"
            continue
        if kind in ("units", "teens", "tens"):
            after_tens = last == "tens" and kind == "units" and not pending_and
            if (word == "zero" and last) or not (last in ("", "scales", "hundred") or after_tens):
                break
            cur += value
        elif kind == "scales" and value == 100:
            if last not in ("units", "teens", "tens", "a") or not 0 < cur < 100 or pending_and:
                break
            cur, kind = cur * 100, "hundred"
        elif kind == "scales":
            if last not in ("units", "teens", "tens", "hundred", "a") or value >= prev_scale or pending_and:
                break
            total, cur, prev_scale = total + cur * value, 0, value
        elif kind == "multipliers":
            if last not in ("", "units", "a") or pending_and:
                break
            cur, kind = max(cur, 1) * value, "dozen"
        else:
            break
        last, pending_and = kind, False
        if kind == "scales" and total % value == 0:
            best = (total, m.end(), total // value, value)
        elif kind == "hundred" and total == 0:
            best = (cur, m.end(), cur // 100, 100)
        else:
            best = (total + cur, m.end(), total + cur, 1)
    if best is not None and best[0] == 0 and not text.lower().startswith("zero"):
        return None
    return best


def _digits(m: re.Match[str]) -> _Number | None:
    """A digit atom such as "1,200", "2 million", "1.5 million"; None for decimals and phone-like runs."""
    number, scale_word = m.group("num", "dscale")
    scale = _DIGIT_SCALES[scale_word.lower()] if scale_word else 1
    bare = number.replace(",", "")
    if "." in bare and scale == 1:
        return None  # a decimal without "million" is a measure, not a count
    if "," not in number and (len(bare) > _MAX_DIGITS or (len(bare) > 1 and bare[0] == "0")):
        return None
    if len(bare.partition(".")[0]) > _MAX_VALUE_DIGITS:
        return None  # "1,000,000,...": float() would give inf, and no count is that large
    lead = float(bare)
    value = round(lead * scale)
    if value > _MAX_VALUE:
        return None
    return _Number(m.start(), m.end(), value, digits=True, lead=round(lead), scale=scale)


def _next_atom(lex: _Lexicon, text: str, pos: int, *, anchored: bool) -> tuple[_Number | None, int]:
    """The next number atom at (anchored) or after pos, and where to resume scanning."""
    m = lex.atom.match(text, pos) if anchored else lex.atom.search(text, pos)
    if m is None:
        return None, len(text)
    if m.group("digits"):
        return _digits(m), m.end()
    s, e = m.span()
    key = _key(m.group())
    if m.group("fixed"):
        return _Number(s, e, lex.fixed[key], lead=lex.fixed[key]), e
    if m.group("vm"):
        head, _, tail = key.rpartition(" ")
        value = lex.vague_mult[head] * lex.vague_scales[tail]
        return _Number(s, e, value, vague=True, lead=value), e
    if m.group("vague"):
        return _Number(s, e, lex.vague[key], vague=True), e
    parsed = _words_value(lex, m.group())
    if parsed is None:
        return None, s + max(1, len(m.group().split()[0]))
    value, used, lead, scale = parsed
    return _Number(s, s + used, value, lead=lead, scale=scale), s + used


def _reading(value: int, qualifier: Qualifier) -> _Reading:
    """(value, low, high, qualifier) as SCHEMA.md codes a single number with a qualifier."""
    if qualifier == "at_least":
        return value, value, None, qualifier
    if qualifier == "more_than":
        return value, value + 1, None, qualifier
    if qualifier == "up_to":
        return value, None, value, qualifier
    if qualifier == "about":
        return value, None, None, qualifier
    return value, value, value, "exact"


_REPORTED = frozenset(
    {
        "said",
        "says",
        "say",
        "indicate",
        "indicates",
        "indicated",
        "reported",
        "reports",
        "claimed",
        "claims",
        "confirmed",
        "added",
        "stated",
        "noted",
        "announced",
        "estimated",
        "showed",
    }
)


def _prev_word(text: str, pos: int) -> str:
    """The whitespace-delimited token ending just before pos (looks back at most _WINDOW characters)."""
    parts = text[max(0, pos - _WINDOW) : pos].split()
    return parts[-1] if parts else ""


def _is_year(num: _Number, text: str) -> bool:
    raw = text[num.start : num.end]
    return num.digits and len(raw) == 4 and raw.isdigit() and 1900 <= num.value <= 2099


@dataclass(frozen=True, slots=True)
class _Left:
    """What stands just before a number: the previous token, and a qualifier or range opener."""

    word: str
    word2: str = ""  # the token before word ("age" in "age of 16")
    phrase: str = ""
    start: int = -1


class _Scanner:
    """One left-to-right pass over one text."""

    def __init__(self, lex: _Lexicon, text: str, *, lenient: bool) -> None:
        self.lex, self.text, self.lenient = lex, text, lenient

    def run(self) -> list[FigureMention]:
        out: list[FigureMention] = []
        pos = floor = 0
        while pos < len(self.text):
            num, resume = _next_atom(self.lex, self.text, pos, anchored=False)
            if num is not None:
                mention, resume = self._figure(num, floor, resume)
                if mention is not None:
                    out.append(mention)
                    floor = mention.end
            pos = max(resume, pos + 1)
        return out

    def _left(self, a: _Number, floor: int) -> _Left:
        lo = max(floor, a.start - _WINDOW)
        parts = self.text[max(0, a.start - _WINDOW) : a.start].split()
        word, word2 = (parts[-1] if parts else ""), (parts[-2] if len(parts) > 1 else "")
        if word.lower().lstrip(_OPENING_MARKS) not in self.lex.left_last_words:
            return _Left(word, word2)  # a quote may open on the qualifier: "“about 30 ..."
        m = self.lex.left.match(self.text[max(0, lo - 1) : a.start][::-1])
        if m is None or a.start - m.end() < lo:
            return _Left(word, word2)
        return _Left(word, word2, _key(m.group("p")[::-1]), a.start - m.end())

    def _figure(self, a: _Number, floor: int, resume: int) -> tuple[FigureMention | None, int]:
        """The figure that starts with atom a (or None), and where scanning resumes."""
        text, lex = self.text, self.lex
        glued = text[a.end : a.end + 1]  # "11pm", "2nd", "5%": no range or suffix can rescue these
        if glued.isalnum() or (glued in _BAD_AFTER and glued != "+"):
            return None, resume
        if not self._clean_left(a.start, digits=a.digits):
            return None, resume
        left = self._left(a, floor)
        opener = left.phrase if left.phrase in lex.openers else ""
        b, tail = (None, a.end) if a.vague else self._range_end(a, opener)
        start, end = a.start, a.end
        if b is not None:
            low = self._scaled_low(a, b)
            reading: _Reading = (low, low, b.value, "range")
            start, end = (left.start if opener and opener != "from" else a.start), b.end
            floor_qualifier = lex.qual_before.get(left.phrase) if not opener else None
            if floor_qualifier in ("at_least", "more_than"):
                # "at least 15-20", "more than 45 to 50": the qualifier bounds the low end (SCHEMA)
                reading, start = _reading(low, floor_qualifier), left.start
        elif a.vague:
            reading = (a.value, None, None, "vague")
        else:
            reading, start = self._prefix(a, left)
            suffix = lex.qual_right.match(text, a.end)
            if suffix is not None and reading[3] == "exact":
                key = suffix.group("sym") or (suffix.group("hy") or suffix.group("w") or "").lower()
                reading = _reading(a.value, lex.qual_after.get(_key(key), "exact"))
                end = suffix.end()
        if not self._acceptable(a, b, start, end, left) or (
            tail > end and self._word_after(tail)[1] in lex.units
        ):
            return None, max(resume, end)
        value, low_v, high_v, qual = reading
        figure = Figure(text=text[start:end], value=value, low=low_v, high=high_v, qualifier=qual)
        return FigureMention(start=start, end=end, figure=figure), max(resume, end)

    def _prefix(self, a: _Number, left: _Left) -> tuple[_Reading, int]:
        """Reading and span start given a qualifier phrase just before the number, if any."""
        qualifier = self.lex.qual_before.get(left.phrase)
        if qualifier is None:
            return _reading(a.value, "exact"), a.start
        if left.phrase == "over":
            blocker = _prev_word(self.text, left.start).lower().strip(",.")
            if blocker in self.lex.over_blockers:
                return _reading(a.value, "exact"), a.start
        return _reading(a.value, qualifier), left.start

    @staticmethod
    def _scaled_low(a: _Number, b: _Number) -> int:
        """Low end of a range: in "two to three thousand" the second number's scale applies to the first."""
        return a.value * b.scale if a.scale == 1 and b.scale > 1 and a.value < b.lead else a.value

    def _range_end(self, a: _Number, opener: str) -> tuple[_Number | None, int]:
        """The second number of a range starting at a, and where a "from A to B" change ends.

        "from 20 to 30" is not a range, but "from 2 to 4 km" still makes the 2 a measure, so the
        caller checks the word after that end.
        """
        con = self.lex.connector.match(self.text, a.end)
        if con is None:
            return None, a.end
        word = con.group().strip().lower()
        if word == "and" and not opener.endswith("between"):
            return None, a.end
        b, _ = _next_atom(self.lex, self.text, con.end(), anchored=True)
        if b is None or b.vague or (b.digits != a.digits and word in _HYPHENS):
            return None, a.end
        if word == "to" and opener == "from":
            return None, b.end
        return (b if b.value > self._scaled_low(a, b) else None), a.end

    def _acceptable(self, a: _Number, b: _Number | None, start: int, end: int, left: _Left) -> bool:
        """Context rules: is the figure spanning [start, end) with atoms a (and b) a count?"""
        lex = self.lex
        last = b or a
        prefixed = start < a.start and b is None
        if not self._clean_right(end, digits=last.digits):
            return False
        of, after = self._word_after(end)
        if after in lex.units and (last.vague or not of):
            return False  # "five days", "hundreds of miles"; but "200 of the soldiers" counts
        prev = left.word.lower().strip("\"'(“‘[")
        if prev == "per":
            return False  # "38 murders per 100,000 people": the base of a rate counts no one
        if prev in lex.age_words or f"{left.word2.lower()} {prev}" in lex.age_words:
            return False
        if self._month(left) and (
            _is_year(a, self.text)
            or not left.word.endswith(",")
            or (
                a.value <= 31
                and not _DAY.fullmatch(left.word2)
                and left.word2.lower().lstrip(_OPENING_MARKS) not in lex.month_span_preps
            )
        ):
            # "October 7", "May 2025"; but "as of 12 June, 1,210,000 Afghans" counts, and so does
            # any number after a full "day month," date ("On 12 June, 12 people were killed") or
            # after a whole month ("In March, 12 soldiers were killed")
            return False
        if prev in ("and", "to", "&", "-", "–") and self._day_before(start):
            return False  # the second day of "Mar 23 and 24"
        if a.digits and b is None and start == a.start and not self._digits_count(a, end, left):
            return False
        if a.value <= 31 and not a.vague and lex.month_after.match(self.text, end):
            return False
        if start == a.start and not a.vague and self._identifier(left.word):
            return False
        if _is_year(a, self.text) and not prefixed:
            if b is not None or prev in lex.year_words:
                return False
            if not self.lenient and (of or after not in lex.count_nouns):
                return False
        if a.value == 1 and b is None and not prefixed and not a.digits and not self.lenient:
            pair = f"{left.word2.lower()} {prev}"
            before_ok = prev.strip(",.;:") not in lex.one_before and pair not in lex.one_before
            reported = left.word2.lower().rstrip(",") in _REPORTED
            if (
                prev == "that"
                and not of
                and (reported or after in lex.count_nouns or f"{after}s" in lex.count_nouns)
            ):
                before_ok = True  # "said that one soldier died" (a complementiser, not "that one")
            return before_ok and ("of" if of else after) not in lex.one_after
        return True

    def _clean_left(self, start: int, *, digits: bool) -> bool:
        """Reject numbers glued on the left: F-16, $5, #3, 10:30, 11/12, 1 200, '90."""
        text = self.text
        if start == 0:
            return True
        prv = text[start - 1]
        if prv.isalnum() or prv in _BAD_BEFORE or prv in _HYPHENS:
            return False
        if prv in "'’" and start > 1 and text[start - 2].isalnum():
            return False
        return not (digits and start > 1 and prv.isspace() and text[start - 2].isdigit())

    def _clean_right(self, end: int, *, digits: bool) -> bool:
        """Reject numbers glued on the right: 11pm, 2nd, 20%, 12-year-old, 1990's, 10:30, 1 200."""
        text = self.text
        if end >= len(text):
            return True
        nxt, after = text[end], text[end + 1 : end + 2]
        if nxt.isalnum() or nxt in _BAD_AFTER:
            return False
        if nxt in _HYPHENS + "'’" and after.isalnum():
            return False
        if nxt in ":.," and after.isdigit():
            return False
        return not (digits and nxt.isspace() and after.isdigit())

    def _day_before(self, start: int) -> bool:
        """Does "<Month> <day> and" stand just before ``start``?"""
        words = self.text[max(0, start - _WINDOW) : start].split()
        if len(words) < 3 or words[-3].rstrip(".,") not in self.lex.month_names:
            return False
        day = words[-2].rstrip(",.")
        return day.isdigit() and int(day) <= 31

    def _month(self, left: _Left) -> bool:
        """Is the number a day after a month: "October 7", "Oct. 7", "on may 9" (not "may 9 people")?"""
        if left.word.endswith(".") and len(left.word) > 4:
            return False  # "in February. 6 people died": a sentence ended ("Oct. 7" is a date)
        word = left.word.rstrip(".,")
        if word in self.lex.month_names or word.lstrip(_OPENING_MARKS) in self.lex.month_names:
            return True  # "(September 17, 2024)": a date in brackets too
        return word.capitalize() in self.lex.month_names and left.word2.lower() in ("on", "of", "since", "by")

    def _digits_count(self, a: _Number, end: int, left: _Left) -> bool:
        """False for digits that label rather than count.

        Ages after names ("Shamo (25)", "Umair Khan, 25,", "Das 62 in ...") and unit numbers
        ("24 Assam Rifles") are common in incident reports and must not become casualty figures.
        """
        text = self.text
        before, after = text[a.start - 1 : a.start], text[end : end + 1]
        if before == "(" and after == ")":
            return False
        word = left.word
        if before.isspace() and a.value <= 120 and word.lstrip("(")[:1].isupper():
            if (word.endswith(",") and after == ",") or (word.endswith(")") and self._closes(end)):
                return False  # "Umair Khan, 25,", "his wife Sameera Afana (Geelan) 66."
        formation = self.lex.formation.match(text, end)
        if formation is not None and formation.group("tail") not in self.lex.formation_members:
            return False
        titlecase = word[:1].isupper() and word[1:].isalpha() and word[1:].islower()
        if not titlecase or word in self.lex.weekdays:
            return True
        i = text.rfind(word, max(0, a.start - _WINDOW), a.start) - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i < 0 or text[i] in '.!?"“:;':
            return True  # a capitalised first word of a sentence is not a name
        m = self.lex.next_word.match(text, end)
        if m is None or m.group("of") or not m.group("w")[:1].islower():
            return False
        return _key(m.group("w")).rstrip(".,") not in self.lex.function_words

    def _closes(self, end: int) -> bool:
        """Does a comma, or the end of a clause or sentence, follow the number at once?"""
        text = self.text
        after = text[end : end + 1]
        return after == "," or (after in ".;" and text[end + 1 : end + 2] in ("", " ", "\n"))

    def _identifier(self, word: str) -> bool:
        """Is the previous token a label such as "Route", "Resolution", "No." or an acronym ("PK 31")?"""
        core = word.strip("\"'(“‘[")
        low = core.lower()
        if core[-1:] in "!?;:" or (core.endswith(".") and low not in self.lex.identifiers):
            return False  # "... along the Juba road. 2 soldiers killed": a sentence ended there
        if low in self.lex.identifiers or low.rstrip(".") in self.lex.identifiers:
            return True
        letters = core.rstrip(".")
        return letters.isalpha() and letters.isupper() and len(letters) <= 6 and letters not in ("A", "I")

    def _word_after(self, end: int) -> tuple[bool, str]:
        """(whether "of" came first, the next word lowercased) -- "" when no word follows."""
        m = self.lex.next_word.match(self.text, end)
        if m is None:
            return False, ""
        word = _key(m.group("w"))
        return m.group("of") is not None, word if word in self.lex.units else word.rstrip(".,")


def find_figures(text: str) -> list[FigureMention]:
    """All count-like figures in text, sorted by start and non-overlapping (see module docstring)."""
    if not text:
        return []
    return _Scanner(_default_lexicon(), text, lenient=False).run()


def parse_figure(text: str) -> Figure | None:
    """Read one phrase such as "more than 200", "nine", "15-20" or "dozens"; None if it is not one figure.

    Unlike :func:`find_figures` it trusts the caller that the phrase is a count, so a year-like
    "2000", a bare "one" or a lone "a"/"an" (= 1) are read too. Surrounding whitespace is ignored.
    """
    phrase = text.strip()
    if phrase.lower() in ("a", "an"):
        return Figure(text=phrase, value=1, low=1, high=1, qualifier="exact")
    mentions = _Scanner(_default_lexicon(), phrase, lenient=True).run()
    if len(mentions) != 1 or mentions[0].start != 0 or mentions[0].end != len(phrase):
        return None
    return mentions[0].figure


@lru_cache(maxsize=1)
def vague_count_words() -> frozenset[str]:
    """The one-word vague quantities of numbers.json ("dozens", "scores", "hundreds"): counts of
    their own, which no number before them counts."""
    return frozenset(w for w in _default_lexicon().vague if " " not in w)
