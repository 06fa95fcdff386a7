"""Rule-based event typing on the ACLED taxonomy (plus ``Negotiation`` and ``Displacement``).

Why rules: ACLED-style notes are short and formulaic, the taxonomy is fixed, and the whole
extraction must stay close to bare spaCy speed. A weighted trigger lexicon (data, in
``tolls/data/event_types.json``) votes for sub-event types; context rules from the same file
retype a trigger from the words around it (a bomb that was *found* is disrupted weapons use, an
arrest at a protest is an intervention, soldiers taking a town regain territory). Votes decay
with the distance from the start of the text, because reports lead with their main event.
Casualties told without their means ("a child was killed in X") take the type of the strike,
shelling or battle told just before them (the lexicon's ``inherit`` entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tolls.extract.event_types_lexicon import DEFAULT_PATH, ContextRule, Inherit, Lexicon, load_lexicon

__all__ = ["EventTypeGuess", "classify_event", "find_event_triggers"]


@dataclass(frozen=True, slots=True)
class EventTypeGuess:
    """The main event type of a text, the evidence score, and the deciding trigger's span."""

    type: str
    score: float
    trigger: tuple[int, int] | None


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    type: str
    weight: float


def _rule_fires(rule: ContextRule, hit: _Hit, text: str) -> bool:
    if rule.trigger is not None and rule.trigger.fullmatch(text, hit.start, hit.end) is None:
        return False
    if rule.only_weight_below is not None and hit.weight >= rule.only_weight_below:
        return False
    if hit.weight < rule.min_weight:
        return False
    if rule.anchored:
        return rule.near.match(text, hit.end, hit.end + rule.after) is not None
    if rule.before and rule.after:
        lo, hi = hit.start - rule.before, hit.end + rule.after
    elif rule.before:
        lo, hi = hit.start - rule.before, hit.start
    else:
        lo, hi = hit.end, hit.end + rule.after
    lo = max(0, lo)
    if rule.near.search(text, lo, hi) is None:
        return False
    return rule.unless is None or rule.unless.search(text, lo, hi) is None


def _apply_rules(hit: _Hit, text: str, lex: Lexicon, doc_seen: dict[int, bool]) -> None:
    """Run the context rules in file order; after a retype, continue with the new type's rules."""
    start = 0
    while hit.weight > 0.0:
        retyped = False
        for j in lex.rule_index(hit.type):
            if j < start:
                continue
            rule = lex.rules[j]
            if rule.doc is not None:
                seen = doc_seen.get(j)
                if seen is None:
                    seen = doc_seen[j] = rule.doc.search(text) is not None
                if not seen:
                    continue
            if not _rule_fires(rule, hit, text):
                continue
            hit.weight *= rule.scale
            if rule.retype is not None and rule.retype != hit.type:
                hit.type, start, retyped = rule.retype, j + 1, True
                break
        if not retyped:
            return


@lru_cache(maxsize=4)
def _hits_of(text: str, lexicon_path: Path) -> tuple[_Hit, ...]:
    """The hits of a whole text, found once and kept: the triggers, the text's type and the
    types of its sentences (one call each) all read the same hits (never mutated: callers copy)."""
    return tuple(_hits(text, load_lexicon(lexicon_path)))


