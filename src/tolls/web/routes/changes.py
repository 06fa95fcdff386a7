"""``/api/v1/changes``: the ledger's change log, cursor-paged and filtered like the event list,
as JSON and as Atom feeds; ``/api/v1/events/{id}/changes``: one event's (docs/changes.md).

Reads follow the event list's rule (:data:`tolls.web.deps.ReaderDep`): anyone when the app is
public, else a signed-in viewer, e.g. a feed reader sending ``Authorization: Bearer <token>``.
A parameter a route does not take is refused (400, E430)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request, Response

from tolls.reconcile.changes import ChangeKind
from tolls.store.changes import MAX_LIMIT, ChangeFilter, check_event, latest_changes, list_changes
from tolls.web.atom import ATOM_MEDIA_TYPE, atom_feed, tag_uri
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.params import instant_query, no_unknown_parameters, parse_instant
from tolls.web.routes._paging import json_body
from tolls.web.routes.events import FilterDep
from tolls.web.schemas import ChangeLatestPublic, ChangePagePublic, change_public

__all__ = ["router"]

router = APIRouter(tags=["changes"], dependencies=[Depends(no_unknown_parameters)])

After = Annotated[
    int | None,
    Query(ge=0, le=2**31 - 1, description="The cursor: only changes with a larger id (a page's `next`)."),
]
Since = Annotated[
    str | None,
    instant_query("Only changes recorded at or after this RFC 3339 instant (2026-12-06T18:00:00Z)."),
]
Until = Annotated[str | None, instant_query("Only changes recorded before this RFC 3339 instant.")]
Kinds = Annotated[
    list[ChangeKind] | None,
    Query(
        alias="kind",
        description="event, claim, estimate, contested, grade, merge, gone, review; repeat for several.",
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Changes per page (at most {MAX_LIMIT}).")]
FeedLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="The newest this many changes.")]
EventQuery = Annotated[
    str | None, Query(max_length=200, description="One event's changes (those under its earlier ids too).")
]


def _filter(
    f: FilterDep | None,
    after: int | None,
    since: str | None,
    until: str | None,
    kinds: list[ChangeKind] | None,
    event: str | None = None,
) -> ChangeFilter:
    """The core's filter from a route's parameters (``f``: the event list's filters, if taken)."""
    return ChangeFilter(
        after=after,
        since=parse_instant("since", since),
        until=parse_instant("until", until),
        event=event,
        kinds=tuple(dict.fromkeys(kinds)) if kinds else None,
        events=f,
    )


def _page(ledger: LedgerDep, cf: ChangeFilter, limit: int) -> Response:
    with ledger.read() as session:
        if cf.event is not None:
            check_event(session, cf.event)
        page = list_changes(session, cf, limit=limit)
    body = ChangePagePublic(items=[change_public(c) for c in page.items], next=page.next)
    return json_body(body)


def _site(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/"


def _feed(
    request: Request, ledger: LedgerDep, cf: ChangeFilter, limit: int, *, specific: str, title: str
) -> Response:
    with ledger.read() as session:
        if cf.event is not None:
            check_event(session, cf.event)
        changes = latest_changes(session, cf, limit=limit)
    host = request.url.hostname or "localhost"
    # the feed's id names its filter, whatever the order of the parameters or the entries asked for
    query = urlencode(sorted((k, v) for k, v in request.query_params.multi_items() if k != "limit"))
    body = atom_feed(
        changes,
        feed_id=tag_uri(host, specific + (f"?{query}" if query else "")),
        title=title,
        self_url=str(request.url),
        site_url=_site(request),
        authority=host,
    )
    return Response(body, media_type=ATOM_MEDIA_TYPE)


@router.get(
    "/changes/latest",
    response_model=ChangeLatestPublic,
    summary="The newest change's id and time: the cursor to start polling from",
)
def get_latest_change(ledger: LedgerDep, _who: ReaderDep) -> Response:
    with ledger.read() as session:
        newest = latest_changes(session, ChangeFilter(), limit=1)
    body = ChangeLatestPublic(
        id=newest[0].id if newest else None, at=newest[0].at.isoformat() if newest else None
    )
    return json_body(body)


@router.get("/changes", response_model=ChangePagePublic, summary="The ledger's changes, oldest first")
def get_changes(
    ledger: LedgerDep,
    _who: ReaderDep,
    f: FilterDep,
    after: After = None,
    since: Since = None,
    until: Until = None,
    event: EventQuery = None,
    kinds: Kinds = None,
    limit: Limit = 100,
) -> Response:
    return _page(ledger, _filter(f, after, since, until, kinds, event), limit)


@router.get(
    "/changes.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed"}},
    summary="The ledger's newest changes as an Atom feed",
)
def get_changes_atom(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    f: FilterDep,
    after: After = None,
    since: Since = None,
    until: Until = None,
    event: EventQuery = None,
    kinds: Kinds = None,
    limit: FeedLimit = 50,
) -> Response:
    cf = _filter(f, after, since, until, kinds, event)
    return _feed(request, ledger, cf, limit, specific="changes", title="tolls: changes of the ledger")


@router.get(
    "/events/{event_id}/changes", response_model=ChangePagePublic, summary="One event's changes, oldest first"
)
def get_event_changes(
    event_id: str,
    ledger: LedgerDep,
    _who: ReaderDep,
    after: After = None,
    since: Since = None,
    until: Until = None,
    kinds: Kinds = None,
    limit: Limit = 100,
) -> Response:
    return _page(ledger, _filter(None, after, since, until, kinds, event_id), limit)


@router.get(
    "/events/{event_id}/changes.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed"}},
    summary="One event's newest changes as an Atom feed",
)
def get_event_changes_atom(
    request: Request,
    event_id: str,
    ledger: LedgerDep,
    _who: ReaderDep,
    since: Since = None,
    until: Until = None,
    kinds: Kinds = None,
    limit: FeedLimit = 50,
) -> Response:
    cf = _filter(None, None, since, until, kinds, event_id)
    return _feed(
        request,
        ledger,
        cf,
        limit,
        specific=f"events/{quote(event_id, safe='')}/changes",
        title=f"tolls: changes of event {event_id}",
    )
