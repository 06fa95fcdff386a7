"""``/api/v1/webhooks/deliveries`` (admin only): the webhook delivery log, newest first. It never
shows a hook's URL or secret (docs/webhooks.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from tolls.notify.webhooks import delivery_dict
from tolls.store.queries import Page
from tolls.store.webhooks import list_deliveries
from tolls.web.deps import AdminDep, LedgerDep
from tolls.web.routes._paging import Limit, Offset, json_body, paged
from tolls.web.schemas import PagePublic

__all__ = ["DeliveryPublic", "router"]

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

DeliveryStatus = Literal["pending", "delivered", "failed", "skipped"]


class DeliveryPublic(BaseModel):
    """One delivery of a batch of changes to a webhook, and how its attempts went."""

    id: int = Field(description="The delivery id, sent as `X-Tolls-Delivery` (receivers dedupe by it).")
    hook: str = Field(description="The webhook's name.")
    change_first: int = Field(description="The first change id of the range it covers.")
    change_last: int = Field(description="The last change id of the range it covers.")
    changes: int = Field(description="Changes it carries (those of the range the hook's filters kept).")
    change_ids: list[int]
    status: DeliveryStatus = Field(
        description="pending (tried at `next_attempt_at`), delivered, failed (given up), "
        "skipped (none of its changes passed the filters; nothing sent)."
    )
    attempts: int
    next_attempt_at: str | None = Field(description="When a pending delivery is tried next (UTC).")
    last_code: int | None = Field(description="The HTTP status of the last attempt, if one came back.")
    last_error: str = Field(description="Why the last attempt failed (short; empty when delivered).")
    created_at: str | None
    delivered_at: str | None


@router.get(
    "/deliveries",
    response_model=PagePublic[DeliveryPublic],
    summary="The webhook delivery log (admin)",
)
def get_deliveries(
    request: Request,
    ledger: LedgerDep,
    _who: AdminDep,
    hook: Annotated[str | None, Query(max_length=64, description="Only this hook's deliveries.")] = None,
    status: Annotated[DeliveryStatus | None, Query(description="Only deliveries in this state.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    with ledger.read() as session:
        rows, total = list_deliveries(session, hook=hook, status=status, limit=limit, offset=offset)
    items = [DeliveryPublic.model_validate(delivery_dict(d)) for d in rows]
    page = Page(items=rows, total=total, limit=limit, offset=offset)
    return json_body(paged(request, page, items))
