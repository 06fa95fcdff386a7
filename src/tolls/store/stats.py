"""How much the ledger holds, for ``tolls db counts`` and dashboards."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tolls.store.models import (
    CLAIM_STATUSES,
    DOCUMENT_STATUSES,
    EVENT_STATUSES,
    ClaimRow,
    DocEventRow,
    DocumentRow,
    EstimateRow,
    EventRow,
    IngestProblemRow,
    MergeDecisionRow,
    VersionRow,
)

__all__ = ["counts"]


def counts(session: Session) -> dict[str, int]:
    """Row counts: ``documents``, ``documents.<status>``, ``claims``, ``claims.<status>``,
    ``claims.reviewed``, ``doc_events``, ``events``, ``events.<status>``, ``events.reviewed``,
    ``estimates``, ``merge_decisions``, ``ingest_problems`` and ``versions``. Every key is
    always present (0 when empty), in that order."""
    out: dict[str, int] = {}

    def total(key: str, model: type[object]) -> None:
        out[key] = session.scalar(select(func.count()).select_from(model)) or 0

    def by_status(prefix: str, column: InstrumentedAttribute[str], statuses: tuple[str, ...]) -> None:
        found: dict[str, int] = dict(session.execute(select(column, func.count()).group_by(column)).all())
        for s in statuses:
            out[f"{prefix}.{s}"] = int(found.get(s, 0))

    total("documents", DocumentRow)
    by_status("documents", DocumentRow.status, DOCUMENT_STATUSES)
    total("claims", ClaimRow)
    by_status("claims", ClaimRow.status, CLAIM_STATUSES)
    out["claims.reviewed"] = session.scalar(select(func.count()).where(ClaimRow.reviewed.is_(True))) or 0
    total("doc_events", DocEventRow)
    total("events", EventRow)
    by_status("events", EventRow.status, EVENT_STATUSES)
    out["events.reviewed"] = session.scalar(select(func.count()).where(EventRow.reviewed.is_(True))) or 0
    total("estimates", EstimateRow)
    total("merge_decisions", MergeDecisionRow)
    total("ingest_problems", IngestProblemRow)
    total("versions", VersionRow)
    return out
