"""API tokens on a read path (issue 18, part 3): a token's user is read in a read transaction
and cached by the token's hash for ``web.token_cache_seconds``; its last use is written at most
once a minute, in a transaction of its own, not on every request."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import web_settings
from tests.web.test_api import _error

from tolls.store import session_scope
from tolls.store.models import TokenRow
from tolls.store.users import TokenUse, UserRecord, create_token, revoke_tokens, set_role
from tolls.web import create_app
from tolls.web import deps as deps_module
from tolls.web.credentials import TokenCache
from tolls.web.deps import Ledger


def _app(url: str, ttl: float) -> FastAPI:
    settings = web_settings(url)
    return create_app(
        settings.model_copy(update={"web": settings.web.model_copy(update={"token_cache_seconds": ttl})})
    )


def _engine_write(app: FastAPI) -> AbstractContextManager[Session]:
    return session_scope(app.state.ledger.engine, write=True)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many write transactions the app opened and how many token lookups it read."""
    counts = {"writes": 0, "lookups": 0}
    real_write = Ledger.write
    real_find = deps_module.find_token

    def write(self: Ledger) -> Any:
        counts["writes"] += 1
        return real_write(self)

    def find(*args: Any) -> Any:
        counts["lookups"] += 1
        return real_find(*args)

    monkeypatch.setattr(Ledger, "write", write)
    monkeypatch.setattr(deps_module, "find_token", find)
    return counts


@pytest.fixture
def token_app(sample_copy: str, users: dict[str, tuple[str, str]]) -> Iterator[tuple[FastAPI, str]]:
    app = _app(sample_copy, ttl=60)
    with _engine_write(app) as session:
        token = create_token(session, users["analyst"][0], name="script")
    yield app, token
    app.state.ledger.engine.dispose()


def test_issue_18_token_reads_are_cached_and_write_the_last_use_once(
    token_app: tuple[FastAPI, str], counted: dict[str, int]
) -> None:
    app, token = token_app
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as c:
        for _ in range(20):
            r = c.get("/api/v1/session", headers=auth)
            assert r.status_code == 200 and r.json()["user"]["role"] == "analyst"
    assert counted == {"writes": 1, "lookups": 1}  # the first use recorded; then the cache answers
    with app.state.ledger.read() as session:
        assert session.query(TokenRow).one().last_used_at is not None


def test_issue_18_without_a_cache_tokens_are_read_each_time_but_not_written(
    sample_copy: str, users: dict[str, tuple[str, str]], counted: dict[str, int]
) -> None:
    app = _app(sample_copy, ttl=0)
    with _engine_write(app) as session:
        token = create_token(session, users["analyst"][0])
    counted["writes"] = 0
    with TestClient(app) as c:
        for _ in range(10):
            assert c.get("/api/v1/session", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    app.state.ledger.engine.dispose()
    assert counted == {"writes": 1, "lookups": 10}


def test_issue_18_a_revoked_token_stops_working_within_the_cache_time(
    sample_copy: str, users: dict[str, tuple[str, str]]
) -> None:
    """Revoked elsewhere (as the CLI does): refused once the cached entry is older than the TTL."""
    app = _app(sample_copy, ttl=0.5)
    name = users["analyst"][0]
    with _engine_write(app) as session:
        token = create_token(session, name)
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as c:
        assert c.get("/api/v1/session", headers=auth).status_code == 200
        with _engine_write(app) as session:
            assert revoke_tokens(session, name) == 1
        time.sleep(0.6)
        _error(c.get("/api/v1/session", headers=auth), 401, "E420")
    app.state.ledger.engine.dispose()


def test_issue_18_forgetting_a_user_applies_a_role_change_at_once(
    token_app: tuple[FastAPI, str], users: dict[str, tuple[str, str]]
) -> None:
    app, token = token_app
    name = users["analyst"][0]
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as c:
        assert c.get("/api/v1/session", headers=auth).json()["user"]["role"] == "analyst"
        with _engine_write(app) as session:
            set_role(session, name, "viewer")
        assert c.get("/api/v1/session", headers=auth).json()["user"]["role"] == "analyst"  # cached
        app.state.token_cache.forget_user(name)
        assert c.get("/api/v1/session", headers=auth).json()["user"]["role"] == "viewer"


def test_token_cache_expires_and_stays_bounded() -> None:
    now = [0.0]
    cache = TokenCache(ttl=10, max_entries=3, clock=lambda: now[0])

    def use(i: int, name: str = "ana") -> TokenUse:
        return TokenUse(f"h{i}", UserRecord(name, "viewer", False, datetime(2025, 1, 1, tzinfo=UTC)), None)

    for i in range(5):
        cache.put(use(i, "ana" if i % 2 else "bo"))
    assert len(cache) == 3 and cache.get("h0") is None and cache.get("h4") is not None
    now[0] = 9.9
    assert cache.get("h3") is not None
    now[0] = 10.0
    assert cache.get("h3") is None
    cache.put(use(7, "ana"))
    cache.put(use(8, "bo"))
    cache.forget_user("ana")
    assert cache.get("h7") is None and cache.get("h8") is not None
    assert TokenCache(ttl=0).get("h1") is None
    empty = TokenCache(ttl=0)
    empty.put(use(1))
    assert len(empty) == 0
