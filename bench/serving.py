"""``tolls serve`` for the load benchmarks (api_load.py, login_flood.py): started on loopback as a
deployment would run it, waited for until it answers, never left behind by the caller."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def start_server(
    db: Path, port: int, workers: int, timeout: float = 120.0, web: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """``tolls serve`` on the SQLite ledger ``db``, on loopback, with the default web settings
    but for ``web`` (setting name -> value, e.g. ``{"login_throttle_delay_seconds": "0"}``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLS_WEB__")}
    env.update({f"TOLLS_WEB__{name.upper()}": value for name, value in (web or {}).items()})
    argv = [
        "serve",
        "--db",
        f"sqlite:///{db}",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen([sys.executable, "-m", "tolls", *argv], env=env, cwd=REPO)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/v1/session", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the server was not ready within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop, and kill it if it has not within 15 s."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
