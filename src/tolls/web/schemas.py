"""The API's pydantic shapes (docs/api.md), named by role, and their conversion from the core's
records. Nothing here touches the database: routes fetch records and hand them to ``*_public``.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, field_validator, model_validator

from tolls.model import DateSpan, Estimate, Fatalities, Figure, GradeName, Party, Place
from tolls.store.changes import ChangeRecord
from tolls.store.queries import ActorCount, EventSummary, Page, PlaceCount
from tolls.store.records import StoredClaim, StoredDocument, VersionRecord
from tolls.store.users import UserRecord
from tolls.store.watch import WatchSourceStatus

__all__ = [
    "ActorPublic",
    "ChangeLatestPublic",
    "ChangePagePublic",
    "ChangePublic",
    "ClaimCorrect",
    "ClaimPublic",
    "ClaimWithHistory",
    "DocumentPublic",
    "DocumentSummaryPublic",
    "ErrorPublic",
    "EstimatePublic",
    "EventDetailPublic",
    "EventGradeSet",
    "EventMerge",
    "EventSplit",
    "EventSplitPublic",
    "EventSummaryPublic",
    "FatalitiesPublic",
    "FigurePublic",
    "Login",
    "PagePublic",
    "PartyPublic",
    "PlaceCountPublic",
    "PlacePublic",
    "ProblemPublic",
    "ProblemTypePublic",
    "ReviewAction",
    "SearchHitPublic",
    "SessionPublic",
    "TokenCreate",
    "TokenPublic",
    "UserCreate",
    "UserPublic",
    "VersionPublic",
    "WatchRunPublic",
    "WatchSourcePublic",
    "actor_public",
    "change_public",
    "claim_public",
    "document_summary_public",
    "estimate_public",
    "event_base",
    "event_summary_public",
    "page_public",
    "party_public",
    "place_count_public",
    "place_public",
    "user_public",
    "version_public",
    "watch_source_public",
]

T = TypeVar("T")

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
"""The ledger's integer columns are 32-bit on PostgreSQL (and 64-bit on SQLite)."""


def _find_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_find_nul(k) or _find_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_find_nul(v) for v in value)
    return False


def _find_big_int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if not _INT_MIN <= value <= _INT_MAX else None
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        for v in value:
            found = _find_big_int(v)
            if found is not None:
                return found
    return None


