"""Store fixtures: a session on a fresh migrated database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tolls.store import make_sessionmaker


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """A session on a fresh database; the test commits when it wants durability."""
    with make_sessionmaker(db_engine)() as s:
        yield s
