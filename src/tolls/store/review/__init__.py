"""Analyst review with an audit trail.

Every action marks the record reviewed (who, when), bumps its ``version`` and writes one
``versions`` row per record it changes, holding the record before and after; :func:`history`
reads them back. A claim is never edited into agreement with another: a correction is a new,
audited version of the same claim. Reviewed records are never touched by re-extraction
(:func:`tolls.store.save_extraction`) or by reconciliation (:func:`tolls.store.replace_ledger`).

Claim states::

    extracted --accept--> accepted      extracted|accepted|corrected --correct--> corrected
    extracted|rejected --accept--> accepted   (re-accepting a rejected claim is allowed)
    extracted|accepted|corrected --reject--> rejected

Event states::

    proposed|rejected --accept--> accepted      proposed|accepted --reject--> rejected
    merge_events(a, b): b --> merged (merged_into=a), a --> accepted with b's claims and documents
    split_event(e, claims): e --> accepted without those claims, new event --> accepted with them
    proposed|accepted|rejected --grade--> the same status, its grade set by hand (or given back)

Every event action recomputes the event's grade (:func:`tolls.store.regrade_event`) unless an
analyst set it by hand.

Any other transition raises :class:`~tolls.errors.ReviewError` (E403); an unknown record raises
:class:`~tolls.errors.NotFound` (E404); a stale ``expected_version`` or a concurrent edit raises
:class:`~tolls.errors.StoreError` (E405).
"""

from tolls.store.review._common import Entity, history
from tolls.store.review.claims import CORRECTABLE_FIELDS, accept_claim, correct_claim, reject_claim
from tolls.store.review.events import (
    accept_event,
    get_event,
    grade_event_by_hand,
    merge_events,
    reject_event,
    split_event,
)

__all__ = [
    "CORRECTABLE_FIELDS",
    "Entity",
    "accept_claim",
    "accept_event",
    "correct_claim",
    "get_event",
    "grade_event_by_hand",
    "history",
    "merge_events",
    "reject_claim",
    "reject_event",
    "split_event",
]