class _Body(BaseModel):
    """A request body: no string in it may hold NUL, which PostgreSQL cannot store or compare."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if _find_nul(data):
            raise ValueError("strings must not hold a NUL character (\\u0000)")
        return data


class ProblemPublic(BaseModel):
    """The one error shape of every route: an RFC 9457 problem (``application/problem+json``)
    with the tolls E-code as the extension member ``code``."""

    type: str = Field(
        description="The problem type: a URI reference naming it by its E-code, resolvable to its "
        "description (`GET /api/v1/problems/{code}`).",
        examples=["/api/v1/problems/E404"],
    )
    title: str = Field(description="A short summary of the problem type.", examples=["Not found"])
    status: int = Field(description="The HTTP status code.", examples=[404])
    detail: str = Field(description="This occurrence, in words: the coded message.")
    instance: str | None = Field(
        None, description="This occurrence: the request's path, or an incident URN for a server error."
    )
    code: str = Field(description="The tolls error code (as the CLI prints it).", examples=["E404"])


ErrorPublic = ProblemPublic
"""The former name of :class:`ProblemPublic`."""


class ProblemTypePublic(BaseModel):
    """A problem type: what ``type`` in a problem names."""

    type: str
    code: str
    title: str
    status: int = Field(description="The status it is usually answered with.")
    template: str = Field(description="The message template, its fields in braces.")


class PagePublic(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(
        description="Items matching, over all pages (at least this many when `total_exact` is false)."
    )
    total_exact: bool = Field(
        True,
        description="False when counting stopped early (text searches count to 1,000): more items match.",
    )
    limit: int
    offset: int
    next: str | None = None


class PartyPublic(BaseModel):
    name: str
    country: str = ""
    inter: int | None = None


class PlacePublic(BaseModel):
    name: str
    country: str = ""
    admin1: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonameid: int | None = None


class FatalitiesPublic(BaseModel):
    low: int | None
    best: int | None
    high: int | None


class FigurePublic(BaseModel):
    text: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str


class ClaimPublic(BaseModel):
    id: str
    document_id: str
    event_id: str | None
    published: str | None
    claimant: PartyPublic
    kind: str
    victims: PartyPublic
    figure: FigurePublic
    stance: str
    span: tuple[int, int]
    evidence: str
    status: str
    reviewed: bool
    version: int
    sources: list[str]


class VersionPublic(BaseModel):
    entity: str
    entity_id: str
    version: int
    actor: str
    at: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str


class ClaimWithHistory(ClaimPublic):
    history: list[VersionPublic]


class _EventBase(BaseModel):
    id: str
    type: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    location: PlacePublic | None
    actors: list[PartyPublic]
    fatalities: FatalitiesPublic | None
    contested: bool
    status: str
    reviewed: bool
    version: int
    scope: str = Field(description="incident, or aggregate (a toll covering several incidents or a period).")
    summary: str
    grade: str = Field(
        description="confirmed, fair, weak, contested or discounted: how far the event can be trusted "
        "(docs/grades.md)."
    )
    grade_reasons: list[str] = Field(description="Why: the rule that decided, and the facts behind it.")
    grade_by: str | None = Field(None, description="The analyst who set the grade by hand, else null.")


class EventSummaryPublic(_EventBase):
    documents: int = Field(description="How many documents report it.")
    claims: int = Field(description="How many claims it holds.")


class EstimatePublic(BaseModel):
    kind: str
    group: str
    victims: PartyPublic
    low: int
    best: int
    high: int
    rule: str
    contested: bool
    claims: list[str]


class DocumentSummaryPublic(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str
    format: str
    status: str


class DocumentPublic(DocumentSummaryPublic):
    text: str
    claims: list[ClaimPublic]


class EventDetailPublic(_EventBase):
    locations: list[PlacePublic]
    notes: str
    merged_into: str | None = None
    estimates: list[EstimatePublic]
    claims: list[ClaimPublic]
    documents: list[DocumentSummaryPublic]


class EventSplitPublic(BaseModel):
    events: list[EventDetailPublic]


class ActorPublic(BaseModel):
    name: str
    country: str
    inter: int | None
    events: int


class PlaceCountPublic(BaseModel):
    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str | None
    events: int


class SearchHitPublic(BaseModel):
    document_id: str
    title: str | None
    snippet: str
    score: float


class WatchRunPublic(BaseModel):
    """A source's last poll (docs/watch.md): ``status`` running, ok, not_modified, failed or
    interrupted; times in ISO 8601 (UTC); ``finished_at`` null while it runs or if it was killed."""

    status: str
    started_at: str
    finished_at: str | None
    http_status: int | None
    items_seen: int
    items_new: int
    items_failed: int
    duration_ms: int | None
    error: str


class WatchSourcePublic(BaseModel):
    """A watched source's health: its last poll's status and HTTP code, its consecutive
    failures (backing off until ``next_poll_at``), the last error, and its last run's counts."""

    name: str
    outlet: str
    url: str
    kind: str
    interval_seconds: float
    last_polled_at: str | None
    next_poll_at: str | None
    last_status: str | None
    last_code: int | None
    failures: int
    last_error: str
    last_run: WatchRunPublic | None


class UserPublic(BaseModel):
    username: str
    role: str


class SessionPublic(BaseModel):
    user: UserPublic | None
    csrf_token: str | None
    public: bool
    tile_url: str = ""


