"""One poll cycle of `tolls watch --once` over many sources on loopback: items/s and peak memory.

Serves ``--sources`` RSS feeds of ``--items`` invented reports each (casualty figures, places and
days of our own writing) from ``--hosts`` loopback addresses (127.0.0.1, 127.0.0.2, ...: each a
host of its own for politeness) in a separate process, then runs the real CLI, each run in a fresh
subprocess on a fresh ledger so that its peak RSS is its own:

  poll+store   `tolls watch SOURCES --once --no-extract`: fetch, parse, dedupe, store, record runs
  full         `tolls watch SOURCES --once`: the same, then extract every new document with spaCy
               and rebuild the ledger once
  304 cycle    the full run's ledger polled again: every feed answers 304 (ETag), nothing stored

Items/s is new items over the cycle's own time (from its JSON summary: the process's start-up
and the ledger's migration are not in it, the spaCy model's load on first use is); wall time is
the whole process. Politeness is ``--min-delay`` (0 by default:
a real sources file keeps 1 s or more per host, which bounds a cycle at sources/hosts x delay).

usage: python bench/watch.py [--sources 200] [--items 20] [--hosts 8] [--concurrency 8]
                             [--min-delay 0] [--db-dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

PLACES = ["Kurram", "Bajaur", "Khost", "Chaman", "Torkham", "Paktika", "Kunar", "Zhob"]
WHO = ["Officials", "The army", "Police", "Local elders", "A militant spokesman"]


def feed(source: int, items: int) -> bytes:
    """An RSS feed of ``items`` reports, each of its own text (no syndicated copies)."""
    entries = []
    for i in range(items):
        n = source * items + i
        day = 1 + n % 28
        text = (
            f"{WHO[n % len(WHO)]} said {2 + n % 17} soldiers were killed and {n % 6} wounded in an attack "
            f"on a checkpoint in {PLACES[n % len(PLACES)]} on {day} March 2025. Report {source}-{i}."
        )
        link = f"http://bench.example.invalid/s{source}/i{i}"
        entries.append(
            f"<item><title>Report {source}-{i}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>Mon, {day:02d} Mar 2025 09:00:00 GMT</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
        "<link>http://bench.example.invalid/</link><description>bench</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def _serve(host: str, port: int, bodies: dict[str, bytes], ready: Any) -> None:
    tags = {p: '"' + hashlib.sha256(b).hexdigest()[:16] + '"' for p, b in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            body = bodies.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == tags[self.path]:
                self.send_response(304)
                self.send_header("ETag", tags[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", tags[self.path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    ready.set()
    server.serve_forever()


def servers(hosts: int, sources: int, items: int) -> tuple[list[multiprocessing.Process], list[str]]:
    """One server process per loopback address; the url of each source."""
    procs, urls = [], []
    per_host: dict[int, dict[str, bytes]] = {h: {} for h in range(hosts)}
    for s in range(sources):
        per_host[s % hosts][f"/feed{s}.xml"] = feed(s, items)
    for h in range(hosts):
        host = f"127.0.0.{h + 1}"
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
        ready = multiprocessing.Event()
        proc = multiprocessing.Process(target=_serve, args=(host, port, per_host[h], ready), daemon=True)
        proc.start()
        ready.wait(30)
        procs.append(proc)
        urls += [f"http://{host}:{port}{path}" for path in per_host[h]]
    return procs, urls


def run(sources_file: Path, db: str, *, extract: bool) -> tuple[dict[str, Any], float, float]:
    """The watch's JSON summary, its wall time (s) and its own peak RSS (MB)."""
    env = {
        **os.environ,
        "TOLLS_INGEST__ALLOW_PRIVATE_ADDRESSES": "true",
        "TOLLS_GEO__RESOLVE": "false",
    }
    cmd = [sys.executable, "-m", "tolls", "watch", str(sources_file), "--once", "--db", db, "--json"]
    if not extract:
        cmd.append("--no-extract")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage: its peak RSS
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"tolls watch failed ({proc.returncode}):\n{err.read()[-2000:]}")
        return json.loads(out.read()), wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--hosts", type=int, default=8)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--min-delay", type=float, default=0.0)
    ap.add_argument(
        "--db-dir", type=Path, default=None, help="where the SQLite ledgers go (default: a temp dir)"
    )
    args = ap.parse_args()

    procs, urls = servers(args.hosts, args.sources, args.items)
    folder = Path(args.db_dir or tempfile.mkdtemp(prefix="tolls-bench-watch-"))
    folder.mkdir(parents=True, exist_ok=True)
    sources_file = folder / "sources.toml"
    sources_file.write_text(
        f"[politeness]\nmin_delay = {args.min_delay}\nconcurrency = {args.concurrency}\n"
        'user_agent = "tolls-bench"\n'
        + "".join(f'\n[[source]]\nname = "s{n}"\nurl = "{u}"\ninterval = 300\n' for n, u in enumerate(urls))
    )
    total = args.sources * args.items
    print(
        f"tolls watch --once: {args.sources} sources x {args.items} items = {total} items, "
        f"{args.hosts} loopback hosts, concurrency {args.concurrency}, min_delay {args.min_delay:g} s"
    )
    rows = []
    try:
        for label, extract, db_name in (
            ("poll+store", False, "store.sqlite"),
            ("full", True, "full.sqlite"),
            ("304 cycle", True, "full.sqlite"),
        ):
            rep, wall, peak_mb = run(sources_file, f"sqlite:///{folder / db_name}", extract=extract)
            new, seconds = int(rep["items_new"]), float(rep["seconds"])
            rate = new / seconds if seconds and new else 0.0
            rows.append(
                (
                    label,
                    new,
                    int(rep["documents_extracted"]),
                    seconds,
                    wall,
                    rate,
                    peak_mb,
                    int(rep["sources_failed"]),
                )
            )
    finally:
        for p in procs:
            p.terminate()
    print(
        f"{'run':<11} {'new':>6} {'extracted':>9} {'cycle s':>8} {'wall s':>7} {'items/s':>8} "
        f"{'peak MB':>8} {'failed':>6}"
    )
    for label, new, extracted, seconds, wall, rate, peak_mb, failed in rows:
        print(
            f"{label:<11} {new:>6} {extracted:>9} {seconds:>8.2f} {wall:>7.2f} {rate:>8.1f} "
            f"{peak_mb:>8.0f} {failed:>6}"
        )
    print("(items/s: new items over the cycle's own time; peak MB: the watch process's own peak RSS)")


if __name__ == "__main__":
    main()
