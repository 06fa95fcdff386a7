"""Signing in under a flood (issue 18): the password check holds no database transaction."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.test_api import _error

from tolls.store import users as users_module


def test_issue_18_password_is_checked_outside_any_transaction(
    client: TestClient, users: dict[str, tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """scrypt runs while the app holds no connection, so no transaction (and on SQLite no write
    lock) waits on it."""
    engine = client.app.state.ledger.engine  # type: ignore[attr-defined]
    users_module._dummy_hash()  # built once per process; not part of what is counted
    checked_out: list[int] = []
    real = users_module._scrypt

    def checking(*args: Any) -> bytes:
        checked_out.append(engine.pool.checkedout())
        return real(*args)

    monkeypatch.setattr(users_module, "_scrypt", checking)
    name, password = users["analyst"]
    assert client.post("/api/v1/session", json={"username": name, "password": password}).status_code == 200
    _error(client.post("/api/v1/session", json={"username": name, "password": "wrong-pass"}), 401, "E421")
    _error(client.post("/api/v1/session", json={"username": "nobody", "password": "wrong-pass"}), 401, "E421")
    assert checked_out == [0, 0, 0]
