"""Linking the incidents of many documents into ledger events: candidates -> score -> decision.

Pure functions (house style 8). Each document's incident (an :class:`~tolls.model.Event` and the
claims attached to it) is compared with the ledger events built so far, documents taken in
publication order. The score adds evidence; two conditions veto a link outright:

- **type family**: violent events (battles, explosions, violence against civilians) link with each
  other, every other family only with itself (an agreement is never a battle);
- **dates**: two day-precise spans more than :data:`DAY_SLACK` days apart are different incidents.
  A span of week or month precision overlaps generously. A report that gives no date of its own
  (extraction dates it by its publication month) speaks of the days just before it appeared: two
  such reports published more than :data:`UNDATED_DAYS` apart, or one published that long after
  a dated incident ended (or before it began), are different incidents (talks, displacement and
  strategic developments, which run for weeks, excepted);
- **countries**: incidents whose places lie in no common country are different incidents, unless
  two of their places are within a district's reach (a border clash is reported from both sides);
- **dataset rows**: two rows of an event dataset (ACLED, UCDP) are two events by definition.

Evidence: the same figure stated by the same side about the same group (the strongest sign: a
follow-up report restating "23 soldiers"; a small figure with no side to it, "two killed", is
common enough to be a coincidence and does not stand in for a shared place), overlapping dates,
places within a distance that grows with their precision, shared actors, and shared words. The
decision, its score and a readable reason are kept for every incident, linked or not
(:class:`~tolls.model.MergeDecision`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from tolls.data import load_capitals, load_json
from tolls.extract.lines import line_countries
from tolls.model import Claim, CodedEvent, DateSpan, Event, Place

__all__ = [
    "ADMISSION_RATIO",
    "DAY_SLACK",
    "EXACT_SPAN_DAYS",
    "LINK_THRESHOLD",
    "TELLING_FIGURE",
    "UNDATED_DAYS",
    "Incident",
    "LinkScore",
    "claim_key",
    "counter_accounts",
    "dates_vetoed",
    "event_countries",
    "score_event",
    "score_link",
    "seats_of_government",
    "telling",
    "told_places",
    "type_family",
    "within_reach",
    "words_of",
]

DAY_SLACK = 2
UNDATED_DAYS = DAY_SLACK
"""How long before its publication a report that gives no date of its own is read to speak of."""
LINK_THRESHOLD = 2.0
EXACT_SPAN_DAYS = 7
"""The longest day-precise span that still dates an incident to its days (a week's fighting)."""
TELLING_FIGURE = 10
"""A figure this large, shared by two reports without a side to it, is evidence on its own."""
_WORDS_UNDATED = 0.1  # shared words (Jaccard) two loosely dated reports of one place need
# how far apart two places of a precision may be and still be the same incident (km)
_REACH = {"town": 40.0, "area": 60.0, "district": 80.0, "province": 250.0, "line": 400.0, "country": 1500.0}
_AREAS = frozenset({"district", "province"})
"""Precisions of administrative areas: two of one level are one area only when their centres
nearly coincide."""
_PROCESSES = frozenset({"Negotiation", "Displacement", "Strategic developments"})
"""Type families whose events run for days or weeks (talks, flight, a front's changes): a report
of one without a date of its own may speak of any day of it, not only of the days before."""
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_STOP = frozenset(
    "that this with from have were said they their there which would about after also been into "
    "more than over some other when where while what your will them these those because".split()
)


@dataclass(slots=True)
class Incident:
    """One document's incident, ready to compare: the event, its claims and what dates it."""

    doc_id: str
    index: int
    event: Event
    claims: list[Claim]
    published: date | None
    words: frozenset[str] = field(default_factory=frozenset)
    ids: list[str] = field(default_factory=list)
    """Claim ids, aligned with ``claims``."""
    coded: CodedEvent | None = None
    """The dataset row this incident is (each row is its own event: two rows never link)."""

    @property
    def span(self) -> tuple[date, date] | None:
        """The incident's days; none for an incident dated only by a bare year (:func:`_bare_year`),
        which links as a report giving no date of its own."""
        d = self.event.dates
        if d.start is None or _bare_year(self):
            return None
        return d.start, d.end or d.start


@dataclass(frozen=True, slots=True)
class LinkScore:
    score: float
    vetoed: bool
    reasons: tuple[str, ...]
    veto: str = ""
    """Which condition vetoed the link (``scope``, ``dataset``, ``type``, ``dates``, ``own dead``,
    ``countries``); empty when none did."""

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@cache
def type_family(event_type: str) -> str:
    """``violence`` for the three violent ACLED types, else the top-level type itself (cached:
    linking asks it for every pair of reports it compares)."""
    top = next((t for t in _VIOLENT if event_type.startswith(t)), event_type.split("/")[0])
    return "violence" if top in _VIOLENT else top


def words_of(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP)


def _slack(d: DateSpan) -> int:
    return {"day": DAY_SLACK, "week": 4, "month": 16, "year": 183}.get(d.precision or "", 7)


def _by_publication(inc: Incident) -> bool:
    """The incident's date is only its document's (the month up to publication, written where
    the text gives no date): it says when the report appeared, not when the incident happened."""
    d, pub = inc.event.dates, inc.published
    if pub is not None and _bare_year(inc):
        return True  # a background year ("since 2021") dates it no better than no date
    return (
        pub is not None
        and d.precision == "month"
        and not d.text
        and d.start == pub.replace(day=1)
        and d.end == pub
    )


def _bare_year(inc: Incident) -> bool:
    """An incident dated only by a bare year: the background news recalls ("since the Taliban
    returned to power in 2021"), not the days of the incident it reports (an aggregate's year is
    its period)."""
    return inc.event.dates.precision == "year" and inc.event.scope == "incident"


def _date_evidence(a: Incident, b: Incident) -> tuple[float, bool, str]:
    undated_a, undated_b = _by_publication(a), _by_publication(b)
    if type_family(a.event.type) in _PROCESSES or type_family(b.event.type) in _PROCESSES:
        undated_a = undated_b = False  # talks and displacement run for weeks: "undated" says little
    if undated_a or undated_b:
        return _publication_evidence(a, b, undated_a, undated_b)
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        other = sa or sb
        undated = a if sa is None else b
        if other is not None and undated.published is not None and undated.published < other[0]:
            return 0.0, True, "published before the incident began"
        return 0.0, False, "undated"
    slack = timedelta(days=max(_slack(a.event.dates), _slack(b.event.dates)))
    if sa[0] - slack > sb[1] or sb[0] - slack > sa[1]:
        return 0.0, True, f"dates apart ({sa[0]}..{sa[1]} vs {sb[0]}..{sb[1]})"
    exact = _exact(a) and _exact(b)
    if exact and sa[0] <= sb[1] and sb[0] <= sa[1]:
        return 1.0, False, f"same dates ({max(sa[0], sb[0])})"
    return 0.5, False, "dates overlap"


def _exact(inc: Incident) -> bool:
    """Dated to the day, over a few days at most: "between 1 October and 31 December", though
    written to the day, tells no more than a month does."""
    span = inc.span
    return (
        inc.event.dates.precision == "day"
        and span is not None
        and (span[1] - span[0]).days <= EXACT_SPAN_DAYS
    )


def _publication_evidence(
    a: Incident, b: Incident, undated_a: bool, undated_b: bool
) -> tuple[float, bool, str]:
    """Dates when one report or both give none of their own: a report without a date tells of
    something recent, so it is read as within :data:`UNDATED_DAYS` before its publication, and
    two such reports as published within that many days of each other."""
    pa, pb = a.published, b.published
    if undated_a and undated_b:
        assert pa is not None and pb is not None
        gap = abs((pa - pb).days)
        if gap > UNDATED_DAYS:
            return 0.0, True, f"undated reports published {gap} days apart"
        return 0.5, False, "undated, published together"
    undated, dated = (a, b) if undated_a else (b, a)
    pub = undated.published
    span = dated.span
    assert pub is not None
    if span is None:
        return 0.0, False, "undated"
    slack = timedelta(days=_slack(dated.event.dates))
    if pub < span[0] - slack:
        return 0.0, True, "published before the incident began"
    if span[1] + slack + timedelta(days=UNDATED_DAYS) < pub:
        return 0.0, True, f"undated report published {(pub - span[1]).days} days after the incident"
    return 0.5, False, "dates overlap"


def km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def told_places(e: Event) -> list[Place]:
    """The places a report tells of the incident: not those lent from the incident told before it
    (``Place.lent``), which place a document's event but say nothing of where another report's
    incident was."""
    return [p for p in e.locations if not p.lent]


def _place_evidence(a: Sequence[Place], b: Sequence[Place]) -> tuple[float, str, bool]:
    """Score and reason for the two incidents' places, and whether they are near enough to stand
    for a date: the same place, or two within the finer one's reach (a town 79 km from a
    district's centre is within the district's reach but not the same place)."""
    best: tuple[float, str, bool] = (0.0, "", False)
    names_a = {p.name.lower() for p in a}
    for p in b:
        if p.name.lower() in names_a and p.precision not in ("country", None):
            return 1.0, f"same place ({p.name})", True
    for p in a:
        for q in b:
            if p.lat is None or q.lat is None:
                continue
            reaches = (_REACH.get(p.precision or "", 50.0), _REACH.get(q.precision or "", 50.0))
            reach = max(reaches)
            d = km(p, q)
            if d <= reach:
                weight = 1.0 if reach <= 100 else 0.5 if reach <= 400 else 0.2
                near = weight >= 1.0 and d <= min(reaches)
                if p.precision == q.precision in _AREAS and p.name.lower() != q.name.lower():
                    # two districts' centres 69 km apart are two neighbouring districts (Orakzai
                    # and Kurram), not one written two ways ("Kurram District", "Kurram": 0 km)
                    near = near and d <= reaches[0] / 2
                if (weight, near) > best[::2]:
                    best = (weight, f"{p.name} and {q.name} {d:.0f} km apart", near)
    return best


def claim_key(c: Claim) -> tuple[object, ...]:
    return (c.kind, c.claimant.country, c.claimant.inter, c.victims.country, c.victims.inter, c.figure.value)


def _shared_claims(a: Sequence[Claim], b: Sequence[Claim]) -> list[Claim]:
    """The figures ``b`` states as ``a`` does; a word for a rough many ("dozens", "hundreds") is
    no figure in common: every week of a war's reports has dozens killed."""
    keys = {claim_key(c) for c in a if c.figure.value and c.figure.qualifier != "vague"}
    return [c for c in b if c.figure.value and c.figure.qualifier != "vague" and claim_key(c) in keys]


ADMISSION_RATIO = 2.0
"""How far apart (as a ratio) two counts a side gives of its own dead must be to tell two
incidents apart when nothing dates the reports (see :func:`_other_admission`)."""


def _other_admission(a: Sequence[Claim], b: Sequence[Claim]) -> str:
    """A reason when the two reports have a side admit very different counts of its own dead
    ("the army lost 23 soldiers", "the army reported five soldiers killed"): a side's own toll
    is the steadiest figure of an incident, so with no date to tie them and no figure in common
    the two speak of two incidents (a later skirmish recalled beside a talks' weekend). Empty
    when they do not."""

    def own(cs: Sequence[Claim]) -> dict[tuple[object, ...], set[int]]:
        out: dict[tuple[object, ...], set[int]] = {}
        for c in cs:
            side = c.claimant.country
            admits = bool(side) and side == c.victims.country and bool(c.victims.inter)
            admits = admits and c.stance != "denied"  # "rejected claims that 58 soldiers died"
            counted = c.figure.qualifier != "vague"  # "several bodies" counts no one
            if c.kind == "killed" and c.figure.value and admits and counted:
                out.setdefault((side, c.victims.inter), set()).add(c.figure.value)
        return out

    oa, ob = own(a), own(b)
    for key in sorted(oa.keys() & ob.keys(), key=str):
        x, y = max(oa[key]), max(ob[key])
        if oa[key] & ob[key]:
            continue
        if max(x, y) >= ADMISSION_RATIO * min(x, y):
            return f"{key[0]} gives {min(x, y)} and {max(x, y)} of its own dead"
    return ""


def _countries(e: Event) -> set[str]:
    """The countries the incident's places lie in (two incidents in no common country are two).
    A border or front line lies in both countries it runs between, whichever one's code it is
    written with ("the Pakistan-Afghanistan border" in an Afghan report: AFG and PAK); a line not
    known to run between two listed countries makes the incident's countries unknown (none)."""
    out: set[str] = set()
    for p in told_places(e):
        if p.precision == "line":
            sides = line_countries(p)
            if not sides:
                return set()
            out |= sides
        elif p.country:
            out.add(p.country)
    return out


def telling(c: Claim) -> bool:
    """A figure that singles out an incident when two reports share it: one a side states about a
    side, or a toll of :data:`TELLING_FIGURE` or more. "Two killed" in two unattributed reports of
    a war's week is a coincidence, not a sign."""
    if c.figure.qualifier == "vague":
        return False  # "dozens", "hundreds": a rough many, no incident's own count
    attributed = bool(c.claimant.country or c.claimant.inter) and bool(c.victims.country or c.victims.inter)
    return attributed or (c.figure.value or 0) >= TELLING_FIGURE


def counter_accounts(a: Sequence[Claim], b: Sequence[Claim]) -> str:
    """The group whose toll two sides both give, one in each incident ("the army said 23 of its
    soldiers were killed" and "the Taliban said they killed 58 soldiers"), as the victims'
    country/inter; empty when none. Two incidents of one report told this way are each side's
    account of one incident, which extraction split (a dateline, a paragraph per side); a report
    of two incidents gives their tolls as the same side's, or dates them apart."""
    said: dict[tuple[str, str, int | None], set[tuple[str, int | None]]] = {}
    for c in a:
        if c.claimant.country and c.victims.country and c.figure.value and c.stance != "denied":
            side = (c.claimant.country, c.claimant.inter)
            said.setdefault((c.kind, c.victims.country, c.victims.inter), set()).add(side)
    found = set()
    for c in b:
        if not (c.claimant.country and c.victims.country and c.figure.value) or c.stance == "denied":
            continue
        sides = said.get((c.kind, c.victims.country, c.victims.inter), set())
        # a side is a country and its role (the army and the TTP are both Pakistan's)
        if sides and (c.claimant.country, c.claimant.inter) not in sides:
            found.add(f"{c.victims.country}/{c.victims.inter}")
    return ", ".join(sorted(found))


def _sides(e: Event) -> set[tuple[str, int | None]]:
    return {(p.country, p.inter) for p in e.actors if p.country and p.inter}


def score_link(a: Incident, b: Incident, *, countries: frozenset[str] | None = None) -> LinkScore:
    """How strongly ``a`` and ``b`` look like reports of one incident, and why. ``countries``, when
    given, stands for ``a``'s countries in the country veto (an event's: every country its reports
    place it in, :func:`score_event`)."""
    if a.event.scope != b.event.scope:
        return LinkScore(0.0, True, (f"scope {a.event.scope} vs {b.event.scope}",), "scope")
    if a.coded is not None and b.coded is not None:
        return LinkScore(0.0, True, ("two rows of an event dataset are two events",), "dataset")
    fa, fb = type_family(a.event.type), type_family(b.event.type)
    shared = _shared_claims(a.claims, b.claims)
    if fa != fb and len(shared) < 2:
        return LinkScore(0.0, True, (f"type {a.event.type} vs {b.event.type}",), "type")
    # two reports giving the same figures for the same sides speak of one incident, however each
    # was typed ("a recap of the clashes" read as an agreement)
    reasons = [f"type {fa}" if fa == fb else f"types {fa} and {fb} but the same figures"]
    score = 1.0 if a.event.type == b.event.type else 0.5 if fa == fb else 0.0
    d_score, veto, why = _date_evidence(a, b)
    reasons.append(why)
    if veto:
        return LinkScore(0.0, True, tuple(reasons), "dates")
    if d_score == 0.0 and not shared:
        other = _other_admission(a.claims, b.claims)
        if other:
            reasons.append(other)
            return LinkScore(0.0, True, tuple(reasons), "own dead")
    p_score, p_why, near = _place_evidence(told_places(a.event), told_places(b.event))
    ca = _countries(a.event) if countries is None else countries
    cb = _countries(b.event)
    if ca and cb and not ca & cb and p_score < 1.0:  # a border clash has places close on both sides
        reasons.append(f"countries {'/'.join(sorted(ca))} vs {'/'.join(sorted(cb))}")
        return LinkScore(0.0, True, tuple(reasons), "countries")
    score += d_score
    if p_why:
        score += p_score
        reasons.append(p_why)
    if shared:
        score += min(3.0, 1.5 * len(shared))
        reasons.append("same figures " + ", ".join(sorted({c.figure.text for c in shared})))
    sides = _sides(a.event) & _sides(b.event)
    if sides:
        score += 0.5
        reasons.append("actors " + ", ".join(sorted(f"{c}/{i}" for c, i in sides)))
    jac = 0.0
    if a.words and b.words:
        jac = len(a.words & b.words) / len(a.words | b.words)
        score += jac
        reasons.append(f"words {jac:.2f}")
    # one report's two accounts of one incident: only where the two are placed within reach of
    # each other or dated to the same day (a roundup's two incidents 400 km apart are two)
    counter = (
        a.doc_id == b.doc_id
        and (p_score > 0.0 or _same_day(a.event.dates, b.event.dates))
        and counter_accounts(a.claims, b.claims)
    )
    if counter:
        score += 1.5
        reasons.append(f"one report's two accounts of {counter}")
    telling_figures = [c for c in shared if telling(c)]
    accounts = a.doc_id == b.doc_id and _one_telling(a, b)
    # one report's two accounts, one of them placed nowhere of its own (a country, a border, where
    # a side spoke: "KABUL -" over the rebels' account, "told reporters in Kabul"): nothing sets
    # the two apart, so two sides' tolls of one group are one incident's; a roundup's two
    # incidents, each placed where it happened (a capital too), stay two
    # one report's two incidents between the same two sides, the same side telling both, neither
    # placed finer than a country or the border between them: one account extraction told in two
    # parts (the army's 200 in one paragraph, its 23 in the next); a report's two incidents
    # are told apart by their places (named, resolved or not), their days or their types
    # two sides' tolls of one group in one report, neither placed anywhere of its own nor dated
    # apart, are one fight told by each side however each side's paragraph is typed (the
    # attacked side's "clashes", the other's "retaliatory strikes"): a report's two incidents of
    # two kinds are told apart by a place of either or by their days
    fight = bool(counter) and _one_fight(a, b) and _nowhere(a) and _nowhere(b)
    accounts = fight or (
        accounts
        and (
            (bool(counter) and (_nowhere(a) or _nowhere(b)))
            or (_nowhere(a) and _nowhere(b) and _same_roles(a, b))
        )
    )
    if (
        not telling_figures
        and not accounts
        and not _specific(d_score, p_score if p_why else 0.0, bool(sides), jac, near)
    ):
        # type, a loose date and a country in common are true of every incident of a war
        reasons.append("nothing specific in common")
        score = min(score, LINK_THRESHOLD - 0.01)
    return LinkScore(round(score, 3), False, tuple(reasons))


_DATELINE_LETTERS = 5
"""A place name in capitals this long or longer is a dateline's ("KABUL -"); a shorter one is
likelier an acronym ("FATA")."""
_SPOKE_IN = (
    r"(?:\b(?:said|says|say|told|tells|speaking|spoke|announced|stated|added)"
    r"(?:\s+(?:to\s+)?(?:reporters|journalists|(?:the\s+)?media))?"
    r"(?:\s+(?:at|in)\s+(?:a|the)\s+(?:news|press)\s+(?:conference|briefing))?"
    r"|\b(?:news|press)\s+(?:conference|briefing))\s+(?:in|from)\s+"
)
"""A side speaking somewhere ("said in", "told reporters in", "a news conference in"): the place
named next says where it spoke, not where its forces fought."""


@cache
def seats_of_government() -> dict[str, frozenset[str]]:
    """ISO3 -> the lower-cased names of its seats of government (``tolls/data/capitals.csv``)."""
    return {iso3: frozenset(n.lower() for n in names) for iso3, names in load_capitals()}


def _spoke_at(inc: Incident, p: Place) -> bool:
    """``p`` is where the incident's account was given, not where it happened: the seat of
    government of a side speaking in the incident, told as a dateline (the place the report was
    filed from, written in capitals, "KABUL -", as the place recognizer reads it; an acronym,
    "FATA", is no dateline) or as the place that side spoke in, as its claims' own sentences say
    ("the spokesman told reporters in Kabul"). Any other place is where the incident happened:
    a dateline of the town that was hit ("KHOST -"), a police chief briefing in that town."""
    speaking = sorted({c.claimant.country for c in inc.claims if c.claimant.country})
    if not any(p.name.lower() in seats_of_government().get(code, ()) for code in speaking):
        return False
    if p.name.isupper() and sum(ch.isalpha() for ch in p.name) >= _DATELINE_LETTERS:
        return True
    where = re.compile(_SPOKE_IN + re.escape(p.name) + r"\b", re.IGNORECASE)
    return any(where.search(c.evidence) for c in inc.claims if c.evidence)


def _nowhere(inc: Incident) -> bool:
    """The incident is placed nowhere of its own: every place it tells is a country, a border or
    front line, or where a side spoke (:func:`_spoke_at`). A place named, resolved or not, and
    a capital where the incident happened ("strikes on Kabul") place it."""
    return all(p.precision in ("country", "line") or _spoke_at(inc, p) for p in told_places(inc.event))


def _one_telling(a: Incident, b: Incident) -> bool:
    """Nothing in the two incidents' own dates and types sets them apart: one report telling two
    days (two exact dates, however close) or two kinds of event (a battle, an air strike) tells
    two incidents."""
    if a.event.type.split("/")[0] != b.event.type.split("/")[0]:
        return False
    return not (_exact(a) and _exact(b) and not _same_day(a.event.dates, b.event.dates))


@cache
def _apart_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = load_json("lexicon", "events.json")
    return re.compile(lex["apart_cues"], re.IGNORECASE), re.compile(lex["apart_incident_cues"], re.IGNORECASE)


def _told_apart(inc: Incident) -> bool:
    """A claim of the incident is told in a sentence the report sets apart from what came
    before ("Separately, ...", "In another attack, ...": events.json apart_cues and
    apart_incident_cues)."""
    opening, anywhere = _apart_cues()
    return any(c.evidence and (opening.match(c.evidence) or anywhere.search(c.evidence)) for c in inc.claims)


def _one_fight(a: Incident, b: Incident) -> bool:
    """Nothing in the two incidents' dates, types and words sets them apart as two fights: both
    are violence (a battle, an air strike, an attack), not dated to two different days, and
    neither told after a cue of another incident ("Separately, ...")."""
    if type_family(a.event.type) != "violence" or type_family(b.event.type) != "violence":
        return False
    if _told_apart(a) or _told_apart(b):
        return False
    return not (_exact(a) and _exact(b) and not _same_day(a.event.dates, b.event.dates))


def _roles(inc: Incident) -> tuple[frozenset[tuple[str, int | None]], frozenset[tuple[str, int | None]]]:
    """The sides speaking in the incident's claims, and the sides of its actors."""
    speaking = frozenset((c.claimant.country, c.claimant.inter) for c in inc.claims if c.claimant.country)
    return speaking, frozenset(_sides(inc.event))


def _same_roles(a: Incident, b: Incident) -> bool:
    """The two incidents are between the same two sides (or more), each in the same role: the
    same side or sides speak in both. One side in common (the army
    fighting the TTP, the army's convoy hit), or a side speaking in one and only fought or
    attacked in the other, makes two incidents."""
    (speak_a, sides_a), (speak_b, sides_b) = _roles(a), _roles(b)
    return len(sides_a) >= 2 and sides_a == sides_b and bool(speak_a) and speak_a == speak_b


def _same_day(a: DateSpan, b: DateSpan) -> bool:
    """Both dates are known to the day, and share one."""
    if a.precision != "day" or b.precision != "day":
        return False
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    return a.start <= b.end and b.start <= a.end


def _specific(d_score: float, p_score: float, sides: bool, jac: float, near: bool = True) -> bool:
    """Evidence beyond type and period: without a shared figure, two undated or loosely dated
    reports need the same place (or one within the finer place's reach: a bombing in a town
    79 km from a district's centre, told without a date, is no clash in that district) and words
    in common; two reports of the same day need a place within a line's reach, or the same
    sides."""
    if d_score >= 1.0:  # the same day
        return p_score >= 0.5 or sides
    return p_score >= 1.0 and near and jac >= _WORDS_UNDATED


def event_countries(members: Sequence[Incident]) -> frozenset[str]:
    """The countries an event's reports place it in, all of them: a report placing it nowhere
    known (a line of unknown countries, :func:`_countries`) adds none and takes none away, so the
    set is empty (unknown) only when no report places it in a known country."""
    out: set[str] = set()
    for m in members:
        out |= _countries(m.event)
    return frozenset(out)


def score_event(
    members: Sequence[Incident], inc: Incident, countries: frozenset[str] | None = None
) -> LinkScore:
    """How strongly ``inc`` looks like a report of the event that ``members`` report: the best
    score any member gives it (the report restating a figure is often not the event's first nor
    its latest), unless a condition vetoes it. Scope, dataset rows, type family, dates and a
    side's own dead veto when any member vetoes them (every report of an event must fit); the
    countries veto reads the event's countries, all its reports' (``countries``, by default
    :func:`event_countries`): a border clash reported from Kabul and from Islamabad lies in
    both, so a report placing it in either is not in another country; a report in none of them
    is vetoed unless one of its places is close to one of a member's. The result does not
    depend on the order of ``members``."""
    where = event_countries(members) if countries is None else countries
    scores = [score_link(m, inc, countries=where) for m in members]
    soft = {"countries"}
    if any(telling(c) for m in members for c in _shared_claims(m.claims, inc.claims)):
        # a report restating a telling figure some report of the event gave is not vetoed by an
        # early report's smaller count of a side's own dead (5 soldiers, later 23)
        soft.add("own dead")
    hard = [s for s in scores if s.vetoed and s.veto not in soft]
    if hard:
        return min(hard, key=lambda s: s.reasons)
    lifted = sorted({s.reasons[-1] for s in scores if s.vetoed and s.veto == "own dead"})
    fit = [s for s in scores if not s.vetoed]
    if not fit:  # no report of the event has a place near the report's, in another country
        return min(scores, key=lambda s: s.reasons)
    top = max(fit, key=lambda s: (s.score, s.reasons))
    if lifted:
        top = replace(top, reasons=(*top.reasons, f"not vetoed by {'; '.join(lifted)}: a figure in common"))
    return top


def within_reach(a: Incident, b: Incident) -> bool:
    """One of ``a``'s places is the same as, or within the coarser one's reach of, one of
    ``b``'s (:data:`_REACH`: 80 km of a district, 400 km of a line)."""
    return _place_evidence(told_places(a.event), told_places(b.event))[0] > 0.0


def dates_vetoed(a: Incident, b: Incident) -> bool:
    """The two incidents' dates rule out one incident."""
    return _date_evidence(a, b)[1]
