"""Extraction leases: concurrent ingests on one ledger share its pending documents out.

A run claims a batch of waiting documents (:func:`claim_documents`) by writing a lease per
document, its owner and an expiry, before it extracts them; saving their results
(:func:`owned`, then :func:`release`) removes the leases. Another run skips a leased document
until the lease expires, or until its owner is seen to be dead: an owner names its host,
process id and that process's start time (:func:`new_owner`), so a run on the same host
takes over the documents of a run that was killed (``kill -9``) at once instead of waiting
for their expiry. A live owner renews its leases (:func:`renew`).

Claiming is one statement per batch, ``INSERT ... ON CONFLICT (document_id) DO UPDATE ... WHERE
the lease expired ... RETURNING``: on PostgreSQL two runs claiming the same document serialise
on its row and only one gets it back; on SQLite the claim runs in a writer's transaction
(``BEGIN IMMEDIATE``), which has the database to itself.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Collection, Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tolls.store.documents import _waiting
from tolls.store.models import DocumentRow, ExtractionLeaseRow, utcnow

__all__ = ["claim_documents", "new_owner", "owned", "owner_is_dead", "release", "renew", "waiting"]


_CHUNK = 1000
"""Ids per ``IN (...)`` list, well under SQLite's and PostgreSQL's limits on bound parameters."""


def _start_time(pid: int) -> str | None:
    """When the process started (clock ticks since boot), from ``/proc``; None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()[19]


def new_owner() -> str:
    """An owner name for this process: ``host pid start-time random``, unique per run."""
    pid = os.getpid()
    return f"{socket.gethostname()} {pid} {_start_time(pid) or '-'} {secrets.token_hex(4)}"


def owner_is_dead(owner: str) -> bool:
    """Whether ``owner`` names a process of this host that no longer runs (or whose process id
    another process has taken since). An owner on another host is never known to be dead: its
    leases end when they expire."""
    parts = owner.split(" ")
    if len(parts) != 4 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid, started = int(parts[1]), parts[2]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it runs, as another user
        pass
    now = _start_time(pid)
    return started != "-" and now is not None and now != started


def _insert(session: Session) -> type[postgresql.Insert] | type[sqlite.Insert]:
    return postgresql.Insert if session.get_bind().dialect.name == "postgresql" else sqlite.Insert


def claim_documents(session: Session, owner: str, ids: Sequence[str], *, seconds: float) -> list[str]:
    """Lease those of ``ids`` that still wait for extraction (pending, or failed on the cluster)
    to ``owner`` for ``seconds`` and return them, in the order given. Documents leased to another
    owner are skipped unless the lease expired or its owner is dead (:func:`owner_is_dead`).
    Call in a write transaction (``session_scope(engine, write=True)``) and commit before
    extracting."""
    if not ids:
        return []
    now = utcnow()
    others = session.scalars(
        select(ExtractionLeaseRow.owner)
        .where(ExtractionLeaseRow.owner != owner, ExtractionLeaseRow.expires_at >= now)
        .distinct()
    )
    dead = sorted(o for o in others if owner_is_dead(o))
    if dead:  # their leases end now (rows locked in document order: see _lock_in_order)
        _lock_in_order(session, dead)
        session.execute(
            update(ExtractionLeaseRow)
            .where(ExtractionLeaseRow.owner.in_(dead))
            .values(expires_at=now - timedelta(seconds=1))
        )
    free = ~exists().where(
        ExtractionLeaseRow.document_id == DocumentRow.id,
        ExtractionLeaseRow.expires_at >= now,
        ExtractionLeaseRow.owner != owner,
    )
    stmt = select(DocumentRow.id).where(DocumentRow.id.in_(list(ids)), _waiting(False), free)
    wanted = sorted(session.scalars(stmt))
    if not wanted:
        return []
    until = now + timedelta(seconds=seconds)
    insert = _insert(session)(ExtractionLeaseRow).values(
        [{"document_id": i, "owner": owner, "expires_at": until} for i in wanted]
    )
    stmt_claim = insert.on_conflict_do_update(
        index_elements=[ExtractionLeaseRow.document_id],
        set_={"owner": insert.excluded.owner, "expires_at": insert.excluded.expires_at},
        where=(ExtractionLeaseRow.expires_at < now) | (ExtractionLeaseRow.owner == owner),
    ).returning(ExtractionLeaseRow.document_id)
    got = set(session.scalars(stmt_claim))
    return [i for i in ids if i in got]


def waiting(session: Session, ids: Sequence[str]) -> list[str]:
    """Those of ``ids`` that still wait for extraction, in the order given."""
    still: set[str] = set()
    for n in range(0, len(ids), _CHUNK):
        stmt = select(DocumentRow.id).where(DocumentRow.id.in_(list(ids[n : n + _CHUNK])), _waiting(False))
        still.update(session.scalars(stmt))
    return [i for i in ids if i in still]


def owned(session: Session, owner: str, ids: Collection[str]) -> set[str]:
    """Those of ``ids`` still leased to ``owner``, their leases locked until the transaction ends
    (on PostgreSQL; SQLite's writer has the database to itself), so that no other run takes them
    over while ``owner`` saves their results."""
    if not ids:
        return set()
    stmt = (
        select(ExtractionLeaseRow.document_id)
        .where(ExtractionLeaseRow.owner == owner, ExtractionLeaseRow.document_id.in_(sorted(ids)))
        .order_by(ExtractionLeaseRow.document_id)
        .with_for_update()
    )
    return set(session.scalars(stmt))


def _lock_in_order(session: Session, owner: str | Sequence[str], ids: Sequence[str] | None = None) -> None:
    """Lock the lease rows of ``owner`` (one or several; on ``ids``, or all) in document order
    before changing them.

    A plain ``UPDATE``/``DELETE`` locks rows in the order it meets them on disk, while a claim
    (:func:`claim_documents`) locks them in document order: a run renewing leases that had
    just expired while another run took them over could each hold a row the other waits for
    (a PostgreSQL deadlock, one of the two transactions aborted). Taking the locks in one
    order everywhere rules that out. SQLite's writer has the database to itself: nothing to do.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    stmt = (
        select(ExtractionLeaseRow.document_id)
        .where(ExtractionLeaseRow.owner.in_([owner] if isinstance(owner, str) else list(owner)))
        .order_by(ExtractionLeaseRow.document_id)
        .with_for_update()
    )
    if ids is not None:
        stmt = stmt.where(ExtractionLeaseRow.document_id.in_(sorted(ids)))
    session.execute(stmt).all()


def release(session: Session, owner: str, ids: Sequence[str] | None = None) -> None:
    """Remove ``owner``'s leases: on ``ids``, or all of them."""
    _lock_in_order(session, owner, ids)
    stmt = delete(ExtractionLeaseRow).where(ExtractionLeaseRow.owner == owner)
    if ids is not None:
        stmt = stmt.where(ExtractionLeaseRow.document_id.in_(list(ids)))
    session.execute(stmt)


def renew(session: Session, owner: str, *, seconds: float) -> None:
    """Move the expiry of every lease ``owner`` still holds to ``seconds`` from now; a lease
    that expired and was taken over by another run stays the other run's."""
    _lock_in_order(session, owner)
    until = utcnow() + timedelta(seconds=seconds)
    session.execute(
        update(ExtractionLeaseRow).where(ExtractionLeaseRow.owner == owner).values(expires_at=until)
    )
