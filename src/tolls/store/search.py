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

__all__ = ["fts5_query", "search_documents"]

_WORD = re.compile(r"\w+")

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
