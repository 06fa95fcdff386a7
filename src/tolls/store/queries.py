"""Read queries for the web API and dashboard: filtered, paged lists of events, claims,
documents, actors and places.

Every filter is a bound parameter (``LIKE`` patterns are escaped); list filters use the events'
search columns (``lat``, ``lon``, see :func:`tolls.store.models.search_keys`), the word-starts
of their place and actor names (``event_names``) and indexes, so a page of a 100,000-event ledger costs a
few milliseconds. Results are frozen records, never ORM rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    exists,
    false,
    func,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import False_

from tolls.errors import ErrorCode, NotFound
from tolls.model import DateSpan, Estimate, EventGrade, Fatalities, GradeName, Party, Place
from tolls.store.claims import stored_claims
from tolls.store.convert import (
    dates_from_row,
    estimate_from_row,
    fatalities_from_row,
    grade_from_row,
    parties_from_json,
    place_from_json,
)
from tolls.store.documents import stored_document
from tolls.store.models import (
    LIVE_EVENT_CONDITION,
    ClaimRow,
    DocumentRow,
    EventClaimRow,
    EventDocumentRow,
    EventNameRow,
    EventRow,
    name_prefix,
)
from tolls.store.records import EventStatus, StoredClaim, StoredDocument
from tolls.store.search import PG_TSVECTOR, fts5_query

__all__ = [
    "LIVE_STATUSES",
    "TEXT_COUNT_LIMIT",
    "ActorCount",
    "EventDetail",
    "EventFilter",
    "EventSort",
    "EventSummary",
    "Page",
    "PlaceCount",
    "event_ids_matching",
    "event_summaries",
    "get_event_detail",
    "list_actors",
    "list_claims",
    "list_documents",
    "list_events",
    "list_places",
]

T = TypeVar("T")
EventSort = Literal["date", "-date", "fatalities", "-fatalities"]
LIVE_STATUSES: tuple[EventStatus, ...] = ("proposed", "accepted")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its items and the number of matches over all pages.

    ``total_exact`` is false when counting stopped early (a text search matching more than
    :data:`TEXT_COUNT_LIMIT` events): more than ``total`` items match then."""

    items: list[T]
    total: int
    limit: int
    offset: int
    total_exact: bool = True


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to keep. ``None`` means no condition; all given conditions must hold.

    - ``start``/``end``: the event's date range overlaps ``[start, end]`` (undated events drop out;
      a range that ends before it starts holds nothing).
    - ``bbox``: ``(min_lon, min_lat, max_lon, max_lat)`` on the event's first located place; a
      box whose ``min_lon > max_lon`` crosses the antimeridian.
    - ``place``, ``actor``: case-insensitive start of any word of a place name, or of an actor's
      name or ISO3 country, words in order ("kab" finds Kabul, "boldak" and "spin bol" find
      Spin Boldak, "taliban" finds Tehrik-i-Taliban, "afg" finds AFG and the Afghan Taliban;
      "bul" finds nothing).
    - ``country``: ISO3 of where it happened (the first located place's country).
    - ``type``: an ACLED event type ("Battles"), sub-event type ("Armed clash") or both
      ("Battles/Armed clash").
    - ``grade``: any of these grades (``docs/grades.md``).
    - ``status``: default proposed and accepted (rejected and merged-away events are hidden).
    - ``q``: full-text query over the event's documents.
    """

    start: date | None = None
    end: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    place: str | None = None
    actor: str | None = None
    type: str | None = None
    contested: bool | None = None
    status: tuple[EventStatus, ...] | None = None
    q: str | None = None
    country: str | None = None
    grade: tuple[GradeName, ...] | None = None


@dataclass(frozen=True, slots=True)
class EventSummary:
    """A ledger event as a list shows it."""

    id: str
    type: str
    dates: DateSpan
    location: Place | None
    locations: list[Place]
    actors: list[Party]
    fatalities: Fatalities | None
    contested: bool
    status: str
    reviewed: bool
    version: int
    documents: int
    claims: int
    scope: str
    summary: str
    notes: str
    grade: EventGrade


@dataclass(frozen=True, slots=True)
class ActorCount:
    name: str
    country: str
    inter: int | None
    events: int


@dataclass(frozen=True, slots=True)
class PlaceCount:
    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str | None
    events: int


_DENSE_NAMES = 2_000
"""Above this many matching names, a page walks the newest-first index instead of reading and
sorting every matching event. Whole list requests on 100,000 events, with ``ix_events_live_id``
(2026-12-04): 130-480 names 3-5 ms by id, 10-19 ms walked; 1,300 names 7 vs 8 ms; 4,900-7,400
names 23 ms by id, 16-19 ms walked; above 10,000 it depends on where the matches lie (28 vs
52 ms, 22 vs 22 ms)."""


def _filter_names(f: EventFilter) -> list[tuple[str, str]]:
    """The filter's name conditions as ``(kind, value)``: place, then actor, those given."""
    return [(kind, value) for kind, value in (("place", f.place), ("actor", f.actor)) if value]


def _name_range(kind: str, prefix: str) -> Select[Any]:
    """Ids of events one of whose ``kind`` names has a word starting with ``prefix`` (as
    :func:`~tolls.store.models.name_prefix` gives it): one range of an ``event_names`` index."""
    return select(EventNameRow.event_id).where(
        EventNameRow.kind == kind, EventNameRow.word >= prefix, EventNameRow.word < prefix + "\U0010ffff"
    )


def _named(session: Session, kind: str, value: str, *, page: bool) -> tuple[ColumnElement[bool], bool]:
    """Events one of whose ``kind`` names has a word starting with ``value``: one range of the
    ``event_names`` primary key (byte order on both backends). Counting reads the events by
    id. A page does too when few names match (counted from that index alone); when many do,
    it walks the list's own newest-first index and keeps the events in the set, stopping at
    the page's end. Returns the condition and whether it is that walk."""
    if not value.strip():
        return true(), False
    prefix = name_prefix(value)
    if not prefix:  # punctuation alone names nothing
        return false(), False
    words = _name_range(kind, prefix)
    dense = page and (session.scalar(select(func.count()).select_from(words.subquery())) or 0) > _DENSE_NAMES
    # ``id || ''`` is the same value, but no index on ``id`` can serve it (both backends)
    return (EventRow.id.concat("") if dense else EventRow.id).in_(words), dense


def _count_live_named(session: Session, kind: str, value: str) -> int:
    """The live events one of whose ``kind`` names has a word starting with ``value``, counted
    from ``ix_event_names_live`` alone (each name carries its event's status, migration 0008)."""
    named = _name_range(kind, name_prefix(value)).where(EventNameRow.live == true())
    return int(session.scalar(select(func.count()).select_from(named.distinct().subquery())) or 0)


TEXT_COUNT_LIMIT = 1_000
"""A text search counts the events it matches up to this many, then says "more than" (as search
engines do; ``Page.total_exact``). Counting reads each matching document's links and checks
its event: on the 100,000-event benchmark ledger (2026-12-04), all 74,000 live events behind
a word in 107,000 of its 166,000 documents take 70 ms, the first 10,000 15 ms, the first 1,000
1-3 ms (the other filtered lists' whole requests take 10-20 ms)."""

_SAMPLE = 4_000
"""How many of the newest documents a text search looks at to estimate how common its words are
(one bounded read of the text index, under a millisecond)."""

_COMMON = 0.12
"""Above this share of the sampled documents matching, a walk probes the text index per document
of each event it passes instead of gathering every matching document first (:func:`_text_search`)."""

_FTS = table("documents_fts", column("rowid"))
_DOCUMENTS_BY_EVENT = "INDEXED BY ix_event_documents_event_id_document_pk"
"""An event's documents with their ``document_pk`` from one index (SQLite would take the
primary key's and read each link's row for it)."""


@dataclass(frozen=True, slots=True)
class _Text:
    """A text search's parts: the links of the matching documents, streamed from the text index
    (``event_id`` of each), and how to build a per-event test for walks of the list's order."""

    links: Select[Any]
    matches: Callable[[], ColumnElement[bool]]


def _text_search(session: Session, query: str) -> _Text | None:
    """The parts of a full-text search over the events' documents; ``None`` when the query has
    no searchable word (it then matches nothing).

    On SQLite the per-event test takes one of two forms by how common the words are among the
    newest :data:`_SAMPLE` documents: membership in the set of matching documents, read from the
    index once per request (``+ 0`` keeps SQLite from driving the test from the set, which reads
    all of it per event); or, for words in more than :data:`_COMMON` of them, a probe of the
    index per document (``rowid =`` with ``MATCH``), as a page then walks few events. The
    estimate only picks the faster form; both give the same events. Whole calls on the
    100,000-event benchmark ledger with its text index merged (:func:`compact_search_index`,
    2026-12-04), set against probed: a word in 3,000 of its 166,000 documents 9.3 vs 75 ms, in
    5,700 8.0 vs 16.6 ms, two words together in 20,500 10.9 vs 10.9 ms, a word in 24,000
    8.2 vs 7.5 ms, in 107,000 18.8 vs 5.4 ms."""
    if session.get_bind().dialect.name == "sqlite":
        fts5 = fts5_query(query)
        if not fts5:
            return None
        match: ColumnElement[bool] = text("documents_fts MATCH :q").bindparams(q=fts5)  # type: ignore[assignment]
        # ``document_pk`` is the index's rowid beside each link: no detour through ``documents``
        links = (
            select(EventDocumentRow.event_id)
            .select_from(_FTS)
            .join(EventDocumentRow, EventDocumentRow.document_pk == _FTS.c.rowid)
            .where(match)
        )
        documents = select(_FTS.c.rowid).where(match)
        pk = EventDocumentRow.document_pk

        def matches() -> ColumnElement[bool]:
            found = (
                exists(select(_FTS.c.rowid).where(match, _FTS.c.rowid == pk))
                if _share_matching(session, documents) > _COMMON
                else (pk + 0).in_(documents)
            )
            own = select(EventDocumentRow.event_id).where(EventDocumentRow.event_id == EventRow.id, found)
            return exists(own.with_hint(EventDocumentRow.__table__, _DOCUMENTS_BY_EVENT, "sqlite"))

    else:
        if not any(ch.isalnum() for ch in query):
            return None
        tsv = PG_TSVECTOR.replace("d.", "documents.")
        tsq: ColumnElement[bool] = text(f"{tsv} @@ websearch_to_tsquery('english', :q)").bindparams(q=query)  # type: ignore[assignment]
        links = (
            select(EventDocumentRow.event_id)
            .select_from(DocumentRow)
            .join(EventDocumentRow, EventDocumentRow.document_id == DocumentRow.id)
            .where(tsq)
        )

        def matches() -> ColumnElement[bool]:
            return exists(
                select(EventDocumentRow.event_id)
                .join(DocumentRow, DocumentRow.id == EventDocumentRow.document_id)
                .where(EventDocumentRow.event_id == EventRow.id, tsq)
            )

    return _Text(links, matches)


def _share_matching(session: Session, documents: Select[Any]) -> float:
    """The share of the newest :data:`_SAMPLE` documents among ``documents`` (SQLite rowids),
    read in one statement."""
    newest = select(func.max(DocumentRow.pk)).scalar_subquery()
    hits = select(func.count()).select_from(documents.where(_FTS.c.rowid > newest - _SAMPLE).subquery())
    row = session.connection().execute(select(newest, hits.scalar_subquery())).one()
    return (row[1] or 0) / max(min(row[0] or 0, _SAMPLE), 1)


def _count_upto(session: Session, stmt: Select[Any], limit: int) -> int:
    """The number of rows ``stmt`` gives, counted up to ``limit + 1``."""
    counted = select(func.count()).select_from(stmt.limit(limit + 1).subquery())
    return int(session.connection().scalar(counted) or 0)


_LIVE = text("events." + LIVE_EVENT_CONDITION)
"""The default status condition, written as the live-event indexes' predicate so they apply."""


def _status(statuses: tuple[EventStatus, ...] | None) -> ColumnElement[bool]:
    if statuses is None or set(statuses) == set(LIVE_STATUSES):
        return _LIVE  # type: ignore[return-value]
    return EventRow.status.in_(list(statuses))


def _type_condition(column: Any, value: str) -> ColumnElement[bool]:
    t = value.strip()
    bare = t.replace("%", "").replace("_", "\\_")
    return or_(
        column == t,
        column.like(bare + "/%", escape="\\"),
        column.like("%/" + bare, escape="\\"),
    )


@lru_cache(maxsize=256)
def _types_matching(value: str) -> Select[Any]:
    """The distinct event types the ``type`` filter matches, as a subquery.

    The ledger has a few dozen types, so they are enumerated with a skip scan of
    ``ix_events_type`` (one index probe per type) and matched there; the events are then found
    by equality on ``ix_events_live_type`` instead of a ``LIKE '%/...'`` on every row.
    """
    inner = EventRow.__table__.alias("later")
    types = select(func.min(EventRow.type).label("v")).cte("event_types", recursive=True)
    following = select(func.min(inner.c.type)).where(inner.c.type > types.c.v).scalar_subquery().label("v")
    types = types.union_all(select(following).where(types.c.v.is_not(None)))
    return select(types.c.v).where(types.c.v.is_not(None), _type_condition(types.c.v, value))


def _earliest_start(session: Session, start: date) -> date | None:
    """The earliest first day an event lasting into ``start`` can have: ``start`` less the
    longest event's ``date_days`` (one probe of its index). This closes the date filter's range
    on ``date_start`` from below; the overlap itself is still checked on each event."""
    longest = int(session.scalar(select(func.max(EventRow.date_days))) or 0)
    return start - timedelta(days=longest) if longest < (start - date.min).days else None


def _conditions(session: Session, f: EventFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions, all but the name filters (:func:`_name_conditions`) and
    the text search (:func:`_text_search`)."""
    cond: list[ColumnElement[bool]] = [_status(f.status)]
    if f.start is not None and f.end is not None and f.start > f.end:
        cond.append(false())  # a range that ends before it starts holds nothing
    if f.start is not None:
        cond.append(func.coalesce(EventRow.date_end, EventRow.date_start) >= f.start)
        earliest = _earliest_start(session, f.start)
        if earliest is not None:
            cond.append(EventRow.date_start >= earliest)
    if f.end is not None:
        cond.append(EventRow.date_start <= f.end)
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        cond.append(EventRow.lat.between(min_lat, max_lat))
        if min_lon <= max_lon:
            cond.append(EventRow.lon.between(min_lon, max_lon))
        else:
            cond.append(or_(EventRow.lon >= min_lon, EventRow.lon <= max_lon))
    if f.country:
        cond.append(EventRow.country == f.country.upper())
    if f.type:
        cond.append(EventRow.type.in_(_types_matching(f.type)))
    if f.contested is not None:
        cond.append(EventRow.contested.is_(f.contested))
    if f.grade:
        cond.append(EventRow.grade.in_(list(f.grade)))
    return cond


def _name_conditions(
    session: Session, f: EventFilter, *, page: bool
) -> list[tuple[ColumnElement[bool], bool]]:
    """The place and actor filters as SQL conditions, each with whether it walks the
    newest-first index; ``page``: for reading a page's ids in list order rather than for
    counting (see :func:`_named`)."""
    return [_named(session, kind, value, page=page) for kind, value in _filter_names(f)]


def _order(sort: EventSort) -> list[Any]:
    if sort == "date":
        return [EventRow.date_start.asc().nulls_last(), EventRow.id.asc()]
    if sort == "fatalities":
        return [EventRow.fatalities_best.asc().nulls_last(), EventRow.id.asc()]
    if sort == "-fatalities":
        return [EventRow.fatalities_best.desc().nulls_last(), EventRow.id.asc()]
    return [EventRow.date_start.desc().nulls_last(), EventRow.id.desc()]


_SUMMARY_COLUMNS = (
    "id",
    "type",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "locations",
    "actors",
    "has_fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "contested",
    "status",
    "reviewed",
    "version",
    "scope",
    "summary",
    "notes",
    "grade",
    "grade_reasons",
    "grade_by",
)


def _summary_select() -> Select[Any]:
    """The columns a summary shows, with its claim and document counts as correlated
    subqueries (one primary-key range each), read as plain rows: no ORM objects are built."""
    table = EventRow.__table__
    claims = (
        select(func.count()).where(EventClaimRow.event_id == table.c.id).correlate(table).scalar_subquery()
    )
    docs = (
        select(func.count()).where(EventDocumentRow.event_id == table.c.id).correlate(table).scalar_subquery()
    )
    return select(
        *(table.c[name] for name in _SUMMARY_COLUMNS), claims.label("n_claims"), docs.label("n_documents")
    )


def _summary(r: Any) -> EventSummary:
    """A summary from a row of :func:`_summary_select`."""
    places = [place_from_json(d) for d in r.locations]
    located = next((p for p in places if p.lat is not None and p.lon is not None), None)
    return EventSummary(
        id=r.id,
        type=r.type,
        dates=dates_from_row(r),
        location=located or (places[0] if places else None),
        locations=places,
        actors=parties_from_json(r.actors),
        fatalities=fatalities_from_row(r),
        contested=r.contested,
        status=r.status,
        reviewed=r.reviewed,
        version=r.version,
        documents=int(r.n_documents),
        claims=int(r.n_claims),
        scope=r.scope,
        summary=r.summary,
        notes=r.notes,
        grade=grade_from_row(r),
    )


def event_summaries(session: Session, ids: Sequence[str]) -> list[EventSummary]:
    """Summaries of the events with these ids, in the order given (unknown ids left out)."""
    if not ids:
        return []
    stmt = _summary_select().where(EventRow.id.in_(list(ids)))
    rows = {r.id: r for r in session.connection().execute(stmt)}
    return [_summary(rows[i]) for i in ids if i in rows]


_LIVE_BY_ID = "INDEXED BY ix_events_live_id"
_LIVE_BY_FATALITIES = "INDEXED BY ix_events_live_fatalities"
_SORT_WALK = 5_000
"""From this many matches on, a deadliest-first page walks ``ix_events_live_fatalities`` (live
events in that order, migration 0009) and stops after its rows, instead of sorting them all:
``type=Battles`` (29,000 matches) 0.1 ms against 4.9 ms (2026-12-04). Fewer matches are
sorted: the walk would pass more than 20 other events per match on 100,000."""


def _picks_by_id(session: Session, f: EventFilter) -> Callable[[Select[Any]], Select[Any]]:
    """How to read events that a name or text filter picks by id: on SQLite, from
    ``ix_events_live_id`` (status, date and the other filter columns beside each id). SQLite has
    no statistics to prefer it over the bare primary-key index, which sends every pick to its
    row; PostgreSQL chooses by itself. Other filters, or other statuses, are left as they are."""
    live = f.status is None or set(f.status) == set(LIVE_STATUSES)
    picks = f.place or f.actor or f.q is not None
    if not (live and picks) or session.get_bind().dialect.name != "sqlite":
        return lambda stmt: stmt
    return lambda stmt: stmt.with_hint(EventRow.__table__, _LIVE_BY_ID, "sqlite")


def event_ids_matching(session: Session, f: EventFilter) -> Select[Any]:
    """The ids of the events matching ``f`` (all its conditions, the text search too), as a
    subquery for other lists to filter by (the change log, :mod:`tolls.store.changes`)."""
    common = _conditions(session, f)
    names = [c for c, _ in _name_conditions(session, f, page=False)]
    stmt = select(EventRow.id).where(*common, *names)
    if f.q is not None:
        search = _text_search(session, f.q)
        if search is None:
            return select(EventRow.id).where(false())
        stmt = stmt.where(EventRow.id.in_(search.links))
    return stmt


def list_events(
    session: Session,
    f: EventFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: EventSort = "-date",
) -> Page[EventSummary]:
    """One page of ledger events matching ``f``, newest first by default. A text search counts
    up to :data:`TEXT_COUNT_LIMIT` events (``total_exact`` says whether it stopped there)."""
    f = f or EventFilter()
    common = _conditions(session, f)
    names = [c for c, _ in _name_conditions(session, f, page=False)]
    search = _text_search(session, f.q) if f.q is not None else None
    if (f.q is not None and search is None) or any(isinstance(c, False_) for c in common + names):
        return Page([], 0, limit, offset)  # e.g. a name of punctuation alone
    by_id = _picks_by_id(session, f)
    exact = True
    lone = _filter_names(f)
    if search is None and len(lone) == 1 and lone[0][1].strip() and len(common) == 1 and common[0] is _LIVE:
        cond = and_(*common, *names)  # one name filter on live events: counted from the names
        total = _count_live_named(session, *lone[0])
    elif search is None:
        cond = and_(*common, *names)
        total = int(session.scalar(by_id(select(func.count()).select_from(EventRow).where(cond))) or 0)
    else:
        # the matching documents' events, streamed from the text index and counted until the limit
        hits = (
            search.links.join(EventRow, EventRow.id == EventDocumentRow.event_id)
            .with_only_columns(EventRow.id)
            .where(*common, *names)
            .distinct()
        )
        total = _count_upto(session, by_id(hits), TEXT_COUNT_LIMIT)
        if total > TEXT_COUNT_LIMIT:
            total, exact = TEXT_COUNT_LIMIT, False
        cond = and_(*common, *names, EventRow.id.in_(search.links))
    # The page's ids first, then its rows: the ids come from an index alone (the live-event
    # indexes carry every filter and sort column), so only the rows shown are ever read.
    in_order, ids = cond, by_id(select(EventRow.id))
    picks = _name_conditions(session, f, page=True)
    # a text search's matches are read by id when they were all counted, else walked
    dense = [d for _, d in picks] + ([not exact] if search is not None else [])
    if dense and all(dense):  # every pick is large: walk the list's order and test each event
        text_test = [search.matches()] if search is not None else []
        in_order, ids = and_(*common, *(c for c, _ in picks), *text_test), select(EventRow.id)
    elif (
        sort == "-fatalities"
        and not dense
        and total >= _SORT_WALK
        and common[0] is _LIVE
        and session.get_bind().dialect.name == "sqlite"
    ):  # SQLite has no statistics to prefer the walk; PostgreSQL chooses by itself
        ids = select(EventRow.id).with_hint(EventRow.__table__, _LIVE_BY_FATALITIES, "sqlite")
    ids = ids.where(in_order).order_by(*_order(sort)).limit(limit).offset(offset)
    # plain rows from the connection: the ORM's result layer costs 0.6 ms a page and adds nothing
    rows = session.connection().execute(_summary_select().where(EventRow.id.in_(ids)).order_by(*_order(sort)))
    return Page([_summary(r) for r in rows], total, limit, offset, exact)


def list_claims(
    session: Session,
    *,
    event: str | None = None,
    document: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[StoredClaim]:
    """One page of claims (with review state, event, publication date and repeating sources),
    in document then span order."""
    stmt = select(ClaimRow).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
    if event is not None:
        stmt = stmt.join(EventClaimRow, EventClaimRow.claim_id == ClaimRow.id).where(
            EventClaimRow.event_id == event
        )
    if document is not None:
        stmt = stmt.where(ClaimRow.document_id == document)
    if status is not None:
        stmt = stmt.where(ClaimRow.status == status)
    if kind is not None:
        stmt = stmt.where(ClaimRow.kind == kind)
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    order: list[Any] = [
        DocumentRow.published.asc().nulls_last(),
        ClaimRow.document_id,
        ClaimRow.span_start,
        ClaimRow.id,
    ]
    rows = list(session.scalars(stmt.order_by(*order).limit(limit).offset(offset)))
    return Page(stored_claims(session, rows), total, limit, offset)


def list_documents(
    session: Session, *, ids: Sequence[str] | None = None, limit: int = 50, offset: int = 0
) -> Page[StoredDocument]:
    """One page of documents (bookkeeping, no text), newest publication first; ``ids`` keeps
    only those (in that order)."""
    stmt = select(DocumentRow)
    if ids is not None:
        stmt = stmt.where(DocumentRow.id.in_(list(ids)))
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    order: list[Any] = [DocumentRow.published.desc().nulls_last(), DocumentRow.pk.desc()]
    rows = list(session.scalars(stmt.order_by(*order).limit(limit).offset(offset)))
    if ids is not None:
        position = {d: i for i, d in enumerate(ids)}
        rows.sort(key=lambda r: position.get(r.id, len(position)))
    return Page([stored_document(r) for r in rows], total, limit, offset)


def _live_json(session: Session, column: Any) -> list[list[Any]]:
    values: list[Any] = list(session.scalars(select(column).where(EventRow.status.in_(LIVE_STATUSES))))
    return [list(v or []) for v in values]


def list_actors(session: Session, *, limit: int = 50, offset: int = 0) -> Page[ActorCount]:
    """Actors of live events with the number of events each takes part in, most first."""
    seen: Counter[tuple[str, str, int | None]] = Counter()
    for actors in _live_json(session, EventRow.actors):
        for key in {(str(a.get("name", "")), str(a.get("country", "")), a.get("inter")) for a in actors}:
            seen[key] += 1
    # a total order: the same name and country may come with two inter codes (None among them)
    ranked = sorted(
        seen.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1], kv[0][2] is None, kv[0][2] or 0)
    )
    items = [ActorCount(n, c, i, k) for (n, c, i), k in ranked[offset : offset + limit]]
    return Page(items, len(ranked), limit, offset)


def list_places(session: Session, *, limit: int = 50, offset: int = 0) -> Page[PlaceCount]:
    """Places of live events with the number of events at each, most first."""
    seen: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], dict[str, Any]] = {}
    for places in _live_json(session, EventRow.locations):
        for p in places:
            key = (str(p.get("name", "")), str(p.get("country", "")))
            where.setdefault(key, p)
        for key in {(str(p.get("name", "")), str(p.get("country", ""))) for p in places}:
            seen[key] += 1
    ranked = sorted(seen.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    items = [
        PlaceCount(
            n, c, where[(n, c)].get("lat"), where[(n, c)].get("lon"), where[(n, c)].get("precision"), k
        )
        for (n, c), k in ranked[offset : offset + limit]
    ]
    return Page(items, len(ranked), limit, offset)


@dataclass(frozen=True, slots=True)
class EventDetail:
    """A ledger event with everything its page shows: estimates, every claim (rejected ones
    too, with their status) and the source documents."""

    summary: EventSummary
    estimates: list[Estimate]
    claims: list[StoredClaim]
    documents: list[StoredDocument]
    merged_into: str | None


def get_event_detail(session: Session, event_id: str) -> EventDetail:
    """One ledger event, whatever its status. Raises :class:`~tolls.errors.NotFound` (E404)."""
    row = session.scalar(
        select(EventRow)
        .where(EventRow.id == event_id)
        .options(selectinload(EventRow.estimates), selectinload(EventRow.document_links))
    )
    if row is None:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    claim_rows = list(
        session.scalars(
            select(ClaimRow)
            .join(EventClaimRow, EventClaimRow.claim_id == ClaimRow.id)
            .where(EventClaimRow.event_id == event_id)
            .order_by(EventClaimRow.position, ClaimRow.id)
        )
    )
    doc_ids = [d.document_id for d in sorted(row.document_links, key=lambda d: d.position)]
    return EventDetail(
        summary=event_summaries(session, [row.id])[0],
        estimates=[estimate_from_row(e) for e in row.estimates],
        claims=stored_claims(session, claim_rows),
        documents=list_documents(session, ids=doc_ids, limit=max(len(doc_ids), 1)).items,
        merged_into=row.merged_into,
    )
