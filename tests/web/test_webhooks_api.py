"""``GET /api/v1/webhooks/deliveries`` (admin only) and the delivery thread ``tolls serve`` runs
when webhooks are configured, on SQLite and PostgreSQL, against a real loopback receiver."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from tests.notify.receiver import receiving
from tests.notify.test_webhooks import SECRET, T0, add_changes, add_event, hooks
from tests.web.conftest import TEST_COST, USERS, web_settings
from tests.web.test_api import _error, _login
from tests.web.test_schemathesis import READ_CHECKS

from tolls.notify import deliver_due
from tolls.settings import Settings, WebhooksSettings
from tolls.store import make_engine, session_scope
from tolls.store.users import add_user, create_token
from tolls.web import create_app


def _app_settings(db_url: str, webhooks: WebhooksSettings) -> Settings:
    return web_settings(db_url).model_copy(update={"webhooks": webhooks})


@pytest.fixture
def seeded(db_url: str) -> str:
    """A ledger with one user per role and a few changes."""
    engine = make_engine(db_url)
    try:
        with session_scope(engine, write=True) as s:
            for role, (name, password) in USERS.items():
                add_user(s, name, password, role=role, cost=TEST_COST)  # type: ignore[arg-type]
        add_event(engine, "ev1")
        add_changes(engine, ("event", "ev1"), ("estimate", "ev1"), ("claim", "ev1"))
    finally:
        engine.dispose()
    return db_url


@pytest.fixture
def quiet_client(seeded: str) -> Iterator[TestClient]:
    """An app without webhooks configured (no delivery thread)."""
    app = create_app(web_settings(seeded))
    with TestClient(app) as c:
        yield c
    app.state.ledger.engine.dispose()


def test_the_delivery_log_is_admin_only_and_never_shows_the_secret(
    seeded: str, quiet_client: TestClient
) -> None:
    engine = make_engine(seeded)
    try:
        with receiving(SECRET, script=[(503, {"Retry-After": "60"})]) as rx:
            settings = hooks(rx.url, batch_size=2)
            deliver_due(engine, settings, now=T0)
            url = rx.url
    finally:
        engine.dispose()
    path = "/api/v1/webhooks/deliveries"
    _error(quiet_client.get(path), 401, "E420")
    _login(quiet_client, USERS, "analyst")
    _error(quiet_client.get(path), 403, "E422")
    _login(quiet_client, USERS, "admin")
    r = quiet_client.get(path)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (2, 50, 0, None)
    newest, oldest = body["items"]
    assert (oldest["status"], oldest["attempts"], oldest["last_code"]) == ("pending", 1, 503)
    assert oldest["last_error"] == "HTTP 503 Service Unavailable"
    assert oldest["next_attempt_at"] == "2026-12-06T12:01:00Z"  # Retry-After: 60
    assert (oldest["change_first"], oldest["change_last"], oldest["changes"]) == (1, 2, 2)
    assert (newest["status"], newest["attempts"], newest["change_ids"]) == ("pending", 0, [3])
    assert SECRET not in r.text and url not in r.text
    paged = quiet_client.get(path, params={"limit": 1})
    assert paged.json()["next"].endswith("offset=1") and paged.json()["items"] == [newest]
    only = quiet_client.get(path, params={"status": "delivered"}).json()
    assert only["total"] == 0 and only["items"] == []
    assert quiet_client.get(path, params={"hook": "desk"}).json()["total"] == 2
    assert quiet_client.get(path, params={"hook": "other"}).json()["total"] == 0
    _error(quiet_client.get(path, params={"status": "lost"}), 400, "E430")
    spec = quiet_client.get("/api/v1/openapi.json").json()
    operation = spec["paths"][path]["get"]
    assert operation["operationId"] == "webhooks-get_deliveries"
    assert {p["name"] for p in operation["parameters"]} == {"hook", "status", "limit", "offset"}
    assert SECRET not in quiet_client.get("/api/v1/openapi.json").text


def test_the_server_delivers_in_the_background(seeded: str) -> None:
    with receiving(SECRET) as rx:
        webhooks = hooks(rx.url).model_copy(update={"interval_seconds": 0.2})
        app = create_app(_app_settings(seeded, webhooks))
        try:
            with TestClient(app) as client:
                assert rx.arrived.wait(timeout=30), "the server's delivery thread sent nothing"
                [got] = rx.received
                assert got.signed and got.change_ids == [1, 2, 3]
                engine = make_engine(seeded)
                try:
                    more = add_changes(engine, ("grade", "ev1"))
                finally:
                    engine.dispose()
                deadline = time.monotonic() + 30
                while len(rx.received) < 2 and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert rx.received[-1].change_ids == more
                _login(client, USERS, "admin")
                items = client.get("/api/v1/webhooks/deliveries").json()["items"]
                assert [i["status"] for i in items] == ["delivered", "delivered"]
                worker = app.state.webhook_worker
            assert worker.rounds >= 2
            rounds = worker.rounds
            time.sleep(0.5)
            assert worker.rounds == rounds  # stopped with the app
        finally:
            app.state.ledger.engine.dispose()


def test_no_delivery_thread_without_webhooks(quiet_client: TestClient) -> None:
    assert not hasattr(quiet_client.app.state, "webhook_worker")  # type: ignore[attr-defined]


@pytest.fixture
def admin_api(seeded: str) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app's own OpenAPI document, narrowed to the delivery log, and an admin's token."""
    engine = make_engine(seeded)
    try:
        with receiving(SECRET, script=[(500, {})]) as rx:
            deliver_due(engine, hooks(rx.url, batch_size=1), now=T0)
        with session_scope(engine, write=True) as s:
            token = create_token(s, USERS["admin"][0], name="schemathesis")
    finally:
        engine.dispose()
    app = create_app(web_settings(seeded))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path="/api/v1/webhooks/deliveries")
    yield schema, {"Authorization": f"Bearer {token}"}
    app.state.ledger.engine.dispose()


def test_the_delivery_log_answers_whatever_an_admin_sends_as_documented(
    admin_api: tuple[Any, dict[str, str]],
) -> None:
    schema, headers = admin_api
    operations = list(schema.get_all_operations())
    assert len(operations) == 1
    operation = operations[0].ok()

    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=40, deadline=None, derandomize=True, database=None)
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=READ_CHECKS)

    check()
