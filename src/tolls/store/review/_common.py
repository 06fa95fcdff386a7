"""Shared machinery of review actions: checks, the reviewed mark, the audit row, history."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Literal, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tolls.errors import ErrorCode, NotFound, ReviewError, StoreError
from tolls.store.changes import record_review
from tolls.store.convert import aware
from tolls.store.models import ClaimRow, EventRow, VersionRow, utcnow
from tolls.store.records import VersionRecord

__all__ = [
    "Entity",
    "act",
    "audit",
    "check_actor",
    "check_version",
    "flush",
    "history",
    "mark",
    "review_row",
    "set_status",
    "transition",
]

Entity = Literal["claim", "event"]
RowT = TypeVar("RowT", ClaimRow, EventRow)


def check_actor(actor: str) -> None:
    if not actor.strip():
        raise ReviewError(ErrorCode.E410)


def check_version(row: ClaimRow | EventRow, what: str, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise StoreError(ErrorCode.E405, what=what, name=row.id)


def transition(row: ClaimRow | EventRow, what: str, action: str, allowed: Collection[str], hint: str) -> None:
    if row.status not in allowed:
        raise ReviewError(
            ErrorCode.E403, action=action, what=what.lower(), name=row.id, status=row.status, hint=hint
        )


def flush(session: Session, row: ClaimRow | EventRow, what: str) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise StoreError(ErrorCode.E405, what=what, name=row.id) from exc


def mark(row: ClaimRow | EventRow, actor: str) -> None:
    row.reviewed = True
    row.reviewed_by = actor
    row.reviewed_at = utcnow()


def audit(
    session: Session,
    *,
    entity: Entity,
    row: ClaimRow | EventRow,
    actor: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    note: str,
) -> None:
    at = row.reviewed_at or utcnow()
    session.add(
        VersionRow(
            entity=entity,
            entity_id=row.id,
            version=row.version,
            actor=actor,
            at=at,
            action=action,
            before=before,
            after=after,
            note=note,
        )
    )
    record_review(
        session,
        entity=entity,
        entity_id=row.id,
        action=action,
        actor=actor,
        before=before,
        after=after,
        note=note,
        at=at,
    )


def act(
    session: Session,
    row: RowT,
    *,
    entity: Entity,
    action: str,
    actor: str,
    note: str,
    change: Callable[[RowT], None],
    snapshot: Callable[[RowT], dict[str, Any]],
) -> None:
    """Apply ``change`` to a row, mark it reviewed, flush (optimistic lock) and audit it."""
    what = entity.capitalize()
    before = snapshot(row)
    change(row)
    mark(row, actor)
    flush(session, row, what)
    audit(
        session,
        entity=entity,
        row=row,
        actor=actor,
        action=action,
        before=before,
        after=snapshot(row),
        note=note,
    )
    session.flush()


def review_row(
    session: Session,
    load: Callable[[], RowT],
    *,
    entity: Entity,
    action: str,
    allowed: Collection[str],
    hint: str,
    actor: str,
    note: str,
    expected_version: int | None,
    change: Callable[[RowT], None],
    snapshot: Callable[[RowT], dict[str, Any]],
) -> RowT:
    """One analyst action on one claim or event: check who acts, load the row (NotFound),
    check the version and the state transition, then :func:`act`. Returns the row."""
    what = entity.capitalize()
    check_actor(actor)
    row = load()
    check_version(row, what, expected_version)
    transition(row, what, action, allowed, hint)
    act(session, row, entity=entity, action=action, actor=actor, note=note, change=change, snapshot=snapshot)
    return row


def set_status(status: str) -> Callable[[Any], None]:
    def change(row: Any) -> None:
        row.status = status

    return change


def history(session: Session, entity: Entity, entity_id: str) -> list[VersionRecord]:
    """The audit trail of one claim or event, oldest first. Raises NotFound when the record
    does not exist and never did (a record without review actions gives ``[]``)."""
    rows = list(
        session.scalars(
            select(VersionRow)
            .where(VersionRow.entity == entity, VersionRow.entity_id == entity_id)
            .order_by(VersionRow.id)
        )
    )
    if not rows:
        model = ClaimRow if entity == "claim" else EventRow
        if session.get(model, entity_id) is None:
            raise NotFound(ErrorCode.E404, what=entity.capitalize(), name=entity_id)
    return [
        VersionRecord(
            entity=r.entity,
            entity_id=r.entity_id,
            version=r.version,
            actor=r.actor,
            at=aware(r.at) or r.at,
            action=r.action,
            before=r.before,
            after=r.after,
            note=r.note,
        )
        for r in rows
    ]
