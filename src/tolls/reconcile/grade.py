"""Grade a ledger event from its claims: confirmed, fair, weak, contested or discounted.

Pure and deterministic, Airwars' gradings in ``reconciliation.md``'s vocabulary
(``docs/grades.md`` has the rules with examples). The first rule that holds decides:

1. **discounted**: an analyst rejected the event, or it had claims and none still stands
   (each was rejected by review or denied by its own claimant: a retraction).
2. **contested**: an estimate is contested: two claimants' ranges for the same victim group and
   kind do not overlap (beyond ``reconcile.contested_margin``, see
   :func:`tolls.reconcile.estimates.group_estimates`).
3. **confirmed**: a party to the fighting admits losses of its own (an admission against
   interest); or at least two independent sources report the event and claimants of two
   sides give figures for the same victim group and kind that agree.
4. **fair**: at least two independent sources, the figures from one side (or from
   independent claimants) only.
5. **weak**: one source (or none).

An independent source is an original document: a syndicated copy (the same text under another
id) is the original again and is never counted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tolls.ids import page_of
from tolls.model import EventGrade, LedgerEvent, Party, SourcedClaim

__all__ = ["PARTY_INTERS", "grade_event"]

PARTY_INTERS = frozenset({1, 2, 3, 4, 5, 6})
"""ACLED inter codes of parties to the fighting (state forces ... protesters); 0 (unattributed),
7 (civilians) and 8 (external, UN, NGO) speak as independents, ``None`` is not a side."""

_INTER_NAMES = {
    1: "state forces",
    2: "rebels",
    3: "political militia",
    4: "identity militia",
    5: "rioters",
    6: "protesters",
}


def _side(p: Party) -> tuple[str, int] | None:
    if p.inter in PARTY_INTERS and p.inter is not None:
        return (p.country, p.inter)
    return None


def _who(p: Party) -> str:
    side = _side(p)
    what = f"{p.country or 'unknown country'} {_INTER_NAMES[side[1]]}" if side else "independent"
    return f"{p.name or 'unattributed reports'} ({what})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _sources(event: LedgerEvent, syndicated: Collection[str]) -> tuple[int, str]:
    docs = list(dict.fromkeys(event.documents))
    originals = [d for d in docs if d not in syndicated]
    copies = len(docs) - len(originals)
    pages = list(dict.fromkeys(page_of(d) for d in originals))  # a watched page's versions: one
    versions = len(originals) - len(pages)
    originals = pages
    text = _plural(len(originals), "independent source")
    if versions:
        text += f" ({versions} later {'version' if versions == 1 else 'versions'} of a page not counted)"
    if copies:
        text += f" ({copies} syndicated {'copy' if copies == 1 else 'copies'} not counted)"
    return len(originals), text


def _standing(claims: Sequence[SourcedClaim]) -> list[SourcedClaim]:
    """Claims still asserted: a figure its own claimant denies is a retraction."""
    return [s for s in claims if not (s.claim.stance == "denied" and (s.claim.figure.value or 0) > 0)]


def _admission(claims: Sequence[SourcedClaim]) -> SourcedClaim | None:
    """The first claim in which a party speaks of its own losses."""
    for s in claims:
        c = s.claim
        side = _side(c.claimant)
        if side is not None and c.claimant.country and side == _side(c.victims) and c.kind != "other":
            return s
    return None


def _contested_reasons(event: LedgerEvent) -> list[str]:
    by_id = {s.id: s.claim for s in event.claims}
    out: list[str] = []
    for e in event.estimates:
        if not e.contested:
            continue
        said = dict.fromkeys(
            f"{by_id[cid].claimant.name or 'unattributed reports'} {by_id[cid].figure.text}"
            for cid in e.claims
            if cid in by_id
        )
        who = e.victims.name or e.group
        out.append(f"claimants disagree on {e.kind} ({who}): " + "; ".join(said))
    return out


def _sides_agreeing(event: LedgerEvent) -> list[str]:
    """Estimates (not contested) whose claims come from claimants of two or more sides."""
    by_id = {s.id: s.claim for s in event.claims}
    out: list[str] = []
    for e in event.estimates:
        if e.contested:
            continue
        claimants = [by_id[cid].claimant for cid in e.claims if cid in by_id]
        sides = {_side(p) for p in claimants} - {None}
        if len(sides) >= 2:
            names = dict.fromkeys(_who(p) for p in claimants if _side(p) is not None)
            who = e.victims.name or e.group
            out.append(f"both sides agree on {e.kind} ({who}): " + ", ".join(names))
    return out


def grade_event(
    event: LedgerEvent,
    *,
    syndicated: Collection[str] = (),
    rejected: bool = False,
    rejected_claims: int = 0,
) -> EventGrade:
    """The grade of ``event`` with its reasons, from its claims, estimates and documents.

    ``syndicated``: ids of documents that are syndicated copies (not independent sources);
    ``rejected``: an analyst rejected the event; ``rejected_claims``: how many of its claims an
    analyst rejected (left out of ``event.claims``)."""
    n_sources, sources = _sources(event, syndicated)
    if rejected:
        return EventGrade("discounted", ("rejected by review", sources))
    standing = _standing(event.claims)
    if (event.claims or rejected_claims) and not standing:
        parts = []
        if rejected_claims:
            parts.append(_plural(rejected_claims, "claim") + " rejected by review")
        if event.claims:
            n = len(event.claims)
            parts.append(
                _plural(n, "claim") + (" denied by its claimant" if n == 1 else " denied by their claimants")
            )
        return EventGrade("discounted", ("no claim stands: " + ", ".join(parts), sources))
    disputes = _contested_reasons(event)
    if event.contested and not disputes:  # a merge or split dropped the estimates, not the flag
        disputes = ["marked contested before a merge or split dropped its per-group estimates"]
    if disputes:
        return EventGrade("contested", (*disputes, sources))
    admission = _admission(standing)
    if admission is not None:
        c = admission.claim
        why = f"admission against interest: {_who(c.claimant)} on its own {c.kind}: {c.figure.text}"
        return EventGrade("confirmed", (why, sources))
    agreeing = _sides_agreeing(event)
    if n_sources >= 2 and agreeing:
        return EventGrade("confirmed", (sources, *agreeing))
    sides = dict.fromkeys(_who(s.claim.claimant) for s in standing if _side(s.claim.claimant) is not None)
    if not sides:
        one = "no party to the fighting gives a figure"
    elif agreeing:
        one = "both sides give figures, but in one source"
    elif len(sides) >= 2:
        one = "figures from several sides, about different groups: " + ", ".join(sides)
    else:
        one = "figures from one side only: " + ", ".join(sides)
    if n_sources >= 2:
        return EventGrade("fair", (sources, one))
    return EventGrade("weak", (sources if n_sources else "no source document", one))
