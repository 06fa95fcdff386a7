"""Full-text search: FTS5 on SQLite, a GIN tsvector index on PostgreSQL; hostile input is text."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from store_builders import source_doc

from tolls.store import add_document, counts, search_documents
from tolls.store.models import DocumentRow
from tolls.store.search import fts5_query


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
