"""Reconcile many documents into ledger events (``reconciliation.md``).

:func:`reconcile` takes each document's extraction, links its incidents across documents
(:mod:`tolls.reconcile.link`), folds a claim repeated by many outlets into one claim with many
sources, and computes per event, victim group and kind the low / best / high with the claims
behind each figure and the rule that chose it, marking a group ``contested`` when two claimants'
ranges do not overlap, and grades each event with its reasons (:mod:`tolls.reconcile.grade`).
Pure: the store persists what it returns.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tolls.ids import claim_id
from tolls.model import (
    CLAIM_KINDS,
    Claim,
    CodedEvent,
    DateSpan,
    Estimate,
    Extraction,
    InputDocument,
    LedgerEvent,
    MergeDecision,
    Party,
    Place,
    SourcedClaim,
)
from tolls.reconcile.aggregates import period_total, recalled
from tolls.reconcile.estimates import event_fatalities, kind_estimates
from tolls.reconcile.grade import grade_event
from tolls.reconcile.link import (
    EXACT_SPAN_DAYS,
    LINK_THRESHOLD,
    TELLING_FIGURE,
    Incident,
    claim_key,
    dates_vetoed,
    event_countries,
    score_event,
    score_link,
    seats_of_government,
    telling,
    told_places,
    within_reach,
    words_of,
)

__all__ = ["ClaimIdent", "Reconciliation", "reconcile"]

ClaimIdent = Callable[[str, Claim], str]
_PRECISION_ORDER = {"town": 0, "area": 1, "district": 2, "line": 3, "province": 4, "country": 5, None: 6}
_DATE_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


@dataclass(slots=True)
class Reconciliation:
    events: list[LedgerEvent]
    decisions: list[MergeDecision]


def _event_id(doc_id: str, index: int) -> str:
    return "e-" + hashlib.sha1(f"{doc_id}\x1f{index}".encode()).hexdigest()[:16]


def _statement(c: Claim) -> tuple[object, ...]:
    """What makes two claims the same statement: who, what, about whom, which figure."""
    f = c.figure
    return (
        c.claimant.country,
        c.claimant.inter,
        c.claimant.name.lower(),
        c.kind,
        c.victims.country,
        c.victims.inter,
        f.value,
        f.low,
        f.high,
        f.qualifier,
        c.stance,
        c.subset,
    )


_COMPARE_MEMBERS = 6


@dataclass(slots=True)
class _Cluster:
    id: str
    members: list[Incident]
    countries: frozenset[str] = frozenset()
    """Every country its members place it in (:func:`~tolls.reconcile.link.event_countries`),
    kept up to date as members join."""

    by_key: dict[tuple[object, ...], list[Incident]] = field(default_factory=dict)
    """Figure key (:func:`~tolls.reconcile.link.claim_key`) -> the first and latest few members
    giving it, the reports a restatement is scored against beside the event's first and latest."""

    def add(self, inc: Incident) -> None:
        self.members.append(inc)
        self.countries = self.countries | event_countries([inc])  # O(1) per report
        for c in inc.claims:
            if c.figure.value:
                held = self.by_key.setdefault(claim_key(c), [])
                if not held or held[-1] is not inc:
                    held.append(inc)
                    if len(held) > 2 * _COMPARE_MEMBERS:
                        del held[_COMPARE_MEMBERS]  # keep the first and the latest few

    def ends(self) -> list[Incident]:
        """The first member and the latest few: what speaks for the event in a bounded check."""
        return self.members[:1] + self.members[1:][-_COMPARE_MEMBERS:]

    def sample(self, inc: Incident) -> list[Incident]:
        """The members ``inc`` is scored against: the first, the latest few, and the first and
        latest few giving each of its figures; bounded, so linking stays linear in reports."""
        picked = {id(m): m for m in self.ends()}
        for c in inc.claims:
            if c.figure.value:
                picked.update((id(m), m) for m in self.by_key.get(claim_key(c), ()))
        return list(picked.values())


