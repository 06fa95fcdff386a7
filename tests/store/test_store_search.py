"""Full-text search: FTS5 on SQLite, a GIN tsvector index on PostgreSQL; hostile input is text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from store_builders import source_doc

from db_fixtures import stop_fts_merging
from tolls.store import (
    add_document,
    compact_search_index,
    counts,
    make_engine,
    make_sessionmaker,
    search,
    search_documents,
)
from tolls.store.models import DocumentRow
from tolls.store.search import fts5_query, search_index_segments


@pytest.fixture
def corpus(session: Session) -> Session:
    add_document(session, source_doc("kurram", "Clashes near Kurram killed 23 soldiers.", title="Border"))
    add_document(
        session, source_doc("kabul", "An airstrike in Kabul; officials denied casualties.", title="Kabul")
    )
    add_document(
        session, source_doc("quote", 'He said "no comment" about the NEAR(border) claims.', title=None)
    )
    session.commit()
    return session


def test_finds_documents_by_text_and_title(corpus: Session) -> None:
    assert [h.doc_id for h in search_documents(corpus, "Kurram soldiers")] == ["kurram"]
    assert [h.doc_id for h in search_documents(corpus, "kabul")] == ["kabul"]
    hit = search_documents(corpus, "airstrike")[0]
    assert hit.title == "Kabul" and "airstrike" in hit.snippet.lower()
    assert search_documents(corpus, "zzzunknown") == []
    assert len(search_documents(corpus, "the OR a", limit=1)) <= 1


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "*",
        "kurr*",
        "NEAR(",
        "NEAR(border claims",
        "'; DROP TABLE documents; --",
        "title:kurram",
        "AND OR NOT",
        "^-+()[]{}",
        "",
        "   ",
        "\x00",
        "caf\u00e9 \u0643\u0627\u0628\u0644",
    ],
)
def test_hostile_queries_never_error(corpus: Session, query: str) -> None:
    hits = search_documents(corpus, query)
    assert isinstance(hits, list)
    assert counts(corpus)["documents"] == 3  # nothing was dropped


def test_operators_are_plain_words(corpus: Session) -> None:
    assert [h.doc_id for h in search_documents(corpus, "NEAR(claims")] == ["quote"]
    assert [h.doc_id for h in search_documents(corpus, '"no comment"')] == ["quote"]
    assert [h.doc_id for h in search_documents(corpus, "'; DROP TABLE documents; -- kabul")] == []


def test_index_follows_updates(corpus: Session) -> None:
    row = corpus.scalars(select(DocumentRow).where(DocumentRow.id == "kabul")).one()
    row.title = "Jalalabad"
    corpus.commit()
    assert [h.doc_id for h in search_documents(corpus, "jalalabad")] == ["kabul"]
    corpus.delete(row)
    corpus.commit()
    assert search_documents(corpus, "airstrike") == []


def test_fts5_query_quotes_every_word() -> None:
    assert fts5_query('kurr* NEAR("a" b') == '"kurr" "NEAR" "a" "b"'
    assert fts5_query("*:^") == ""


@pytest.fixture
def sqlite_session(sqlite_url: str) -> Iterator[Session]:
    """A session on a fresh migrated SQLite ledger (the FTS5 index is SQLite's)."""
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as s:
        yield s
    engine.dispose()


def _segmented(session: Session, n: int) -> None:
    """``n`` documents, one transaction each, with FTS5's automatic merging off: ``n`` segments."""
    stop_fts_merging(session)
    for i in range(n):
        add_document(session, source_doc(f"s{i}", f"Shelling near Torkham, report {i}.", title=None))
        session.commit()


def test_compacting_merges_a_piled_up_text_index_and_finds_the_same(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        assert not compact_search_index(session, max_segments=0)  # a GIN index: nothing to do
        assert search_index_segments(session) == 0
        return
    _segmented(session, 5)
    before = sorted(h.doc_id for h in search_documents(session, "Torkham shelling"))
    assert search_index_segments(session) == 5
    assert not compact_search_index(session, max_segments=5)  # not past the bar: left alone
    assert search_index_segments(session) == 5
    assert compact_search_index(session, max_segments=4)
    session.commit()
    assert search_index_segments(session) == 1
    assert sorted(h.doc_id for h in search_documents(session, "Torkham shelling")) == before
    assert len(before) == 5


def test_the_default_bar_is_max_segments(sqlite_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session = sqlite_session
    _segmented(session, 3)
    monkeypatch.setattr(search, "MAX_SEGMENTS", 3)
    assert not compact_search_index(session)
    monkeypatch.setattr(search, "MAX_SEGMENTS", 2)
    assert compact_search_index(session)
    assert search_index_segments(session) == 1
