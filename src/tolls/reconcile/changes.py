"""What changed in the ledger: the difference between two pictures of it (``docs/changes.md``).

Pure. :func:`event_view` takes the compact picture of a ledger event the change log needs (its
claims, estimates per kind and victim group, ``contested`` flag, grade, and a label); the store
builds the same picture from its rows (:func:`tolls.store.changes.view_of_row`), which do not
carry the claims' text. :func:`diff_views` compares the ledger before and after a
reconciliation (or an analyst's action) and lists the changes, in a fixed order:

- ``event``: a new event (its claims are listed in the change, not one change each);
- ``claim``: a claim joined an existing event;
- ``estimate``: the low / best / high of one kind and victim group moved (or appeared, or went);
- ``contested``: the event's ``contested`` flag flipped;
- ``grade``: the event's grade changed (with the reasons before and after);
- ``merge``: an old event's claims now sit in another event. Event ids derive from the first
  report of an event, so when an earlier-published report arrives the event is renamed: it is
  matched to its old self by the claims they share, recorded as a ``merge`` (before: the old
  id) and compared with the old event, never reported as gone and new;
- ``gone``: an event no longer in the ledger whose claims sit nowhere.

Every change has a one-line ``summary`` a person can read in a feed reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tolls.model import Claim, Estimate, LedgerEvent, Party

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "ChangeKind",
    "ClaimView",
    "EstimateView",
    "EventView",
    "claim_view",
    "diff_views",
    "estimate_view",
    "event_view",
    "group_label",
    "party_label",
]

ChangeKind = Literal["event", "claim", "estimate", "contested", "grade", "merge", "gone", "review"]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "claim",
    "contested",
    "estimate",
    "event",
    "gone",
    "grade",
    "merge",
    "review",
)
"""Every kind of change (``review``: an analyst's action, recorded by the store)."""

_INTER_WORDS = {
    1: "military",
    2: "rebels",
    3: "militia",
    4: "militia",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external",
}
_ORDER = {"merge": 0, "event": 1, "claim": 2, "estimate": 3, "contested": 4, "grade": 5, "gone": 6}


@dataclass(frozen=True, slots=True)
class ClaimView:
    """What the change log says of a claim: who said what about whom, and where."""

    id: str
    claimant: str
    claimant_country: str
    kind: str
    figure: str
    low: int | None
    high: int | None
    victims: str
    victims_country: str
    victims_inter: int | None
    stance: str
    document_id: str

    def as_json(self) -> dict[str, Any]:
        return {
            "claimant": {"name": self.claimant, "country": self.claimant_country},
            "figure": self.figure,
            "kind": self.kind,
            "value": [self.low, self.high],
            "victims": {"name": self.victims, "country": self.victims_country, "inter": self.victims_inter},
            "stance": self.stance,
            "document_id": self.document_id,
        }


@dataclass(frozen=True, slots=True)
class EstimateView:
    """One estimate: kind and victim group (the key), low / best / high and its flag."""

    kind: str
    group: str
    country: str
    inter: int | None
    low: int
    best: int
    high: int
    contested: bool

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.kind, self.group, self.country, -1 if self.inter is None else self.inter)

    def as_json(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "contested": self.contested}


@dataclass(frozen=True, slots=True)
class EventView:
    """The compact picture of a ledger event the change log compares.

    ``details`` holds the claims' text when known (an incoming event); a stored event's picture
    has its claim ids only."""

    id: str
    type: str
    place: str
    country: str
    day: str | None
    claims: tuple[str, ...]
    estimates: tuple[EstimateView, ...]
    contested: bool
    grade: str
    reasons: tuple[str, ...]
    details: Mapping[str, ClaimView] = field(default_factory=dict)

    @property
    def label(self) -> str:
        where = f" in {self.place}" if self.place else ""
        country = f" ({self.country})" if self.country else ""
        day = f" on {self.day}" if self.day else ""
        return f"{self.type or 'event'}{where}{country}{day}"


@dataclass(frozen=True, slots=True)
class Change:
    """One change of the ledger (a ``ledger_changes`` row without its id, time, actor, run)."""

    kind: ChangeKind
    event_id: str
    summary: str
    claim_id: str | None = None
    subject: str | None = None
    before: Any = None
    after: Any = None


def party_label(p: Party | None, name: str = "", country: str = "") -> str:
    """``Taliban (AFG)``; unattributed claims are ``unattributed reports``."""
    if p is not None:
        name, country = p.name, p.country
    return f"{name or 'unattributed reports'}{f' ({country})' if country else ''}"


def group_label(group: str, country: str, inter: int | None) -> str:
    """A victim group as people read it: ``PAK military``, ``AFG civilians``, ``unspecified victims``."""
    if group == "unknown" or inter is None or inter == 0:
        return "unspecified victims"
    word = "civilians" if group == "civilians" else _INTER_WORDS.get(inter, "side")
    return f"{country} {word}".strip()