def _incidents(
    doc: InputDocument, x: Extraction, order: int, ident: ClaimIdent, coded: CodedEvent | None = None
) -> list[Incident]:
    out: list[Incident] = []
    base = order * 10_000_000  # coordination keys are offsets in one document: keep them apart
    told: dict[int, list[Claim]] = {}  # sentence -> the claims told in it
    for c in x.claims:
        if c.sentence is not None:
            told.setdefault(c.sentence, []).append(c)
    for i, e in enumerate(x.events):
        # a period's total, or a past incident's toll, recalled in an incident's report is no
        # figure of the incident
        own = [
            c
            for c in x.claims
            if c.event_ref == i
            and not c.prior
            and not (e.scope == "incident" and (period_total(c) or recalled(c, _sentence(c, told), e.dates)))
        ]
        claims = [
            replace(c, coordination=None if c.coordination is None else base + c.coordination) for c in own
        ]
        text = " ".join([doc.title or "", e.summary])
        ids = [ident(doc.id, c) for c in own]
        out.append(Incident(doc.id, i, e, claims, doc.published, words_of(text), ids, coded))
    return out


def _sentence(c: Claim, told: Mapping[int, list[Claim]]) -> list[Claim]:
    """The claims told in ``c``'s sentence (``c`` alone when its sentence is unknown)."""
    return told.get(c.sentence, [c]) if c.sentence is not None else [c]


_BLOCK_DAYS = 14


def _blocks(inc: Incident) -> range:
    """Two-week blocks an incident may share with another: its dates (or, undated, the weeks
    before publication) widened by one block each side. Only clusters in a shared block are
    compared, so linking stays near-linear on a large corpus."""
    span = inc.span
    if span is None:
        end = inc.published or date(1970, 1, 1)
        span = (end - timedelta(days=31), end)
    if (span[1] - span[0]).days > 120:  # a season-long span: its start and end blocks only
        span = (span[0], span[0])
    lo, hi = span[0].toordinal() // _BLOCK_DAYS, span[1].toordinal() // _BLOCK_DAYS
    return range(lo - 1, hi + 2)


def _telling_keys(inc: Incident) -> list[tuple[object, ...]]:
    """The incident's telling figures (:func:`~tolls.reconcile.link.telling`): what happened to
    which side and how many, whoever says it (a restatement often loses its "ISPR said")."""
    return [_figure(c) for c in inc.claims if c.figure.value and telling(c)]


def _link(
    incidents: Sequence[Incident], progress: Callable[[int, int], None] | None = None
) -> tuple[list[_Cluster], list[MergeDecision]]:
    clusters: list[_Cluster] = []
    # block -> the events in it, and telling figure -> the events stating it; each keyed by the
    # cluster's identity, in insertion order (deterministic), so adding one is O(1)
    index: dict[int, dict[int, _Cluster]] = {}
    told: dict[tuple[object, ...], dict[int, _Cluster]] = {}
    # only reports that nothing dates, not even their publication, look figures up
    undated = any(inc.span is None and inc.published is None for inc in incidents)
    decisions: list[MergeDecision] = []
    for inc in incidents:
        best: tuple[float, _Cluster | None, str] = (0.0, None, "no candidate")
        blocks = _blocks(inc)
        candidates = {k: cl for b in blocks for k, cl in index.get(b, {}).items()}
        if inc.span is None and inc.published is None:
            # nothing dates it, not even its publication: no block holds it, so it is compared
            # with the events stating one of its telling figures (a recap restating ISPR's 200)
            for key in _telling_keys(inc):
                candidates.update(told.get(key, {}))
        for cl in candidates.values():
            if inc.coded is not None and _coded(cl):  # a dataset's rows are distinct events
                continue
            # every report of the event speaks for it (link.score_event)
            top = score_event(cl.sample(inc), inc, cl.countries)
            if top.vetoed:
                continue
            if top.score > best[0]:
                best = (top.score, cl, top.reason)
        score, target, reason = best
        if target is not None and score >= LINK_THRESHOLD:
            target.add(inc)
            decisions.append(MergeDecision(inc.doc_id, inc.index, target.id, score, True, reason))
        else:
            target = _Cluster(_event_id(inc.doc_id, inc.index), [])
            target.add(inc)
            clusters.append(target)
            why = (
                f"new event (best candidate {score:.2f} < {LINK_THRESHOLD}: {reason})" if best[1] else reason
            )
            decisions.append(MergeDecision(inc.doc_id, inc.index, target.id, score, False, why))
        for b in blocks:
            index.setdefault(b, {}).setdefault(id(target), target)
        for key in _telling_keys(inc) if undated else ():
            told.setdefault(key, {}).setdefault(id(target), target)
        if progress is not None:
            progress(1, len(incidents))
    return clusters, decisions


_STALE_DAYS = 365


