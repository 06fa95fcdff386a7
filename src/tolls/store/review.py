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

Any other transition raises :class:`~tolls.errors.ReviewError` (E403); an unknown record raises
:class:`~tolls.errors.NotFound` (E404); a stale ``expected_version`` or a concurrent edit raises
:class:`~tolls.errors.StoreError` (E405).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict
from typing import Any, Literal, TypeVar, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tolls.errors import ErrorCode, NotFound, ReviewError, StoreError
from tolls.model import CLAIM_KINDS, Figure, Party, Qualifier, Stance
from tolls.reconcile.estimates import event_fatalities
from tolls.store.claims import claim_row, stored_claim
from tolls.store.convert import claim_from_row, claim_snapshot, event_snapshot, fatalities_columns
from tolls.store.models import (
    ClaimRow,
    EventClaimRow,
    EventDocumentRow,
    EventRow,
    MergeDecisionRow,
    VersionRow,
    utcnow,
)
from tolls.store.records import StoredClaim, StoredEvent, VersionRecord

__all__ = [
    "CORRECTABLE_FIELDS",
    "accept_claim",
    "accept_event",
    "correct_claim",
    "get_event",
    "history",
    "merge_events",
    "reject_claim",
    "reject_event",
    "split_event",
]

Entity = Literal["claim", "event"]
_Row = TypeVar("_Row", ClaimRow, EventRow)

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


# --- shared machinery --------------------------------------------------------------------------


def _check_actor(actor: str) -> None:
    if not actor.strip():
        raise ReviewError(ErrorCode.E410)