def claim_view(claim_id: str, c: Claim, document_id: str) -> ClaimView:
    inter = c.victims.inter
    return ClaimView(
        id=claim_id,
        claimant=c.claimant.name,
        claimant_country=c.claimant.country,
        kind=c.kind,
        figure=c.figure.text,
        low=c.figure.low if c.figure.low is not None else c.figure.value,
        high=c.figure.high if c.figure.high is not None else c.figure.value,
        victims=c.victims.name or (_INTER_WORDS.get(inter, "people") if inter is not None else "people"),
        victims_country=c.victims.country,
        victims_inter=inter,
        stance=c.stance,
        document_id=document_id,
    )


def estimate_view(e: Estimate) -> EstimateView:
    return EstimateView(
        kind=e.kind,
        group=e.group,
        country=e.victims.country,
        inter=e.victims.inter,
        low=e.low,
        best=e.best,
        high=e.high,
        contested=e.contested,
    )


def event_view(event: LedgerEvent) -> EventView:
    """The picture of a ledger event (claims with their text)."""
    place = next((p for p in event.locations), None)
    details = {s.id: claim_view(s.id, s.claim, s.doc_id) for s in event.claims}
    grade = event.grade
    return EventView(
        id=event.id,
        type=event.type,
        place=place.name if place else "",
        country=(place.country or "") if place else "",
        day=event.dates.start.isoformat() if event.dates.start else None,
        claims=tuple(details),
        estimates=tuple(estimate_view(e) for e in event.estimates),
        contested=event.contested,
        grade=grade.grade if grade else "weak",
        reasons=tuple(grade.reasons) if grade else (),
        details=details,
    )


def _range(e: EstimateView | None) -> str:
    if e is None:
        return "none"
    if e.low == e.high:
        return str(e.best)
    return f"{e.low}–{e.high} (best {e.best})"


def _subject(e: EstimateView) -> str:
    return f"{e.kind}: {group_label(e.group, e.country, e.inter)}"


def _estimate_summary(label: str, old: EstimateView | None, new: EstimateView | None) -> str:
    e = new or old
    assert e is not None
    text = f"{e.kind} estimate for {group_label(e.group, e.country, e.inter)} {_range(old)} → {_range(new)}"
    was, now = bool(old and old.contested), bool(new and new.contested)
    if now and not was:
        text += ", now contested"
    elif was and not now:
        text += ", no longer contested"
    return f"{text} ({label})" if label else text


def _claim_said(c: ClaimView) -> str:
    verb = "denies" if c.stance == "denied" else "says"
    inter = c.victims_inter
    group = "civilians" if inter == 7 else "unknown" if inter is None or inter == 0 else "side"
    victims = group_label(group, c.victims_country, inter)
    if group == "unknown" and c.victims:
        victims = c.victims
    return f"{party_label(None, c.claimant, c.claimant_country)} {verb} {c.figure} {c.kind} ({victims})"


def _group_key(c: ClaimView) -> tuple[str, str, int]:
    inter = c.victims_inter
    if inter == 7:
        return (c.kind, c.victims_country, 7)
    if inter is None or inter == 0:
        return (c.kind, "", 0)
    return (c.kind, c.victims_country, inter)


def _estimate_group(e: EstimateView) -> tuple[str, str, int]:
    if e.group == "unknown" or e.inter is None or e.inter == 0:
        return (e.kind, "", 0)
    return (e.kind, e.country, e.inter if e.group != "civilians" else 7)


def _new_event(v: EventView) -> Change:
    parts = [f"New event: {v.label}", f"{len(v.claims)} claim{'s' if len(v.claims) != 1 else ''}"]
    parts += [f"{e.kind} {group_label(e.group, e.country, e.inter)} {_range(e)}" for e in v.estimates]
    tail = ", contested" if v.contested else ""
    after = {
        "type": v.type,
        "place": v.place,
        "country": v.country,
        "date": v.day,
        "claims": [
            {"id": cid, **v.details[cid].as_json()} if cid in v.details else {"id": cid} for cid in v.claims
        ],
        "estimates": [{"subject": _subject(e), **e.as_json()} for e in v.estimates],
        "contested": v.contested,
        "grade": v.grade,
        "reasons": list(v.reasons),
    }
    return Change("event", v.id, "; ".join(parts) + tail + f"; graded {v.grade}", after=after)


