"""Signing in under a flood (issue 18): the password check holds no database transaction, and
too many failed sign-ins for an account or from an address are refused with 429 before the
database is asked."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.web.conftest import TEST_COST, web_settings
from tests.web.test_api import _error

from tolls.errors import AuthError, Throttled
from tolls.store import users as users_module
from tolls.store.users import Credentials, ScryptCost
from tolls.web import create_app
from tolls.web.credentials import PasswordChecks
from tolls.web.deps import SESSION_COOKIE
from tolls.web.routes import session as session_route
from tolls.web.throttle import LoginThrottle


def test_issue_18_password_is_checked_outside_any_transaction(
    client: TestClient, users: dict[str, tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """scrypt runs while the app holds no connection, so no transaction (and on SQLite no write
    lock) waits on it."""
    engine = client.app.state.ledger.engine  # type: ignore[attr-defined]
    users_module._dummy_hash(TEST_COST)  # built once per process; not part of what is counted
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


def _throttled_app(url: str, **limits: float) -> FastAPI:
    """An app with these sign-in limits; its 429s are answered at once unless a delay is given."""
    settings = web_settings(url)
    web = settings.web.model_copy(update={"login_throttle_delay_seconds": 0.0, **limits})
    return create_app(settings.model_copy(update={"web": web}))


def _sign_in(c: TestClient, name: str, password: str) -> httpx.Response:
    return c.post("/api/v1/session", json={"username": name, "password": password})


def test_issue_18_a_throttled_account_gets_429_then_signs_in_after_the_window(
    sample_copy: str, users: dict[str, tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _throttled_app(sample_copy, login_failures_per_account=3, login_window_seconds=1.0)
    reads: list[str] = []
    real = session_route.read_credentials

    def counting(session: Any, username: str) -> Any:
        reads.append(username)
        return real(session, username)

    monkeypatch.setattr(session_route, "read_credentials", counting)
    name, password = users["analyst"]
    try:
        with TestClient(app) as c:
            for _ in range(3):
                _error(_sign_in(c, name, "wrong-pass"), 401, "E421")
            started = time.monotonic()
            for attempt in (password, "wrong-pass"):  # even the right password waits
                r = _sign_in(c, name, attempt)
                _error(r, 429, "E424")
                assert r.headers["retry-after"] == "1"
            assert len(reads) == 3  # throttled attempts never reached the database
            time.sleep(max(0.0, 1.05 - (time.monotonic() - started)))
            assert _sign_in(c, name, password).status_code == 200
            assert len(reads) == 4
    finally:
        app.state.ledger.engine.dispose()


def test_issue_18_one_address_failing_does_not_lock_another_out(
    sample_copy: str, users: dict[str, tuple[str, str]]
) -> None:
    """The address rule stops the flooding address only; the account rule, shared by every
    address, is the one that can refuse another address."""
    app = _throttled_app(sample_copy, login_failures_per_account=5, login_failures_per_address=3)
    attacker = TestClient(app, client=("192.0.2.1", 40000))
    other = TestClient(app, client=("192.0.2.2", 40000))
    name, password = users["analyst"]
    try:
        for _ in range(3):
            _error(_sign_in(attacker, name, "wrong-pass"), 401, "E421")
        refused = _sign_in(attacker, users["viewer"][0], users["viewer"][1])
        _error(refused, 429, "E424")
        assert int(refused.headers["retry-after"]) >= 1
        assert _sign_in(other, name, password).status_code == 200  # 3 < 5 for the account
        for i in range(5):  # the account rule: every address's failures count
            _error(
                _sign_in(TestClient(app, client=(f"198.51.100.{i}", 40000)), name, "wrong-pass"), 401, "E421"
            )
        _error(_sign_in(TestClient(app, client=("192.0.2.3", 40000)), name, password), 429, "E424")
        assert _sign_in(other, users["viewer"][0], users["viewer"][1]).status_code == 200
    finally:
        app.state.ledger.engine.dispose()


def test_login_throttle_slides_its_window_and_stays_bounded() -> None:
    now = [0.0]
    throttle = LoginThrottle(per_account=2, per_address=3, window=10.0, max_keys=4, clock=lambda: now[0])
    throttle.failed("ana", "a")
    now[0] = 4.0
    throttle.failed("ana", "a")
    assert throttle.retry_after("ana", "b") == 6  # until the first failure is 10 s old
    assert throttle.retry_after("bo", "a") is None  # 2 < 3 for the address
    now[0] = 10.5
    assert throttle.retry_after("ana", "b") is None
    throttle.failed("ana", "b")
    assert throttle.retry_after("ana", "c") == 4
    throttle.succeeded("ana")
    assert throttle.retry_after("ana", "c") is None
    for i in range(10):
        throttle.failed(f"user{i}", "z")
    assert len(throttle) <= 4  # the least recently failed are forgotten
    assert throttle.retry_after("user9", "y") is None and throttle.retry_after("x", "z") == 10


def test_issue_18_signing_in_again_ends_the_previous_session(
    client: TestClient, users: dict[str, tuple[str, str]]
) -> None:
    name, password = users["analyst"]
    assert _sign_in(client, name, password).status_code == 200
    first = client.cookies[SESSION_COOKIE]
    assert _sign_in(client, name, password).status_code == 200  # the browser sends its cookie
    second = client.cookies[SESSION_COOKIE]
    assert second != first
    with TestClient(client.app, cookies={SESSION_COOKIE: first}) as old:
        assert old.get("/api/v1/session").json()["user"] is None
    with TestClient(client.app, cookies={SESSION_COOKIE: second}) as new:
        assert new.get("/api/v1/session").json()["user"]["username"] == name


def test_issue_18_429s_are_held_before_they_are_answered(
    sample_copy: str, users: dict[str, tuple[str, str]]
) -> None:
    """The tarpit: a throttled sign-in (the gate's 429 and the route's) waits the delay before
    its answer."""
    app = _throttled_app(
        sample_copy,
        login_failures_per_account=2,
        login_failures_per_address=3,
        login_throttle_delay_seconds=0.4,
    )
    name = users["analyst"][0]
    try:
        with TestClient(app) as c:
            for _ in range(2):
                _error(_sign_in(c, name, "wrong-pass"), 401, "E421")
            started = time.monotonic()
            _error(_sign_in(c, name, "wrong-pass"), 429, "E424")  # the account rule: the route's 429
            assert time.monotonic() - started >= 0.4
            _error(_sign_in(c, "nobody", "wrong-pass"), 401, "E421")  # the address's third failure
            started = time.monotonic()
            r = _sign_in(c, "someone", "wrong-pass")  # the address rule: the gate's 429
            _error(r, 429, "E424")
            assert time.monotonic() - started >= 0.4 and int(r.headers["retry-after"]) >= 1
            assert "script-src 'self'" in r.headers["content-security-policy"]
            assert c.get("/api/v1/session").status_code == 200
    finally:
        app.state.ledger.engine.dispose()


def test_issue_18_password_checks_queue_at_most_waiting_and_wait_at_most_timeout() -> None:
    """More sign-ins at once than the hashing thread lets wait, or one it has not checked in
    time, are 429 / E424 (retry in a second), not a wait as long as the client's patience."""
    slow = ScryptCost(n=2**15, r=8, p=1)  # a few tenths of a second a hash
    checks = PasswordChecks(cost=slow, waiting=2, per_address=8, timeout=30.0)
    nobody = Credentials(None, None)
    outcomes: list[str] = []

    def attempt(_: int) -> None:
        try:
            checks.check(nobody, "wrong-password")
        except Throttled as exc:
            outcomes.append(exc.code + f" {exc.retry_after}")
        except AuthError as exc:
            outcomes.append(exc.code)

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(attempt, range(6)))
    assert sorted(outcomes).count("E421") >= 2 and "E424 1" in outcomes, outcomes
    impatient = PasswordChecks(cost=slow, waiting=8, timeout=0.01)
    with pytest.raises(Throttled):
        impatient.check(nobody, "wrong-password")


def test_issue_18_one_address_cannot_fill_the_password_queue() -> None:
    """A flooding address gets ``per_address`` places in the queue; another address's sign-in
    still gets one (and is checked) while the flood's extra attempts are refused busy."""
    slow = ScryptCost(n=2**15, r=8, p=1)
    checks = PasswordChecks(cost=slow, waiting=4, per_address=2, timeout=60.0)
    nobody = Credentials(None, None)
    outcomes: dict[str, list[str]] = {"flood": [], "other": []}

    def attempt(who: str) -> None:
        address = "192.0.2.1" if who == "flood" else "198.51.100.7"
        try:
            checks.check(nobody, "wrong-password", address)
        except Throttled:
            outcomes[who].append("busy")
        except AuthError:
            outcomes[who].append("checked")

    with ThreadPoolExecutor(max_workers=7) as pool:
        list(pool.map(attempt, ["flood"] * 6 + ["other"]))
    assert outcomes["other"] == ["checked"], outcomes
    assert outcomes["flood"].count("busy") >= 2 and "checked" in outcomes["flood"], outcomes
    assert checks._pending == 0 and not checks._by_address  # every place given back
