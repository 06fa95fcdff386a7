"""The change log of the ledger (``ledger_changes``, ``docs/changes.md``): record and list.

Reconciliation (:func:`tolls.store.replace_ledger`) records what it changed, found by
:func:`tolls.reconcile.changes.diff_views`; review actions record a ``review`` change each, and
:func:`tracked` records the estimate, ``contested`` and grade changes they cause. A change's
integer ``id`` orders the log and is the cursor readers page with (:func:`list_changes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session, selectinload

from tolls.errors import ErrorCode, NotFound
from tolls.reconcile.changes import Change, EstimateView, EventView, diff_views
from tolls.store.convert import aware
from tolls.store.models import ChangeRow, EventClaimRow, EventRow, utcnow
from tolls.store.queries import EventFilter, event_ids_matching

__all__ = [
    "CHANGES_LOCK",
    "MAX_LIMIT",
    "ChangeFilter",
    "ChangePage",
    "ChangeRecord",
    "check_event",
    "event_aliases",
    "event_has_changes",
    "hold_changes_lock",
    "latest_changes",
    "list_changes",
    "record_changes",
    "record_review",
    "stored_views",
    "tracked",
    "view_of_row",
]

MAX_LIMIT = 1000
"""The most changes one call returns."""
CHANGES_LOCK = 0x746F6C63
"""PostgreSQL advisory lock key of writing changes ("tolc"), held until the writer commits."""
_ALIAS_DEPTH = 16
_DONE = {
    "accept": "accepted",
    "reject": "rejected",
    "correct": "corrected",
    "merge": "merged",
    "split": "split",
    "grade": "graded",
    "create": "created",
}


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One recorded change (see :class:`tolls.reconcile.changes.Change`)."""

    id: int
    at: datetime
    kind: str
    event_id: str
    claim_id: str | None
    subject: str | None
    before: Any
    after: Any
    actor: str
    run: str | None
    summary: str


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """Which changes to list; ``None`` is no condition, all given conditions hold.

    - ``after``: changes with a larger id (the cursor);
    - ``since`` / ``until``: recorded at or after / before this instant;
    - ``event``: one event's changes, those it had under earlier ids (renamed or merged into
      it, see :func:`event_aliases`) included;
    - ``kinds``: any of these kinds;
    - ``events``: the event list's filter, applied to each event's current state (a change of an
      event no longer in the ledger matches no filter)."""

    after: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    event: str | None = None
    kinds: tuple[str, ...] | None = None
    events: EventFilter | None = None


@dataclass(frozen=True, slots=True)
class ChangePage:
    """Changes in ascending id; ``next``: the cursor of the following page (the last item's
    id) when more changes match now, else None."""

    items: list[ChangeRecord]
    next: int | None


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def hold_changes_lock(session: Session) -> None:
    """On PostgreSQL, take :data:`CHANGES_LOCK` for the rest of the caller's transaction (a
    no-op on SQLite, whose writer has the database to itself).

    :func:`record_changes` takes it too, but late: a transaction that records changes must
    take it **before it touches a row** that another recorder may touch. Otherwise a rebuild
    (rewriting event X, then waiting for the lock to record its changes) and an analyst's
    review (holding the lock, then updating event X's estimates) each wait for the other and
    PostgreSQL aborts one of them (a deadlock). The ledger rebuild and every review action
    call this first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGES_LOCK})


def record_changes(
    session: Session,
    changes: Sequence[Change],
    *,
    actor: str,
    run: str | None = None,
    at: datetime | None = None,
) -> int:
    """Append ``changes`` to the log in the caller's transaction, in their order, all at the
    same time ``at`` (default now); returns how many. On PostgreSQL the transaction then holds
    :data:`CHANGES_LOCK` until it ends, so changes become visible in the order of their ids
    (a reader following the cursor misses none)."""
    if not changes:
        return 0
    # ids come from a sequence when rows are inserted, but become visible when their
    # transaction commits: without this lock a review action could commit change 501 while
    # a rebuild's 10..500 are still to commit, and a reader that had moved its cursor to
    # 501 would never see them. Held to the end of the transaction, the lock makes the
    # writers of changes commit in the order of their ids. (SQLite has one writer.)
    hold_changes_lock(session)
    when = _utc(at) if at is not None else utcnow()
    session.add_all(
        ChangeRow(
            at=when,
            kind=c.kind,
            event_id=c.event_id,
            claim_id=c.claim_id,
            subject=c.subject,
            before=c.before,
            after=c.after,
            actor=actor,
            run=run,
            summary=c.summary,
        )
        for c in changes
    )
    session.flush()
    return len(changes)


def record_review(
    session: Session,
    *,
    entity: str,
    entity_id: str,
    action: str,
    actor: str,
    before: Any,
    after: Any,
    note: str,
    at: datetime | None = None,
) -> None:
    """A ``review`` change for an analyst's action on a claim or an event (before and after as
    in its version row); a claim's change is filed under the event holding it."""
    if entity == "event":
        event_id = entity_id
    else:
        event_id = (
            session.scalar(select(EventClaimRow.event_id).where(EventClaimRow.claim_id == entity_id)) or ""
        )
    why = f": {note.strip()[:200]}" if note.strip() else ""
    record_changes(
        session,
        [
            Change(
                "review",
                event_id,
                f"{actor} {_DONE.get(action, action)} {entity} {entity_id}{why}",
                claim_id=entity_id if entity == "claim" else None,
                subject=action,
                before=before,
                after=after,
            )
        ],
        actor=actor,
        at=at,
    )


