"""What ``tolls watch`` keeps in the ledger: its sources' validators and health
(``watch_sources``), one row per poll (``watch_runs``) and every item url already read
(``watch_items``). The ORM stays here; :mod:`tolls.watch` calls these functions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tolls.store.convert import aware
from tolls.store.leases import owner_is_dead
from tolls.store.models import WatchItemRow, WatchRunRow, WatchSourceRow, utcnow

__all__ = [
    "RUN_STATUSES",
    "SourceRow",
    "SourceState",
    "WatchRunCounts",
    "WatchSourceStatus",
    "finish_watch_run",
    "interrupt_dead_runs",
    "known_items",
    "last_run_id",
    "mark_reconciled",
    "owes_ledger",
    "record_watch_items",
    "source_states",
    "start_watch_run",
    "sync_watch_sources",
    "update_watch_source",
    "watch_status",
]

RUN_STATUSES = ("running", "ok", "not_modified", "failed", "interrupted")
"""A poll's status: still running, read (200), unchanged (304), failed (no answer, an HTTP
error, an unreadable body), or left unfinished by a process that was killed."""

_CHUNK = 1000
"""Urls per ``IN (...)`` list, well under SQLite's and PostgreSQL's limits on bound parameters."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source as the sources file names it."""

    name: str
    url: str
    outlet: str
    kind: str
    interval: float


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the last polls of a source left: validators for a conditional GET, and backoff."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime | None
    failures: int


@dataclass(frozen=True, slots=True)
class WatchRunCounts:
    """A poll's numbers."""

    status: str
    started_at: datetime
    finished_at: datetime | None
    http_status: int | None
    items_seen: int
    items_new: int
    items_failed: int
    duration_ms: int | None
    error: str


@dataclass(frozen=True, slots=True)
class WatchSourceStatus:
    """A watched source's health and its last poll (``last_run``: None before the first)."""

    name: str
    outlet: str
    url: str
    kind: str
    interval: float
    last_polled_at: datetime | None
    next_poll_at: datetime | None
    last_status: str | None
    last_code: int | None
    failures: int
    last_error: str
    last_run: WatchRunCounts | None


def sync_watch_sources(session: Session, sources: Sequence[SourceRow]) -> None:
    """Make ``watch_sources`` hold exactly ``sources``: new ones are added, a source whose url
    changed forgets its validators and failures, sources gone from the file are removed (their
    runs and items stay, as history)."""
    rows = {r.name: r for r in session.scalars(select(WatchSourceRow))}
    wanted = {s.name for s in sources}
    for s in sources:
        row = rows.get(s.name)
        if row is None:
            row = WatchSourceRow(name=s.name, url=s.url, failures=0, last_error="")
            session.add(row)
        elif row.url != s.url:
            row.url, row.etag, row.last_modified = s.url, None, None
            row.failures, row.next_poll_at = 0, None
        row.outlet, row.kind, row.interval_seconds = s.outlet, s.kind, s.interval
    gone = sorted(set(rows) - wanted)
    if gone:
        session.execute(delete(WatchSourceRow).where(WatchSourceRow.name.in_(gone)))
    session.flush()


def interrupt_dead_runs(session: Session, *, own: str | None = None) -> int:
    """Mark ``interrupted`` every run still ``running`` whose process is gone (killed, or without
    an owner), and those of ``own`` (a watcher starting a cycle: runs of its own that an earlier
    cycle left ``running`` when the ledger failed under it); ``finished_at`` stays NULL. Returns
    how many."""
    rows = session.execute(
        select(WatchRunRow.id, WatchRunRow.owner).where(
            WatchRunRow.status == "running", WatchRunRow.finished_at.is_(None)
        )
    ).all()
    dead = [r.id for r in rows if r.owner is None or r.owner == own or owner_is_dead(r.owner)]
    for n in range(0, len(dead), _CHUNK):
        session.execute(
            update(WatchRunRow).where(WatchRunRow.id.in_(dead[n : n + _CHUNK])).values(status="interrupted")
        )
    return len(dead)


def source_states(session: Session) -> dict[str, SourceState]:
    """Every watched source's state, by name."""
    return {
        r.name: SourceState(r.name, r.url, r.etag, r.last_modified, aware(r.next_poll_at), r.failures)
        for r in session.scalars(select(WatchSourceRow))
    }


def start_watch_run(session: Session, source: str, *, cycle: str, owner: str) -> int:
    """A new ``running`` poll of ``source``; returns its id."""
    row = WatchRunRow(
        source=source,
        cycle=cycle,
        started_at=utcnow(),
        status="running",
        items_seen=0,
        items_new=0,
        items_failed=0,
        error="",
        owner=owner,
        reconciled=False,
    )
    session.add(row)
    session.flush()
    return row.id


