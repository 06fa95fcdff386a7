"""A sign-in flood beside an analyst's review and a reader's lists (issue 18, acceptance).

Builds (once, cached under ``var/bench/``) a small ledger from the sample corpus
(``src/tolls/data/samples/october-2025.jsonl``) with an analyst, copies it to a temporary
folder, serves the copy as a deployment would (``tolls serve --workers N`` on 127.0.0.1), and
for ``--seconds`` (20) runs at once:

- ``--flooders`` (16) clients sending sign-ins with wrong passwords, half for the analyst's
  account and half for made-up names, as fast as the server answers (threads of a process of
  their own, so that the others' latencies are not a wait for the benchmark's own GIL);
- one analyst, signed in before the flood (session cookie and CSRF token), accepting and
  correcting claims through the API;
- one reader listing events (filters and pages as the dashboard asks for them);
- one person signing in with the right password every 2 s from another loopback address
  (127.0.0.2), to an account the flood does not target: what a flood costs everyone else's
  sign-ins (reported, not part of the verdict).

Loopback only, bounded in time (each client stops at the deadline) and in count (at most
``--max-requests`` per client); the server is stopped at the end. Prints the status codes per
role, the number of 5xx answers and transport errors, the analyst's write latency and the
reader's list latency (p50/p95/max), and the verdict against the targets: no 5xx, writes
p95 <= 300 ms, lists p95 <= 150 ms.

Exit status: 0 PASS, 1 on any 5xx or transport error, 2 when a p95 is over its target.

usage: python bench/login_flood.py [--seconds 20] [--flooders 16] [--workers N]
                                   [--max-requests 20000] [--rebuild] [--throttle-delay S]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from serving import start_server, stop_server

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "var" / "bench"
SAMPLES = REPO / "src" / "tolls" / "data" / "samples" / "october-2025.jsonl"
HOST = "127.0.0.1"
ANALYST = ("flood-analyst", "flood-analyst-password")
MEMBER = ("flood-member", "flood-member-password")
MEMBER_ADDRESS = "127.0.0.2"  # another loopback address: not the flood's (127.0.0.1)
WRITE_P95_MS = 300.0
LIST_P95_MS = 150.0
LISTS = (
    "/api/v1/events?limit=50",
    "/api/v1/events?limit=50&contested=true",
    "/api/v1/events?limit=50&sort=-fatalities",
    "/api/v1/events?limit=50&start=2025-10-01&end=2025-10-31",
    "/api/v1/events?limit=20&offset=20",
)


# --- the ledger -----------------------------------------------------------------------------


def build_ledger(path: Path) -> None:
    """The sample corpus ingested with ``tolls ingest`` (extracted and linked), plus the analyst."""
    from tolls.store import add_user, make_engine, session_scope

    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    subprocess.run([sys.executable, "-m", "tolls", "ingest", str(SAMPLES), "--db", url], check=True, cwd=REPO)
    engine = make_engine(url)
    try:
        with session_scope(engine, write=True) as session:
            add_user(session, ANALYST[0], ANALYST[1], role="analyst")
    finally:
        engine.dispose()


def cached_ledger(rebuild: bool) -> Path:
    key = hashlib.sha256(SAMPLES.read_bytes()).hexdigest()[:12]
    path = CACHE / f"login-flood-{key}.sqlite"
    if rebuild or not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"building {path.relative_to(REPO)} from the sample corpus ...", flush=True)
        build_ledger(path)
    return path


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# --- the load -------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one role saw: status codes, transport errors and latencies (ms) of its requests."""

    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, call: Callable[[], httpx.Response]) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = call()
        except httpx.HTTPError as exc:
            with self.lock:
                self.errors.append(f"{type(exc).__name__}: {exc}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.statuses[response.status_code] += 1
            self.latencies.append(elapsed)
        return response

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def flood(base: str, index: int, deadline: float, limit: int, tally: Tally) -> None:
    name = ANALYST[0] if index % 2 == 0 else f"nobody-{index}"
    with httpx.Client(base_url=base, timeout=30) as client:
        for n in range(limit):
            if time.time() >= deadline:
                return
            body = {"username": name, "password": f"wrong-password-{index}-{n}"}
            tally.timed(partial(client.post, "/api/v1/session", json=body))


def flood_process(
    base: str, flooders: int, deadline: float, limit: int
) -> tuple[dict[int, int], list[str], list[float], int]:
    """The flooders' threads in a process of their own, so that the analyst's and the reader's
    latencies are not their wait for this process's GIL: status counts, transport errors,
    latencies and how many threads were still running at the end."""
    tally = Tally()
    threads = [
        threading.Thread(target=flood, args=(base, i, deadline, limit, tally)) for i in range(flooders)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.time()) + 60)
    return dict(tally.statuses), tally.errors, tally.latencies, sum(t.is_alive() for t in threads)