def _background(m: Incident) -> bool:
    """A year-only date, or one ending a year or more before the report's own publication: how
    news dates the past it recalls ("since 2021"), not the incident it reports."""
    d = m.event.dates
    if d.precision == "year":
        return True
    return m.published is not None and d.end is not None and (m.published - d.end).days > _STALE_DAYS


def _firm(members: Sequence[Incident]) -> list[Incident]:
    """The members whose dates are the incident's own, not a background year (see
    :func:`_background`). Used where dates forbid a join: reports restating two or more of an
    event's figures speak of it, whatever year they recall ("the group, formed in 2007", "since
    2021") and their extraction read as the incident's date. Members dated only by background
    years count as undated."""
    return [
        m if not _background(m) else replace(m, event=replace(m.event, dates=DateSpan(None, None, None)))
        for m in members
    ]


def _dates(members: Sequence[Incident]) -> DateSpan:
    """The span most reports give, most precise first. A background date (see :func:`_background`)
    speaks for the event only when at least half its reports give it: two recaps saying "2021"
    among thirty undated reports of a clash do not date the clash (the event stays undated)."""
    dated = [m for m in members if m.event.dates.start is not None]
    votes = Counter((m.event.dates.start, m.event.dates.end) for m in dated)
    usable = [
        m.event.dates
        for m in dated
        if not _background(m) or 2 * votes[(m.event.dates.start, m.event.dates.end)] >= len(members)
    ]
    if not usable:
        return DateSpan(None, None, None)
    core = min(
        usable, key=lambda d: (_DATE_ORDER[d.precision], -votes[(d.start, d.end)], d.start or date.max)
    )
    return _span(core, usable)


def _span(core: DateSpan, dates: Sequence[DateSpan]) -> DateSpan:
    """The event's days: the date most reports give, widened by the day-precise dates of a few
    days that overlap it or touch it (a night clash is "Saturday night" in one report and
    "Sunday" in the statement another quotes: the event is both days, not the more often
    written one). Only dates touching the most given one widen it, so one stray date cannot
    stretch the event by a chain of others."""
    if core.precision != "day" or core.start is None or core.end is None:
        return core
    start, end = core.start, core.end
    texts = [core.text]
    day = timedelta(days=1)
    for d in dates:
        if d.precision != "day" or d.start is None or d.end is None:
            continue
        if (d.end - d.start).days > EXACT_SPAN_DAYS or d.start > core.end + day or d.end < core.start - day:
            continue
        if d.start < start or d.end > end:
            start, end = min(start, d.start), max(end, d.end)
            texts.append(d.text)
    if (start, end) == (core.start, core.end):
        return core
    return DateSpan(start, end, "day", "; ".join(t for t in dict.fromkeys(texts) if t))


def _places(members: Sequence[Incident], etype: str = "", actors: Sequence[Party] = ()) -> list[Place]:
    """The places the reports name, resolved and finest first (in the order reports give them).
    A battle between two states' forces that reports place on a border (:func:`_border_battle`)
    is placed where most of its reports put it, never at either state's capital: "KABUL -" over
    a report or "the spokesman told reporters in Kabul" says where a side speaks, not where its
    forces fought."""
    seen: dict[str, Place] = {}
    for m in members:
        for p in told_places(m.event):
            key = p.name.lower()
            if key not in seen or (seen[key].lat is None and p.lat is not None):
                seen[key] = p
    places = sorted(seen.values(), key=lambda p: (p.lat is None, _PRECISION_ORDER.get(p.precision, 6)))
    parties = _border_battle(etype, actors, places)
    if not parties:
        return places
    seats = {name for code in parties for name in seats_of_government().get(code, ())}
    # how many reports name each place; a border is one line however a report names it ("the
    # Durand Line", "the Afghanistan-Pakistan border")
    named: dict[str, set[str]] = {}
    for m in members:
        for p in told_places(m.event):
            key = "\x00line" if p.precision == "line" else p.name.lower()
            named.setdefault(key, set()).add(m.doc_id)
    votes = {
        p.name.lower(): len(named.get("\x00line" if p.precision == "line" else p.name.lower(), ()))
        for p in places
    }

    def rank(p: Place) -> tuple[bool, bool, bool, int, int]:
        return (
            p.lat is None,
            p.name.lower() in seats,
            p.precision == "country",
            -votes[p.name.lower()],
            _PRECISION_ORDER.get(p.precision, 6),
        )

    return sorted(places, key=rank)


