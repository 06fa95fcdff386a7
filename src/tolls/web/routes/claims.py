"""``/api/v1/claims``: claims with their review state and audit trail; analysts' accept,
correct and reject (the claim's event's estimates and grade are recomputed in the same
transaction, with the ``reconcile.contested_margin`` setting)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from tolls.reconcile.refresh import refresh_estimates
from tolls.store import accept_claim, correct_claim, get_claim, history, reject_claim
from tolls.store.queries import list_claims
from tolls.store.records import StoredClaim
from tolls.web.deps import AnalystDep, LedgerDep, ReaderDep, SettingsDep
from tolls.web.routes._paging import Limit, Offset, paged
from tolls.web.schemas import (
    ClaimCorrect,
    ClaimPublic,
    ClaimWithHistory,
    PagePublic,
    ReviewAction,
    claim_public,
    version_public,
)

__all__ = ["router"]

router = APIRouter(prefix="/claims", tags=["claims"])

ClaimStatusQ = Literal["extracted", "accepted", "corrected", "rejected"]


@router.get("", response_model=PagePublic[ClaimPublic], summary="List claims")
def get_claims(
    request: Request,
    ledger: LedgerDep,
    _who: ReaderDep,
    event: Annotated[str | None, Query(max_length=500)] = None,
    document: Annotated[str | None, Query(max_length=500)] = None,
    status: Annotated[ClaimStatusQ | None, Query()] = None,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with ledger.read() as session:
        page = list_claims(
            session, event=event, document=document, status=status, kind=kind, limit=limit, offset=offset
        )
    return paged(request, page, [claim_public(c) for c in page.items])


def _with_history(session: Session, claim_id: str) -> ClaimWithHistory:
    c = get_claim(session, claim_id)
    return ClaimWithHistory(
        **claim_public(c).model_dump(), history=[version_public(v) for v in history(session, "claim", c.id)]
    )


@router.get("/{claim_id:path}", response_model=ClaimWithHistory, summary="One claim and its history")
def get_one(claim_id: str, ledger: LedgerDep, _who: ReaderDep) -> ClaimWithHistory:
    with ledger.read() as session:
        return _with_history(session, claim_id)


def _act(
    ledger: LedgerDep,
    settings: SettingsDep,
    claim_id: str,
    action: Callable[[Session], StoredClaim],
    actor: str,
) -> ClaimPublic:
    with ledger.review() as session:
        stored = action(session)
        if stored.event_id is not None:
            margin = settings.reconcile.contested_margin
            refresh_estimates(session, stored.event_id, contested_margin=margin, actor=actor)
        return claim_public(get_claim(session, claim_id))


# Claim ids hold '#' (``doc#digest``), so clients must percent-encode it; the action routes are
# declared before the catch-all ``{claim_id:path}`` GET would matter (they are POST only).
@router.post("/{claim_id:path}/accept", response_model=ClaimPublic, summary="Accept a claim")
def post_accept(
    claim_id: str, body: ReviewAction, ledger: LedgerDep, who: AnalystDep, settings: SettingsDep
) -> ClaimPublic:
    return _act(
        ledger,
        settings,
        claim_id,
        lambda s: accept_claim(s, claim_id, actor=who.actor, note=body.note, expected_version=body.version),
        who.actor,
    )


@router.post("/{claim_id:path}/reject", response_model=ClaimPublic, summary="Reject a claim")
def post_reject(
    claim_id: str, body: ReviewAction, ledger: LedgerDep, who: AnalystDep, settings: SettingsDep
) -> ClaimPublic:
    return _act(
        ledger,
        settings,
        claim_id,
        lambda s: reject_claim(s, claim_id, actor=who.actor, note=body.note, expected_version=body.version),
        who.actor,
    )


@router.post("/{claim_id:path}/correct", response_model=ClaimPublic, summary="Correct a claim")
def post_correct(
    claim_id: str, body: ClaimCorrect, ledger: LedgerDep, who: AnalystDep, settings: SettingsDep
) -> ClaimPublic:
    return _act(
        ledger,
        settings,
        claim_id,
        lambda s: correct_claim(
            s, claim_id, body.changes, actor=who.actor, note=body.note, expected_version=body.version
        ),
        who.actor,
    )
