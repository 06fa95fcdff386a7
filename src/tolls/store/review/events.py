"""Review of ledger events: accept, reject, merge, split (each audited)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tolls.errors import ErrorCode, NotFound, ReviewError
from tolls.model import GRADES, GradeName
from tolls.reconcile.estimates import event_fatalities
from tolls.store.changes import tracked
from tolls.store.convert import claim_from_row, event_snapshot, fatalities_columns
from tolls.store.ledger import apply_grade
from tolls.store.models import ClaimRow, EventClaimRow, EventDocumentRow, EventRow, MergeDecisionRow
from tolls.store.records import StoredEvent
from tolls.store.review._common import (
    audit,
    check_actor,
    flush,
    mark,
    review_row,
    set_status,
    transition,
)

__all__ = ["accept_event", "get_event", "grade_event_by_hand", "merge_events", "reject_event", "split_event"]


def _event_row(session: Session, event_id: str) -> EventRow:
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFound(ErrorCode.E404, what="Event", name=event_id)
    return row


def _stored_event(row: EventRow) -> StoredEvent:
    return StoredEvent(
        id=row.id,
        status=row.status,  # type: ignore[arg-type]
        reviewed=row.reviewed,
        version=row.version,
        claim_ids=tuple(link.claim_id for link in sorted(row.claim_links, key=lambda link: link.position)),
        documents=tuple(link.document_id for link in sorted(row.document_links, key=lambda d: d.position)),
        merged_into=row.merged_into,
    )


def get_event(session: Session, event_id: str) -> StoredEvent:
    """A ledger event's review state, claim ids and documents. Raises NotFound."""
    return _stored_event(_event_row(session, event_id))


def _event_action(
    session: Session,
    event_id: str,
    *,
    action: str,
    allowed: Collection[str],
    hint: str,
    actor: str,
    note: str,
    expected_version: int | None,
    change: Callable[[EventRow], None],
) -> StoredEvent:
    def change_and_grade(row: EventRow) -> None:  # in the action's version and audit row
        change(row)
        apply_grade(session, row)

    with tracked(session, [event_id], actor=actor):
        row = review_row(
            session,
            lambda: _event_row(session, event_id),
            entity="event",
            action=action,
            allowed=allowed,
            hint=hint,
            actor=actor,
            note=note,
            expected_version=expected_version,
            change=change_and_grade,
            snapshot=event_snapshot,
        )
    return _stored_event(row)


