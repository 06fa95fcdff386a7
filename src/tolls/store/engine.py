"""Engines and sessions, built from explicit settings (no engine at import time).

SQLite (the default, one file) gets WAL journaling, foreign keys and a busy timeout on every
connection; PostgreSQL is reached through psycopg 3 (``postgresql://`` URLs are given that
driver). Writes should be batched in one transaction per unit of work through
:func:`session_scope`; SQLite has a single writer and WAL lets readers go on meanwhile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from tolls.errors import ConfigError, ErrorCode
from tolls.redact import redact
from tolls.settings import DbSettings

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "make_engine",
    "make_sessionmaker",
    "normalize_url",
    "session_scope",
    "writer",
]

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL and pick our drivers: pysqlite for SQLite, psycopg 3 for PostgreSQL.

    Raises :class:`~tolls.errors.ConfigError` (E408) for anything else.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        shown = redact(str(url))  # unparsed: its password is hidden by pattern
        raise ConfigError(ErrorCode.E408, url=shown, reason=redact(str(exc))) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+pysqlite")
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    raise ConfigError(ErrorCode.E408, url=parsed.render_as_string(), reason=f"backend {backend!r}")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    if not isinstance(dbapi_conn, sqlite3.Connection):  # pragma: no cover - other sqlite drivers
        return
    # Let SQLAlchemy, not the sqlite3 module, open transactions (so SAVEPOINT and transactional
    # DDL work): the documented pysqlite recipe, completed by _sqlite_begin.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("tolls_sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The engine for a unit of work that will write.

    On SQLite its transactions start with ``BEGIN IMMEDIATE``: they take the single write lock
    up front and wait for it (busy timeout) instead of failing with "database is locked" when
    another writer committed since they started reading. Readers are not blocked (WAL).
    Elsewhere it is ``engine`` itself.
    """
    if engine.dialect.name == "sqlite":
        return engine.execution_options(tolls_sqlite_immediate=True)
    return engine


class _SQLiteCompiler(SQLiteCompiler):
    """SQLite's statement compiler, rendering table hints: ``select(...).with_hint(table,
    "INDEXED BY ix", "sqlite")`` gives ``FROM events INDEXED BY ix`` (SQLAlchemy's own SQLite
    compiler drops hints). Used where the planner, which has no statistics, would pick the
    wrong index."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def make_engine(settings: DbSettings | str) -> Engine:
    """An engine for ``settings.url`` (or a URL string).

    For a SQLite file the parent folder is created; ``sqlite://`` (in memory) works too, on a
    single shared connection.
    """
    url = normalize_url(settings if isinstance(settings, str) else settings.url)
    echo = False if isinstance(settings, str) else settings.echo
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
        if database in ("", ":memory:") or database.startswith("file:"):
            from sqlalchemy.pool import StaticPool

            kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, **kwargs)
        engine.dialect.statement_compiler = _SQLiteCompiler
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (records are converted before returning)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back if it raises.

    Pass ``write=True`` when the block writes (see :func:`writer`): on SQLite concurrent
    writers then queue for the lock instead of failing.

    >>> with session_scope(engine, write=True) as session:  # doctest: +SKIP
    ...     add_document(session, doc)
    """
    session = make_sessionmaker(writer(engine) if write else engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
