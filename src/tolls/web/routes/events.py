"""``/api/v1/events``: the ledger's events, filtered and paged; one event in full; its audit
trail; analysts' accept, reject, merge, split and grade."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from tolls.model import GradeName
from tolls.store import accept_event, grade_event_by_hand, history, merge_events, reject_event, split_event
from tolls.store.queries import EventDetail, EventFilter, EventSort, get_event_detail, list_events
from tolls.store.records import EventStatus
from tolls.web.deps import AnalystDep, LedgerDep, ReaderDep
from tolls.web.params import BboxQuery, CountryQuery, day_query, parse_bbox, parse_day
from tolls.web.routes._paging import Limit, Offset, json_body, paged
from tolls.web.schemas import (
    EventDetailPublic,
    EventGradeSet,
    EventMerge,
    EventSplit,
    EventSplitPublic,
    EventSummaryPublic,
    PagePublic,
    ReviewAction,
    VersionPublic,
    claim_public,
    document_summary_public,
    estimate_public,
    event_base,
    event_summary_public,
    place_public,
    version_public,
)

__all__ = ["FilterDep", "event_detail_public", "event_filter", "router"]

router = APIRouter(prefix="/events", tags=["events"])


async def event_filter(
    start: Annotated[str | None, day_query("Events ending on or after this day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, day_query("Events starting on or before this day (YYYY-MM-DD).")] = None,
    bbox: BboxQuery = None,
    place: Annotated[str | None, Query(max_length=200, description="A place word start.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="An actor word start or ISO3.")] = None,
    country: CountryQuery = None,
    type: Annotated[str | None, Query(max_length=200, description="ACLED event or sub-event type.")] = None,
    contested: Annotated[
        bool | None, Query(description="true: only events whose claimants disagree; false: only the others.")
    ] = None,
    status: Annotated[
        EventStatus | None, Query(description="proposed, accepted, rejected or merged.")
    ] = None,
    q: Annotated[str | None, Query(max_length=500, description="Full text of the events' documents.")] = None,
    grade: Annotated[
        list[GradeName] | None,
        Query(description="confirmed, fair, weak, contested or discounted; repeat for any of several."),
    ] = None,
) -> EventFilter:
    """The query parameters shared by the event list, the exports and the OGC items (``async``:
    it only parses, so FastAPI need not hand it to its thread pool)."""
    return EventFilter(
        start=parse_day("start", start),
        end=parse_day("end", end),  # a range that ends before it starts holds nothing
        bbox=parse_bbox(bbox),
        place=place or None,
        country=country.upper() if country else None,
        actor=actor or None,
        type=type or None,
        contested=contested,
        status=(status,) if status else None,
        q=q,
        grade=tuple(dict.fromkeys(grade)) if grade else None,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]


def event_detail_public(d: EventDetail) -> EventDetailPublic:
    return EventDetailPublic(
        **event_base(d.summary),
        locations=[place_public(p) for p in d.summary.locations],
        notes=d.summary.notes,
        merged_into=d.merged_into,
        estimates=[estimate_public(e) for e in d.estimates],
        claims=[claim_public(c) for c in d.claims],
        documents=[document_summary_public(x) for x in d.documents],
    )


@router.get("", response_model=PagePublic[EventSummaryPublic], summary="List events")
def get_events(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    f: FilterDep,
    sort: Annotated[EventSort, Query()] = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    with ledger.read() as session:
        page = list_events(session, f, limit=limit, offset=offset, sort=sort)
    return json_body(paged(request, page, [event_summary_public(e) for e in page.items]))


@router.get("/{event_id}", response_model=EventDetailPublic, summary="One event in full")
def get_event(event_id: str, ledger: LedgerDep, _who: ReaderDep) -> EventDetailPublic:
    with ledger.read() as session:
        return event_detail_public(get_event_detail(session, event_id))


@router.get("/{event_id}/history", response_model=list[VersionPublic], summary="The event's audit trail")
def get_event_history(event_id: str, ledger: LedgerDep, _who: ReaderDep) -> list[VersionPublic]:
    with ledger.read() as session:
        get_event_detail(session, event_id)  # 404 for an unknown event
        return [version_public(v) for v in history(session, "event", event_id)]


def _after(ledger: LedgerDep, event_id: str) -> EventDetailPublic:
    with ledger.read() as session:
        return event_detail_public(get_event_detail(session, event_id))


@router.post("/{event_id}/accept", response_model=EventDetailPublic, summary="Accept an event")
def post_accept(event_id: str, body: ReviewAction, ledger: LedgerDep, who: AnalystDep) -> EventDetailPublic:
    with ledger.review() as session:
        accept_event(session, event_id, actor=who.actor, note=body.note, expected_version=body.version)
    return _after(ledger, event_id)


@router.post("/{event_id}/reject", response_model=EventDetailPublic, summary="Reject an event")
def post_reject(event_id: str, body: ReviewAction, ledger: LedgerDep, who: AnalystDep) -> EventDetailPublic:
    with ledger.review() as session:
        reject_event(session, event_id, actor=who.actor, note=body.note, expected_version=body.version)
    return _after(ledger, event_id)


@router.post("/{event_id}/merge", response_model=EventDetailPublic, summary="Merge another event into it")
def post_merge(event_id: str, body: EventMerge, ledger: LedgerDep, who: AnalystDep) -> EventDetailPublic:
    with ledger.review() as session:
        merge_events(session, event_id, body.other, actor=who.actor, note=body.note)
    return _after(ledger, event_id)


@router.post("/{event_id}/split", response_model=EventSplitPublic, summary="Move claims to a new event")
def post_split(event_id: str, body: EventSplit, ledger: LedgerDep, who: AnalystDep) -> EventSplitPublic:
    with ledger.review() as session:
        new_id = split_event(session, event_id, body.claims, actor=who.actor, note=body.note)
    return EventSplitPublic(events=[_after(ledger, event_id), _after(ledger, new_id)])


@router.post("/{event_id}/grade", response_model=EventDetailPublic, summary="Set an event's grade by hand")
def post_grade(event_id: str, body: EventGradeSet, ledger: LedgerDep, who: AnalystDep) -> EventDetailPublic:
    with ledger.review() as session:
        grade_event_by_hand(
            session, event_id, body.grade, actor=who.actor, note=body.note, expected_version=body.version
        )
    return _after(ledger, event_id)
