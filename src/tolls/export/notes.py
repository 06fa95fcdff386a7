"""A plain account of who said how many were killed, as ACLED writes a dispute in its notes.

"Pakistani military (ISPR) said 23 Pakistani soldiers were killed; Zabiullah Mujahid said 58."

Killed claims are grouped by victim group as the estimates are (civilians of a country, a side
(country, inter), people of unknown status); groups keep the order of their first claim and,
inside a group, claimant sides are ordered by their first claim's publication date, then as
listed. Each claimant **side** speaks once per group: a state's forces, officials and
spokesmen are one side ("soldiers", "Pakistan's military" and "Military spokesman" of one
country are the Pakistani military), named by the actor dictionary when it knows one of them;
any other claimant is its own side. A side's different figures are told together ("said 23 or
25"). Identity subsets ("including seven children") and background figures from earlier
incidents are left out. The second and later clauses of a group name the victims only when they
are worded differently.
"""

from __future__ import annotations

import re
from datetime import date

from tolls.export._common import is_state, killed_totals
from tolls.extract.actors import ActorDictionary
from tolls.model import LedgerEvent, Party, SourcedClaim

__all__ = ["analyst_notes", "dispute_account", "event_notes"]

# what the reconciler writes in an event's notes ("Disputed killed (soldiers): ISPR: 23; ...");
# the export tells the dispute itself, from the claims
_RECONCILER_LINE = re.compile(r"^Disputed [a-z_]+ \(")


def _group(v: Party) -> tuple[str, str, int | None]:
    if v.inter == 7:
        return ("civilians", v.country, 7)
    if not v.inter:
        return ("unknown", "", None)
    return ("side", v.country, v.inter)


def _single_state(parties: list[Party]) -> str:
    states = {p.country.upper() for p in parties if p.country and p.inter and is_state(p.country, p.inter)}
    return next(iter(states)) if len(states) == 1 else ""


def _side(p: Party, default_state: str) -> tuple[str, str]:
    if not p.name.strip():
        return ("unattributed", "")
    iso3 = p.country.upper() or (default_state if p.inter == 1 else "")
    if iso3 and p.inter and is_state(iso3, p.inter):
        return ("state", iso3)
    return ("name", p.name.strip().casefold())


def _figure(c: SourcedClaim) -> str:
    f = c.claim.figure
    return f.text.strip() or (str(f.value) if f.value is not None else "")


def _victims(c: SourcedClaim) -> str:
    victims = c.claim.victims.name.strip() or "people"
    figure = _figure(c)
    if figure and victims.lower().startswith(figure.lower()):  # "46 people" holds its figure
        victims = victims[len(figure) :].strip() or "people"
    return victims


def _clause(
    who: str, claims: list[SourcedClaim], *, first: bool, victims_named: str | None, unattributed: bool
) -> str:
    lead = claims[0]
    figures = " or ".join(dict.fromkeys(_figure(c) for c in claims))
    victims = _victims(lead)
    what = figures if (not first and victims_named == victims) else f"{figures} {victims}"
    if first:
        one = len(claims) == 1 and lead.claim.figure.value == 1
        what = f"{what} {'was' if one else 'were'} killed"
    stance = lead.claim.stance
    if stance == "denied":
        return f"{who} denied that {what}"
    if stance == "disputed":
        return f"{who} disputed that {what}"
    return f"{who} {'say' if unattributed else 'said'} {what}"


def _speaker(claims: list[SourcedClaim], dictionary: ActorDictionary) -> str:
    for c in claims:
        known = dictionary.named_actor(c.claim.claimant.name)
        if known is not None:
            return known.name
    return claims[0].claim.claimant.name.strip() or "unattributed reports"


def dispute_account(
    claims: list[SourcedClaim],
    *,
    actors: list[Party] | None = None,
    dictionary: ActorDictionary | None = None,
) -> str:
    """One sentence per victim group, one clause per claimant side, in the claims' own words.

    ``actors`` (the event's) decide which state a claimant of no stated country speaks for:
    the event's one state of known country, if it has exactly one."""
    dictionary = dictionary or ActorDictionary.load()
    default_state = _single_state([*(actors or []), *(c.claim.claimant for c in claims)])
    groups: dict[tuple[str, str, int | None], list[tuple[date, int, SourcedClaim]]] = {}
    for i, c in enumerate(claims):
        if c.claim.kind != "killed" or c.claim.subset or c.claim.prior:
            continue
        groups.setdefault(_group(c.claim.victims), []).append((c.published or date.min, i, c))
    sentences: list[str] = []
    for members in groups.values():
        members.sort(key=lambda m: (m[0], m[1]))
        sides: dict[tuple[tuple[str, str], str], list[SourcedClaim]] = {}
        for _, _, c in members:
            sides.setdefault((_side(c.claim.claimant, default_state), c.claim.stance), []).append(c)
        clauses: list[str] = []
        victims_named: str | None = None
        for ((kind, _), _), said in sides.items():
            who = _speaker(said, dictionary)
            clauses.append(
                _clause(
                    who,
                    said,
                    first=not clauses,
                    victims_named=victims_named,
                    unattributed=kind == "unattributed",
                )
            )
            victims_named = victims_named or _victims(said[0])
        sentence = "; ".join(clauses)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def analyst_notes(notes: str) -> str:
    """The event's notes without the reconciler's dispute lines (the export tells the dispute
    from the claims): what analysts wrote in review, one line each, joined by spaces."""
    lines = (line.strip() for line in notes.splitlines())
    return " ".join(line for line in lines if line and not _RECONCILER_LINE.match(line))


def event_notes(
    event: LedgerEvent, *, summary: str | None = None, dictionary: ActorDictionary | None = None
) -> str:
    """ACLED ``notes``: the summary (``summary``: the whole sentence, when the ledger's is cut),
    the dispute told once per claimant side, the analysts' notes and, when contested, how
    fatalities were coded."""
    parts = [
        (event.summary if summary is None else summary).strip(),
        dispute_account(event.claims, actors=event.actors, dictionary=dictionary),
        analyst_notes(event.notes),
    ]
    totals = killed_totals(event)
    if event.contested and totals is not None and totals.low is not None:
        parts.append(f"Fatalities are contested; coded as the lowest figures ({totals.low}).")
    return " ".join(p for p in parts if p)
