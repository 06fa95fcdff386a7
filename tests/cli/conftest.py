"""The ``ledger`` fixture: a small SQLite ledger built by the real workflow (cli_ledger.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_ledger import build_ledger


@pytest.fixture
def ledger(tmp_path: Path) -> str:
    """The URL of a SQLite ledger holding two events."""
    db = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    build_ledger(tmp_path / "in", db)
    return db
