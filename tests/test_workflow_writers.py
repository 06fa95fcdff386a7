"""The workflow's write transactions share the database with other writers (the web app signing
analysts in, their reviews): each of its three steps that writes reads first, and another
writer commits between that read and its first write. On SQLite a deferred transaction then
failed at once with "database is locked" (its WAL snapshot is stale, the busy timeout does not
apply); opened as writers (``BEGIN IMMEDIATE``) the step holds the lock from its start and the
other writer waits its turn. On PostgreSQL both simply commit."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import tolls.workflow as workflow
from tolls.model import Extraction, InputDocument, SourceDocument
from tolls.store import make_engine, record_problem, session_scope
from tolls.store.models import DocumentRow, IngestProblemRow
from tolls.workflow import IngestReport, extract_pending, rebuild_ledger, store_sources

DOCS = [
    SourceDocument(InputDocument(id=f"d{i}", text=f"Report {i}.", published=date(2025, 9, 1)), source="t")
    for i in range(3)
]


def _no_claims(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
    return (Extraction(d.id) for d in docs)


STEPS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "store_sources": (
        "add_document",
        lambda engine: store_sources(engine, DOCS, batch_size=10, report=IngestReport()),
    ),
    "extract_pending": (
        "save_extraction",
        lambda engine: extract_pending(engine, _no_claims, batch_size=10, report=IngestReport()),
    ),
    "rebuild_ledger": ("replace_ledger", rebuild_ledger),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_write_committed_between_a_steps_read_and_its_write_waits_its_turn(
    db_url: str, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    engine, other = make_engine(db_url), make_engine(db_url)
    if step != "store_sources":
        store_sources(engine, DOCS, batch_size=10, report=IngestReport())
    target, run = STEPS[step]
    real = getattr(workflow, target)
    events: list[str] = []
    threads: list[threading.Thread] = []

    def interloper() -> None:
        with session_scope(other, write=True) as session:
            record_problem(session, source="web", locator="", code="E303", message="another writer")
        events.append("other writer committed")

    def read_then_let_another_writer_in(session: Session, *args: Any, **kwargs: Any) -> object:
        if not events:
            session.scalar(select(func.count()).select_from(DocumentRow))  # the step has read
            threads.append(threading.Thread(target=interloper))
            threads[0].start()
            # SQLite: it waits for the step's lock, so this times out; PostgreSQL: it commits at
            # once, however long a loaded machine takes to open its connection
            threads[0].join(timeout=0.5 if db_url.startswith("sqlite") else 15)
            events.append("step writes")
        return real(session, *args, **kwargs)

    monkeypatch.setattr(workflow, target, read_then_let_another_writer_in)
    try:
        run(engine)  # raised OperationalError "database is locked" on SQLite before the fix
        threads[0].join(timeout=15)
        with session_scope(engine) as session:
            problems = session.scalar(select(func.count()).select_from(IngestProblemRow))
            documents = session.scalar(select(func.count()).select_from(DocumentRow))
    finally:
        engine.dispose()
        other.dispose()
    assert documents == len(DOCS) and problems == 1
    if db_url.startswith("sqlite"):
        assert events == ["step writes", "other writer committed"]
    else:
        assert events == ["other writer committed", "step writes"]