def _border_battle(etype: str, actors: Sequence[Party], places: Sequence[Place]) -> set[str]:
    """The two (or more) states whose forces fight in a battle its reports place on a border (a
    place of line precision) or on both sides of one (places finer than a country in both
    states); empty when the event is not one."""
    if not etype.startswith("Battles"):
        return set()
    states = {a.country for a in actors if a.inter == 1 and a.country}
    if len(states) < 2:
        return set()
    sides = {p.country for p in places if p.lat is not None and p.precision not in ("country", None)}
    if any(p.precision == "line" for p in places) or len(sides & states) >= 2:
        return states
    return set()


def _actors(members: Sequence[Incident]) -> list[Party]:
    seen: dict[tuple[str, str, int | None], Party] = {}
    for m in members:
        for a in m.event.actors:
            seen.setdefault((a.name.lower(), a.country, a.inter), a)
    return list(seen.values())


def _sourced(
    members: Sequence[Incident], copies: Mapping[str, tuple[str, ...]]
) -> tuple[list[SourcedClaim], list[Claim]]:
    """One claim per statement, with every document repeating it (syndicated copies included);
    and the claims to count."""
    by_statement: dict[tuple[object, ...], SourcedClaim] = {}
    counted: list[Claim] = []
    for m in sorted(members, key=lambda m: (m.published or date.max, m.doc_id)):
        docs = (m.doc_id, *copies.get(m.doc_id, ()))
        for c, cid in zip(m.claims, m.ids, strict=True):
            key = _statement(c)
            prev = by_statement.get(key)
            if prev is None:
                by_statement[key] = SourcedClaim(cid, c, m.doc_id, m.published, docs)
                counted.append(c)
            else:
                more = tuple(d for d in docs if d not in prev.sources)
                if more:
                    by_statement[key] = replace(prev, sources=(*prev.sources, *more))
    return sorted(by_statement.values(), key=lambda s: (s.published or date.max, s.doc_id)), counted


def _label(p: Party) -> str:
    return p.name or "unattributed reports"


def _notes(claims: Sequence[SourcedClaim], estimates: Sequence[Estimate]) -> str:
    parts: list[str] = []
    by_id = {s.id: s for s in claims}
    for e in estimates:
        if not e.contested:
            continue
        said = []
        for cid in e.claims:
            c = by_id[cid].claim
            said.append(f"{_label(c.claimant)}: {c.figure.text}")
        who = e.victims.name or e.group
        parts.append(f"Disputed {e.kind} ({who}): " + "; ".join(dict.fromkeys(said)) + ".")
    return " ".join(parts)


def _build(cluster: _Cluster, copies: Mapping[str, tuple[str, ...]], margin: float) -> LedgerEvent:
    members = cluster.members
    first = members[0]
    types = Counter(m.event.type for m in members)
    etype = max(types, key=lambda t: (types[t], -[m.event.type for m in members].index(t)))
    sourced, counted = _sourced(members, copies)
    claim_ids = {id(s.claim): s.id for s in sourced}
    ids = [claim_ids[id(c)] for c in counted]
    estimates = [est for kind in CLAIM_KINDS for est in kind_estimates(counted, kind, ids, margin=margin)]
    fatalities = event_fatalities(counted)
    docs = list(dict.fromkeys(d for m in members for d in (m.doc_id, *copies.get(m.doc_id, ()))))
    scope = first.event.scope
    actors = _actors(members)
    event = LedgerEvent(
        id=cluster.id,
        type=etype,
        dates=_dates(members),
        locations=_places(members, etype, actors),
        actors=actors,
        claims=sourced,
        estimates=estimates,
        documents=docs,
        fatalities=fatalities,
        contested=any(e.contested for e in estimates),
        scope=scope,
        summary=first.event.summary,
        notes=_notes(sourced, estimates),
        coded=next((m.coded for m in members if m.coded is not None), None),
    )
    syndicated = {c for m in members for c in copies.get(m.doc_id, ())}
    event.grade = grade_event(event, syndicated=syndicated)
    return event


