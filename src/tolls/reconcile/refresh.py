"""Recompute one ledger event's estimates (and its grade) after an analyst changed its claims.

A correction, a rejection, a merge or a split changes what an event's claims say; its
low/best/high per victim group, its fatalities and its ``contested`` flag are then recomputed
from the claims it now holds (rejected claims do not count), with the same rules reconciliation
uses, in the caller's transaction. Not a review action: no version is written.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, NotFound
from tolls.model import CLAIM_KINDS, LedgerEvent
from tolls.reconcile.estimates import event_fatalities, kind_estimates
from tolls.store import load_ledger, replace_estimates
from tolls.store.changes import tracked
from tolls.store.records import EventStatus

__all__ = ["refresh_estimates"]

_ANY_STATUS: tuple[EventStatus, ...] = ("proposed", "accepted", "rejected", "merged")


def refresh_estimates(
    session: Session, event_id: str, *, contested_margin: float = 0.0, actor: str = "review"
) -> LedgerEvent:
    """Recompute and store the estimates of ``event_id`` and its grade; returns the event as
    now stored (``contested_margin``: the ``reconcile.contested_margin`` setting). The
    estimate, ``contested`` and grade changes are recorded in the change log by ``actor`` (the
    analyst whose action made the recomputation needed)."""
    events = load_ledger(session, event_ids=[event_id], status=_ANY_STATUS)
    if not events:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    event = events[0]
    claims = [s.claim for s in event.claims]
    ids = [s.id for s in event.claims]
    estimates = [
        est for kind in CLAIM_KINDS for est in kind_estimates(claims, kind, ids, margin=contested_margin)
    ]
    updated = replace(
        event,
        estimates=estimates,
        fatalities=event_fatalities(claims),
        contested=any(e.contested for e in estimates),
    )
    with tracked(session, [event_id], actor=actor):
        replace_estimates(session, event_id, updated)
    return load_ledger(session, event_ids=[event_id], status=_ANY_STATUS)[0]
