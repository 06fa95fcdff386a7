"""Low / best / high from a set of killed claims about one incident (``reconciliation.md``).

Pure functions. Per victim group:

- ``low``: the most conservative reading of any claim (ACLED's rule: "more than 200" counts
  200, "dozens" 12, "hundreds" 100);
- ``high``: the largest reading of any claim, adversaries' claims included;
- ``best``: the first of these that exists — the first-stated independent figure (the outlet,
  civilians, UN/NGO: claimant inter 0, 7 or 8; a figure with no claimant that a party gives too
  is that party's, restated), the party's admission about its own losses, the lowest adversary
  claim — clamped into ``[low, high]``.

Event totals add the groups. A figure about unspecified "people" may already contain the
specified groups ("15 people, including 10 civilians" is subset-marked; "12 soldiers and 5
civilians ... 17 people" is not), so the unknown group and the sum of the specified groups are
combined by taking the larger, never by adding. Denied figures and identity subsets are kept as
claims but never counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tolls.data import load_json
from tolls.model import Claim, ClaimKind, Estimate, Fatalities, Figure, Party

__all__ = [
    "GroupEstimate",
    "conservative",
    "event_fatalities",
    "group_estimates",
    "kind_estimates",
    "largest",
]

# ACLED's conservative readings of vague words (by the SCHEMA reading of the same word).
# "several" (3) is read as 10, as ACLED codes it (as it codes "an unknown number").
_VAGUE_LOW = {3: 10, 12: 12, 24: 12, 40: 20, 200: 100, 2000: 1000, 2_000_000: 1_000_000}
_INDEPENDENT = frozenset({0, 7, 8})
_UNQUANTIFIED = int(load_json("lexicon", "casualty.json")["unquantified_deaths"]["value"])
_PLURAL = int(load_json("lexicon", "casualty.json")["plural_deaths"]["value"])
_TOTAL_NOUNS = frozenset(load_json("lexicon", "casualty.json")["total_nouns"])
_BREAKDOWN_CUES = tuple(load_json("lexicon", "casualty.json")["breakdown_cues"])


@dataclass(frozen=True, slots=True)
class GroupEstimate:
    group: tuple[str, str]
    low: int
    best: int
    high: int
    rule: str
    claims: tuple[int, ...]
    contested: bool = False


def conservative(f: Figure) -> int | None:
    """The most conservative reading of a figure, as ACLED would code it."""
    if f.value is None:
        return f.low
    if f.qualifier == "vague":
        return _VAGUE_LOW.get(f.value, f.value)
    if f.qualifier == "range" and f.low is not None:
        return f.low
    return f.value


def largest(f: Figure) -> int | None:
    """The largest reading of a figure."""
    if f.high is not None:
        return f.high
    if f.low is not None:
        return max(f.low, f.value or 0)
    return f.value


def _best_reading(f: Figure) -> int | None:
    if f.qualifier in ("exact", "vague", "about") or f.low is None:
        return f.value
    return f.low


def _group(c: Claim) -> tuple[str, str]:
    inter = c.victims.inter
    if inter == 7:
        return ("civilians", c.victims.country)
    if inter in (None, 0):
        return ("unknown", "")
    return ("side", f"{c.victims.country}/{inter}")


def _claimant(c: Claim) -> tuple[str, str, int | None]:
    return (c.claimant.name.lower(), c.claimant.country, c.claimant.inter)


def group_estimates(
    claims: Sequence[Claim], kind: ClaimKind = "killed", *, margin: float = 0.0
) -> list[GroupEstimate]:
    """One estimate per victim group from the countable claims of ``kind``.

    ``GroupEstimate.claims`` are indices into ``claims``: every claim behind the figures.
    ``margin`` (the ``reconcile.contested_margin`` setting): how far apart two claimants'
    ranges must be to contest the group, as a share of the lower range's top (0: apart at all)."""
    merged, origin = _merge_mixed_coordinations(claims, kind)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(merged):
        if c.kind != kind or c.subset or (c.stance == "denied" and (c.figure.value or 0) > 0):
            continue
        if conservative(c.figure) is None:
            continue
        groups.setdefault(_group(c), []).append(i)
    out: list[GroupEstimate] = []
    for key, idx in groups.items():
        members = [merged[i] for i in idx]
        # a word that counts no one ("several bodies", "dozens") is read as a number (ACLED's 10,
        # 12) for the low only where no claimant gives a number for the group: beside "23
        # soldiers" the low is 23. It stays a claim -- for the best, the high and whether the group
        # is contested ("hundreds" against 23) -- unless even its largest reading falls below
        # every number given ("several bodies" beside 23 tells of some of them, no count)
        counted = [c for c in members if c.figure.qualifier != "vague"]
        floor = min((conservative(c.figure) or 0 for c in counted), default=None)
        kept = [
            c for c in members if c.figure.qualifier != "vague" or floor is None or _top(c.figure) >= floor
        ]
        uncounted = [c for c in members if c not in kept]
        # one claimant's figures for one group are parts of its total ("9 killed: eight at once,
        # one later"), so each claimant counts with its largest -- a number before a word;
        # claimants compete with each other
        totals: dict[tuple[str, str, int | None], Claim] = {}
        for c in _add_coordinated(kept):
            k = _claimant(c)
            if k not in totals or _weight(c) > _weight(totals[k]):
                totals[k] = c
        heads = sorted(totals.values(), key=lambda c: c.span[0])
        lows = [conservative(c.figure) for c in heads if floor is None or c.figure.qualifier != "vague"]
        highs = [largest(c.figure) for c in (*heads, *uncounted)]
        low = min(v for v in lows if v is not None)
        high = max(low, *(v for v in highs if v is not None))  # "several" reads 10 low, 3 at most
        best, rule = _choose_best(heads)
        best = min(max(best if best is not None else low, low), high)
        behind = tuple(sorted(o for i in idx for o in origin[i]))
        out.append(GroupEstimate(key, low, best, high, rule, behind, _contested(heads, margin)))
    return out


