"""Storing documents keeps the SQLite text index in few segments: each stored batch is one FTS5
segment, and past ``MAX_SEGMENTS`` the step merges them into one (FTS5's own merging is off
here, so only the step can)."""

from __future__ import annotations

from datetime import date

from db_fixtures import stop_fts_merging
from tolls.model import InputDocument, SourceDocument
from tolls.store import make_engine, search_documents, session_scope
from tolls.store.search import MAX_SEGMENTS, search_index_segments
from tolls.workflow import IngestReport, store_sources


def _doc(doc_id: str, body: str) -> SourceDocument:
    return SourceDocument(InputDocument(id=doc_id, text=body, published=date(2025, 10, 12)), source="t")


def test_an_ingest_that_piles_up_text_index_segments_merges_them(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with session_scope(engine, write=True) as session:
        stop_fts_merging(session)
    docs = [_doc(f"s{i}", f"Shelling in Kurram, report {i}.") for i in range(MAX_SEGMENTS)]
    store_sources(engine, docs, batch_size=1, report=IngestReport())
    with session_scope(engine) as session:
        assert search_index_segments(session) == MAX_SEGMENTS  # not past the bar yet
    last = [_doc("s-last", "Shelling in Kurram again.")]
    store_sources(engine, last, batch_size=1, report=IngestReport())
    with session_scope(engine) as session:
        assert search_index_segments(session) == 1
        assert len(search_documents(session, "Kurram shelling")) == MAX_SEGMENTS + 1
    engine.dispose()
