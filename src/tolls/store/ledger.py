"""The ledger: reconciled events, their claims, documents and estimates, and merge decisions.

Reconciliation recomputes the whole ledger and hands it to :func:`replace_ledger`; analysts'
decisions (reviewed events, see :mod:`tolls.store.review`) survive every recomputation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session, selectinload

from tolls.errors import ErrorCode, NotFound, StoreError
from tolls.model import EventGrade, LedgerEvent, MergeDecision, SourcedClaim
from tolls.reconcile.changes import EventView, diff_views, event_view
from tolls.reconcile.grade import grade_event
from tolls.store.changes import hold_changes_lock, record_changes, view_of_row
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


def _estimate_columns(event: LedgerEvent) -> list[dict[str, Any]]:
    return [
        {
            "kind": e.kind,
            "victim_group": e.group,
            "victims": party_to_json(e.victims),
            "low": e.low,
            "best": e.best,
            "high": e.high,
            "rule": e.rule,
            "claim_ids": list(e.claims),
            "contested": e.contested,
        }
        for e in event.estimates
    ]


def _estimate_rows(event: LedgerEvent) -> list[EstimateRow]:
    return [EstimateRow(**columns) for columns in _estimate_columns(event)]


def _event_columns(event: LedgerEvent) -> dict[str, Any]:
    """The columns of an incoming event's row (its children aside)."""
    return {
        "type": event.type,
        **date_columns(event.dates),
        "locations": [place_to_json(p) for p in event.locations],
        "actors": [party_to_json(p) for p in event.actors],
        **fatalities_columns(event.fatalities),
        "contested": event.contested,
        "scope": event.scope,
        "summary": event.summary,
        "notes": event.notes,
        **grade_columns(event.grade),
        "status": "proposed",
        "reviewed": False,
        "coded": coded_to_json(event.coded),
    }


_COLUMNS = tuple(_event_columns(LedgerEvent(id="", type="")))
"""The columns compared to tell an unchanged event (:func:`_fingerprint`)."""
_ESTIMATE_COLUMNS = (
    "kind",
    "victim_group",
    "victims",
    "low",
    "best",
    "high",
    "rule",
    "claim_ids",
    "contested",
)


def _event_row(event: LedgerEvent, links: Sequence[tuple[str, list[str]]]) -> EventRow:
    row = EventRow(id=event.id, **_event_columns(event))
    row.estimates = _estimate_rows(event)
    row.document_links = [
        EventDocumentRow(document_id=d, position=i) for i, d in enumerate(dict.fromkeys(event.documents))
    ]
    row.claim_links = [
        EventClaimRow(claim_id=cid, sources=sources, position=i) for i, (cid, sources) in enumerate(links)
    ]
    return row


def _fingerprint(
    columns: dict[str, Any],
    estimates: list[dict[str, Any]],
    documents: list[str],
    links: Sequence[tuple[str, list[str]]],
) -> str:
    """Everything a ledger rebuild writes of an event row, its estimates, document and claim
    links, as canonical JSON: equal for a stored row and an incoming event that would be
    written the same (an unchanged event, which is then left as it is)."""
    parts = [columns, estimates, documents, [[cid, list(sources)] for cid, sources in links]]
    return json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))


def _stored_fingerprint(row: EventRow) -> str:
    return _fingerprint(
        {k: getattr(row, k) for k in _COLUMNS},
        [{k: getattr(e, k) for k in _ESTIMATE_COLUMNS} for e in row.estimates],
        [d.document_id for d in sorted(row.document_links, key=lambda d: d.position)],
        [
            (link.claim_id, list(link.sources))
            for link in sorted(row.claim_links, key=lambda link: (link.position, link.claim_id))
        ],
    )


def _links(event: LedgerEvent, held: set[str], skipped: list[str]) -> list[tuple[str, list[str]]]:
    """The claim links an incoming event gets: once each, none a reviewed event holds (those
    are added to ``skipped``)."""
    links: dict[str, list[str]] = {}
    for c in event.claims:
        if c.id in held:
            skipped.append(c.id)
            continue
        links.setdefault(c.id, list(c.sources))
    return list(links.items())


_CHUNK = 5_000
"""Ids per ``IN`` list (within both databases' parameter limits)."""


def replace_ledger(
    session: Session,
    events: Sequence[LedgerEvent],
    decisions: Sequence[MergeDecision],
    *,
    actor: str = "ingest",
    run: str | None = None,
) -> LedgerResult:
    """Bring the machine part of the ledger to ``events`` in the caller's transaction, writing
    only the events that changed, and record the changes (:mod:`tolls.store.changes`).

    - An unreviewed event that ``events`` holds exactly as stored (its columns, estimates,
      documents and claim links) is left as it is; one that differs is rewritten, status
      ``proposed``; one ``events`` no longer holds is deleted (with its links and estimates).
    - Reviewed events (accepted, rejected, merged or edited by an analyst) are kept as they
      are, with their claim links: an incoming event with a reviewed event's id is skipped,
      and a claim a reviewed event holds is not linked again (a claim belongs to one event).
    - Merge decisions are replaced, except those naming a reviewed event, which stay.
    - What changed, between the unreviewed events before and after, is appended to the change
      log (:func:`tolls.reconcile.changes.diff_views`), by ``actor`` (e.g. ``ingest``,
      ``watch:<source>``) in ``run`` (an id the caller chose, or None).

    Every claim must already be in the store (ids from :func:`tolls.store.load_claims`);
    raises :class:`~tolls.errors.StoreError` E401 for an unknown claim and E402 when two
    incoming events hold the same claim (events skipped as reviewed are not checked).
    """
    hold_changes_lock(session)  # before any row is touched (a review may wait on it: no deadlock)
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

    stored = list(
        session.scalars(
            select(EventRow)
            .where(EventRow.reviewed.is_(False))
            .options(
                selectinload(EventRow.claim_links),
                selectinload(EventRow.document_links),
                selectinload(EventRow.estimates),
            )
        )
    )
    prints = {r.id: _stored_fingerprint(r) for r in stored}
    before = [view_of_row(r) for r in stored if r.status in ("proposed", "accepted")]
    for r in stored:
        session.expunge(r)  # rows rewritten below get new objects of the same identity

    skipped_events: list[str] = []
    skipped_links: list[str] = []
    rows: list[EventRow] = []
    after: list[EventView] = []
    current: set[str] = set()
    for e in events:
        if e.id in reviewed:
            skipped_events.append(e.id)
            continue
        links = _links(e, held, skipped_links)
        current.add(e.id)
        after.append(event_view(replace(e, claims=[c for c in e.claims if c.id not in held])))
        documents = list(dict.fromkeys(e.documents))
        if prints.get(e.id) != _fingerprint(_event_columns(e), _estimate_columns(e), documents, links):
            rows.append(_event_row(e, links))
    stale = sorted({r.id for r in rows} | (set(prints) - current))
    for i in range(0, len(stale), _CHUNK):
        session.execute(delete(EventRow).where(EventRow.id.in_(stale[i : i + _CHUNK])))
    session.execute(delete(MergeDecisionRow).where(MergeDecisionRow.event_id.not_in(reviewed)))
    session.expire_all()
    session.add_all(rows)
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
    recorded = record_changes(session, diff_views(before, after), actor=actor, run=run)
    return LedgerResult(
        events_written=len(current),
        events_kept=len(reviewed),
        events_skipped=tuple(skipped_events),
        links_skipped=tuple(skipped_links),
        decisions_written=len(decisions),
        events_rewritten=len(rows),
        events_removed=len(set(prints) - current),
        changes_recorded=recorded,
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
