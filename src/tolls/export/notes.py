"""A plain account of who said how many were killed, as ACLED writes a dispute in its notes.

"Pakistani military (ISPR) said 23 Pakistani soldiers were killed; Zabiullah Mujahid said 58."

Killed claims are grouped by victim group as the estimates are (civilians of a country, a side
(country, inter), people of unknown status); groups keep the order of their first claim and,
inside a group, claims are ordered by publication date, then as listed. A claimant's repeated
figure is told once; identity subsets ("including seven children") and background figures from
earlier incidents are left out. The second and later claims of a group name the victims only when
they are worded differently.
"""

from __future__ import annotations

from datetime import date

from tolls.export._common import killed_totals
from tolls.model import LedgerEvent, Party, SourcedClaim

__all__ = ["dispute_account", "event_notes"]


def _group(v: Party) -> tuple[str, str, int | None]:
    if v.inter == 7:
        return ("civilians", v.country, 7)
    if not v.inter:
        return ("unknown", "", None)
    return ("side", v.country, v.inter)


def _clause(c: SourcedClaim, *, first: bool, victims_named: str | None) -> str:
    claim = c.claim
    who = claim.claimant.name or "unattributed reports"
    figure = claim.figure.text.strip() or (str(claim.figure.value) if claim.figure.value is not None else "")
    victims = claim.victims.name.strip() or "people"
    said = "say" if not claim.claimant.name else "said"
    if victims.lower().startswith(figure.lower()):  # the victim phrase holds its figure: "46 people"
        victims = victims[len(figure) :].strip() or "people"
    what = figure if (not first and victims_named == victims) else f"{figure} {victims}"
    if first:
        verb = "was" if claim.figure.value == 1 else "were"
        what = f"{what} {verb} killed"
    if claim.stance == "denied":
        return f"{who} denied that {what}"
    if claim.stance == "disputed":
        return f"{who} disputed that {what}"
    return f"{who} {said} {what}"


def dispute_account(claims: list[SourcedClaim]) -> str:
    """One sentence per victim group, built from the claims' own words."""
    groups: dict[tuple[str, str, int | None], list[tuple[date, int, SourcedClaim]]] = {}
    for i, c in enumerate(claims):
        if c.claim.kind != "killed" or c.claim.subset or c.claim.prior:
            continue
        groups.setdefault(_group(c.claim.victims), []).append((c.published or date.min, i, c))
    sentences: list[str] = []
    for members in groups.values():
        members.sort(key=lambda m: (m[0], m[1]))
        told: set[tuple[str, str, str]] = set()
        clauses: list[str] = []
        victims_named: str | None = None
        for _, _, c in members:
            key = (c.claim.claimant.name.lower(), c.claim.figure.text.lower(), c.claim.stance)
            if key in told:
                continue
            told.add(key)
            clauses.append(_clause(c, first=not clauses, victims_named=victims_named))
            victims_named = victims_named or (c.claim.victims.name.strip() or "people")
        sentence = "; ".join(clauses)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def event_notes(event: LedgerEvent) -> str:
    """ACLED ``notes``: the summary, the dispute (the event's own ``notes`` when the reconciler
    wrote one, else :func:`dispute_account`) and, when contested, how fatalities were coded."""
    parts = [event.summary.strip(), (event.notes or dispute_account(event.claims)).strip()]
    totals = killed_totals(event)
    if event.contested and totals is not None and totals.low is not None:
        parts.append(f"Fatalities are contested; coded as the lowest figures ({totals.low}).")
    return " ".join(p for p in parts if p)