class Login(_Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class ReviewAction(_Body):
    note: str = Field("", max_length=10_000)
    version: int | None = Field(None, ge=1, description="Optimistic locking: the version you read.")


class ClaimCorrect(ReviewAction):
    changes: dict[str, Any] = Field(
        description="Fields to change: `figure`, `victims`, `claimant` (objects) or columns such as "
        "`kind`, `stance`, `figure_value`. Integers must fit 32 bits."
    )

    @field_validator("changes")
    @classmethod
    def _ints_fit(cls, changes: dict[str, Any]) -> dict[str, Any]:
        big = _find_big_int(changes)
        if big is not None:
            raise ValueError(f"{big} is out of range: integers must be between {_INT_MIN} and {_INT_MAX}")
        return changes


class EventGradeSet(_Body):
    grade: GradeName | None = Field(description="The grade to set; null hands it back to the rules.")
    note: str = Field(min_length=1, max_length=10_000, description="Why (required): kept as its reason.")
    version: int | None = Field(None, ge=1, description="Optimistic locking: the version you read.")

    @field_validator("note")
    @classmethod
    def _reason_given(cls, note: str) -> str:
        if not note.strip():
            raise ValueError("give the reason for the grade")
        return note


class EventMerge(_Body):
    other: str = Field(min_length=1, max_length=500)
    note: str = Field("", max_length=10_000)


class EventSplit(_Body):
    claims: list[str] = Field(min_length=1, max_length=10_000)
    note: str = Field("", max_length=10_000)


class UserCreate(_Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=8, max_length=1024)
    role: Literal["viewer", "analyst", "admin"] = "viewer"


class TokenCreate(_Body):
    username: str = Field(min_length=1, max_length=64)
    name: str = Field("", max_length=200)


class TokenPublic(BaseModel):
    token: str


def party_public(p: Party) -> PartyPublic:
    return PartyPublic(name=p.name, country=p.country, inter=p.inter)


def place_public(p: Place) -> PlacePublic:
    return PlacePublic(
        name=p.name,
        country=p.country,
        admin1=p.admin1,
        lat=p.lat,
        lon=p.lon,
        precision=p.precision,
        geonameid=p.geonameid,
    )


def _fatalities(f: Fatalities | None) -> FatalitiesPublic | None:
    return None if f is None else FatalitiesPublic(low=f.low, best=f.best, high=f.high)


def _figure(f: Figure) -> FigurePublic:
    return FigurePublic(text=f.text, value=f.value, low=f.low, high=f.high, qualifier=f.qualifier)


def _dates(d: DateSpan) -> dict[str, Any]:
    return {
        "date_start": d.start.isoformat() if d.start else None,
        "date_end": d.end.isoformat() if d.end else None,
        "date_precision": d.precision,
    }


def claim_public(c: StoredClaim) -> ClaimPublic:
    claim = c.claim
    return ClaimPublic(
        id=c.id,
        document_id=c.doc_id,
        event_id=c.event_id,
        published=c.published.isoformat() if c.published else None,
        claimant=party_public(claim.claimant),
        kind=claim.kind,
        victims=party_public(claim.victims),
        figure=_figure(claim.figure),
        stance=claim.stance,
        span=claim.span,
        evidence=claim.evidence,
        status=c.status,
        reviewed=c.reviewed,
        version=c.version,
        sources=list(c.sources),
    )


def version_public(v: VersionRecord) -> VersionPublic:
    return VersionPublic(
        entity=v.entity,
        entity_id=v.entity_id,
        version=v.version,
        actor=v.actor,
        at=v.at.isoformat(),
        action=v.action,
        before=v.before,
        after=v.after,
        note=v.note,
    )


def event_base(e: EventSummary) -> dict[str, Any]:
    """The fields an event's summary and detail share."""
    return dict(
        id=e.id,
        type=e.type,
        **_dates(e.dates),
        location=place_public(e.location) if e.location else None,
        actors=[party_public(a) for a in e.actors],
        fatalities=_fatalities(e.fatalities),
        contested=e.contested,
        status=e.status,
        reviewed=e.reviewed,
        version=e.version,
        scope=e.scope,
        summary=e.summary,
        grade=e.grade.grade,
        grade_reasons=list(e.grade.reasons),
        grade_by=e.grade.by,
    )


def event_summary_public(e: EventSummary) -> EventSummaryPublic:
    return EventSummaryPublic(**event_base(e), documents=e.documents, claims=e.claims)


def estimate_public(e: Estimate) -> EstimatePublic:
    return EstimatePublic(
        kind=e.kind,
        group=e.group,
        victims=party_public(e.victims),
        low=e.low,
        best=e.best,
        high=e.high,
        rule=e.rule,
        contested=e.contested,
        claims=list(e.claims),
    )


def document_summary_public(d: StoredDocument) -> DocumentSummaryPublic:
    return DocumentSummaryPublic(
        id=d.id,
        title=d.title,
        url=d.url,
        published=d.published.isoformat() if d.published else None,
        source=d.source,
        format=d.format,
        status=d.status,
    )


def actor_public(a: ActorCount) -> ActorPublic:
    return ActorPublic(name=a.name, country=a.country, inter=a.inter, events=a.events)


def place_count_public(p: PlaceCount) -> PlaceCountPublic:
    return PlaceCountPublic(
        name=p.name, country=p.country, lat=p.lat, lon=p.lon, precision=p.precision, events=p.events
    )


def user_public(u: UserRecord) -> UserPublic:
    return UserPublic(username=u.username, role=u.role)


def page_public(page: Page[Any], items: list[Any], next_url: str | None) -> dict[str, Any]:
    """A page's body: ``items`` already converted, with the link to the next page."""
    return {
        "items": items,
        "total": page.total,
        "total_exact": page.total_exact,
        "limit": page.limit,
        "offset": page.offset,
        "next": next_url,
    }


class ChangePublic(BaseModel):
    """One change of the ledger (docs/changes.md); ``id`` is the cursor."""

    id: int
    at: str = Field(description="When it was recorded (RFC 3339, UTC).")
    kind: str = Field(description="event, claim, estimate, contested, grade, merge, gone or review.")
    event_id: str
    claim_id: str | None
    subject: str | None = Field(description="What within the event changed, e.g. `killed: PAK military`.")
    before: Any
    after: Any
    actor: str = Field(description="`ingest`, a caller's name such as `watch:<source>`, or the analyst.")
    run: str | None
    summary: str


class ChangeLatestPublic(BaseModel):
    """The newest change of the log: the cursor a client starts polling from."""

    id: int | None = Field(description="The newest change's id (null: the log is empty).")
    at: str | None = Field(description="When it was recorded (RFC 3339, UTC).")


class ChangePagePublic(BaseModel):
    items: list[ChangePublic]
    next: int | None = Field(
        description="Pass as `after` for the following page; null when no more changes match now "
        "(poll again with the last item's id)."
    )


def change_public(c: ChangeRecord) -> ChangePublic:
    return ChangePublic(
        id=c.id,
        at=c.at.isoformat(),
        kind=c.kind,
        event_id=c.event_id,
        claim_id=c.claim_id,
        subject=c.subject,
        before=c.before,
        after=c.after,
        actor=c.actor,
        run=c.run,
        summary=c.summary,
    )


def watch_source_public(s: WatchSourceStatus) -> WatchSourcePublic:
    run = s.last_run
    return WatchSourcePublic(
        name=s.name,
        outlet=s.outlet,
        url=s.url,
        kind=s.kind,
        interval_seconds=s.interval,
        last_polled_at=s.last_polled_at.isoformat() if s.last_polled_at else None,
        next_poll_at=s.next_poll_at.isoformat() if s.next_poll_at else None,
        last_status=s.last_status,
        last_code=s.last_code,
        failures=s.failures,
        last_error=s.last_error,
        last_run=None
        if run is None
        else WatchRunPublic(
            status=run.status,
            started_at=run.started_at.isoformat(),
            finished_at=run.finished_at.isoformat() if run.finished_at else None,
            http_status=run.http_status,
            items_seen=run.items_seen,
            items_new=run.items_new,
            items_failed=run.items_failed,
            duration_ms=run.duration_ms,
            error=run.error,
        ),
    )
