"""Actors as an event dataset codes them: names from the actor dictionary, not a report's words.

A ledger event keeps the actors as its documents mention them ("soldiers", "Pakistan's
military", "Military spokesman"). The ACLED and UCDP exports name each actor instead by

- its canonical name when the actor dictionary (``tolls/data/actors.jsonl``) knows it
  ("Pakistan's military" -> "Pakistani military (ISPR)");
- else ACLED's generic name for its side and country: "Military Forces of Pakistan",
  "Police Forces of Pakistan", "Government of Pakistan", "Unidentified Armed Group (Pakistan)",
  "Civilians (Afghanistan)" and so on (see ``docs/export.md``).

A state actor the report gives no country ("soldiers") is the event's state forces when the
event has one state of known country, else those of the country where it happened.
"""

from __future__ import annotations

from collections.abc import Iterable

from tolls.export._common import country, is_state
from tolls.extract.actors import ActorDictionary
from tolls.model import Party

__all__ = [
    "ACLED_INTER_LABELS",
    "coded_actors",
    "generic_name",
    "inter_label",
    "interaction_label",
    "is_generic",
    "named",
]

ACLED_INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
"""ACLED's names of its inter codes, as its current column set writes ``inter1``/``inter2``."""

_GENERIC = {
    2: "Unidentified Armed Group ({c})",
    3: "Unidentified Armed Group ({c})",
    4: "Unidentified Communal Militia ({c})",
    5: "Rioters ({c})",
    6: "Protesters ({c})",
    7: "Civilians ({c})",
}


def inter_label(inter: int) -> str:
    """ACLED's text label of an inter code (``""`` for 0, no actor)."""
    return ACLED_INTER_LABELS.get(inter, "")


def interaction_label(inter1: int, inter2: int) -> str:
    """ACLED's text interaction: the two labels, lower code first ("State forces-Civilians"),
    a sole actor's label with " only" ("Protesters only"), ``""`` with no actor."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if len(codes) == 2:
        return f"{inter_label(codes[0])}-{inter_label(codes[1])}"
    if codes:
        return f"{inter_label(codes[0])} only"
    return ""


def generic_name(inter: int, iso3: str, role: str = "") -> str:
    """ACLED's name for an actor known only by its side: "Military Forces of Pakistan"."""
    info = country(iso3)
    name = info.name if info else ""
    if inter in (1, 8):
        if not name:
            return "Unidentified Military Forces"
        if role in ("government", "spokesperson"):
            return f"Government of {name}"
        if role == "police":
            return f"Police Forces of {name}"
        return f"Military Forces of {name}"
    pattern = _GENERIC.get(inter)
    if pattern is None:
        return ""
    return pattern.format(c=name) if name else pattern.split(" (", 1)[0]


def _role(party: Party, dictionary: ActorDictionary) -> str:
    mention = dictionary.lookup(party.name)
    role = mention.role if mention is not None else ""
    if role == "forces" and "police" in party.name.casefold():
        return "police"
    return role


_GENERIC_STARTS = (
    "Military Forces of ",
    "Police Forces of ",
    "Government of ",
    "Unidentified ",
    *(p.split(" (", 1)[0] for p in _GENERIC.values()),
)


def coded_actors(actors: Iterable[Party], event_iso3: str, dictionary: ActorDictionary) -> list[Party]:
    """The event's actors named as a dataset codes them, in order of first mention, each once.

    A name the dictionary knows as an actor or alias becomes the actor's canonical name; a
    generic mention ("soldiers", "Afghan officials", "gunmen") becomes ACLED's generic name for
    its side; any other name (one an analyst or a dataset gave) is kept as it is. Actors with
    no side (inter ``None`` or 0) or no name are dropped: they are sources or bystanders, not
    parties to the event."""
    parties = [a for a in actors if a.name.strip() and a.inter]
    states = {a.country.upper() for a in parties if a.country and is_state(a.country.upper(), a.inter or 0)}
    default_state = next(iter(states)) if len(states) == 1 else event_iso3
    out: dict[tuple[str, str, int], Party] = {}
    for a in parties:
        inter = a.inter or 0
        known = dictionary.named_actor(a.name)
        iso3 = (a.country or (known.country if known else "")).upper()
        if not iso3 and inter != 8:
            iso3 = default_state if inter == 1 else event_iso3
        mention = known or dictionary.lookup(a.name)
        if known is not None:
            name = known.name
        elif mention is None or is_generic(a.name):
            name = a.name.strip()  # a name the dictionary does not read as a mention: kept
        else:
            name = generic_name(inter, iso3, _role(a, dictionary)) or a.name
        out.setdefault((name, iso3, inter), Party(name=name, country=iso3, inter=inter))
    return list(out.values())


def is_generic(name: str) -> bool:
    """``name`` is one of ACLED's generic names ("Military Forces of Pakistan")."""
    return name.startswith(_GENERIC_STARTS)


def named(party: Party) -> bool:
    """A coded actor with a name of its own, not a generic name built from its side."""
    return not is_generic(party.name)