def _top(f: Figure) -> int:
    """The largest of a figure's readings ("several": 10 as ACLED reads it, 3 as SCHEMA does)."""
    return max(conservative(f) or 0, largest(f) or 0)


def _weight(c: Claim) -> tuple[bool, int]:
    return (c.figure.qualifier != "vague", conservative(c.figure) or 0)


def _contested(heads: Sequence[Claim], margin: float = 0.0) -> bool:
    """Two claimants' ranges for the group do not overlap ("23" against "58", or against
    "hundreds"), the gap wider than ``margin`` times the lower range's top."""
    ranges = [(min(conservative(c.figure) or 0, largest(c.figure) or 0), _top(c.figure)) for c in heads]

    def apart(lo: tuple[int, int], hi: tuple[int, int]) -> bool:
        return hi[0] > lo[1] and hi[0] - lo[1] > margin * lo[1]

    return any(apart(a, b) or apart(b, a) for n, a in enumerate(ranges) for b in ranges[n + 1 :])


def _merge_mixed_coordinations(
    claims: Sequence[Claim], kind: ClaimKind
) -> tuple[list[Claim], list[tuple[int, ...]]]:
    """A phrase coordinating an unspecified group with others ("two men and a civilian
    bystander were killed") counts as one figure about unspecified people, the parts added.
    Returns the claims and, for each, the indices of the original claims it stands for."""
    phrases: dict[tuple[object, ...], list[int]] = {}
    for i, c in enumerate(claims):
        if c.coordination is not None and c.kind == kind and not c.subset:
            phrases.setdefault((c.coordination, _claimant(c)), []).append(i)
    merged: dict[int, Claim] = {}
    parts_of: dict[int, tuple[int, ...]] = {}
    dropped: set[int] = set()
    for idx in phrases.values():
        parts = [claims[i] for i in idx]
        groups = {_group(c) for c in parts}
        if len(groups) < 2 or ("unknown", "") not in groups or _breakdown(parts):
            continue
        unknown = next(c for c in parts if _group(c) == ("unknown", ""))
        merged[idx[0]] = replace(
            parts[0], victims=unknown.victims, figure=_sum([c.figure for c in parts]), coordination=None
        )
        parts_of[idx[0]] = tuple(idx)
        dropped.update(idx[1:])
    kept = [i for i in range(len(claims)) if i not in dropped]
    return [merged.get(i, claims[i]) for i in kept], [parts_of.get(i, (i,)) for i in kept]


def _add_coordinated(members: Sequence[Claim]) -> list[Claim]:
    """One claim per coordinated phrase, its figures added ("a police officer and two soldiers")."""
    out: list[Claim] = []
    parts: dict[tuple[object, ...], list[Claim]] = {}
    for c in members:
        if c.coordination is None:
            out.append(c)
        else:
            parts.setdefault((c.coordination, _claimant(c)), []).append(c)
    for group in parts.values():
        if len(group) == 1 or _breakdown(group):
            out.append(group[0])
        else:
            out.append(replace(group[0], figure=_sum([c.figure for c in group])))
    return sorted(out, key=lambda c: c.span[0])


def _breakdown(parts: Sequence[Claim]) -> bool:
    """ "nine members of the family, five children and four women": the first figure of the
    phrase is the total the others (two or more, exact) break down, so nothing is added. The
    first is a total only when its noun is a general one (``total_nouns``: people, members,
    civilians ...) none of the others has, or a cue (``breakdown_cues``: "including", "among
    them", a colon or dash) sets the parts off: "6 men, 4 women and 2 children" are 12."""
    first, *rest = sorted(parts, key=lambda c: c.span[0])
    figures = [first.figure, *(c.figure for c in rest)]
    if len(rest) < 2 or any(f.qualifier != "exact" or f.value is None for f in figures):
        return False
    if first.figure.value != sum(f.value or 0 for f in figures[1:]):
        return False
    return _general_total(first, rest) or _cued(first, rest)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _general_total(first: Claim, rest: Sequence[Claim]) -> bool:
    general = [w for w in _words(first.victims.name) if w in _TOTAL_NOUNS]
    if not general:
        return False
    others = {w for c in rest for w in _words(c.victims.name)[-1:]}
    return general[0] not in others


