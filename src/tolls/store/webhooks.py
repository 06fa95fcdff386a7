"""The webhook delivery log (``webhook_deliveries``) and the reads of the change log it needs.

A hook's *cursor* is the highest change id its deliveries cover. New changes after it become
delivery rows (:func:`add_delivery`); a delivery is *claimed* for one attempt by a conditional
update (:func:`claim_attempt`), committed before the POST, so two deliverers (``tolls serve``
workers, a cron ``tolls webhooks deliver``) never send the same attempt twice and a killed one
leaves a pending row that is sent again. The core is :mod:`tolls.notify.webhooks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, select, text, true, update
from sqlalchemy.orm import Session

from tolls.store.models import ChangeRow, EventRow, WebhookDeliveryRow

__all__ = [
    "DELIVERY_STATUSES",
    "ChangeScan",
    "DeliveryRecord",
    "add_delivery",
    "changes_payload",
    "claim_attempt",
    "extend_skipped",
    "finish_attempt",
    "hook_cursor",
    "last_delivery",
    "list_deliveries",
    "lock_changes",
    "next_pending",
    "scan_changes",
]

DELIVERY_STATUSES = ("pending", "delivered", "failed", "skipped")


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One row of the delivery log (never the hook's URL or secret)."""

    id: int
    hook: str
    change_first: int
    change_last: int
    change_ids: tuple[int, ...]
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_code: int | None
    last_error: str
    created_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True, slots=True)
class ChangeScan:
    """The changes after a cursor that passed a hook's filters, and the highest change id read."""

    ids: list[int]
    top: int


