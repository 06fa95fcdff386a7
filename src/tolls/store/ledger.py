"""The ledger: reconciled events, their claims, documents and estimates, and merge decisions.

Reconciliation recomputes the whole ledger and hands it to :func:`replace_ledger`; analysts'
decisions (reviewed events, see :mod:`tolls.store.review`) survive every recomputation.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from tolls.errors import ErrorCode, NotFound, StoreError
from tolls.model import EventGrade, LedgerEvent, MergeDecision, SourcedClaim
from tolls.reconcile.grade import grade_event
from tolls.store.convert import (
    claim_from_row,
    coded_from_json,
    coded_to_json,
    date_columns,
    dates_from_row,
    estimate_from_row,
    fatalities_columns,
    fatalities_from_row,
    grade_columns,
    grade_from_row,
    parties_from_json,
    party_to_json,
    place_from_json,
    place_to_json,
)
from tolls.store.models import (
    ClaimRow,
    DocumentRow,
    EstimateRow,
    EventClaimRow,
    EventDocumentRow,
    EventRow,
    MergeDecisionRow,
)
from tolls.store.records import EventStatus, LedgerResult

__all__ = [
    "LEDGER_LOCK",
    "apply_grade",
    "load_ledger",
    "lock_ledger",
    "regrade_event",
    "replace_estimates",
    "replace_ledger",
]

LEDGER_LOCK = 0x746F6C6C
"""PostgreSQL advisory lock key of a ledger rebuild (the bytes of "toll")."""


def lock_ledger(session: Session) -> None:
    """Make this transaction the only one rebuilding the ledger until it ends: call before
    reading the claims that :func:`replace_ledger` will reconcile.

    Two ingests that finish together both rebuild the ledger. On PostgreSQL (read committed) the
    second one's delete did not see the events the first had just inserted, and its inserts of
    the same event ids failed (UniqueViolation); it now waits for the first to commit, then
    reads every claim afresh. SQLite's writer (``BEGIN IMMEDIATE``) already has the database to
    itself."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEDGER_LOCK})


def _estimate_rows(event: LedgerEvent) -> list[EstimateRow]:
    return [
        EstimateRow(
            kind=e.kind,
            victim_group=e.group,
            victims=party_to_json(e.victims),
            low=e.low,
            best=e.best,
            high=e.high,
            rule=e.rule,
            claim_ids=list(e.claims),
            contested=e.contested,
        )
        for e in event.estimates
    ]


def _event_row(event: LedgerEvent) -> EventRow:
    row = EventRow(
        id=event.id,
        type=event.type,
        **date_columns(event.dates),
        locations=[place_to_json(p) for p in event.locations],
        actors=[party_to_json(p) for p in event.actors],
        **fatalities_columns(event.fatalities),
        contested=event.contested,
        scope=event.scope,
        summary=event.summary,
        notes=event.notes,
        **grade_columns(event.grade),
        status="proposed",
        reviewed=False,
        coded=coded_to_json(event.coded),
    )
    row.estimates = _estimate_rows(event)
    row.document_links = [
        EventDocumentRow(document_id=d, position=i) for i, d in enumerate(dict.fromkeys(event.documents))
    ]
    return row


