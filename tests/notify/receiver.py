"""A real webhook receiver on loopback (http.server in a thread) that checks each signature."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tolls.notify import verify_signature


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signed: bool

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def delivery(self) -> int:
        return int(self.headers["x-tolls-delivery"])

    @property
    def change_ids(self) -> list[int]:
        return [c["id"] for c in self.json["changes"]]


@dataclass
class Receiver:
    """Answers each POST with the next of ``script`` (status, headers), then ``default``."""

    secret: str
    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    default: int = 200
    hang: float = 0.0
    """Seconds to wait before answering (a receiver that is slow or never answers)."""
    received: list[Received] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    arrived: threading.Event = field(default_factory=threading.Event)

    def record(self, path: str, headers: dict[str, str], body: bytes) -> None:
        signed = verify_signature(
            self.secret,
            body,
            headers.get("x-tolls-timestamp", ""),
            headers.get("x-tolls-signature", ""),
            tolerance=None,  # the tests fix the sender's clock
        )
        with self.lock:
            self.received.append(Received(path, headers, body, signed))
            self.arrived.set()

    def answer(self) -> tuple[int, dict[str, str]]:
        with self.lock:
            return self.script.pop(0) if self.script else (self.default, {})


@contextmanager
def receiving(secret: str, **options: Any) -> Iterator[Receiver]:
    receiver = Receiver(secret=secret, **options)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            receiver.record(self.path, headers, body)
            if receiver.hang:
                time.sleep(receiver.hang)
            status, extra = receiver.answer()
            try:
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:  # the sender is gone (killed, or it gave up waiting)
                pass

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