def _hits(text: str, lex: Lexicon) -> list[_Hit]:
    low = text.lower()
    if len(low) != len(text):  # a few characters ("İ") lower to two: keep spans aligned with the input
        low = "".join(ch.lower()[:1] for ch in text)
    out: list[_Hit] = []
    buckets = lex.buckets
    done = 0
    doc_seen: dict[int, bool] = {}
    for w in lex.starts.finditer(low):
        pos = w.start()
        if pos < done:
            continue
        rx = buckets.get(low[pos : pos + 2]) or buckets.get(low[pos])
        if rx is None:
            continue
        m = rx.match(low, pos)
        if m is None or m.lastgroup is None:
            continue
        done = m.end()
        trig = lex.groups[m.lastgroup]
        hit = _Hit(m.start(), m.end(), trig.type, trig.weight)
        _apply_rules(hit, low, lex, doc_seen)
        if hit.weight > 0.0:
            out.append(hit)
    if lex.inherit is not None:
        _inherit(out, low, lex.inherit)
    return out


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence(low: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``low[start:end]``, looking at most ``reach`` chars out."""
    lo = max(0, start - reach)
    for stop in _SENTENCE_END.finditer(low, lo, start):
        lo = stop.end()
    hi = min(len(low), end + reach)
    after = _SENTENCE_END.search(low, end, hi)
    return lo, after.start() if after is not None else hi


def _dates_in(low: str, span: tuple[int, int], rule: Inherit) -> set[str]:
    if rule.when is None:
        return set()
    return {m.group(1) for m in rule.when.finditer(low, *span)}


def _may_inherit(hit: _Hit, last: _Hit, low: str, rule: Inherit) -> bool:
    if hit.start - last.end > rule.window:
        return False
    if rule.unless is not None and rule.unless.search(low, last.end, hit.start) is not None:
        return False  # "separately", "later", "on Wednesday, ..." announce another incident
    own = _sentence(low, hit.start, hit.end, rule.window)
    if rule.means is not None and rule.means.search(low, *own) is not None:
        return False  # its means or agents are told: "gunmen killed", "executed by militants"
    mine, theirs = (
        _dates_in(low, own, rule),
        _dates_in(low, _sentence(low, last.start, last.end, rule.window), rule),
    )
    return not (mine and theirs and not mine & theirs)  # told on another day


def _inherit(hits: list[_Hit], low: str, rule: Inherit) -> None:
    """Retype harm-only hits to the incident told just before them (see ``Inherit``)."""
    last: _Hit | None = None
    for hit in hits:
        if hit.type in rule.types and rule.trigger.fullmatch(low, hit.start, hit.end) is not None:
            if last is not None and _may_inherit(hit, last, low, rule):
                hit.type = last.type
            continue
        last = hit if hit.type.startswith(rule.sources) else None  # another kind of incident intervenes


def find_event_triggers(text: str, *, lexicon_path: Path = DEFAULT_PATH) -> list[tuple[int, int, str]]:
    """Every trigger in ``text`` as ``(start, end, type)``, in text order (for splitting incidents)."""
    return [(h.start, h.end, h.type) for h in _hits_of(text, lexicon_path)]


def classify_event(
    text: str, *, lexicon_path: Path = DEFAULT_PATH, span: tuple[int, int] | None = None
) -> EventTypeGuess:
    """The main event type of ``text``: the type with the most position-weighted trigger votes.

    With ``span``, only the triggers inside ``text[span[0]:span[1]]`` vote (positions counted from
    its start), but context rules still read the whole text around each trigger: a bare
    "strikes" at the end of a sentence is typed by the killing before it. Falls back to the
    lexicon's fallback type with score 0.0 when no trigger fires.
    """
    lex = load_lexicon(lexicon_path)
    sums: dict[str, float] = {}
    best_hit: dict[str, tuple[float, _Hit]] = {}
    lo, hi = span if span is not None else (0, len(text))
    for found in _hits_of(text, lexicon_path):
        if found.start < lo or found.end > hi:
            continue
        hit = _Hit(found.start - lo, found.end - lo, found.type, found.weight)
        vote = hit.weight * max(lex.floor, 0.5 ** (hit.start / lex.half_life))
        sums[hit.type] = sums.get(hit.type, 0.0) + vote
        prev = best_hit.get(hit.type)
        if prev is None or vote > prev[0]:
            best_hit[hit.type] = (vote, hit)
    if not sums:
        return EventTypeGuess(type=lex.fallback, score=0.0, trigger=None)
    # Repeated words add less than the first: five generic "killed"s must not outvote one "clashes".
    totals = {t: best_hit[t][0] + lex.damping * (s - best_hit[t][0]) for t, s in sums.items()}
    winner = max(totals, key=lambda t: (totals[t], -best_hit[t][1].start))
    for stronger in lex.escalation.get(winner, ()):
        if totals.get(stronger, 0.0) >= lex.escalation_min:
            winner = stronger
            break
    hit = best_hit[winner][1]
    return EventTypeGuess(type=winner, score=round(totals[winner], 4), trigger=(hit.start, hit.end))
