"""``/api/v1/watch/sources``: the health of every source ``tolls watch`` polls (docs/watch.md),
readable by whoever may read the event list."""

from __future__ import annotations

from fastapi import APIRouter

from tolls.store.watch import watch_status
from tolls.web.deps import LedgerDep, ReaderDep
from tolls.web.schemas import WatchSourcePublic, watch_source_public

__all__ = ["router"]

router = APIRouter(prefix="/watch", tags=["watch"])


@router.get("/sources", response_model=list[WatchSourcePublic], summary="Watched sources and their last poll")
def get_watch_sources(ledger: LedgerDep, _who: ReaderDep) -> list[WatchSourcePublic]:
    """Every source of the sources file, by name: its last poll's status and HTTP code, its
    consecutive failures and when it will be polled next (a source backing off after errors or
    a 429/503 waits until then), the last error and its last run's counts. Empty when nothing
    is watched."""
    with ledger.read() as session:
        return [watch_source_public(s) for s in watch_status(session)]
