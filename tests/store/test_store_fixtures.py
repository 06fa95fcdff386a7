"""The PostgreSQL fixture fails loudly, never skips, when the server binaries are missing."""

from __future__ import annotations

import pytest

import db_fixtures


def test_missing_postgresql_binaries_fail_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOLLS_PG_BIN", raising=False)
    monkeypatch.setattr("glob.glob", lambda pattern: [])
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="initdb, pg_ctl"):
        db_fixtures._pg_bin()


def test_tolls_pg_bin_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    found = db_fixtures._pg_bin()
    monkeypatch.setenv("TOLLS_PG_BIN", str(found))
    monkeypatch.setattr("glob.glob", lambda pattern: [])
    assert db_fixtures._pg_bin() == found
