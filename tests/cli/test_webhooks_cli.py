"""``tolls webhooks deliver`` and ``log`` against a real loopback receiver, on SQLite and
PostgreSQL; a deliverer killed with SIGKILL during its POST sends the same delivery again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.notify.receiver import receiving
from tests.notify.test_webhooks import SECRET, add_changes, add_event, deliveries, hooks
from typer.testing import CliRunner

from tolls.cli import app
from tolls.notify import deliver_due
from tolls.settings import get_settings
from tolls.store import make_engine

runner = CliRunner(mix_stderr=False)
SRC = Path(__file__).resolve().parents[2] / "src"


def hooks_env(url: str, **options: object) -> str:
    return json.dumps([{"name": "desk", "url": url, "secret": SECRET, **options}])


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Settings read again from the environment the test sets."""
    monkeypatch.setenv("TOLLS_WEBHOOKS__ALLOW_PRIVATE_ADDRESSES", "true")
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def _seed(db_url: str, *specs: tuple[str, str]) -> list[int]:
    engine = make_engine(db_url)
    try:
        add_event(engine, "ev1")
        return add_changes(engine, *specs)
    finally:
        engine.dispose()


def test_deliver_then_log(db_url: str, configured: pytest.MonkeyPatch) -> None:
    ids = _seed(db_url, ("event", "ev1"), ("estimate", "ev1"))
    with receiving(SECRET) as rx:
        configured.setenv("TOLLS_WEBHOOKS__HOOKS", hooks_env(rx.url))
        result = runner.invoke(app, ["webhooks", "deliver", "--db", db_url])
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip() == (
            "webhooks: 1 hook(s), 1 new deliveries, 1 delivered, 0 to retry, 0 given up, 0 waiting"
        )
        [got] = rx.received
        assert got.signed and got.change_ids == ids
    shown = runner.invoke(app, ["webhooks", "log", "--db", db_url, "--json"])
    assert shown.exit_code == 0, shown.stderr
    [row] = [json.loads(line) for line in shown.stdout.splitlines()]
    assert row["id"] == got.delivery and row["hook"] == "desk" and row["status"] == "delivered"
    assert (row["attempts"], row["last_code"], row["changes"], row["change_ids"]) == (1, 200, 2, ids)
    table = runner.invoke(app, ["webhooks", "log", "--db", db_url])
    assert table.exit_code == 0, table.stderr
    assert "delivered" in table.stdout and "desk" in table.stdout
    for out in (result.stdout, result.stderr, shown.stdout, table.stdout):
        assert SECRET not in out and rx.url not in out


def test_a_failed_attempt_exits_3_and_is_logged(db_url: str, configured: pytest.MonkeyPatch) -> None:
    _seed(db_url, ("event", "ev1"))
    with receiving(SECRET, default=500) as rx:
        configured.setenv("TOLLS_WEBHOOKS__HOOKS", hooks_env(rx.url, backoff_base=600))
        result = runner.invoke(app, ["webhooks", "deliver", "--db", db_url])
        assert result.exit_code == 3, result.stderr
        assert "1 to retry" in result.stdout
        again = runner.invoke(app, ["webhooks", "deliver", "--db", db_url])  # not due yet
        assert again.exit_code == 0 and "1 waiting" in again.stdout
        assert len(rx.received) == 1
    pending = runner.invoke(app, ["webhooks", "log", "--db", db_url, "--status", "pending", "--json"])
    [row] = [json.loads(line) for line in pending.stdout.splitlines()]
    assert (row["status"], row["last_code"], row["last_error"]) == (
        "pending",
        500,
        "HTTP 500 Internal Server Error",
    )
    assert row["next_attempt_at"].endswith("Z")
    none = runner.invoke(app, ["webhooks", "log", "--db", db_url, "--status", "failed", "--json"])
    assert none.exit_code == 0 and none.stdout == ""