def _compare(old: EventView, new: EventView) -> list[Change]:
    """Claims that joined, estimates that moved, the flag and the grade, old to new."""
    out: list[Change] = []
    olds = {e.key: e for e in old.estimates}
    news = {e.key: e for e in new.estimates}
    moved: dict[tuple[str, str, int], tuple[EstimateView | None, EstimateView | None]] = {}
    estimates: list[Change] = []
    for key in sorted(set(olds) | set(news)):
        a, b = olds.get(key), news.get(key)
        if a is not None and b is not None and a.as_json() == b.as_json():
            continue
        e = b or a
        assert e is not None
        moved[_estimate_group(e)] = (a, b)
        estimates.append(
            Change(
                "estimate",
                new.id,
                _estimate_summary(new.label, a, b),
                subject=_subject(e),
                before=a.as_json() if a else None,
                after=b.as_json() if b else None,
            )
        )
    known = set(old.claims)
    for cid in new.claims:
        if cid in known:
            continue
        c = new.details.get(cid)
        if c is None:
            out.append(
                Change("claim", new.id, f"A claim joined {new.label}", claim_id=cid, after={"id": cid})
            )
            continue
        text = _claim_said(c)
        effect = moved.get(_group_key(c))
        if effect is not None:
            text += ": " + _estimate_summary("", *effect)
        out.append(Change("claim", new.id, text, claim_id=cid, subject=c.kind, after=c.as_json()))
    out += estimates
    if old.contested != new.contested:
        out.append(
            Change(
                "contested",
                new.id,
                f"{new.label} {'is now contested' if new.contested else 'is no longer contested'}",
                before=old.contested,
                after=new.contested,
            )
        )
    if old.grade != new.grade:
        why = f": {new.reasons[0]}" if new.reasons else ""
        out.append(
            Change(
                "grade",
                new.id,
                f"{new.label} graded {new.grade} (was {old.grade}){why}",
                before={"grade": old.grade, "reasons": list(old.reasons)},
                after={"grade": new.grade, "reasons": list(new.reasons)},
            )
        )
    return out


def _largest_share(claims: Iterable[str], holder: Mapping[str, str]) -> str | None:
    """The event holding most of ``claims`` (ties: the smallest id), or None."""
    counts: dict[str, int] = {}
    for cid in claims:
        if cid in holder:
            counts[holder[cid]] = counts.get(holder[cid], 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda eid: (-counts[eid], eid))


def diff_views(before: Sequence[EventView], after: Sequence[EventView]) -> list[Change]:
    """The changes that turn the ledger ``before`` into ``after`` (see the module's doc), grouped
    by event id (ascending), each event's changes in the order merge, event, claim, estimate,
    contested, grade; the same inputs give the same list whatever their order."""
    olds = {v.id: v for v in before}
    news = {v.id: v for v in after}
    holder = {cid: v.id for v in sorted(after, key=lambda v: v.id) for cid in v.claims}
    vanished = sorted(set(olds) - set(news))
    target = {oid: _largest_share(olds[oid].claims, holder) for oid in vanished}
    into: dict[str, list[str]] = {}
    for oid in vanished:
        t = target[oid]
        if t is not None:
            into.setdefault(t, []).append(oid)

    grouped: dict[str, list[Change]] = {}
    for nid in sorted(news):
        new = news[nid]
        changes: list[Change] = []
        sources = into.get(nid, [])
        old = olds.get(nid)
        if old is None and sources:
            # renamed: the vanished event sharing the most claims is its old self
            shared = {oid: len(set(olds[oid].claims) & set(new.claims)) for oid in sources}
            prior = min(sources, key=lambda oid: (-shared[oid], oid))
            changes.append(
                Change(
                    "merge",
                    nid,
                    f"Event {prior} is now {nid} ({new.label}): an earlier report of it arrived",
                    before={"event_id": prior},
                    after={"event_id": nid},
                )
            )
            old = olds[prior]
            sources = [oid for oid in sources if oid != prior]
        for oid in sources:
            moved = [cid for cid in olds[oid].claims if holder.get(cid) == nid]
            changes.append(
                Change(
                    "merge",
                    nid,
                    f"Event {oid} ({olds[oid].label}) merged into {nid}: "
                    f"{len(moved)} of its claims now sit here",
                    before={"event_id": oid, "claims": list(olds[oid].claims)},
                    after={"event_id": nid, "claims": moved},
                )
            )
        if old is None:
            changes.append(_new_event(new))
        else:
            changes += _compare(old, new)
        if changes:
            grouped[nid] = changes
    for oid in vanished:
        if target[oid] is None:
            v = olds[oid]
            grouped[oid] = [
                Change(
                    "gone",
                    oid,
                    f"{v.label} is no longer in the ledger",
                    before={"claims": list(v.claims), "grade": v.grade, "contested": v.contested},
                )
            ]
    return [c for eid in sorted(grouped) for c in sorted(grouped[eid], key=lambda c: _ORDER[c.kind])]
