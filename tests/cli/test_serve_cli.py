"""``tolls serve``: one process, or ``--workers N`` processes on one socket (a real server in a
subprocess, spoken to over loopback)."""

from __future__ import annotations

import gc
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tolls.settings import DbSettings, Settings
from tolls.store import make_engine
from tolls.web.app import SETTINGS_ENV, app_from_environment, serving_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    ps = ["ps", "-o", "pid=", "--ppid", str(pid)]
    out = subprocess.run(ps, capture_output=True, text=True, check=False)
    return [int(x) for x in out.stdout.split()]


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot), None if it is gone: with its pid
    it names one process, as pids are reused once the kernel's counter wraps."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()[19]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _same_process_alive(pid: int, started: str | None) -> bool:
    """Whether the process that was ``pid`` when it started at ``started`` still runs (a zombie
    does not; a reused pid is another process)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "zombie" not in status.lower() and _started(pid) == started


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """``tolls serve --workers 2`` on a new SQLite ledger, not public (so a worker that missed
    the settings would answer anonymous reads with 200): the process, its URL, the ledger URL."""
    port, db = _free_port(), f"sqlite:///{tmp_path}/ledger.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TOLLS_WEB__", SETTINGS_ENV))}
    env["TOLLS_WEB__PUBLIC"] = "false"
    argv = [sys.executable, "-m", "tolls", "serve", "--db", db, "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                httpx.get(f"{base}/api/v1/session", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield proc, base, db
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def test_serve_with_workers_migrates_once_and_every_worker_has_the_settings(
    serve: tuple[subprocess.Popen[str], str, str],
) -> None:
    proc, base, db = serve
    assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
    # the parent migrated the new ledger before the workers started
    engine = make_engine(db)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    assert len(_children(proc.pid)) >= 2  # the workers (and uvicorn's helper processes)
    # many requests over fresh connections reach both workers; each refuses anonymous reads
    # as the settings say, and none fails
    codes = {httpx.get(f"{base}/api/v1/events", timeout=10).status_code for _ in range(20)}
    assert codes == {401}
    assert httpx.get(f"{base}/api/v1/session", timeout=10).json()["user"] is None


def test_serve_stops_cleanly_on_interrupt(serve: tuple[subprocess.Popen[str], str, str]) -> None:
    proc, base, _ = serve
    children = {pid: (_started(pid), _cmdline(pid)) for pid in _children(proc.pid)}
    workers = [pid for pid, (_, cmd) in children.items() if "spawn_main" in cmd]
    assert len(workers) == 2, children
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    out = proc.stdout.read() if proc.stdout else ""
    assert "2 workers" in out
    # the server joins its workers before it exits: none may be left at that moment
    for pid in workers:
        assert not _same_process_alive(pid, children[pid][0]), pid
    # multiprocessing's resource tracker leaves on its own once its parent's pipe closes
    # (a moment after the exit, longer on a busy machine); it too must go
    deadline = time.monotonic() + 15
    left = [pid for pid, (started, _) in children.items() if _same_process_alive(pid, started)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [pid for pid in left if _same_process_alive(pid, children[pid][0])]
    assert not left, {pid: children[pid][1] for pid in left}
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base}/api/v1/session", timeout=2)


def test_app_from_environment_needs_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTINGS_ENV, raising=False)
    with pytest.raises(RuntimeError, match=SETTINGS_ENV):
        app_from_environment()


def test_a_served_app_takes_its_startup_objects_out_of_the_collectors_sight(tmp_path: Path) -> None:
    """Full collections would otherwise walk FastAPI's, pydantic's and SQLAlchemy's objects on
    every run: the latency tail of the busy server."""
    settings = Settings().model_copy(update={"db": DbSettings(url=f"sqlite:///{tmp_path / 'ledger.sqlite'}")})
    before = gc.get_freeze_count()
    try:
        app = serving_app(settings)
        assert gc.get_freeze_count() > before + 50_000
        with TestClient(app) as client:  # and it serves
            assert client.get("/api/v1/events").status_code == 200
    finally:
        gc.unfreeze()
