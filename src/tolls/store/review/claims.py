"""Review of claims: accept, correct, reject (each audited)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict
from typing import get_args

from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, ReviewError
from tolls.model import CLAIM_KINDS, Figure, Party, Qualifier, Stance
from tolls.store.claims import claim_row, stored_claim
from tolls.store.convert import claim_snapshot
from tolls.store.models import ClaimRow
from tolls.store.records import StoredClaim
from tolls.store.review._common import review_row, set_status

__all__ = ["CORRECTABLE_FIELDS", "accept_claim", "correct_claim", "reject_claim"]

_INT_FIELDS = (
    "doc_event",
    "claimant_inter",
    "claimant_start",
    "claimant_end",
    "victims_inter",
    "victims_start",
    "victims_end",
    "figure_value",
    "figure_low",
    "figure_high",
    "sentence",
)
_STR_FIELDS = (
    "claimant_name",
    "claimant_country",
    "victims_name",
    "victims_country",
    "figure_text",
    "evidence",
)
_BOOL_FIELDS = ("subset", "prior", "tally")
_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": CLAIM_KINDS,
    "stance": get_args(Stance),
    "figure_qualifier": get_args(Qualifier),
}
CORRECTABLE_FIELDS: tuple[str, ...] = (
    *_INT_FIELDS,
    *_STR_FIELDS,
    *_BOOL_FIELDS,
    *_CHOICES,
    "span_start",
    "span_end",
)
"""Claim columns :func:`correct_claim` accepts; ``figure``, ``claimant`` and ``victims`` may
also be given whole (a :class:`~tolls.model.Figure` / :class:`~tolls.model.Party` or a dict)."""


def _claim_action(
    session: Session,
    claim_id: str,
    *,
    action: str,
    allowed: Collection[str],
    hint: str,
    actor: str,
    note: str,
    expected_version: int | None,
    change: Callable[[ClaimRow], None],
) -> StoredClaim:
    row = review_row(
        session,
        lambda: claim_row(session, claim_id),
        entity="claim",
        action=action,
        allowed=allowed,
        hint=hint,
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=change,
        snapshot=claim_snapshot,
    )
    return stored_claim(session, row)


def accept_claim(
    session: Session, claim_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredClaim:
    """Accept a claim as extracted (or re-accept a rejected one)."""
    return _claim_action(
        session,
        claim_id,
        action="accept",
        allowed=("extracted", "rejected"),
        hint="Only an extracted or rejected claim can be accepted.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=set_status("accepted"),
    )


def reject_claim(
    session: Session, claim_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredClaim:
    """Reject a claim: it stays in the store (and its history) but no longer counts."""
    return _claim_action(
        session,
        claim_id,
        action="reject",
        allowed=("extracted", "accepted", "corrected"),
        hint="It is already rejected.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=set_status("rejected"),
    )


def _flatten(changes: Mapping[str, object]) -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in changes.items():
        if key == "figure" and isinstance(value, Figure | Mapping):
            parts = asdict(value) if isinstance(value, Figure) else dict(value)
            flat.update({f"figure_{k}": v for k, v in parts.items()})
        elif key in ("claimant", "victims") and isinstance(value, Party | Mapping):
            parts = asdict(value) if isinstance(value, Party) else dict(value)
            flat.update({f"{key}_{k}": v for k, v in parts.items()})
        else:
            flat[key] = value
    return flat


def _validate(claim_id: str, changes: Mapping[str, object]) -> dict[str, object]:
    flat = _flatten(changes)
    if not flat:
        raise ReviewError(ErrorCode.E406, name=claim_id, reason="no changes given")
    for key, value in flat.items():
        bad: str | None = None
        if key not in CORRECTABLE_FIELDS:
            bad = f"unknown field {key!r} (correctable: {', '.join(CORRECTABLE_FIELDS)})"
        elif key in _INT_FIELDS and not (
            value is None or (isinstance(value, int) and not isinstance(value, bool))
        ):
            bad = f"{key} must be an integer or None, not {value!r}"
        elif key in ("span_start", "span_end") and not (isinstance(value, int) and value >= 0):
            bad = f"{key} must be a non-negative integer, not {value!r}"
        elif key in _STR_FIELDS and not isinstance(value, str):
            bad = f"{key} must be a string, not {value!r}"
        elif key in _BOOL_FIELDS and not isinstance(value, bool):
            bad = f"{key} must be true or false, not {value!r}"
        elif key in _CHOICES and value not in _CHOICES[key]:
            bad = f"{key} must be one of {', '.join(_CHOICES[key])}, not {value!r}"
        if bad:
            raise ReviewError(ErrorCode.E406, name=claim_id, reason=bad)
    return flat


def correct_claim(
    session: Session,
    claim_id: str,
    changes: Mapping[str, object],
    *,
    actor: str,
    note: str = "",
    expected_version: int | None = None,
) -> StoredClaim:
    """Correct what a claim says (e.g. ``{"figure_value": 23, "figure_text": "23"}``, or
    ``{"victims": Party("soldiers", "PAK", 1)}``); see :data:`CORRECTABLE_FIELDS`.

    The claim becomes ``corrected``; the audit trail keeps the extracted values. Raises
    :class:`~tolls.errors.ReviewError` E406 for an unknown field, a bad value or no change.
    """
    flat = _validate(claim_id, changes)

    def change(row: ClaimRow) -> None:
        if all(getattr(row, k) == v for k, v in flat.items()):
            raise ReviewError(ErrorCode.E406, name=claim_id, reason="the values given are the current ones")
        start = flat.get("span_start", row.span_start)
        end = flat.get("span_end", row.span_end)
        if isinstance(start, int) and isinstance(end, int) and end < start:
            raise ReviewError(ErrorCode.E406, name=claim_id, reason="span_end comes before span_start")
        for k, v in flat.items():
            setattr(row, k, v)
        row.status = "corrected"

    return _claim_action(
        session,
        claim_id,
        action="correct",
        allowed=("extracted", "accepted", "corrected"),
        hint="Accept it again before correcting it.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=change,
    )