def accept_event(
    session: Session, event_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredEvent:
    """Accept a ledger event: reconciliation will keep it, with its claims, from now on (its
    grade is recomputed: an event accepted again after a rejection is no longer discounted)."""
    return _event_action(
        session,
        event_id,
        action="accept",
        allowed=("proposed", "rejected"),
        hint="Only a proposed or rejected event can be accepted.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=set_status("accepted"),
    )


def reject_event(
    session: Session, event_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredEvent:
    """Reject a ledger event (not a real incident): it keeps its claims, so reconciliation will
    not offer them again, and disappears from :func:`tolls.store.load_ledger` by default. It is
    graded ``discounted`` (unless an analyst set its grade by hand)."""
    return _event_action(
        session,
        event_id,
        action="reject",
        allowed=("proposed", "accepted"),
        hint="A rejected or merged event cannot be rejected.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=set_status("rejected"),
    )


def grade_event_by_hand(
    session: Session,
    event_id: str,
    grade: GradeName | None,
    *,
    actor: str,
    note: str,
    expected_version: int | None = None,
) -> StoredEvent:
    """Set a ledger event's grade by hand, the analyst's ``note`` as its reason (required);
    ``grade=None`` hands the grade back to the rules (recomputed at once). Audited (action
    ``grade``) and marks the event reviewed, so reconciliation keeps it; while set by hand, no
    recomputation changes the grade. Raises ReviewError E417 for an unknown grade or no reason,
    E403 for a merged-away event."""
    if grade is not None and grade not in GRADES:
        raise ReviewError(
            ErrorCode.E417, name=event_id, reason=f"{grade!r} is not one of {', '.join(GRADES)}"
        )
    if not note.strip():
        raise ReviewError(ErrorCode.E417, name=event_id, reason="give the reason for the grade (note)")

    def change(row: EventRow) -> None:
        if grade is None:
            row.grade_by = None  # the rules grade it again (``change_and_grade``)
        else:
            row.grade, row.grade_reasons, row.grade_by = grade, [f"set by {actor}: {note.strip()}"], actor

    return _event_action(
        session,
        event_id,
        action="grade",
        allowed=("proposed", "accepted", "rejected"),
        hint="A merged event has no grade of its own; grade the event it was merged into.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=change,
    )


def _claims_of(session: Session, row: EventRow) -> list[ClaimRow]:
    ids = [link.claim_id for link in row.claim_links]
    if not ids:
        return []
    return list(session.scalars(select(ClaimRow).where(ClaimRow.id.in_(ids))))


def _recount(row: EventRow, claims: list[ClaimRow]) -> None:
    """After claims moved: drop the per-group estimates (they described other claims; a
    reconciliation run can set new ones with :func:`tolls.store.replace_estimates`) and
    recompute the fatalities from the event's counted claims."""
    row.estimates = []
    counted = [claim_from_row(c) for c in claims if c.status != "rejected"]
    for key, value in fatalities_columns(event_fatalities(counted)).items():
        setattr(row, key, value)


def _dedupe(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _add_note(row: EventRow, text: str) -> None:
    row.notes = (row.notes + "\n" if row.notes else "") + text


def merge_events(session: Session, target: str, other: str, *, actor: str, note: str = "") -> StoredEvent:
    """Merge event ``other`` into ``target`` (:func:`_merge_events`), recording the estimate,
    ``contested`` and grade changes it makes in the change log."""
    with tracked(session, [target, other], actor=actor):
        return _merge_events(session, target, other, actor=actor, note=note)


def _merge_events(session: Session, target: str, other: str, *, actor: str, note: str = "") -> StoredEvent:
    """Merge event ``other`` into ``target`` (the same incident, reported twice).

    ``target`` gains ``other``'s claims and documents, the union of their places and actors
    and the span of both date ranges; its fatalities are recomputed from the claims and its
    estimates dropped (see :func:`tolls.store.replace_estimates`). It becomes ``accepted``.
    ``other`` becomes ``merged`` (``merged_into`` = target), kept for history. An analyst
    merge decision is stored for each document incident moved. Both get a version row
    (``merge`` and ``merged``).
    """
    check_actor(actor)
    if target == other:
        raise ReviewError(
            ErrorCode.E403, action="merge", what="event", name=target, status="the same event", hint=""
        )
    a, b = _event_row(session, target), _event_row(session, other)
    hint = "Only proposed or accepted events can be merged."
    transition(a, "Event", "merge", ("proposed", "accepted"), hint)
    transition(b, "Event", "merge", ("proposed", "accepted"), hint)
    before_a, before_b = event_snapshot(a), event_snapshot(b)
    claims_a, claims_b = _claims_of(session, a), _claims_of(session, b)
    moved = sorted(b.claim_links, key=lambda link: link.position)
    moved_docs = sorted(b.document_links, key=lambda d: d.position)
    b.claim_links.clear()
    b.document_links.clear()
    b.estimates = []
    session.flush()  # the links leave b before joining a (a claim belongs to one event)

    next_pos = max((link.position for link in a.claim_links), default=-1) + 1
    for i, link in enumerate(moved):
        a.claim_links.append(
            EventClaimRow(claim_id=link.claim_id, sources=list(link.sources), position=next_pos + i)
        )
    docs = [d.document_id for d in sorted(a.document_links, key=lambda d: d.position)]
    for d in moved_docs:
        if d.document_id not in docs:
            a.document_links.append(EventDocumentRow(document_id=d.document_id, position=len(docs)))
            docs.append(d.document_id)
    starts = [x for x in (a.date_start, b.date_start) if x is not None]
    ends = [x for x in (a.date_end, b.date_end) if x is not None]
    a.date_start = min(starts) if starts else None
    a.date_end = max(ends) if ends else None
    a.locations = _dedupe([*a.locations, *b.locations])
    a.actors = _dedupe([*a.actors, *b.actors])
    a.contested = a.contested or b.contested
    _add_note(a, f"Merged with {b.id} by {actor}.")
    a.status = "accepted"
    _recount(a, claims_a + claims_b)
    mark(a, actor)
    b.status = "merged"
    b.merged_into = a.id
    mark(b, actor)
    apply_grade(session, a)
    apply_grade(session, b)
    flush(session, a, "Event")
    for doc_id, doc_event in _dedupe([(c.document_id, c.doc_event) for c in claims_b]):
        session.add(
            MergeDecisionRow(
                doc_id=doc_id,
                doc_event=-1 if doc_event is None else doc_event,
                event_id=a.id,
                score=1.0,
                linked=True,
                reason=f"analyst {actor} merged {b.id} into {a.id}" + (f": {note}" if note else ""),
            )
        )
    after_a, after_b = event_snapshot(a), event_snapshot(b)
    audit(
        session, entity="event", row=a, actor=actor, action="merge", before=before_a, after=after_a, note=note
    )
    audit(
        session,
        entity="event",
        row=b,
        actor=actor,
        action="merged",
        before=before_b,
        after=after_b,
        note=note,
    )
    session.flush()
    return _stored_event(a)


def _new_id(session: Session, base: str) -> str:
    n = 2
    while session.get(EventRow, f"{base}.{n}") is not None:
        n += 1
    return f"{base}.{n}"


def split_event(
    session: Session,
    event_id: str,
    claim_ids: Collection[str],
    *,
    actor: str,
    note: str = "",
    new_id: str | None = None,
) -> str:
    """Split ``event_id`` (:func:`_split_event`), recording the estimate, ``contested`` and
    grade changes it makes to the event in the change log."""
    with tracked(session, [event_id], actor=actor):
        return _split_event(session, event_id, claim_ids, actor=actor, note=note, new_id=new_id)


def _split_event(
    session: Session,
    event_id: str,
    claim_ids: Collection[str],
    *,
    actor: str,
    note: str = "",
    new_id: str | None = None,
) -> str:
    """Move ``claim_ids`` out of ``event_id`` into a new event (two incidents were merged
    wrongly); returns the new event's id (``new_id``, or ``<event_id>.2``, ``.3``...).

    The new event copies the type, dates, places, actors and scope; it holds the moved claims
    and the documents they come from (with their syndicated copies). The original keeps the
    other claims and any document that still supports one of them or never had a claim. Both
    have fatalities recomputed and estimates dropped, become ``accepted`` and get a version
    row (``split`` for the original, ``create`` for the new event).
    Raises :class:`~tolls.errors.ReviewError` E407 if the claims are not a proper subset.
    """
    check_actor(actor)
    row = _event_row(session, event_id)
    transition(
        row, "Event", "split", ("proposed", "accepted"), "Only proposed or accepted events can be split."
    )
    wanted = set(claim_ids)
    held = {link.claim_id: link for link in row.claim_links}
    if not wanted:
        raise ReviewError(ErrorCode.E407, name=event_id, reason="no claims given")
    missing = sorted(wanted - set(held))
    if missing:
        raise ReviewError(
            ErrorCode.E407, name=event_id, reason=f"claims not in this event: {', '.join(missing)}"
        )
    if wanted == set(held):
        raise ReviewError(
            ErrorCode.E407, name=event_id, reason="every claim would move; reject the event instead"
        )
    if new_id is not None and session.get(EventRow, new_id) is not None:
        raise ReviewError(ErrorCode.E407, name=event_id, reason=f"event {new_id!r} already exists")
    new_id = new_id or _new_id(session, event_id)
    before = event_snapshot(row)

    claims = _claims_of(session, row)
    claim_docs = {c.id: c.document_id for c in claims}
    moved = [held[c] for c in sorted(wanted, key=lambda c: held[c].position)]
    kept_docs = {claim_docs[c] for c in held if c not in wanted}
    moved_docs: list[str] = []
    for link in moved:
        for doc_id in (claim_docs[link.claim_id], *map(str, link.sources)):
            if doc_id not in moved_docs:
                moved_docs.append(doc_id)
    for link in moved:
        row.claim_links.remove(link)
    for d in list(row.document_links):
        if d.document_id in moved_docs and d.document_id not in kept_docs:
            row.document_links.remove(d)
    session.flush()  # the links leave the event before joining the new one

    new = EventRow(
        id=new_id,
        type=row.type,
        date_start=row.date_start,
        date_end=row.date_end,
        date_precision=row.date_precision,
        date_text=row.date_text,
        locations=list(row.locations),
        actors=list(row.actors),
        contested=False,
        scope=row.scope,
        summary=row.summary,
        notes=f"Split from {row.id} by {actor}.",
        status="accepted",
    )
    new.claim_links = [
        EventClaimRow(claim_id=link.claim_id, sources=list(link.sources), position=i)
        for i, link in enumerate(moved)
    ]
    new.document_links = [EventDocumentRow(document_id=d, position=i) for i, d in enumerate(moved_docs)]
    _recount(new, [c for c in claims if c.id in wanted])
    mark(new, actor)
    apply_grade(session, new)
    session.add(new)
    _add_note(row, f"Split into {row.id} and {new_id} by {actor}.")
    row.status = "accepted"
    _recount(row, [c for c in claims if c.id not in wanted])
    mark(row, actor)
    apply_grade(session, row)
    flush(session, row, "Event")
    after_row, after_new = event_snapshot(row), event_snapshot(new)
    audit(
        session,
        entity="event",
        row=row,
        actor=actor,
        action="split",
        before=before,
        after=after_row,
        note=note,
    )
    audit(
        session,
        entity="event",
        row=new,
        actor=actor,
        action="create",
        before=None,
        after=after_new,
        note=note,
    )
    session.flush()
    return new_id
