"""Documents: idempotent add, syndicated copies, problems, the extraction queue, engines."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from store_builders import TEXT, extraction, source_doc

from tolls.errors import ConfigError, NotFound
from tolls.model import Extraction
from tolls.settings import DbSettings
from tolls.store import (
    AddResult,
    add_document,
    counts,
    documents_to_extract,
    get_document,
    load_claims,
    load_document,
    make_engine,
    record_problem,
    save_extraction,
    session_scope,
)
from tolls.store.models import IngestProblemRow


def test_document_round_trip(session: Session) -> None:
    sd = source_doc("d1", source="news.jsonl", locator="line 3")
    assert add_document(session, sd).outcome == "added"
    session.commit()
    assert load_document(session, "d1") == sd
    info = get_document(session, "d1")
    assert (info.status, info.canonical_id, info.published) == ("pending", None, date(2025, 10, 12))
    assert info.ingested_at.tzinfo is not None and len(info.content_hash) == 64


def test_add_is_idempotent(session: Session) -> None:
    first = add_document(session, source_doc("d1"))
    again = add_document(session, source_doc("d1"))
    edited = add_document(session, source_doc("d1", text=TEXT + " Updated."))
    session.commit()
    assert (first.outcome, again.outcome, again.changed) == ("added", "duplicate", False)
    assert (edited.outcome, edited.changed) == ("duplicate", True)
    assert load_document(session, "d1").doc.text == TEXT
    assert counts(session)["documents"] == 1


def test_syndicated_copy_is_linked_not_extracted(session: Session) -> None:
    add_document(session, source_doc("orig"))
    copy = add_document(
        session, source_doc("copy", text="  " + TEXT.replace(" ", "\n", 3), url="https://b.example")
    )
    session.commit()
    assert (copy.outcome, copy.canonical_id) == ("syndicated", "orig")
    assert get_document(session, "copy").status == "syndicated"
    assert [d.id for d in documents_to_extract(session)] == ["orig"]
    save_extraction(session, "orig", extraction("orig"))
    claims = load_claims(session)
    assert claims and all(c.sources == ("copy",) and c.doc_id == "orig" for c in claims)
    # A copy of a copy still points at the original.
    again = add_document(session, source_doc("copy2", text=TEXT))
    assert again.canonical_id == "orig"


def test_documents_to_extract_is_the_resume_point(session: Session) -> None:
    for i in range(5):
        add_document(session, source_doc(f"d{i}", text=f"{TEXT} {i}"))
    session.commit()
    batch = documents_to_extract(session, limit=2)
    assert [d.id for d in batch] == ["d0", "d1"]
    assert batch[0].published == date(2025, 10, 12) and batch[0].title == "Border clashes"
    for d in batch:
        save_extraction(session, d.id, Extraction(doc_id=d.id))
    save_extraction(session, "d2", Extraction(doc_id="d2", error="[E201] Extraction failed on 'd2': boom."))
    session.commit()
    # "Crash" and resume: a new session sees what is left.
    assert [d.id for d in documents_to_extract(session)] == ["d3", "d4"]
    assert [d.id for d in documents_to_extract(session, retry_failed=True)] == ["d2", "d3", "d4"]
    failed = get_document(session, "d2")
    assert (failed.status, failed.error_code) == ("failed", "E201")
    assert "boom" in (failed.error_message or "")
    c = counts(session)
    assert (c["documents.extracted"], c["documents.failed"], c["documents.pending"]) == (2, 1, 2)


def test_record_problem(session: Session) -> None:
    pid = record_problem(
        session, source="feed.xml", locator="entry 7", code="E301", message="bad XML", run_id="r1"
    )
    session.commit()
    assert pid >= 1 and counts(session)["ingest_problems"] == 1


def test_a_rerun_over_the_same_bad_input_keeps_one_problem_row(session: Session) -> None:
    feed = {"source": "feed.xml", "code": "E301"}
    first = record_problem(session, **feed, locator="entry 7", message="bad", run_id="r1")
    again = record_problem(session, **feed, locator="entry 7", message="still bad", run_id="r2")
    other = record_problem(session, **feed, locator="entry 8", message="bad", run_id="r2")
    session.commit()
    assert again == first and other != first
    assert counts(session)["ingest_problems"] == 2
    row = session.get(IngestProblemRow, first)
    assert row is not None and (row.message, row.run_id) == ("still bad", "r2")


def test_unknown_document(session: Session) -> None:
    with pytest.raises(NotFound) as err:
        load_document(session, "nope")
    assert err.value.code == "E404"
    with pytest.raises(NotFound):
        save_extraction(session, "nope", Extraction(doc_id="nope"))


def test_counts_has_every_key_on_an_empty_ledger(session: Session) -> None:
    c = counts(session)
    assert c["documents"] == c["claims"] == c["events"] == c["versions"] == 0
    assert {"documents.pending", "claims.rejected", "events.merged", "claims.reviewed"} <= set(c)


def test_session_scope_commits_or_rolls_back(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            add_document(s, source_doc("kept"))
        with pytest.raises(RuntimeError), session_scope(engine) as s:
            add_document(s, source_doc("lost", text="other text"))
            raise RuntimeError
        with session_scope(engine) as s:
            assert counts(s)["documents"] == 1
    finally:
        engine.dispose()


def test_sqlite_engine_settings(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "ledger.sqlite"
    engine = make_engine(DbSettings(url=f"sqlite:///{path}"))
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert conn.scalar(text("PRAGMA busy_timeout")) >= 1000
        assert path.parent.is_dir()
    finally:
        engine.dispose()


def test_postgresql_urls_use_psycopg() -> None:
    engine = make_engine("postgresql://u@127.0.0.1:1/x")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
    with pytest.raises(ConfigError) as err:
        make_engine("mysql://u@h/x")
    assert err.value.code == "E408"


def test_concurrent_writers_adding_the_same_text(db_url: str) -> None:
    """Two writers store the same text under two ids at once: one original, one copy, no error.

    SQLite: the second writer queues for the lock (``write=True``). PostgreSQL: its insert waits
    on the unique content-hash index, fails, and the savepoint retry finds the original.
    """
    engine = make_engine(db_url)
    results: list[object] = []
    try:
        with session_scope(engine, write=True) as first:
            assert add_document(first, source_doc("x")).outcome == "added"

            def second() -> None:
                with session_scope(engine, write=True) as s:
                    results.append(add_document(s, source_doc("y")))

            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(0.3)  # the second writer is now waiting on the first
            assert thread.is_alive()
        thread.join(timeout=20)
        [result] = results
        assert result == AddResult(doc_id="y", outcome="syndicated", canonical_id="x")
    finally:
        engine.dispose()