def test_nothing_configured_is_said(tmp_path: Path, configured: pytest.MonkeyPatch) -> None:
    configured.delenv("TOLLS_WEBHOOKS__HOOKS", raising=False)
    result = runner.invoke(app, ["webhooks", "deliver", "--db", f"sqlite:///{tmp_path}/t.sqlite"])
    assert result.exit_code == 0
    assert "none configured" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("hook", "expected"),
    [
        ({"secret": "short-secret"}, "shorter than 16 characters"),
        ({"url": "ftp://example.org/x"}, "http:// or https://"),
        ({"kinds": ["estimates"]}, "unknown change kinds"),
        ({"url": "https://user:pw-in-url@example.org/x"}, "holds no user or password"),
    ],
)
def test_an_invalid_hook_is_e002_without_its_values(
    tmp_path: Path, configured: pytest.MonkeyPatch, hook: dict[str, object], expected: str
) -> None:
    given = {"name": "desk", "url": "https://example.org/x", "secret": SECRET, **hook}
    configured.setenv("TOLLS_WEBHOOKS__HOOKS", json.dumps([given]))
    result = runner.invoke(app, ["webhooks", "deliver", "--db", f"sqlite:///{tmp_path}/t.sqlite"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E002] Invalid setting: webhooks.hooks.0")
    assert expected in result.stderr
    for secret in (SECRET, "short-secret", "pw-in-url"):
        assert secret not in result.stderr + result.stdout


def test_a_deliverer_killed_during_its_post_sends_the_same_delivery_again(db_url: str) -> None:
    ids = _seed(db_url, ("event", "ev1"), ("claim", "ev1"))
    with receiving(SECRET, hang=60) as rx:
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "TOLLS_WEBHOOKS__HOOKS": hooks_env(rx.url, backoff_base=30, timeout=60),
            "TOLLS_WEBHOOKS__ALLOW_PRIVATE_ADDRESSES": "true",
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "tolls", "webhooks", "deliver", "--db", db_url],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert rx.arrived.wait(timeout=60), "the deliverer never POSTed"
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        engine = make_engine(db_url)
        try:
            [claimed] = deliveries(engine)
            # the attempt was committed before the POST; it never reported back
            assert (claimed.status, claimed.attempts, claimed.last_code) == ("pending", 1, None)
            assert claimed.next_attempt_at is not None
            rx.hang = 0
            report = deliver_due(engine, hooks(rx.url), now=claimed.next_attempt_at - timedelta(seconds=1))
            assert report.waiting == 1 and len(rx.received) == 1
            report = deliver_due(engine, hooks(rx.url), now=claimed.next_attempt_at)
            assert report.delivered == 1
            first, second = rx.received
            assert first.delivery == second.delivery == claimed.id  # receivers dedupe by it
            assert first.body == second.body and first.change_ids == ids
            assert (first.headers["x-tolls-attempt"], second.headers["x-tolls-attempt"]) == ("1", "2")
            [done] = deliveries(engine)
            assert (done.status, done.attempts) == ("delivered", 2)
            assert claimed.next_attempt_at > datetime.now(UTC) - timedelta(minutes=5)
        finally:
            engine.dispose()


def test_deliver_and_log_refuse_a_database_without_a_ledger(
    tmp_path: Path, configured: pytest.MonkeyPatch
) -> None:
    configured.setenv("TOLLS_WEBHOOKS__HOOKS", hooks_env("http://127.0.0.1:9/x"))
    missing = tmp_path / "typo.sqlite"
    for command in ("deliver", "log"):
        result = runner.invoke(app, ["webhooks", command, "--db", f"sqlite:///{missing}"])
        assert result.exit_code == 2 and "[E413]" in result.stderr
    assert not missing.exists()


def test_debug_and_malformed_settings_show_no_secret(tmp_path: Path) -> None:
    """``--debug`` prints the traceback: pydantic's own message must not carry the value either
    (it cut the key off and left a secret whole); a variable that is not JSON is E002 too."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    db = f"sqlite:///{tmp_path}/t.sqlite"
    cases = {
        json.dumps([{"name": "desk", "url": "https://example.org/x", "secret": "short-secretXY"}]): "shorter",
        '[{"name": "desk", "secret": "s3cret-webhook-key-0123456789"': "error parsing value",
    }
    for value, expected in cases.items():
        proc = subprocess.run(
            [sys.executable, "-m", "tolls", "--debug", "webhooks", "deliver", "--db", db],
            env={**env, "TOLLS_WEBHOOKS__HOOKS": value},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr
        last = proc.stderr.strip().splitlines()[-1]
        assert last.startswith("Error: [E002] Invalid setting") and expected in last
        assert "Traceback" in proc.stderr  # --debug did print one
        for secret in ("short-secretXY", SECRET):
            assert secret not in proc.stderr and secret not in proc.stdout