def replace_ledger(
    session: Session, events: Sequence[LedgerEvent], decisions: Sequence[MergeDecision]
) -> LedgerResult:
    """Rewrite the machine part of the ledger in the caller's transaction.

    - Unreviewed events are deleted (with their claim links, document links and estimates)
      and ``events`` are written in their place, status ``proposed``.
    - Reviewed events (accepted, rejected, merged or edited by an analyst) are kept as they
      are, with their claim links: an incoming event with a reviewed event's id is skipped,
      and a claim a reviewed event holds is not linked again (a claim belongs to one event).
    - Merge decisions are replaced, except those naming a reviewed event, which stay.

    Every claim must already be in the store (ids from :func:`tolls.store.load_claims`);
    raises :class:`~tolls.errors.StoreError` E401 for an unknown claim and E402 when two
    incoming events hold the same claim (events skipped as reviewed are not checked).
    """
    reviewed = set(session.scalars(select(EventRow.id).where(EventRow.reviewed.is_(True))))
    held = set(
        session.scalars(
            select(EventClaimRow.claim_id)
            .join(EventRow, EventRow.id == EventClaimRow.event_id)
            .where(EventRow.reviewed.is_(True))
        )
    )
    incoming = [e for e in events if e.id not in reviewed]
    wanted = {c.id for e in incoming for c in e.claims}
    known = set(session.scalars(select(ClaimRow.id).where(ClaimRow.id.in_(wanted)))) if wanted else set()

    owner: dict[str, str] = {}
    for e in incoming:
        for c in e.claims:
            if c.id not in known:
                raise StoreError(ErrorCode.E401, event_id=e.id, claim_id=c.id)
            if c.id in owner and owner[c.id] != e.id:
                raise StoreError(ErrorCode.E402, claim_id=c.id, first=owner[c.id], second=e.id)
            owner[c.id] = e.id

    session.execute(delete(EventRow).where(EventRow.reviewed.is_(False)))
    session.execute(delete(MergeDecisionRow).where(MergeDecisionRow.event_id.not_in(reviewed)))
    session.expire_all()

    written = 0
    skipped_events: list[str] = []
    skipped_links: list[str] = []
    for e in events:
        if e.id in reviewed:
            skipped_events.append(e.id)
            continue
        row = _event_row(e)
        links: list[EventClaimRow] = []
        for c in e.claims:
            if c.id in held:
                skipped_links.append(c.id)
                continue
            if any(link.claim_id == c.id for link in links):
                continue
            links.append(EventClaimRow(claim_id=c.id, sources=list(c.sources), position=len(links)))
        row.claim_links = links
        session.add(row)
        written += 1
    session.add_all(
        MergeDecisionRow(
            doc_id=d.doc_id,
            doc_event=d.doc_event,
            event_id=d.event_id,
            score=d.score,
            linked=d.linked,
            reason=d.reason,
        )
        for d in decisions
    )
    session.flush()
    return LedgerResult(
        events_written=written,
        events_kept=len(reviewed),
        events_skipped=tuple(skipped_events),
        links_skipped=tuple(skipped_links),
        decisions_written=len(decisions),
    )


def replace_estimates(session: Session, event_id: str, event: LedgerEvent) -> None:
    """Set an existing event's estimates, fatalities and ``contested`` flag from ``event``
    (e.g. recomputed by reconciliation after an analyst merged or split events), then its grade
    (:func:`regrade_event`). Not a review action: no version is written and the event's review
    state is unchanged."""
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    row.estimates = _estimate_rows(event)
    for key, value in fatalities_columns(event.fatalities).items():
        setattr(row, key, value)
    row.contested = event.contested
    apply_grade(session, row)
    session.flush()


def _sourced(link: EventClaimRow, claim: ClaimRow, published: object) -> SourcedClaim:
    return SourcedClaim(
        id=claim.id,
        claim=claim_from_row(claim),
        doc_id=claim.document_id,
        published=published,  # type: ignore[arg-type]
        sources=tuple(str(s) for s in link.sources),
    )