def reconcile(
    documents: Iterable[tuple[InputDocument, Extraction]],
    *,
    ident: ClaimIdent = claim_id,
    copies: Mapping[str, tuple[str, ...]] | None = None,
    coded: Mapping[str, CodedEvent] | None = None,
    progress: Callable[[int, int], None] | None = None,
    contested_margin: float = 0.0,
) -> Reconciliation:
    """Link the incidents of ``documents`` into ledger events (publication order, then id).

    ``ident`` names each claim (by default :func:`tolls.ids.claim_id`, as the store does; the
    store passes the ids it holds, which disambiguate identical claims); ``copies`` lists, per document,
    its syndicated copies, which count as further sources of its claims, never as new claims (nor
    as independent sources when grading, :mod:`tolls.reconcile.grade`); ``coded`` the documents
    that are rows of an event dataset: each is its own event, never linked with another row
    (reports may still link to it), and the event keeps the row; ``contested_margin``: how far
    apart two claimants' ranges must be to contest a group
    (:func:`tolls.reconcile.estimates.group_estimates`); ``progress(n, total)`` is told as each
    of the ``total`` incidents is linked (progress bars)."""
    ordered = sorted(
        (pair for pair in documents if pair[1].error is None),
        key=lambda p: (p[0].published or date.max, p[0].id),
    )
    rows = coded or {}
    incidents = [
        inc for n, (doc, x) in enumerate(ordered) for inc in _incidents(doc, x, n, ident, rows.get(doc.id))
    ]
    clusters, decisions = _link(incidents, progress)
    while True:  # a join can make two events share figures neither shared before
        before = len(clusters)
        clusters, decisions = _merge_restating(clusters, decisions)
        if len(clusters) == before:
            break
    return Reconciliation([_build(c, copies or {}, contested_margin) for c in clusters], decisions)


@dataclass(slots=True)
class _Figures:
    """The figures an event's reports state, as restatements are recognised by: ``said`` who says
    what happened to which side and how many (:func:`~tolls.reconcile.link.claim_key`);
    ``stated`` and ``bare`` what happened to which side and how many, said by anyone and by no one
    named. Attribution is often lost in a restatement ("23 soldiers were killed" after "the army
    said 23 of its soldiers were killed"), so a figure with no claimant matches the same figure
    said by anyone; two named claimants match only when on the same side. A small figure with no
    side to it is too common to tell incidents apart (:func:`~tolls.reconcile.link.telling`);
    ``sided`` holds the small figures about a named side that no one named states ("at least 9
    Afghan soldiers"): one alone is a coincidence, but beside a telling figure both reports give
    it singles out the incident too (the Taliban's 9 beside ISPR's 23, restated without either)."""

    said: set[tuple[object, ...]] = field(default_factory=set)
    stated: set[tuple[object, ...]] = field(default_factory=set)
    bare: set[tuple[object, ...]] = field(default_factory=set)
    sided: set[tuple[object, ...]] = field(default_factory=set)

    def add(self, other: _Figures) -> None:
        self.said |= other.said
        self.stated |= other.stated
        self.bare |= other.bare
        self.sided |= other.sided

    def shared(self, other: _Figures) -> int:
        """How many figures the two restate (a bare figure matching either way counts once; a
        small sided one only beside a telling one)."""
        bare = (self.bare & other.stated) | (other.bare & self.stated)
        said = {k for k in self.said & other.said if (k[0], *k[3:]) not in bare}
        n = len(said) + len(bare)
        if n:
            n += len((self.sided & (other.sided | other.stated)) | (other.sided & self.stated))
        return n


def _figure(c: Claim) -> tuple[object, ...]:
    return (c.kind, c.victims.country, c.victims.inter, c.figure.value)


def _keys(cl: _Cluster) -> _Figures:
    out = _Figures()
    for m in cl.members:
        for c in m.claims:
            if not c.figure.value:
                continue
            out.said.add(claim_key(c))
            if telling(c):
                out.stated.add(_figure(c))
                if not (c.claimant.country or c.claimant.inter):
                    out.bare.add(_figure(c))
            elif c.victims.country and c.victims.inter:
                out.sided.add(_figure(c))
    return out


def _coded(cl: _Cluster) -> bool:
    """The event is a dataset's row: it is never joined with another row."""
    return any(m.coded is not None for m in cl.members)


def _dates_clash(a: _Cluster, b: _Cluster) -> bool:
    """The two events' best-known dates rule out one incident."""

    def head(cl: _Cluster) -> Incident:
        m = cl.members[0]
        return replace(m, event=replace(m.event, dates=_dates(_firm(cl.members))))

    return dates_vetoed(head(a), head(b))


def _same_days(a: _Cluster, b: _Cluster) -> bool:
    """The two events' best-known dates are the same few days, each known to the day."""
    da, db = _dates(_firm(a.members)), _dates(_firm(b.members))
    for d in (da, db):
        if d.precision != "day" or d.start is None or d.end is None:
            return False
        if (d.end - d.start).days > EXACT_SPAN_DAYS:
            return False
    assert da.start and da.end and db.start and db.end
    return da.start <= db.end and db.start <= da.end


