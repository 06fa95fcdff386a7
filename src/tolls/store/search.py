"""Full-text search over documents (title and text).

- SQLite: the FTS5 external-content table ``documents_fts`` (rowid = ``documents.pk``), kept
  in sync by triggers created in the migration; ranked by bm25.
- PostgreSQL: ``to_tsvector('english', coalesce(title, '') || ' ' || text)`` matched with
  ``websearch_to_tsquery`` and served by the GIN index ``ix_documents_fts``; ranked by
  ``ts_rank``.

The query is always a bound parameter. For FTS5 every word is quoted as a string (so ``*``,
``NEAR(``, ``AND``, ``"`` or ``col:`` in user input are just text): all words must match.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from tolls.store.records import SearchHit

__all__ = ["compact_search_index", "fts5_query", "search_documents", "search_index_segments"]

_WORD = re.compile(r"\w+")

MAX_SEGMENTS = 8
"""The most b-tree segments the SQLite text index keeps after an ingest. FTS5's own merges leave
up to three per size level, and a search reads every one (:func:`compact_search_index`); a
handful of small ones on a merged index cost little, a bulk load's dozen a third of the time."""

PG_TSVECTOR = "to_tsvector('english'::regconfig, coalesce(d.title, '') || ' ' || d.text)"
"""Must stay the expression the GIN index was built on, or PostgreSQL will not use it."""


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression that finds every word of ``query`` and means nothing else.

    Words are the unicode word runs of the input (what the ``unicode61`` tokenizer indexes),
    each double-quoted; an input without any word gives ``""``.
    """
    words = _WORD.findall(query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


_SQLITE = text(
    """
    SELECT d.id AS doc_id, d.title AS title,
           snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet,
           bm25(documents_fts) AS rank
    FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid
    WHERE documents_fts MATCH :q
    ORDER BY rank, d.pk
    LIMIT :limit
    """
)

_POSTGRESQL = text(
    f"""
    SELECT d.id AS doc_id, d.title AS title,
           ts_headline('english', d.text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet,
           ts_rank({PG_TSVECTOR}, q) AS rank
    FROM documents AS d, websearch_to_tsquery('english', :q) AS q
    WHERE {PG_TSVECTOR} @@ q
    ORDER BY rank DESC, d.pk
    LIMIT :limit
    """
)


def search_documents(session: Session, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Documents matching ``query``, best first (at most ``limit``).

    Any input is safe: it is bound, never interpolated, and FTS syntax in it is neutralised;
    a query with no searchable word returns ``[]``. The snippet marks matches with ``[...]``.
    """
    if limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = fts5_query(query)
        if not match:
            return []
        rows = session.execute(_SQLITE, {"q": match, "limit": limit})
        # bm25 is lower-is-better; report higher-is-better like ts_rank.
        return [SearchHit(r.doc_id, r.title, r.snippet or "", -float(r.rank)) for r in rows]
    if not _WORD.search(query):
        return []
    rows = session.execute(_POSTGRESQL, {"q": query, "limit": limit})
    return [SearchHit(r.doc_id, r.title, r.snippet or "", float(r.rank)) for r in rows]


def compact_search_index(session: Session, *, max_segments: int | None = None) -> bool:
    """Merge the SQLite text index into one segment when it has more than ``max_segments``;
    says whether it did. PostgreSQL keeps its GIN index itself: nothing to do there.

    FTS5 writes each batch of documents as a new segment and merges them only a few at a time,
    so a bulk-loaded index is a dozen segments (12 for the 166,000 documents of the
    ``bench/api_load.py`` ledger) and every search and every per-document probe reads each.
    Merged, the text-search list pages of that ledger take a third less time (2026-12-04:
    5.2 against 6.8 ms for a word in two thirds of the documents, 9.4 against 13.3 ms for one in
    2%). The merge rewrites the whole index (half a second for those 166,000 documents), so it
    waits until there are more than :data:`MAX_SEGMENTS` rather than running after every small
    ingest."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    if search_index_segments(session) <= (MAX_SEGMENTS if max_segments is None else max_segments):
        return False
    session.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')"))
    return True


def search_index_segments(session: Session) -> int:
    """How many b-tree segments the SQLite text index has (one row per leaf page in FTS5's
    ``_idx`` table names its segment); 0 on PostgreSQL, which has no such index."""
    if session.get_bind().dialect.name != "sqlite":
        return 0
    return int(session.scalar(text("SELECT count(DISTINCT segid) FROM documents_fts_idx")) or 0)
