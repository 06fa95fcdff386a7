"""Schema migrations, run from Python: the Alembic config is built in code, so they work from an
installed package (no ``alembic.ini`` needed).

>>> upgrade(settings.db)  # doctest: +SKIP   (what `tolls db upgrade` and a prestart step run)
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, make_url

from tolls.errors import ErrorCode, NotFound, StoreError
from tolls.settings import DbSettings
from tolls.store.engine import make_engine, normalize_url

__all__ = [
    "MIGRATIONS_DIR",
    "current_revision",
    "ensure_current",
    "head_revision",
    "include_name",
    "make_config",
    "require_ledger",
    "upgrade",
]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

_FTS_PREFIX = "documents_fts"
"""Backend-specific full-text objects (the SQLite FTS5 table and its shadow tables, the
PostgreSQL GIN index): created by the migrations, absent from the ORM metadata."""


_BACKEND_SPECIFIC = frozenset({"ix_events_live_fatalities"})
"""Indexes written per backend in their migration (not in the metadata): SQLite has no
``NULLS LAST`` in an index, PostgreSQL needs it to serve ``DESC NULLS LAST``."""


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate filter: leave the full-text objects and the backend-specific indexes alone
    (they are not in the metadata)."""
    if name is None:
        return True
    if name in _BACKEND_SPECIFIC:
        return False
    return not (name.startswith(_FTS_PREFIX) or name.startswith("ix_" + _FTS_PREFIX))


def make_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (and at ``url`` if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(slug)s")
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _engine(target: Engine | DbSettings | str) -> tuple[Engine, bool]:
    if isinstance(target, Engine):
        return target, False
    return make_engine(target), True


def upgrade(target: Engine | DbSettings | str, revision: str = "head") -> str | None:
    """Migrate the database to ``revision`` (the latest by default); returns the revision reached.

    ``target`` is an engine, the ``db`` settings section or a URL. Idempotent: at head, nothing
    happens. This is the only way tables are created outside tests (never ``create_all``).
    """
    engine, owned = _engine(target)
    try:
        with engine.begin() as conn:
            config = make_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
        with engine.connect() as conn:
            return _current(conn)
    finally:
        if owned:
            engine.dispose()


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def current_revision(target: Engine | DbSettings | str) -> str | None:
    """The revision the database is at (``None`` when it was never migrated)."""
    engine, owned = _engine(target)
    try:
        with engine.connect() as conn:
            return _current(conn)
    finally:
        if owned:
            engine.dispose()


def head_revision() -> str | None:
    """The latest revision shipped with this version of tolls."""
    return ScriptDirectory.from_config(make_config()).get_current_head()


def ensure_current(engine: Engine) -> None:
    """Raise :class:`~tolls.errors.StoreError` (E409) unless the database is at the head revision."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise StoreError(ErrorCode.E409, reason=f"at {current or 'no revision'}, expected {head}")


def require_ledger(target: DbSettings | str) -> None:
    """Raise :class:`~tolls.errors.NotFound` (E413) unless the database holds a ledger (any
    revision), leaving it as it was: a SQLite file is only read (one that does not exist is not
    made, nor its folder), so a mistyped ``--db`` of a read command changes nothing. A database
    server that cannot be reached raises SQLAlchemy's OperationalError."""
    given = target if isinstance(target, str) else target.url
    url = normalize_url(given)
    shown = make_url(given).render_as_string(hide_password=True)
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file:")
    if url.get_backend_name() == "sqlite" and not in_memory:
        path = Path(database).expanduser()
        if not path.is_file():
            raise NotFound(ErrorCode.E413, url=shown, reason="no such file")
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
                found = conn.execute(_HAS_VERSION_TABLE).fetchone()
        except sqlite3.DatabaseError as exc:
            raise NotFound(ErrorCode.E413, url=shown, reason=f"not a ledger database: {exc}") from exc
        if found is None:
            raise NotFound(ErrorCode.E413, url=shown, reason="the database holds no ledger tables")
        return
    if current_revision(target) is None:
        raise NotFound(ErrorCode.E413, url=shown, reason="the database holds no ledger tables")


_HAS_VERSION_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
