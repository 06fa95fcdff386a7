"""Alembic environment for the tolls ledger.

The database comes, in order, from a live connection passed in ``config.attributes["connection"]``
(what :func:`tolls.store.upgrade` does), from ``sqlalchemy.url`` in the config, or from
``Settings().db.url`` (``TOLLS_DB__URL``). SQLite runs in batch mode so later migrations can
alter tables.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tolls.store.engine import make_engine
from tolls.store.migrate import include_name
from tolls.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from tolls.settings import get_settings

        url = get_settings().db.url
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from tolls.settings import get_settings

        url = get_settings().db.url
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