def review(
    client: httpx.Client, csrf: str, claims: list[dict[str, Any]], deadline: float, limit: int, tally: Tally
) -> None:
    """Accept each extracted claim, then correct it (its figure one more, with a note)."""
    headers = {"X-CSRF-Token": csrf}
    for n in range(limit):
        if time.time() >= deadline:
            return
        claim = claims[(n // 2) % len(claims)]
        path = f"/api/v1/claims/{quote(claim['id'], safe='')}"
        if n % 2 == 0 and claim["status"] in ("extracted", "rejected"):
            body: dict[str, Any] = {"note": "checked against the source"}
            r = tally.timed(partial(client.post, f"{path}/accept", json=body, headers=headers))
        else:
            value = (claim["figure"].get("value") or 0) + 1  # a correction must change something
            body = {
                "changes": {"figure": {"text": str(value), "value": value, "low": value, "high": value}},
                "note": "figure read again",
            }
            r = tally.timed(partial(client.post, f"{path}/correct", json=body, headers=headers))
        if r is not None and r.status_code == 200:
            claim.update(r.json())


def sign_in_elsewhere(base: str, deadline: float, limit: int, tally: Tally) -> None:
    """A person signing in with the right password from another address, every 2 s."""
    transport = httpx.HTTPTransport(local_address=MEMBER_ADDRESS)
    with httpx.Client(base_url=base, timeout=30, transport=transport) as client:
        for _ in range(limit):
            if time.time() >= deadline:
                return
            body = {"username": MEMBER[0], "password": MEMBER[1]}
            tally.timed(partial(client.post, "/api/v1/session", json=body))
            time.sleep(max(0.0, min(2.0, deadline - time.time())))


def add_member(db: Path) -> None:
    """The person of :func:`sign_in_elsewhere`, added to the copy (at the default cost)."""
    from tolls.store import add_user, make_engine, session_scope

    engine = make_engine(f"sqlite:///{db}")
    try:
        with session_scope(engine, write=True) as session:
            add_user(session, MEMBER[0], MEMBER[1], role="viewer")
    finally:
        engine.dispose()


def read_lists(base: str, deadline: float, limit: int, tally: Tally) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        for n in range(limit):
            if time.time() >= deadline:
                return
            path = LISTS[n % len(LISTS)]
            tally.timed(partial(client.get, path))


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the flood lasts (default 20)")
    parser.add_argument(
        "--flooders", type=int, default=16, help="clients sending wrong passwords (default 16)"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: one per core)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="at most this many requests per client"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached ledger")
    parser.add_argument(
        "--throttle-delay",
        type=float,
        default=None,
        help="the server's web.login_throttle_delay_seconds (default: its default, 1 s); 0 to compare",
    )
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 300 or not 0 < args.flooders <= 64:
        parser.error("--seconds must be in (0, 300] and --flooders in (0, 64]")

    source = cached_ledger(args.rebuild)
    with tempfile.TemporaryDirectory(prefix="tolls-login-flood-") as tmp:
        db = Path(tmp) / "ledger.sqlite"
        shutil.copyfile(source, db)
        add_member(db)
        port = free_port()
        base = f"http://{HOST}:{port}"
        web = (
            {} if args.throttle_delay is None else {"login_throttle_delay_seconds": str(args.throttle_delay)}
        )
        server = start_server(db, port, args.workers, web=web)
        try:
            analyst = httpx.Client(base_url=base, timeout=30)
            signed_in = analyst.post("/api/v1/session", json={"username": ANALYST[0], "password": ANALYST[1]})
            signed_in.raise_for_status()
            csrf = signed_in.json()["csrf_token"]
            claims = analyst.get("/api/v1/claims", params={"limit": 500}).json()["items"]
            if not claims:
                raise SystemExit("the ledger has no claims to review")

            flooders, writes, lists, member = Tally(), Tally(), Tally(), Tally()
            deadline = time.time() + args.seconds
            threads = [
                threading.Thread(
                    target=review, args=(analyst, csrf, claims, deadline, args.max_requests, writes)
                ),
                threading.Thread(target=read_lists, args=(base, deadline, args.max_requests, lists)),
                threading.Thread(target=sign_in_elsewhere, args=(base, deadline, args.max_requests, member)),
            ]
            with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
                flooding = pool.submit(flood_process, base, args.flooders, deadline, args.max_requests)
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=args.seconds + 60)
                statuses, errors, latencies, stuck = flooding.result(timeout=args.seconds + 120)
            flooders.statuses.update(statuses)
            flooders.errors += errors
            flooders.latencies += latencies
            analyst.close()
            stuck += sum(t.is_alive() for t in threads)
        finally:
            stop_server(server)

    print(
        f"\nsample-corpus ledger ({len(claims)} claims), SQLite, `tolls serve --workers {args.workers}`, "
        f"{args.flooders} sign-in flooders for {args.seconds:g} s, one analyst, one reader"
        + ("" if args.throttle_delay is None else f", 429s held {args.throttle_delay:g} s")
    )
    roles = (
        ("sign-in flood", flooders),
        ("analyst writes", writes),
        ("reader lists", lists),
        ("member sign-in", member),
    )
    for role, tally in roles:
        codes = ", ".join(f"{status}: {n}" for status, n in sorted(tally.statuses.items()))
        print(f"{role:15} {sum(tally.statuses.values()):6} requests ({codes}); {_ms(tally.latencies)}")
        for error in tally.errors[:3]:
            print(f"{'':15} transport error: {error}")
    server_errors = sum(tally.server_errors for _, tally in roles)
    transport = sum(len(tally.errors) for _, tally in roles)
    write_p95, list_p95 = _p95(writes.latencies), _p95(lists.latencies)
    print(f"5xx answers: {server_errors}; transport errors: {transport}; clients still running: {stuck}")
    print(f"analyst write p95: {write_p95:.0f} ms (target <= {WRITE_P95_MS:.0f})")
    print(f"list p95: {list_p95:.0f} ms (target <= {LIST_P95_MS:.0f})")
    if server_errors or transport or stuck:
        print("verdict: FAIL (server errors)")
        return 1
    if write_p95 > WRITE_P95_MS or list_p95 > LIST_P95_MS:
        print("verdict: FAIL (latency over target)")
        return 2
    print("verdict: PASS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