def _cued(first: Claim, rest: Sequence[Claim]) -> bool:
    """A cue between the first part and the second, or "among them" after the last."""
    ev = first.evidence.lower()
    heads = [first.victims.name.lower(), rest[0].victims.name.lower(), rest[-1].victims.name.lower()]
    if not all(heads):
        return False
    at = ev.find(heads[0])
    nxt = ev.find(heads[1], at + len(heads[0])) if at >= 0 else -1
    if nxt < 0:
        return False
    if any(cue in ev[at + len(heads[0]) : nxt] for cue in _BREAKDOWN_CUES):
        return True
    last = ev.find(heads[2], nxt)
    tail = ev[last + len(heads[2]) :].lstrip() if last >= 0 else ""
    return tail.startswith(("among them", "among whom"))


def _sum(figures: Sequence[Figure]) -> Figure:
    text = " + ".join(f.text for f in figures)
    lows = [conservative(f) or 0 for f in figures]
    if all(f.qualifier == "exact" for f in figures):
        return Figure(text, sum(lows), sum(lows), sum(lows), "exact")
    high = sum(largest(f) or 0 for f in figures)
    return Figure(text, sum(_best_reading(f) or 0 for f in figures), sum(lows), high, "range")


def _restated(c: Claim, members: Sequence[Claim]) -> bool:
    """``c`` names no claimant and gives the figure a party to the fighting gives for the same
    group: a report restating that party's claim without its "the army said", not an
    independent count ("over 200 Taliban fighters were killed" after ISPR's statement)."""
    if c.claimant.name or c.claimant.country or c.claimant.inter:
        return False
    return any(
        o.figure.value == c.figure.value and o.claimant.country and o.claimant.inter not in _INDEPENDENT
        for o in members
    )


def _choose_best(members: Sequence[Claim]) -> tuple[int | None, str]:
    independent = [c for c in members if c.claimant.inter in _INDEPENDENT and not _restated(c, members)]
    if independent:
        # the most prominent independent figure: the first stated (the lede's toll; later figures
        # in the same report are mostly breakdowns: "two of her sons", named victims)
        pick = independent[0]
        return _best_reading(pick.figure), "independent"
    admissions = [
        c for c in members if (c.claimant.country, c.claimant.inter) == (c.victims.country, c.victims.inter)
    ]
    if admissions:
        return min(_best_reading(c.figure) or 0 for c in admissions), "admission"
    return min(_best_reading(c.figure) or 0 for c in members), "lowest-adversary"


def _combine(estimates: Iterable[GroupEstimate]) -> Fatalities:
    unknown = [0, 0, 0]
    specified = [0, 0, 0]
    for e in estimates:
        bucket = unknown if e.group[0] == "unknown" else specified
        bucket[0] += e.low
        bucket[1] += e.best
        bucket[2] += e.high
    low, best, high = (max(u, s) for u, s in zip(unknown, specified, strict=True))
    return Fatalities(low=low, best=best, high=max(high, best))


def event_fatalities(
    claims: Sequence[Claim], *, unquantified_deaths: bool = False, plural_deaths: bool = False
) -> Fatalities | None:
    """Document-level fatalities of one event, or ``None`` when no claim counts the dead.

    ``unquantified_deaths``: the text reports deaths without a number ("heavy casualties"); with
    no claim counting them, the low is ACLED's reading of such reports (10) and nothing else is
    known. ``plural_deaths``: the text tells deaths only as a plural ("a number of civilians
    were killed"); with no claim counting them and no unquantified report, low and best are the
    fewest a plural can mean (2)."""
    tallies = [c for c in claims if c.tally and c.kind == "killed" and c.figure.value is not None]
    if tallies:  # the record's own count ("13 fatalities recorded") decides low and best
        value = tallies[0].figure.value or 0
        highs = [largest(c.figure) or 0 for c in claims if c.kind == "killed" and not c.subset]
        return Fatalities(low=value, best=value, high=max([value, *highs]))
    estimates = group_estimates(claims)
    if not estimates:
        if unquantified_deaths:
            return Fatalities(low=_UNQUANTIFIED, best=_UNQUANTIFIED, high=None)
        if plural_deaths:
            return Fatalities(low=_PLURAL, best=_PLURAL, high=None)
        return None
    return _combine(estimates)


def kind_estimates(
    claims: Sequence[Claim], kind: ClaimKind, ids: Sequence[str], *, margin: float = 0.0
) -> list[Estimate]:
    """The ledger's estimates for one kind: one per victim group, naming the claims (``ids``,
    aligned with ``claims``) behind the figures and whether the claimants disagree (``margin``:
    see :func:`group_estimates`)."""
    out: list[Estimate] = []
    for g in group_estimates(claims, kind, margin=margin):
        first = claims[g.claims[0]]
        victims = first.victims if g.group[0] != "unknown" else Party("", "", None)
        out.append(
            Estimate(
                kind=kind,
                group=g.group[0],
                victims=victims,
                low=g.low,
                best=g.best,
                high=g.high,
                rule=g.rule,
                claims=tuple(ids[i] for i in g.claims),
                contested=g.contested,
            )
        )
    return out