_JOIN_VETOES = frozenset({"scope", "type", "own dead", "countries"})


def _one_figure_fits(a: _Cluster, b: _Cluster) -> bool:
    """Two events sharing one figure may be one: no report of either vetoes a report of the
    other for its scope, type, countries or a side's own dead
    (:func:`~tolls.reconcile.link.score_link`), and some report of one is placed within reach
    of some report of the other. Dates are read on the events' best-known dates
    (:func:`_same_days`, :func:`_dates_clash`), not pairwise: a recap's loose date would veto
    what the events' own dates allow. Read on the first and latest few reports of each, so the
    check stays bounded."""
    pairs = [(m, n) for m in a.ends() for n in b.ends()]
    if any(score_link(m, n).veto in _JOIN_VETOES for m, n in pairs):
        return False
    return any(within_reach(m, n) for m, n in pairs)


def _joins(a: _Cluster, b: _Cluster, shared: int, own: tuple[_Figures, _Figures]) -> bool:
    """Two events are one when their reports restate two or more of the same figures and no
    dates forbid it, or one figure telling by its size (:data:`TELLING_FIGURE` or more; "2
    soldiers" is said of many incidents) when both are dated to the same days in a common
    country, placed within reach of each other, and no report of either vetoes one of the other
    (:func:`_one_figure_fits`). Two reports of one clash, each side's account, are often first
    taken for two events; a later report restating a figure of each joins one of them, and the
    other is left sharing the one figure it restated (the 58 one side claims), so two figures
    alone split such an event by the order its reports came in. The one figure is read in the
    two events' own reports (``own``), not in reports joined to them since, so one event never
    bridges two others through two small figures."""
    if shared < 1 or (_coded(a) and _coded(b)):
        return False
    if shared < 2:
        big = {f for f in own[0].stated & own[1].stated if isinstance(f[3], int) and f[3] >= TELLING_FIGURE}
        if not big or not _same_days(a, b):
            return False
        ca, cb = a.countries, b.countries
        if (ca and cb and not ca & cb) or not _one_figure_fits(a, b):
            return False
    return not _dates_clash(a, b)


def _merge_restating(
    clusters: list[_Cluster], decisions: list[MergeDecision]
) -> tuple[list[_Cluster], list[MergeDecision]]:
    """Join events whose reports, taken together, restate two or more of the same figures
    (typing may have split them: a recap read as a riot), when no dates forbid it
    (:class:`_Figures`)."""
    merged_into: dict[str, tuple[str, str]] = {}
    kept: list[_Cluster] = []
    rank: dict[str, int] = {}  # an event's place in ``kept``: candidates are tried in that order
    keys_of: dict[str, _Figures] = {}
    own: dict[str, _Figures] = {}  # an event's figures before any other joined it
    by_key: dict[tuple[object, ...], list[_Cluster]] = {}
    for cl in clusters:
        keys = _keys(cl)
        # ``keys`` are sets of tuples of strings: their order changes with the hash seed, so the
        # candidates are put in the events' own order before one is chosen (the earliest event
        # sharing the most figures), or a recap restating two events' figures joins either
        found = {k.id: k for key in keys.said | keys.stated for k in by_key.get(key, ())}
        shared = {i: keys.shared(keys_of[i]) for i in found}
        target = next(
            (
                k
                for k in sorted(found.values(), key=lambda k: (-shared[k.id], rank[k.id]))
                if _joins(k, cl, shared[k.id], (own[k.id], keys))
            ),
            None,
        )
        if target is None:
            rank[cl.id] = len(kept)
            kept.append(cl)
            target, n = cl, 0
            keys_of[cl.id] = _Figures()
            own[cl.id] = keys
        else:
            n = keys.shared(keys_of[target.id])
            for m in cl.members:
                target.add(m)  # its countries and figure index too
            merged_into[cl.id] = (target.id, f"joined {target.id}: the reports share {n} figures")
        keys_of[target.id].add(keys)
        for key in keys.said | keys.stated:
            if target not in by_key.setdefault(key, []):
                by_key[key].append(target)
    out = []
    for d in decisions:
        if d.event_id in merged_into:
            new_id, why = merged_into[d.event_id]
            d = replace(d, event_id=new_id, linked=True, reason=f"{d.reason}; {why}")
        out.append(d)
    return kept, out
