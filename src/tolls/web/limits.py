"""ASGI middleware: a bound on request bodies, no NUL characters in URLs, and security headers
on every response.

The body limit is enforced on the bytes actually received (a lying or missing
``Content-Length`` does not get past it), before any route reads them. NUL is refused because
PostgreSQL cannot hold it in text (a query with one fails there, not on SQLite); JSON bodies
get the same rule from :mod:`tolls.web.schemas`."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tolls.errors import ErrorCode, TollsError

__all__ = ["BodyLimit", "NoNulInUrl", "SecurityHeaders", "content_security_policy"]


class _TooLarge(Exception):
    pass


def _error_body(size: int, limit: int) -> bytes:
    err = TollsError(ErrorCode.E431, size=size, limit=limit)
    return json.dumps({"error": {"code": err.code, "message": err.message, "status": 413}}).encode()


async def _send_error(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 / E431."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reject(self, send: Send, size: int) -> None:
        await _send_error(send, 413, _error_body(size, self.limit))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._reject(send, int(declared))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send, received)


class NoNulInUrl:
    """Refuse a path or query string holding a NUL character (``%00``) with 422 / E430."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query: bytes = scope.get("query_string", b"")
            if "\x00" in scope.get("path", "") or b"\x00" in query or b"%00" in query:
                err = TollsError(ErrorCode.E430, reason="the URL holds a NUL character (%00)")
                body = {"error": {"code": err.code, "message": err.message, "status": 422}}
                await _send_error(send, 422, json.dumps(body).encode())
                return
        await self.app(scope, receive, send)


def content_security_policy(tile_url: str = "") -> str:
    """Scripts only from this origin; images also from the tile server when one is set."""
    img = "'self' data:"
    if tile_url:
        scheme, _, rest = tile_url.partition("://")
        host = rest.split("/", 1)[0].replace("{s}", "*")
        if scheme in ("http", "https") and host:
            img += f" {scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    )


class SecurityHeaders:
    """CSP, no sniffing, no framing, no referrer on every HTTP response."""

    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.headers: list[tuple[bytes, bytes]] = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