def finish_watch_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    http_status: int | None,
    seen: int,
    new: int,
    failed: int,
    duration_ms: int,
    error: str = "",
) -> None:
    """Close a poll with its numbers."""
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown watch run status {status!r}")
    session.execute(
        update(WatchRunRow)
        .where(WatchRunRow.id == run_id)
        .values(
            status=status,
            finished_at=utcnow(),
            http_status=http_status,
            items_seen=seen,
            items_new=new,
            items_failed=failed,
            duration_ms=duration_ms,
            error=error,
        )
    )


def last_run_id(session: Session) -> int:
    """The highest run id so far (0 when there is none)."""
    return int(session.scalar(select(func.max(WatchRunRow.id))) or 0)


def owes_ledger(session: Session) -> bool:
    """Whether some finished poll brought new items that no ledger rebuild has taken in yet (a
    watch killed while extracting or reconciling), or a poll was interrupted."""
    stmt = select(WatchRunRow.id).where(
        WatchRunRow.reconciled.is_(False),
        ((WatchRunRow.items_new > 0) & WatchRunRow.finished_at.is_not(None))
        | (WatchRunRow.status == "interrupted"),
    )
    return session.scalar(stmt.limit(1)) is not None


def mark_reconciled(session: Session, up_to: int, *, ended_by: datetime) -> None:
    """The runs up to id ``up_to`` that had ended (or were interrupted) by ``ended_by`` are in
    the ledger now: it was extracted and rebuilt after that time."""
    ended = WatchRunRow.finished_at.is_not(None) & (WatchRunRow.finished_at <= ended_by)
    session.execute(
        update(WatchRunRow)
        .where(
            WatchRunRow.id <= up_to,
            WatchRunRow.reconciled.is_(False),
            ended | (WatchRunRow.status == "interrupted"),
        )
        .values(reconciled=True)
    )


def update_watch_source(
    session: Session,
    name: str,
    *,
    status: str,
    code: int | None,
    error: str,
    polled_at: datetime,
    next_poll_at: datetime,
    failures: int,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """Keep what a poll of ``name`` left: its status, validators and next poll time."""
    session.execute(
        update(WatchSourceRow)
        .where(WatchSourceRow.name == name)
        .values(
            last_status=status,
            last_code=code,
            last_error=error,
            last_polled_at=polled_at,
            next_poll_at=next_poll_at,
            failures=failures,
            etag=etag,
            last_modified=last_modified,
        )
    )


def known_items(session: Session, urls: Collection[str]) -> set[str]:
    """Those of ``urls`` already read by some watched source."""
    wanted = sorted(set(urls))
    out: set[str] = set()
    for n in range(0, len(wanted), _CHUNK):
        stmt = select(WatchItemRow.url).where(WatchItemRow.url.in_(wanted[n : n + _CHUNK]))
        out.update(session.scalars(stmt))
    return out


def record_watch_items(session: Session, source: str, items: Sequence[tuple[str, str]]) -> int:
    """Remember each (item url, document id) read from ``source``; an url already known is left
    as it is. Returns how many were new."""
    if not items:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    added = 0
    unique = list(dict(items).items())
    for n in range(0, len(unique), _CHUNK):
        chunk = unique[n : n + _CHUNK]
        stmt = (
            insert(WatchItemRow)
            .values([{"url": u, "source": source, "document_id": d, "first_seen_at": now} for u, d in chunk])
            .on_conflict_do_nothing(index_elements=[WatchItemRow.url])
            .returning(WatchItemRow.url)
        )
        added += len(session.scalars(stmt).all())
    return added


def watch_status(session: Session) -> list[WatchSourceStatus]:
    """Every watched source, by name, with its last poll's numbers."""
    last = (
        select(WatchRunRow.source, func.max(WatchRunRow.id).label("id"))
        .group_by(WatchRunRow.source)
        .subquery()
    )
    runs = {r.source: r for r in session.scalars(select(WatchRunRow).join(last, WatchRunRow.id == last.c.id))}
    out = []
    for s in session.scalars(select(WatchSourceRow).order_by(WatchSourceRow.name)):
        run = runs.get(s.name)
        counts = None
        if run is not None:
            counts = WatchRunCounts(
                status=run.status,
                started_at=aware(run.started_at) or run.started_at,
                finished_at=aware(run.finished_at),
                http_status=run.http_status,
                items_seen=run.items_seen,
                items_new=run.items_new,
                items_failed=run.items_failed,
                duration_ms=run.duration_ms,
                error=run.error,
            )
        out.append(
            WatchSourceStatus(
                name=s.name,
                outlet=s.outlet,
                url=s.url,
                kind=s.kind,
                interval=s.interval_seconds,
                last_polled_at=aware(s.last_polled_at),
                next_poll_at=aware(s.next_poll_at),
                last_status=s.last_status,
                last_code=s.last_code,
                failures=s.failures,
                last_error=s.last_error,
                last_run=counts,
            )
        )
    return out