def load_ledger(
    session: Session,
    *,
    event_ids: Sequence[str] | None = None,
    status: Sequence[EventStatus] | None = None,
    include_rejected: bool = False,
) -> list[LedgerEvent]:
    """Ledger events with their claims (spans intact), documents and estimates, ordered by
    date then id. Rejected and merged-away events, and rejected claims, are left out unless
    ``include_rejected`` (or, for events, an explicit ``status`` list) asks for them."""
    stmt = (
        select(EventRow)
        .options(
            selectinload(EventRow.claim_links),
            selectinload(EventRow.document_links),
            selectinload(EventRow.estimates),
        )
        .order_by(EventRow.date_start.is_(None), EventRow.date_start, EventRow.id)
    )
    if event_ids is not None:
        stmt = stmt.where(EventRow.id.in_(list(event_ids)))
    if status is not None:
        stmt = stmt.where(EventRow.status.in_(list(status)))
    elif not include_rejected:
        stmt = stmt.where(EventRow.status.in_(["proposed", "accepted"]))
    rows = list(session.scalars(stmt))

    claim_ids = [link.claim_id for r in rows for link in r.claim_links]
    claims: dict[str, tuple[ClaimRow, object]] = {}
    if claim_ids:
        q = (
            select(ClaimRow, DocumentRow.published)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(ClaimRow.id.in_(claim_ids))
        )
        claims = {c.id: (c, published) for c, published in session.execute(q)}

    out = []
    for r in rows:
        links = sorted(r.claim_links, key=lambda link: (link.position, link.claim_id))
        out.append(
            LedgerEvent(
                id=r.id,
                type=r.type,
                dates=dates_from_row(r),
                locations=[place_from_json(d) for d in r.locations],
                actors=parties_from_json(r.actors),
                claims=[
                    _sourced(link, *claims[link.claim_id])
                    for link in links
                    if include_rejected or claims[link.claim_id][0].status != "rejected"
                ],
                estimates=[estimate_from_row(e) for e in r.estimates],
                documents=[d.document_id for d in sorted(r.document_links, key=lambda d: d.position)],
                fatalities=fatalities_from_row(r),
                contested=r.contested,
                scope=r.scope,  # type: ignore[arg-type]
                summary=r.summary,
                notes=r.notes,
                coded=coded_from_json(r.coded),
                grade=grade_from_row(r),
            )
        )
    return out


def _grade_row(session: Session, row: EventRow) -> EventGrade:
    """The grade of an event row as it is in memory (pending changes too, none flushed): its
    standing claims, estimates, documents (syndicated copies known from the store), status."""
    with session.no_autoflush:  # lazy loads too: a flush here would write a version of its own
        links = sorted(row.claim_links, key=lambda link: (link.position, link.claim_id))
        docs = [d.document_id for d in sorted(row.document_links, key=lambda d: d.position)]
        estimates = [estimate_from_row(e) for e in row.estimates]
        ids = [link.claim_id for link in links]
        rows = {c.id: c for c in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(ids)))} if ids else {}
        copies = DocumentRow.canonical_id.is_not(None)
        syndicated = (
            set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(docs), copies)))
            if docs
            else set()
        )
    held = [(link, rows[link.claim_id]) for link in links if link.claim_id in rows]
    standing = [
        SourcedClaim(c.id, claim_from_row(c), c.document_id, None, tuple(str(s) for s in link.sources))
        for link, c in held
        if c.status != "rejected"
    ]
    event = LedgerEvent(
        id=row.id,
        type=row.type,
        claims=standing,
        estimates=estimates,
        documents=docs,
        contested=bool(row.contested),
    )
    return grade_event(
        event,
        syndicated=syndicated,
        rejected=row.status == "rejected",
        rejected_claims=len(held) - len(standing),
    )


def apply_grade(session: Session, row: EventRow) -> EventGrade:
    """Recompute an event row's grade and set its columns when it changed, unless an analyst
    set it by hand (``grade_by``): that grade is returned unchanged. Nothing is flushed, so a
    review action changes the grade in the same version as the rest."""
    if row.grade_by is not None:
        return grade_from_row(row)
    grade = _grade_row(session, row)
    columns = grade_columns(grade)
    if any(getattr(row, key) != value for key, value in columns.items()):
        for key, value in columns.items():
            setattr(row, key, value)
    return grade


def regrade_event(session: Session, event_id: str) -> EventGrade:
    """Recompute a stored event's grade (:func:`tolls.reconcile.grade.grade_event`) from its
    claims (rejected ones discount it when none stands), estimates, documents (syndicated
    copies are not independent) and status (rejected: discounted), and store it, unless an
    analyst set the grade by hand. Not a review action: no version row is written. Raises
    NotFound (E404)."""
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    grade = apply_grade(session, row)
    session.flush()
    return grade
