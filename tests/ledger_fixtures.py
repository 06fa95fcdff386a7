"""The ledger in a canonical form, for tests that compare a run with an uninterrupted one.

``dump(url)`` reads documents, claims and events (with the ids of their claims) from any
database URL and sorts them, so two ledgers built the same way compare equal with ``==`` whatever
the order of their rows, the backend or the run that wrote them; it also counts repeats.
Used by the fault tests (``tests/distributed/test_faults.py``) and the concurrency test
(``tests/web/test_concurrency.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tolls.store import session_scope
from tolls.store.models import ClaimRow, DocumentRow, EventClaimRow, EventRow
from tolls.workflow import open_ledger

__all__ = ["Dump", "dump"]


@dataclass(frozen=True)
class Dump:
    """The ledger in a canonical form."""

    documents: list[tuple[str, str]]
    """(id, status), sorted."""
    duplicate_documents: int
    claims: list[tuple[object, ...]]
    """(doc, claimant, kind, victim group, low, high, span), sorted."""
    duplicate_claims: int
    events: int
    event_claims: list[tuple[object, ...]]
    """(type, fatalities low/best/high, the ids of its claims), sorted."""


def dump(db: str) -> Dump:
    """The ledger in a canonical form: documents, claims, events, and whether any repeats."""
    engine = open_ledger(db)
    try:
        with session_scope(engine) as session:
            docs = [(r.id, r.status) for r in session.execute(select(DocumentRow.id, DocumentRow.status))]
            claims = [
                (
                    r.document_id,
                    r.claimant_name,
                    r.claimant_country,
                    r.claimant_inter,
                    r.kind,
                    r.victims_name,
                    r.victims_country,
                    r.victims_inter,
                    r.figure_low,
                    r.figure_high,
                    r.span_start,
                    r.span_end,
                )
                for r in session.scalars(select(ClaimRow))
            ]
            links: dict[str, list[str]] = {}
            for event_id, claim_id in session.execute(select(EventClaimRow.event_id, EventClaimRow.claim_id)):
                links.setdefault(event_id, []).append(claim_id)
            events = [
                (r.type, r.fatalities_low, r.fatalities_best, r.fatalities_high, sorted(links.get(r.id, [])))
                for r in session.scalars(select(EventRow))
            ]
    finally:
        engine.dispose()
    return Dump(
        documents=sorted(docs),
        duplicate_documents=len(docs) - len({d[0] for d in docs}),
        claims=sorted(claims, key=repr),
        duplicate_claims=len(claims) - len(set(claims)),
        events=len(events),
        event_claims=sorted(events, key=repr),
    )
