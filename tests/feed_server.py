"""A loopback HTTP server of our own writing for the watch tests and bench/watch.py: feeds and
pages whose content the test changes between polls, optional ETag / Last-Modified support (a
conditional request for an unchanged resource gets 304), and scripted failures (503 with
Retry-After). Every request is logged with its conditional headers."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

__all__ = ["TALIBAN_58", "WIRE_12", "Entry", "Loopback", "Resource", "rss", "serve"]


@dataclass(frozen=True)
class Entry:
    """A feed entry of our own writing."""

    link: str
    title: str
    text: str
    published: str = "Mon, 03 Mar 2025 09:00:00 GMT"


WIRE_12 = Entry(
    "http://wire.example.invalid/paktika-strike",
    "Strike on a Paktika market",
    "At least 12 civilians were killed in an air strike on a market in Paktika province on 3 March 2025, "
    "local officials said.",
)
"""A report of our own writing: the first figure of a strike."""
TALIBAN_58 = Entry(
    "http://wire.example.invalid/paktika-taliban-toll",
    "Taliban give a higher toll",
    "Taliban spokesman Zabihullah Mujahid said 58 civilians were killed in the Pakistani air strike on a "
    "market in Paktika province on 3 March 2025.",
)
"""The other side's higher figure for the same strike."""


def rss(title: str, entries: Sequence[Entry]) -> bytes:
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
        f"<guid>{escape(e.link)}</guid><pubDate>{e.published}</pubDate>"
        f"<description>{escape(e.text)}</description></item>"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://example.invalid/</link><description>test feed</description>{items}</channel></rss>"
    ).encode()


@dataclass
class Resource:
    """What a path serves: a body, its type, whether the server sends validators, and a scripted
    failure (``fail`` status with ``retry_after``) answered instead while set."""

    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: bool = False
    last_modified: bool = False
    fail: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    """Seconds the server takes to answer (to see whether requests overlap)."""
    version: int = 1

    def set(self, body: bytes) -> None:
        self.body, self.version = body, self.version + 1

    @property
    def tag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    @property
    def modified(self) -> str:
        return formatdate(1_700_000_000 + self.version * 3600, usegmt=True)


@dataclass(frozen=True)
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None
    status: int
    at: float
    """``time.monotonic()`` when the request arrived."""


@dataclass
class Loopback:
    host: str
    port: int
    resources: dict[str, Resource] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    active: int = 0
    max_active: int = 0
    """The most requests this server was answering at the same time."""

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def requests(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]


def _handler(state: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            at = time.monotonic()
            with state.lock:
                state.active += 1
                state.max_active = max(state.max_active, state.active)
            try:
                self._get(at)
            finally:
                with state.lock:
                    state.active -= 1

        def _get(self, at: float) -> None:
            res = state.resources.get(self.path)
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            status = 404
            headers: dict[str, str] = {}
            body = b"not here"
            if res is not None and res.fail is not None:
                status, body = res.fail, b"busy"
                if res.retry_after is not None:
                    headers["Retry-After"] = res.retry_after
            elif res is not None:
                if res.etag:
                    headers["ETag"] = res.tag
                if res.last_modified:
                    headers["Last-Modified"] = res.modified
                fresh = (res.etag and inm == res.tag) or (
                    res.last_modified and not res.etag and ims == res.modified
                )
                if fresh:
                    status, body = 304, b""
                else:
                    status, body = 200, res.body
                    headers["Content-Type"] = res.content_type
            if res is not None and res.delay:
                time.sleep(res.delay)
            with state.lock:
                state.log.append(Request(self.path, inm, ims, self.headers.get("User-Agent"), status, at))
            self._answer(status, body, headers)

    return Handler


@contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[Loopback]:
    """A server on ``host`` (a loopback address) and a free port, for the block."""
    state = Loopback(host, 0)
    server = ThreadingHTTPServer((host, 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
