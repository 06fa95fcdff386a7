"""Load and compile the event-type trigger lexicon (``tolls/data/event_types.json``).

Why a separate module: the lexicon is data (house style: data is neither code nor config), and
compiling it is the only costly step, so it happens once per path behind an ``lru_cache``.

Speed: Python's ``re`` tries every alternative of a big alternation at every position, so
triggers are bucketed by the two characters they can start with (read from the regex parse
tree) and matching runs only at word starts, trying only that bucket. Within a bucket,
alternatives are ordered by ``rank`` (higher first) and then by pattern length, so that where two
patterns match at the same place the more specific one (``suicide bomb``, ``riot police``,
``bomb ... discovered``) wins over the generic one.
"""

from __future__ import annotations

import importlib
import json
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

KEY_LEN = 2  # triggers are bucketed by their first two characters
# Frequent words that are skipped at scan time unless some trigger can start with them (checked at load).
_FUNCTION_WORDS = (
    "the",
    "and",
    "of",
    "in",
    "to",
    "a",
    "an",
    "on",
    "was",
    "were",
    "by",
    "at",
    "for",
    "with",
    "from",
    "is",
    "that",
    "his",
    "her",
    "their",
    "its",
    "as",
    "be",
    "been",
    "has",
    "have",
    "had",
    "it",
    "or",
    "which",
    "who",
    "this",
    "he",
    "she",
    "they",
    "said",
    "also",
    "while",
    "into",
    "over",
    "near",
    "area",
    "district",
)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "event_types.json"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One compiled trigger pattern: the type it votes for and its weight."""

    type: str
    weight: float
    pattern: str


@dataclass(frozen=True, slots=True)
class ContextRule:
    """Retype or rescale a trigger hit when ``near`` matches in a window around it.

    ``types`` are prefixes of the hit's type. The window is ``before`` chars to the left and
    ``after`` chars to the right; when only one side is given the window excludes the trigger
    itself, so before-only rules can anchor on ``$``; ``anchored`` after-only rules must match
    right where the trigger ends; ``unless`` must not match in the window. ``doc``, when set,
    must also match somewhere in the whole text (checked once per text).
    """

    name: str
    types: tuple[str, ...]
    before: int
    after: int
    near: re.Pattern[str]
    retype: str | None
    scale: float
    only_weight_below: float | None
    min_weight: float
    anchored: bool
    unless: re.Pattern[str] | None
    doc: re.Pattern[str] | None
    trigger: re.Pattern[str] | None = None  # the rule applies only to hits whose text matches


@dataclass(frozen=True, slots=True)
class Inherit:
    """A harm-only hit (``trigger`` matches its text) of one of ``types`` takes the type of the
    nearest earlier hit of a ``source`` type at most ``window`` chars before it, unless ``unless``
    matches the text between them, ``means`` matches the hit's sentence (its means or agents are
    told: "gunmen killed") or ``when`` finds different dates in the two sentences: casualties told
    without their means are the incident's."""

    types: tuple[str, ...]
    trigger: re.Pattern[str]
    sources: tuple[str, ...]
    window: int
    unless: re.Pattern[str] | None
    means: re.Pattern[str] | None = None
    when: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled lexicon: one master regex, its group table and the context rules."""

    buckets: dict[str, re.Pattern[str]]
    starts: re.Pattern[str]
    groups: dict[str, Trigger]
    rules: tuple[ContextRule, ...]
    fallback: str
    escalation: dict[str, tuple[str, ...]]
    escalation_min: float
    half_life: float
    floor: float
    damping: float

    rule_map: dict[str, tuple[int, ...]]
    inherit: Inherit | None = None

    def rule_index(self, type_: str) -> tuple[int, ...]:
        """Indices of the rules that may apply to a hit of ``type_``, in file order."""
        found = self.rule_map.get(type_)
        if found is None:
            found = tuple(i for i, r in enumerate(self.rules) if type_.startswith(r.types))
        return found


_PARSER: Any = importlib.import_module("re._parser")  # stdlib regex parser, used only to read prefixes
_WORD = tuple(string.ascii_lowercase + string.digits + "_")
_ANY_WORD_CHAR = "\x00"  # stands for any of _WORD when ``prefixes(..., wildcard=True)``
_MAX_PREFIXES = 4000
Prefixes = set[tuple[str, bool]]  # (prefix, True if the matched item ended there and more may follow)


class _Unbounded(Exception):
    """A pattern whose opening characters cannot be enumerated (it goes in every bucket)."""


def _item(op: Any, av: Any, k: int, word: tuple[str, ...]) -> Prefixes:
    name = str(op)
    if name == "LITERAL":
        return {(chr(av), True)}
    if name == "IN":
        out: Prefixes = set()
        for op2, av2 in av:
            kind = str(op2)
            if kind == "LITERAL":
                out.add((chr(av2), True))
            elif kind == "RANGE":
                out.update((chr(c), True) for c in range(av2[0], av2[1] + 1))
            elif kind == "CATEGORY" and str(av2) == "CATEGORY_DIGIT":
                out.update((c, True) for c in string.digits)
            elif kind == "CATEGORY" and str(av2) == "CATEGORY_WORD":
                out.update((c, True) for c in word)
            else:
                raise _Unbounded
        return out
    if name == "SUBPATTERN":
        return _seq(av[3], k, word)
    if name == "BRANCH":
        return set().union(*(_seq(alt, k, word) for alt in av[1]))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        states: Prefixes = {("", True)}
        done: Prefixes = set(states) if lo == 0 else set()
        for i in range(min(hi, k)):
            states = _extend(states, sub, k, word)
            if i + 1 >= lo:
                done |= states
        return done | {x for x in states if not x[1]}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", True)}
    raise _Unbounded


def _extend(states: Prefixes, items: Any, k: int, word: tuple[str, ...]) -> Prefixes:
    out: Prefixes = set()
    for pre, open_ in states:
        if not open_ or len(pre) >= k:
            out.add((pre[:k], False))
            continue
        for more, more_open in _seq(items, k - len(pre), word):
            out.add((pre + more, more_open and len(pre + more) < k))
    if len(out) > _MAX_PREFIXES:
        raise _Unbounded
    return out


def _seq(items: Any, k: int, word: tuple[str, ...]) -> Prefixes:
    states: Prefixes = {("", True)}
    for op, av in items:
        nxt: Prefixes = set()
        for pre, open_ in states:
            if not open_ or len(pre) >= k:
                nxt.add((pre[:k], False))
                continue
            for more, more_open in _item(op, av, k - len(pre), word):
                whole = pre + more
                nxt.add((whole[:k], more_open and len(whole) < k))
        if len(nxt) > _MAX_PREFIXES:
            raise _Unbounded
        states = nxt
    return states


def prefixes(pattern: str, k: int = 2, *, wildcard: bool = False) -> set[str] | None:
    """The strings of up to ``k`` chars a match of ``pattern`` can start with (None: unknown).

    With ``wildcard``, ``\\w`` yields one placeholder char instead of every word char.
    """
    try:
        found = _seq(_PARSER.parse(pattern).data, k, (_ANY_WORD_CHAR,) if wildcard else _WORD)
    except _Unbounded:
        return None
    out = {pre for pre, _ in found}
    return None if "" in out else out


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for name, body in macros.items():
        pattern = pattern.replace(f"%{name}%", body)
    return pattern


def _rule(raw: dict[str, Any], macros: dict[str, str]) -> ContextRule:
    limit = raw.get("only_weight_below")
    doc = raw.get("doc")
    return ContextRule(
        name=str(raw["name"]),
        types=tuple(raw["types"]),
        before=int(raw.get("before", 0)),
        after=int(raw.get("after", 0)),
        near=re.compile(_expand(str(raw["near"]), macros)),
        retype=raw.get("retype"),
        scale=float(raw.get("scale", 1.0)),
        only_weight_below=None if limit is None else float(limit),
        min_weight=float(raw.get("min_weight", 0.0)),
        anchored=bool(raw.get("anchored", False)),
        unless=None if raw.get("unless") is None else re.compile(_expand(str(raw["unless"]), macros)),
        doc=None if doc is None else re.compile(_expand(str(doc), macros)),
        trigger=None if raw.get("trigger") is None else re.compile(str(raw["trigger"]), re.IGNORECASE),
    )


def _can_start_with(word: str, triggers: list[Trigger]) -> bool:
    target = word + " "
    for trig in triggers:
        pres = prefixes(trig.pattern, len(target), wildcard=True)
        if pres is None:
            return True
        for pre in pres:
            n = min(len(pre), len(target))
            if all(
                a == b or (a == _ANY_WORD_CHAR and b != " ") for a, b in zip(pre[:n], target[:n], strict=True)
            ):
                return True
    return False


def _word_starts(groups: dict[str, Trigger], buckets: dict[str, re.Pattern[str]]) -> re.Pattern[str]:
    """Word starts worth trying: all but the function words that no trigger can begin with."""
    skip = []
    for word in _FUNCTION_WORDS:
        bucket = buckets.get(word[:KEY_LEN] if len(word) >= KEY_LEN else word + " ") or buckets.get(word[0])
        names = [] if bucket is None else re.findall(r"\(\?P<(t\d+)>", bucket.pattern)
        if not _can_start_with(word, [groups[n] for n in names]):
            skip.append(word)
    if not skip:
        return re.compile(r"(?<![\w-])\w")
    return re.compile(r"(?<![\w-])(?!(?:" + "|".join(skip) + r")\b)\w")


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DEFAULT_PATH) -> Lexicon:
    """Read and compile the lexicon at ``path`` (cached: call it freely)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    macros: dict[str, str] = data.get("macros", {})
    entries: list[tuple[int, int, Trigger]] = []
    for block in data["triggers"]:
        rank = int(block.get("rank", 0))
        for pat in block["re"]:
            body = _expand(pat, macros)
            re.compile(body)  # fail early, naming nothing else
            entries.append(
                (rank, len(pat), Trigger(type=block["type"], weight=float(block["w"]), pattern=body))
            )
    entries.sort(key=lambda e: (-e[0], -e[1]))
    groups: dict[str, Trigger] = {}
    by_key: dict[str, list[int]] = {}
    by_char: dict[str, list[int]] = {}
    anywhere: list[int] = []
    parts: list[str] = []
    for i, (_, _, trig) in enumerate(entries):
        name = f"t{i}"
        groups[name] = trig
        parts.append(f"(?P<{name}>{trig.pattern})")
        pres = prefixes(trig.pattern, KEY_LEN)
        if pres is None:
            anywhere.append(i)
            continue
        for pre in pres:
            (by_key if len(pre) == KEY_LEN else by_char).setdefault(
                pre if len(pre) == KEY_LEN else pre[0], []
            ).append(i)
    keys = set(by_key) | {c + " " for c in by_char}
    buckets: dict[str, re.Pattern[str]] = {}
    for key in keys:
        members = sorted(set(by_key.get(key, [])) | set(by_char.get(key[0], [])) | set(anywhere))
        buckets[key] = re.compile("(?:" + "|".join(parts[i] for i in members) + r")(?!\w)")
    for ch, members_c in by_char.items():
        buckets.setdefault(
            ch,
            re.compile(
                "(?:" + "|".join(parts[i] for i in sorted(set(members_c) | set(anywhere))) + r")(?!\w)"
            ),
        )
    rules = tuple(_rule(r, macros) for r in data.get("context_rules", []))
    inh = data.get("inherit")
    inherit = (
        None
        if inh is None
        else Inherit(
            types=tuple(inh["types"]),
            trigger=re.compile(_expand(str(inh["trigger"]), macros)),
            sources=tuple(inh["from"]),
            window=int(inh["window"]),
            unless=None if inh.get("unless") is None else re.compile(_expand(str(inh["unless"]), macros)),
            means=None if inh.get("means") is None else re.compile(_expand(str(inh["means"]), macros)),
            when=None if inh.get("when") is None else re.compile(_expand(str(inh["when"]), macros)),
        )
    )
    known = {t.type for t in groups.values()} | {r.retype for r in rules if r.retype is not None}
    pos = data.get("position", {})
    esc = data.get("escalation", {})
    return Lexicon(
        buckets=buckets,
        starts=_word_starts(groups, buckets),
        groups=groups,
        rules=rules,
        rule_map={t: tuple(i for i, r in enumerate(rules) if t.startswith(r.types)) for t in known},
        fallback=str(data["fallback"]),
        escalation={k: tuple(v) for k, v in esc.get("from", {}).items()},
        escalation_min=float(esc.get("min_score", 0.0)),
        half_life=float(pos.get("half_life_chars", 300)),
        floor=float(pos.get("floor", 0.35)),
        damping=float(data.get("repeat_damping", 1.0)),
        inherit=inherit,
    )