def _check_version(row: ClaimRow | EventRow, what: str, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise StoreError(ErrorCode.E405, what=what, name=row.id)


def _transition(
    row: ClaimRow | EventRow, what: str, action: str, allowed: Collection[str], hint: str
) -> None:
    if row.status not in allowed:
        raise ReviewError(
            ErrorCode.E403, action=action, what=what.lower(), name=row.id, status=row.status, hint=hint
        )


def _flush(session: Session, row: ClaimRow | EventRow, what: str) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise StoreError(ErrorCode.E405, what=what, name=row.id) from exc


def _mark(row: ClaimRow | EventRow, actor: str) -> None:
    row.reviewed = True
    row.reviewed_by = actor
    row.reviewed_at = utcnow()


def _audit(
    session: Session,
    *,
    entity: Entity,
    row: ClaimRow | EventRow,
    actor: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    note: str,
) -> None:
    session.add(
        VersionRow(
            entity=entity,
            entity_id=row.id,
            version=row.version,
            actor=actor,
            at=row.reviewed_at or utcnow(),
            action=action,
            before=before,
            after=after,
            note=note,
        )
    )


def _act(
    session: Session,
    row: _Row,
    *,
    entity: Entity,
    action: str,
    actor: str,
    note: str,
    change: Callable[[_Row], None],
    snapshot: Callable[[_Row], dict[str, Any]],
) -> None:
    """Apply ``change`` to a row, mark it reviewed, flush (optimistic lock) and audit it."""
    what = entity.capitalize()
    before = snapshot(row)
    change(row)
    _mark(row, actor)
    _flush(session, row, what)
    _audit(
        session,
        entity=entity,
        row=row,
        actor=actor,
        action=action,
        before=before,
        after=snapshot(row),
        note=note,
    )
    session.flush()


# --- claims ------------------------------------------------------------------------------------


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
    _check_actor(actor)
    row = claim_row(session, claim_id)
    _check_version(row, "Claim", expected_version)
    _transition(row, "Claim", action, allowed, hint)
    _act(
        session,
        row,
        entity="claim",
        action=action,
        actor=actor,
        note=note,
        change=change,
        snapshot=claim_snapshot,
    )
    return stored_claim(session, row)


def _set_status(status: str) -> Callable[[Any], None]:
    def change(row: Any) -> None:
        row.status = status

    return change


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
        change=_set_status("accepted"),
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
        change=_set_status("rejected"),
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


# --- events ------------------------------------------------------------------------------------


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
    _check_actor(actor)
    row = _event_row(session, event_id)
    _check_version(row, "Event", expected_version)
    _transition(row, "Event", action, allowed, hint)
    _act(
        session,
        row,
        entity="event",
        action=action,
        actor=actor,
        note=note,
        change=change,
        snapshot=event_snapshot,
    )
    return _stored_event(row)


def accept_event(
    session: Session, event_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredEvent:
    """Accept a ledger event: reconciliation will keep it, with its claims, from now on."""
    return _event_action(
        session,
        event_id,
        action="accept",
        allowed=("proposed", "rejected"),
        hint="Only a proposed or rejected event can be accepted.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=_set_status("accepted"),
    )


def reject_event(
    session: Session, event_id: str, *, actor: str, note: str = "", expected_version: int | None = None
) -> StoredEvent:
    """Reject a ledger event (not a real incident): it keeps its claims, so reconciliation will
    not offer them again, and disappears from :func:`tolls.store.load_ledger` by default."""
    return _event_action(
        session,
        event_id,
        action="reject",
        allowed=("proposed", "accepted"),
        hint="A rejected or merged event cannot be rejected.",
        actor=actor,
        note=note,
        expected_version=expected_version,
        change=_set_status("rejected"),
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
    """Merge event ``other`` into ``target`` (the same incident, reported twice).

    ``target`` gains ``other``'s claims and documents, the union of their places and actors
    and the span of both date ranges; its fatalities are recomputed from the claims and its
    estimates dropped (see :func:`tolls.store.replace_estimates`). It becomes ``accepted``.
    ``other`` becomes ``merged`` (``merged_into`` = target), kept for history. An analyst
    merge decision is stored for each document incident moved. Both get a version row
    (``merge`` and ``merged``).
    """
    _check_actor(actor)
    if target == other:
        raise ReviewError(
            ErrorCode.E403, action="merge", what="event", name=target, status="the same event", hint=""
        )
    a, b = _event_row(session, target), _event_row(session, other)
    hint = "Only proposed or accepted events can be merged."
    _transition(a, "Event", "merge", ("proposed", "accepted"), hint)
    _transition(b, "Event", "merge", ("proposed", "accepted"), hint)
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
    _mark(a, actor)
    b.status = "merged"
    b.merged_into = a.id
    _mark(b, actor)
    _flush(session, a, "Event")
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
    _audit(
        session, entity="event", row=a, actor=actor, action="merge", before=before_a, after=after_a, note=note
    )
    _audit(
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
    """Move ``claim_ids`` out of ``event_id`` into a new event (two incidents were merged
    wrongly); returns the new event's id (``new_id``, or ``<event_id>.2``, ``.3``...).

    The new event copies the type, dates, places, actors and scope; it holds the moved claims
    and the documents they come from (with their syndicated copies). The original keeps the
    other claims and any document that still supports one of them or never had a claim. Both
    have fatalities recomputed and estimates dropped, become ``accepted`` and get a version
    row (``split`` for the original, ``create`` for the new event).
    Raises :class:`~tolls.errors.ReviewError` E407 if the claims are not a proper subset.
    """
    _check_actor(actor)
    row = _event_row(session, event_id)
    _transition(
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
    _mark(new, actor)
    session.add(new)
    _add_note(row, f"Split into {row.id} and {new_id} by {actor}.")
    row.status = "accepted"
    _recount(row, [c for c in claims if c.id not in wanted])
    _mark(row, actor)
    _flush(session, row, "Event")
    after_row, after_new = event_snapshot(row), event_snapshot(new)
    _audit(
        session,
        entity="event",
        row=row,
        actor=actor,
        action="split",
        before=before,
        after=after_row,
        note=note,
    )
    _audit(
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


# --- the trail ---------------------------------------------------------------------------------


def history(session: Session, entity: Entity, entity_id: str) -> list[VersionRecord]:
    """The audit trail of one claim or event, oldest first. Raises NotFound when the record
    does not exist and never did (a record without review actions gives ``[]``)."""
    rows = list(
        session.scalars(
            select(VersionRow)
            .where(VersionRow.entity == entity, VersionRow.entity_id == entity_id)
            .order_by(VersionRow.id)
        )
    )
    if not rows:
        model = ClaimRow if entity == "claim" else EventRow
        if session.get(model, entity_id) is None:
            raise NotFound(ErrorCode.E404, what=entity.capitalize(), name=entity_id)
    return [
        VersionRecord(
            entity=r.entity,
            entity_id=r.entity_id,
            version=r.version,
            actor=r.actor,
            at=r.at,
            action=r.action,
            before=r.before,
            after=r.after,
            note=r.note,
        )
        for r in rows
    ]