def _record(row: WebhookDeliveryRow) -> DeliveryRecord:
    return DeliveryRecord(
        id=row.id,
        hook=row.hook,
        change_first=row.change_first,
        change_last=row.change_last,
        change_ids=tuple(int(i) for i in row.change_ids or ()),
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=_utc(row.next_attempt_at),
        last_code=row.last_code,
        last_error=row.last_error,
        created_at=_utc(row.created_at) or row.created_at,
        delivered_at=_utc(row.delivered_at),
    )


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were stored as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def lock_changes(session: Session) -> None:
    """Make every change whose id is already taken visible before reading the change log.

    On PostgreSQL ids come from a sequence, and a transaction may commit change 7 after another
    committed change 8: a reader moving its cursor to 8 would skip 7 for ever. ``SHARE`` mode
    waits for every transaction writing ``ledger_changes`` to end and holds new writers back
    until this transaction ends (keep it short). SQLite has a single writer: nothing to do."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE ledger_changes IN SHARE MODE"))


def hook_cursor(session: Session, hook: str) -> int:
    """The highest change id the deliveries of ``hook`` cover (0: none yet)."""
    value = session.scalar(
        select(func.max(WebhookDeliveryRow.change_last)).where(WebhookDeliveryRow.hook == hook)
    )
    return int(value or 0)


def scan_changes(
    session: Session,
    *,
    after: int,
    limit: int,
    kinds: Sequence[str] = (),
    countries: Sequence[str] = (),
    contested: bool | None = None,
) -> ChangeScan:
    """At most ``limit`` ids of changes after ``after`` that pass the filters, in order, and the
    highest change id the scan covered: the last one kept when ``limit`` was reached, else the
    highest change id there is. Country and ``contested`` are the event's as it is now; a change
    whose event is gone passes only when neither is asked for."""
    top = int(session.scalar(select(func.max(ChangeRow.id))) or 0)
    if top <= after:
        return ChangeScan(ids=[], top=after)
    query = select(ChangeRow.id).where(ChangeRow.id > after, ChangeRow.id <= top)
    if kinds:
        query = query.where(ChangeRow.kind.in_(list(kinds)))
    if countries or contested is not None:
        query = query.join(EventRow, EventRow.id == ChangeRow.event_id)
        if countries:
            query = query.where(EventRow.country.in_(list(countries)))
        if contested is not None:
            query = query.where(EventRow.contested.is_(contested))
    ids = [int(i) for i in session.scalars(query.order_by(ChangeRow.id).limit(limit))]
    if len(ids) == limit:
        top = ids[-1]
    return ChangeScan(ids=ids, top=top)


def last_delivery(session: Session, hook: str) -> DeliveryRecord | None:
    """The hook's latest delivery row."""
    row = session.scalars(
        select(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.hook == hook)
        .order_by(WebhookDeliveryRow.id.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def add_delivery(
    session: Session,
    *,
    hook: str,
    change_first: int,
    change_last: int,
    change_ids: Sequence[int],
    now: datetime,
) -> int:
    """A new delivery row: ``pending`` and due at ``now`` when it carries changes, else
    ``skipped``. Returns its id (the ``X-Tolls-Delivery`` receivers dedupe by)."""
    row = WebhookDeliveryRow(
        hook=hook,
        change_first=change_first,
        change_last=change_last,
        change_ids=list(change_ids),
        status="pending" if change_ids else "skipped",
        attempts=0,
        next_attempt_at=now if change_ids else None,
        last_code=None,
        last_error="",
        created_at=now,
        delivered_at=None,
    )
    session.add(row)
    session.flush()
    return row.id


def extend_skipped(session: Session, delivery_id: int, change_last: int) -> None:
    """Widen a ``skipped`` row to ``change_last`` (one row, not one a round, while nothing passes)."""
    session.execute(
        update(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.id == delivery_id, WebhookDeliveryRow.status == "skipped")
        .values(change_last=change_last)
    )


def next_pending(session: Session, hook: str) -> DeliveryRecord | None:
    """The hook's oldest pending delivery (its later ones wait for it)."""
    row = session.scalars(
        select(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.hook == hook, WebhookDeliveryRow.status == "pending")
        .order_by(WebhookDeliveryRow.id)
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def claim_attempt(session: Session, delivery: DeliveryRecord, *, retry_at: datetime) -> bool:
    """Count one more attempt of ``delivery`` and move its next attempt to ``retry_at`` (when it
    is sent again should this attempt never report back), if no one else did since it was read.
    True when this caller won the attempt."""
    result = session.execute(
        update(WebhookDeliveryRow)
        .where(
            WebhookDeliveryRow.id == delivery.id,
            WebhookDeliveryRow.status == "pending",
            WebhookDeliveryRow.attempts == delivery.attempts,
        )
        .values(attempts=delivery.attempts + 1, next_attempt_at=retry_at)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def finish_attempt(
    session: Session,
    delivery_id: int,
    *,
    attempts: int,
    status: str,
    code: int | None,
    error: str,
    next_attempt_at: datetime | None,
    delivered_at: datetime | None,
) -> None:
    """Record how attempt ``attempts`` of a delivery ended (only if it is still that attempt)."""
    session.execute(
        update(WebhookDeliveryRow)
        .where(
            WebhookDeliveryRow.id == delivery_id,
            WebhookDeliveryRow.status == "pending",
            WebhookDeliveryRow.attempts == attempts,
        )
        .values(
            status=status,
            last_code=code,
            last_error=error,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
        )
    )


def changes_payload(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The changes ``ids`` as JSON-ready dicts with every field of ``ledger_changes``, in id order."""
    if not ids:
        return []
    rows = session.scalars(select(ChangeRow).where(ChangeRow.id.in_(list(ids))).order_by(ChangeRow.id))
    out = []
    for row in rows:
        at = _utc(row.at)
        out.append(
            {
                "id": row.id,
                "at": at.isoformat().replace("+00:00", "Z") if at else None,
                "kind": row.kind,
                "event_id": row.event_id,
                "claim_id": row.claim_id,
                "subject": row.subject,
                "before": row.before,
                "after": row.after,
                "actor": row.actor,
                "run": row.run,
                "summary": row.summary,
            }
        )
    return out


def list_deliveries(
    session: Session,
    *,
    hook: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DeliveryRecord], int]:
    """A page of the delivery log, newest first, and how many rows match."""
    conditions = []
    if hook is not None:
        conditions.append(WebhookDeliveryRow.hook == hook)
    if status is not None:
        conditions.append(WebhookDeliveryRow.status == status)
    where = and_(*conditions) if conditions else true()
    total = int(session.scalar(select(func.count()).select_from(WebhookDeliveryRow).where(where)) or 0)
    rows = session.scalars(
        select(WebhookDeliveryRow)
        .where(where)
        .order_by(WebhookDeliveryRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_record(r) for r in rows], total
