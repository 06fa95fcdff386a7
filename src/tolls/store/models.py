"""The ledger's tables as typed SQLAlchemy declarative classes (house style: ORM rows by role).

These classes never leave :mod:`tolls.store`: the core functions convert them to the domain
dataclasses of :mod:`tolls.model` or to the small records of :mod:`tolls.store.records`.

The schema is owned by Alembic (``tolls/store/migrations``); a test checks that the migrated
schema and this metadata agree on SQLite and PostgreSQL. Constraint names come from
:data:`NAMING_CONVENTION`, so they are identical on both backends. Full-text search objects
(the SQLite FTS5 table and its triggers, the PostgreSQL GIN index) are backend-specific and
live only in the migrations; see :mod:`tolls.store.search`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    delete,
    event,
    insert,
    inspect,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

__all__ = [
    "LIVE_EVENT_CONDITION",
    "NAME_WORD_CHARS",
    "NAMING_CONVENTION",
    "Base",
    "ChangeRow",
    "ClaimRow",
    "DocEventRow",
    "DocumentRow",
    "EstimateRow",
    "EventClaimRow",
    "EventDocumentRow",
    "EventNameRow",
    "EventRow",
    "ExtractionLeaseRow",
    "IngestProblemRow",
    "MergeDecisionRow",
    "TokenRow",
    "UserRow",
    "VersionRow",
    "WatchItemRow",
    "WatchRunRow",
    "WatchSourceRow",
    "WebSessionRow",
    "WebhookDeliveryRow",
    "date_days",
    "event_name_rows",
    "name_prefix",
    "name_words",
    "search_keys",
    "utcnow",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

DOCUMENT_STATUSES = ("pending", "extracted", "failed", "syndicated")
CLAIM_STATUSES = ("extracted", "accepted", "corrected", "rejected")
EVENT_STATUSES = ("proposed", "accepted", "rejected", "merged")
ROLES = ("viewer", "analyst", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class DocumentRow(Base):
    """One ingested document. ``pk`` is an integer rowid for full-text search; ``id`` is the
    stable document id every other table refers to."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(_in("status", DOCUMENT_STATUSES), name="status"),
        # One original per text: syndicated copies share the hash and point at it.
        Index(
            "uq_documents_content_hash_original",
            "content_hash",
            unique=True,
            sqlite_where=text("canonical_id IS NULL"),
            postgresql_where=text("canonical_id IS NULL"),
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(Text)
    locator: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(16), default="text")
    url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    canonical_id: Mapped[str | None] = mapped_column(
        Text, ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    error_code: Mapped[str | None] = mapped_column(String(8))
    error_message: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    extracted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    external_id: Mapped[str | None] = mapped_column(Text, index=True)
    """The row's own id when the document is a row of an event dataset (ACLED ``event_id_cnty``)."""
    coded: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """That row as the dataset coded it (:func:`tolls.store.convert.coded_to_json`)."""


class ExtractionLeaseRow(Base):
    """A document claimed for extraction by one running ingest (issue 18): no other run extracts
    it until ``expires_at``, or until the owner is seen to be dead (see :mod:`tolls.store.leases`).
    Saving the document's results, or the owner ending, removes the row."""

    __tablename__ = "extraction_leases"

    document_id: Mapped[str] = mapped_column(
        Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    owner: Mapped[str] = mapped_column(Text, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IngestProblemRow(Base):
    """A source item that could not be read (kept so nothing is lost silently)."""

    __tablename__ = "ingest_problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    locator: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text)
    run_id: Mapped[str | None] = mapped_column(Text, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocEventRow(Base):
    """One incident as a single document describes it (an :class:`tolls.model.Event`)."""

    __tablename__ = "doc_events"

    document_id: Mapped[str] = mapped_column(
        Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(Text)
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str] = mapped_column(Text, default="")
    date_span_start: Mapped[int | None] = mapped_column(Integer)
    date_span_end: Mapped[int | None] = mapped_column(Integer)
    locations: Mapped[list[Any]] = mapped_column(default=list)
    actors: Mapped[list[Any]] = mapped_column(default=list)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    has_fatalities: Mapped[bool] = mapped_column(Boolean, default=False)
    scope: Mapped[str] = mapped_column(String(16), default="incident")
    summary: Mapped[str] = mapped_column(Text, default="")
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class ClaimRow(Base):
    """One claim read in one document, at one character span. ``version`` counts its edits
    (optimistic locking: a concurrent edit raises instead of being lost)."""

    __tablename__ = "claims"
    __table_args__ = (CheckConstraint(_in("status", CLAIM_STATUSES), name="status"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[str] = mapped_column(Text, ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    doc_event: Mapped[int | None] = mapped_column(Integer)
    claimant_name: Mapped[str] = mapped_column(Text, default="")
    claimant_country: Mapped[str] = mapped_column(String(3), default="")
    claimant_inter: Mapped[int | None] = mapped_column(Integer)
    claimant_start: Mapped[int | None] = mapped_column(Integer)
    claimant_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    victims_name: Mapped[str] = mapped_column(Text, default="")
    victims_country: Mapped[str] = mapped_column(String(3), default="")
    victims_inter: Mapped[int | None] = mapped_column(Integer)
    victims_start: Mapped[int | None] = mapped_column(Integer)
    victims_end: Mapped[int | None] = mapped_column(Integer)
    figure_text: Mapped[str] = mapped_column(Text)
    figure_value: Mapped[int | None] = mapped_column(Integer)
    figure_low: Mapped[int | None] = mapped_column(Integer)
    figure_high: Mapped[int | None] = mapped_column(Integer)
    figure_qualifier: Mapped[str] = mapped_column(String(16))
    stance: Mapped[str] = mapped_column(String(16), default="asserted")
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[int | None] = mapped_column(Integer)
    subset: Mapped[bool] = mapped_column(Boolean, default=False)
    prior: Mapped[bool] = mapped_column(Boolean, default=False)
    tally: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="extracted", index=True)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    reviewed_by: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EventRow(Base):
    """One ledger event: an incident across documents, as reconciliation or an analyst set it."""

    __tablename__ = "events"
    __table_args__ = (CheckConstraint(_in("status", EVENT_STATUSES), name="status"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    type: Mapped[str] = mapped_column(Text, index=True)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str] = mapped_column(Text, default="")
    locations: Mapped[list[Any]] = mapped_column(default=list)
    actors: Mapped[list[Any]] = mapped_column(default=list)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    has_fatalities: Mapped[bool] = mapped_column(Boolean, default=False)
    contested: Mapped[bool] = mapped_column(Boolean, default=False)
    scope: Mapped[str] = mapped_column(String(16), default="incident")
    summary: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # How far the event can be trusted and why (tolls.reconcile.grade; migration 0013_grades);
    # ``grade_by`` names the analyst who set it by hand (recomputations then leave it alone).
    # No CHECK on ``grade``: SQLite adds one only by rebuilding the table (and its triggers).
    grade: Mapped[str] = mapped_column(String(16), default="weak", server_default="weak")
    grade_reasons: Mapped[list[Any] | None] = mapped_column(JSON, default=list)
    grade_by: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    merged_into: Mapped[str | None] = mapped_column(Text, ForeignKey("events.id", ondelete="SET NULL"))
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    reviewed_by: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Search columns derived from ``locations`` and ``actors`` (see :func:`search_keys`), kept in
    # step on every insert and update so list filters use indexes instead of reading JSON.
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str] = mapped_column(String(3), default="", index=True)
    place_key: Mapped[str] = mapped_column(Text, default="")
    actor_key: Mapped[str] = mapped_column(Text, default="")
    # Days from ``date_start`` to the last day (0: one day, or undated), kept in step like the
    # search columns; its index gives the longest span at once, which bounds a date filter's
    # range on ``date_start`` from below (see :func:`tolls.store.queries.list_events`).
    date_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    coded: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """The dataset row the event was imported from, as coded (``None`` for reported events)."""

    claim_links: Mapped[list[EventClaimRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    document_links: Mapped[list[EventDocumentRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    estimates: Mapped[list[EstimateRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True, order_by="EstimateRow.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


LIVE_EVENT_CONDITION = "status NOT IN ('rejected', 'merged')"
"""Events the lists show by default (proposed and accepted), spelled as the partial indexes'
predicate: a query repeating it literally can use them, and ``NOT IN`` keeps SQLite from choosing
the unselective ``ix_events_status`` instead (it has no statistics to know better)."""


def _live_index(name: str, *columns: Any) -> Index:
    """A partial index over live events. ``fatalities_best`` (the other sort) and ``status``
    come last so the index covers the list queries: counts and page ids are read from the index
    alone."""
    live = text(LIVE_EVENT_CONDITION)
    return Index(
        name, *columns, EventRow.fatalities_best, EventRow.status, sqlite_where=live, postgresql_where=live
    )


# The event list's access paths (migration 0003): newest first over everything and over each
# filter, with the other filter columns alongside so the rows behind a page are never read
# just to be discarded.
_live_index(
    "ix_events_live_date_start",
    EventRow.date_start,
    EventRow.id,
    EventRow.date_end,
    EventRow.contested,
    EventRow.lat,
    EventRow.lon,
    EventRow.type,
    EventRow.actor_key,
    EventRow.place_key,
)
_live_index("ix_events_live_lon_lat", EventRow.lon, EventRow.lat, EventRow.date_start, EventRow.id)
_live_index("ix_events_live_type", EventRow.type, EventRow.date_start, EventRow.id)
# The list's grade filter (migration 0013_grades).
_live_index("ix_events_live_grade", EventRow.grade, EventRow.date_start, EventRow.id)
# Events picked by id (a name or text filter's matches, migration 0005): counted and ordered
# from this index alone instead of reading each event's row for its status and date.
_live_index(
    "ix_events_live_id",
    EventRow.id,
    EventRow.date_start,
    EventRow.date_end,
    EventRow.contested,
    EventRow.lat,
    EventRow.lon,
    EventRow.type,
)
_live_index(
    "ix_events_live_contested",
    EventRow.contested,
    EventRow.date_start,
    EventRow.id,
    EventRow.date_end,
    EventRow.lat,
    EventRow.lon,
)
# The whole list's count, from the narrowest index over live events (migration 0010).
Index(
    "ix_events_live_status",
    EventRow.status,
    sqlite_where=text(LIVE_EVENT_CONDITION),
    postgresql_where=text(LIVE_EVENT_CONDITION),
)


def search_keys(locations: list[Any], actors: list[Any]) -> dict[str, Any]:
    """The search columns of an event: the first located place's coordinates and country,
    and ``|``-delimited lower-case keys of place names and of actor names and countries
    (``|kabul|khost|``), so ``LIKE '%|kabul|%'`` matches one whole name."""
    located = next((p for p in locations if p.get("lat") is not None and p.get("lon") is not None), None)
    first = located or (locations[0] if locations else {})
    places = [str(p.get("name", "")).strip().lower() for p in locations]
    parties = [str(a.get("name", "")).strip().lower() for a in actors]
    parties += [str(a.get("country", "")).strip().lower() for a in actors]
    return {
        "lat": located.get("lat") if located else None,
        "lon": located.get("lon") if located else None,
        "country": str(first.get("country", "") or "")[:3],
        "place_key": "|" + "|".join(dict.fromkeys(p for p in places if p)) + "|",
        "actor_key": "|" + "|".join(dict.fromkeys(p for p in parties if p)) + "|",
    }


def date_days(start: date | None, end: date | None) -> int:
    """Days from the first to the last day of an event's dates (0 for one day or undated)."""
    return (end - start).days if start is not None and end is not None and end > start else 0


@event.listens_for(EventRow, "before_insert")
@event.listens_for(EventRow, "before_update")
def _set_derived_columns(_mapper: Mapper[Any], _conn: Connection, row: EventRow) -> None:
    """The search columns and ``date_days``, from the columns they are derived from."""
    for key, value in search_keys(list(row.locations or []), list(row.actors or [])).items():
        setattr(row, key, value)
    row.date_days = date_days(row.date_start, row.date_end)


NAME_WORD_CHARS = 200
"""Longest indexed word-start (PostgreSQL's b-tree entries are bounded; no name is this long)."""

_NAME_WORD = Text().with_variant(Text(collation="C"), "postgresql")
"""Byte order on PostgreSQL too, so a prefix is one index range whatever the database locale."""


class EventNameRow(Base):
    """Every word-start of an event's place and actor names ("spin boldak", "boldak"), so the
    list's place and actor filters find a name by the beginning of any of its words with one
    index range instead of reading every event (migration 0004). Kept in step with
    ``place_key``/``actor_key`` on every insert and update of an event; deleted with it."""

    __tablename__ = "event_names"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    word: Mapped[str] = mapped_column(_NAME_WORD, primary_key=True)
    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    live: Mapped[bool] = mapped_column(Boolean, server_default=true(), nullable=False)
    """The event is proposed or accepted: kept by database triggers from the event's status on
    every insert of a name and every change of status (migration 0008); never written here."""


Index("ix_event_names_event_id", EventNameRow.event_id)
# A name filter alone is counted from the live names (see :mod:`tolls.store.queries`).
Index(
    "ix_event_names_live",
    EventNameRow.kind,
    EventNameRow.word,
    EventNameRow.event_id,
    sqlite_where=text("live = 1"),
    postgresql_where=text("live"),
)


_WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits: each one starts a word (after a space, hyphen, bracket...)."""


def name_words(key: str) -> list[str]:
    """The word-starts of the names in a ``|``-delimited search key, lower-case as the key is,
    spaces collapsed: ``|spin boldak|tehrik-i-taliban|`` -> ``["spin boldak", "boldak",
    "tehrik-i-taliban", "i-taliban", "taliban"]``."""
    out: dict[str, None] = {}
    for raw in key.split("|"):
        name = " ".join(raw.split())
        for word in _WORD.finditer(name):
            out[name[word.start() :][:NAME_WORD_CHARS]] = None
    return list(out)


def name_prefix(value: str) -> str:
    """A filter value as :func:`name_words` stores names: lower-case, spaces collapsed, from its
    first letter or digit on ("  (TTP) " -> "ttp)")."""
    name = " ".join(value.lower().split())
    first = _WORD.search(name)
    return name[first.start() :][:NAME_WORD_CHARS] if first else ""


def event_name_rows(event_id: str, place_key: str, actor_key: str) -> list[dict[str, str]]:
    """The ``event_names`` rows of one event."""
    return [
        {"kind": kind, "word": word, "event_id": event_id}
        for kind, key in (("place", place_key), ("actor", actor_key))
        for word in name_words(key)
    ]


@event.listens_for(EventRow, "after_insert")
def _insert_names(_mapper: Mapper[Any], conn: Connection, row: EventRow) -> None:
    rows = event_name_rows(row.id, row.place_key, row.actor_key)
    if rows:
        conn.execute(insert(EventNameRow), rows)


@event.listens_for(EventRow, "after_update")
def _update_names(_mapper: Mapper[Any], conn: Connection, row: EventRow) -> None:
    state = inspect(row)
    if state.attrs.place_key.history.has_changes() or state.attrs.actor_key.history.has_changes():
        conn.execute(delete(EventNameRow).where(EventNameRow.event_id == row.id))
        _insert_names(_mapper, conn, row)


class EventClaimRow(Base):
    """A claim attached to a ledger event, with the other documents that repeat it.
    A claim belongs to at most one event (``claim_id`` is unique)."""

    __tablename__ = "event_claims"

    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(
        Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
    sources: Mapped[list[Any]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[EventRow] = relationship(back_populates="claim_links")


class EventDocumentRow(Base):
    """A document that reports a ledger event."""

    __tablename__ = "event_documents"

    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    document_pk: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The document's ``pk`` (its key in the full-text index), derived by a database trigger on
    every insert and every update of the link (migration 0007); never written here."""

    event: Mapped[EventRow] = relationship(back_populates="document_links")


# Documents to their events from the index alone.
Index("ix_event_documents_document_id_event_id", EventDocumentRow.document_id, EventDocumentRow.event_id)
# The event list's text search: matching documents (by pk) to their events, and an event's
# documents by pk (see :mod:`tolls.store.queries`).
Index("ix_event_documents_document_pk_event_id", EventDocumentRow.document_pk, EventDocumentRow.event_id)
Index("ix_event_documents_event_id_document_pk", EventDocumentRow.event_id, EventDocumentRow.document_pk)


class EstimateRow(Base):
    """Low / best / high for one victim group and one kind in one ledger event."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    victim_group: Mapped[str] = mapped_column(String(16))
    victims: Mapped[dict[str, Any]] = mapped_column()
    low: Mapped[int] = mapped_column(Integer)
    best: Mapped[int] = mapped_column(Integer)
    high: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(Text)
    claim_ids: Mapped[list[Any]] = mapped_column(default=list)
    contested: Mapped[bool] = mapped_column(Boolean, default=False)

    event: Mapped[EventRow] = relationship(back_populates="estimates")


class MergeDecisionRow(Base):
    """Why a document's incident was (or was not) linked to a ledger event, with its score."""

    __tablename__ = "merge_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(Text, ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    doc_event: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str] = mapped_column(Text, index=True)
    score: Mapped[float] = mapped_column(Float)
    linked: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class VersionRow(Base):
    """The audit trail: one row per analyst action, with the record before and after it."""

    __tablename__ = "versions"
    __table_args__ = (Index("ix_versions_entity_entity_id", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")


class UserRow(Base):
    """A person who signs in to the dashboard or API. Passwords are stored as scrypt hashes."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    username: Mapped[str] = mapped_column(Text, primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16), default="viewer")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TokenRow(Base):
    """An API token for scripts: only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(Text, ForeignKey("users.username", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebSessionRow(Base):
    """A signed-in browser session: the cookie's SHA-256, its CSRF token and its expiry."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(Text, ForeignKey("users.username", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


# The living ledger (issue 21; migration 0014_living).


class ChangeRow(Base):
    """One change of the ledger, with the value before and after (``tolls.store.changes``);
    ``id`` orders the changes and is the cursor readers page with."""

    __tablename__ = "ledger_changes"
    __table_args__ = (
        Index("ix_ledger_changes_event_id_id", "event_id", "id"),
        Index("ix_ledger_changes_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))
    """``event`` (new), ``claim`` (joined an event), ``estimate``, ``contested``, ``grade``,
    ``merge``, ``gone``, ``review``."""
    event_id: Mapped[str] = mapped_column(Text)
    claim_id: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    """What within the event changed, e.g. an estimate's kind and victim group."""
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(Text)
    run: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")


class WebhookDeliveryRow(Base):
    """One signed POST of changes ``change_first..change_last`` to the webhook ``hook``."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_hook_id", "hook", "id"),
        # one delivery per hook and starting change: two deliverers cannot batch a change twice
        Index("ux_webhook_deliveries_hook_change_first", "hook", "change_first", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hook: Mapped[str] = mapped_column(Text)
    change_first: Mapped[int] = mapped_column(Integer)
    change_last: Mapped[int] = mapped_column(Integer)
    """The change ids after the hook's previous delivery up to this one's last: the range it
    covers, including changes its filters left out."""
    change_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    """The ids of the changes it carries (those of the range its filters kept), fixed when it
    is made so every attempt sends the same body."""
    status: Mapped[str] = mapped_column(String(16))
    """``pending`` (to be tried at ``next_attempt_at``), ``delivered``, ``failed`` (gave up),
    ``skipped`` (a range of changes none of which passed the hook's filters; nothing sent)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WatchSourceRow(Base):
    """A source ``tolls watch`` polls: its validators for conditional GETs and its health."""

    __tablename__ = "watch_sources"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(8), default="feed")
    """``feed`` (RSS/Atom) or ``page`` (one HTML page)."""
    interval_seconds: Mapped[float] = mapped_column(Float, default=300.0)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_status: Mapped[str | None] = mapped_column(String(16))
    last_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")


class WatchRunRow(Base):
    """One poll of one source; ``finished_at`` is NULL while it runs (or if it was killed: then
    ``status`` becomes ``interrupted`` when the next watch starts)."""

    __tablename__ = "watch_runs"
    __table_args__ = (Index("ix_watch_runs_source_id", "source", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    cycle: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    http_status: Mapped[int | None] = mapped_column(Integer)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    items_new: Mapped[int] = mapped_column(Integer, default=0)
    items_failed: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str | None] = mapped_column(Text)
    """The watching process (:func:`tolls.store.leases.new_owner`): a run left unfinished by a
    process that no longer runs was interrupted."""
    reconciled: Mapped[bool] = mapped_column(Boolean, default=False)
    """The ledger was rebuilt (with extraction) after this run's items were stored."""


class WatchItemRow(Base):
    """An item url read from a watched feed, and the document it became (NULL: not yet)."""

    __tablename__ = "watch_items"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    document_id: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