def _record(r: ChangeRow) -> ChangeRecord:
    return ChangeRecord(
        id=r.id,
        at=aware(r.at) or r.at,
        kind=r.kind,
        event_id=r.event_id,
        claim_id=r.claim_id,
        subject=r.subject,
        before=r.before,
        after=r.after,
        actor=r.actor,
        run=r.run,
        summary=r.summary,
    )


def event_aliases(session: Session, event_id: str) -> tuple[str, ...]:
    """``event_id`` and every id whose claims were recorded as moving into it (``merge``
    changes: an event renamed when an earlier report arrived, or merged), followed back."""
    found = [event_id]
    frontier = [event_id]
    for _ in range(_ALIAS_DEPTH):
        if not frontier:
            break
        rows: Iterable[Any] = session.scalars(
            select(ChangeRow.before)
            .where(ChangeRow.kind == "merge", ChangeRow.event_id.in_(frontier))
            .order_by(ChangeRow.id)
        )
        frontier = []
        for before in rows:
            old = before.get("event_id") if isinstance(before, dict) else None
            if isinstance(old, str) and old not in found:
                found.append(old)
                frontier.append(old)
    return tuple(found)


def event_has_changes(session: Session, event_id: str) -> bool:
    """Whether the log holds a change of ``event_id`` (an event gone from the ledger has some)."""
    return session.scalar(select(ChangeRow.id).where(ChangeRow.event_id == event_id).limit(1)) is not None


def check_event(session: Session, event_id: str) -> None:
    """Raise NotFound (E404) unless ``event_id`` is a stored event or has recorded changes."""
    if session.get(EventRow, event_id) is None and not event_has_changes(session, event_id):
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)


def _filtered(session: Session, f: ChangeFilter) -> Select[Any]:
    stmt = select(ChangeRow)
    if f.after is not None:
        stmt = stmt.where(ChangeRow.id > f.after)
    if f.since is not None:
        stmt = stmt.where(ChangeRow.at >= _utc(f.since))
    if f.until is not None:
        stmt = stmt.where(ChangeRow.at < _utc(f.until))
    if f.event is not None:
        stmt = stmt.where(ChangeRow.event_id.in_(event_aliases(session, f.event)))
    if f.kinds:
        stmt = stmt.where(ChangeRow.kind.in_(list(f.kinds)))
    if f.events is not None and f.events != EventFilter():
        stmt = stmt.where(ChangeRow.event_id.in_(event_ids_matching(session, f.events)))
    return stmt


def list_changes(session: Session, f: ChangeFilter | None = None, *, limit: int = 100) -> ChangePage:
    """Changes matching ``f`` in ascending id, at most ``limit`` (1 .. :data:`MAX_LIMIT`)."""
    limit = max(1, min(limit, MAX_LIMIT))
    rows = list(
        session.scalars(_filtered(session, f or ChangeFilter()).order_by(ChangeRow.id).limit(limit + 1))
    )
    more = len(rows) > limit
    items = [_record(r) for r in rows[:limit]]
    return ChangePage(items, items[-1].id if more else None)


def latest_changes(session: Session, f: ChangeFilter | None = None, *, limit: int = 50) -> list[ChangeRecord]:
    """The newest ``limit`` changes matching ``f``, newest first (a feed's entries)."""
    limit = max(1, min(limit, MAX_LIMIT))
    stmt = _filtered(session, f or ChangeFilter()).order_by(ChangeRow.id.desc()).limit(limit)
    return [_record(r) for r in session.scalars(stmt)]


# --- pictures of stored events, for the diff ------------------------------------------------


def view_of_row(row: EventRow) -> EventView:
    """The picture :func:`tolls.reconcile.changes.diff_views` compares, from a stored event
    (claim ids without their text; rejected claims are still listed)."""
    locations = list(row.locations or [])
    first = locations[0] if locations else {}
    links = sorted(row.claim_links, key=lambda link: (link.position, link.claim_id))
    return EventView(
        id=row.id,
        type=row.type,
        place=str(first.get("name", "") or ""),
        country=str(first.get("country", "") or ""),
        day=row.date_start.isoformat() if row.date_start else None,
        claims=tuple(link.claim_id for link in links),
        estimates=tuple(
            EstimateView(
                kind=e.kind,
                group=e.victim_group,
                country=str((e.victims or {}).get("country", "") or ""),
                inter=(e.victims or {}).get("inter"),
                low=e.low,
                best=e.best,
                high=e.high,
                contested=bool(e.contested),
            )
            for e in row.estimates
        ),
        contested=bool(row.contested),
        grade=row.grade,
        reasons=tuple(str(r) for r in row.grade_reasons or ()),
    )


def stored_views(session: Session, event_ids: Sequence[str]) -> dict[str, EventView]:
    """The pictures of the stored events ``event_ids`` (unknown ids are left out)."""
    if not event_ids:
        return {}
    session.flush()
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.id.in_(list(event_ids)))
        .options(selectinload(EventRow.claim_links), selectinload(EventRow.estimates))
    )
    return {r.id: view_of_row(r) for r in rows}


_CAUSED = frozenset({"estimate", "contested", "grade"})


@contextmanager
def tracked(
    session: Session, event_ids: Sequence[str], *, actor: str, run: str | None = None
) -> Iterator[None]:
    """Record the estimate, ``contested`` and grade changes the block makes to ``event_ids``
    (an analyst's action and its recomputations), after the block, in its transaction."""
    before = stored_views(session, event_ids)
    yield
    after = stored_views(session, event_ids)
    changes = [
        c
        for c in diff_views(list(before.values()), [after[i] for i in before if i in after])
        if c.kind in _CAUSED
    ]
    record_changes(session, changes, actor=actor, run=run)
