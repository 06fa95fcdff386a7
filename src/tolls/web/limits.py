"""ASGI middleware: bounds on request headers and bodies, JSON bodies a route can safely read,
no NUL characters in URLs, and security headers on every response.

- Headers over ``web.max_header_bytes`` in all are refused with 431 / E434 before routing.
  (uvicorn's httptools parser has no limit of its own: the server has read them by then, the
  app only declines to work on them.)
- The body is read here, whole, up to ``web.max_body_bytes``: a lying or missing
  ``Content-Length`` (a chunked body) does not get past the limit, and one over it is answered
  413 / E431 before any route reads it.
- A JSON body (``application/json`` or ``+json``, or no content type, which FastAPI reads as
  JSON) is parsed once here and refused with 400 / E430 when it is not JSON, is nested deeper
  than ``web.max_json_depth`` (validators and the ORM recurse: 900 levels were a
  RecursionError, a 500) or holds a lone UTF-16 surrogate (``"\\udfff"``, which no database
  encoding can store). The route then parses the same bytes again, knowing they are safe.
- NUL is refused in URLs because PostgreSQL cannot hold it in text (a query with one fails
  there, not on SQLite); JSON bodies get the same rule from :mod:`tolls.web.schemas`.

Every refusal is written by :func:`tolls.web.errors.error_response`, the API's one error shape."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tolls.errors import ErrorCode, TollsError
from tolls.web.errors import error_response

__all__ = [
    "BodyLimit",
    "HeaderLimit",
    "NoNulInUrl",
    "SecurityHeaders",
    "content_security_policy",
    "json_body_problem",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def _refuse(scope: Scope, receive: Receive, send: Send, err: TollsError, status: int) -> None:
    await error_response(err.code, err.message, status)(scope, receive, send)


def _too_deep(value: object, limit: int) -> bool:
    """Whether ``value`` (parsed JSON) nests arrays and objects more than ``limit`` deep; an
    explicit stack, so that the check itself cannot recurse too far."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _has_surrogate(value: object) -> bool:
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("a number too large for a float")
    return value


def json_body_problem(body: bytes, max_depth: int) -> str | None:
    """Why a JSON request body must not reach a route (None when it may): not JSON, nested
    deeper than ``max_depth``, or holding a lone surrogate. ``NaN`` and ``Infinity`` (which
    Python's parser accepts), a number past a float's range and an integer of more than 4,300
    digits are not JSON here. An empty body is left to the route."""
    if not body.strip():
        return None
    try:
        value = json.loads(body, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        return f"the JSON is nested deeper than {max_depth} levels"
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return f"the body is not valid JSON ({type(exc).__name__})"
    if _too_deep(value, max_depth):
        return f"the JSON is nested deeper than {max_depth} levels"
    if _has_surrogate(value):
        return "a JSON string holds a lone surrogate (\\ud800-\\udfff), which is not text"
    return None


def _is_json(scope: Scope) -> bool:
    for key, value in scope.get("headers", []):
        if key == b"content-type":
            media: bytes = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return True  # FastAPI reads a body without a content type as JSON


class HeaderLimit:
    """Refuse requests whose header lines (names and values) total over ``limit`` bytes with
    431 / E434."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
            if size > self.limit:
                err = TollsError(ErrorCode.E434, size=size, limit=self.limit)
                await _refuse(scope, receive, send, err, 431)
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Read the request body whole (at most ``limit`` bytes: 413 / E431 past it), refuse a JSON
    body that :func:`json_body_problem` finds fault with (400 / E430), then hand the app the
    same bytes."""

    def __init__(self, app: ASGIApp, *, limit: int, max_json_depth: int = 64) -> None:
        self.app = app
        self.limit = limit
        self.max_json_depth = max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _refuse(
                scope, receive, send, TollsError(ErrorCode.E431, size=int(declared), limit=self.limit), 413
            )
            return
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: nothing to answer
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.limit:
                await _refuse(
                    scope,
                    receive,
                    send,
                    TollsError(ErrorCode.E431, size=f"at least {received}", limit=self.limit),
                    413,
                )
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if _is_json(scope):
            problem = json_body_problem(body, self.max_json_depth)
            if problem is not None:
                await _refuse(scope, receive, send, TollsError(ErrorCode.E430, reason=problem), 400)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class NoNulInUrl:
    """Refuse a path or query string holding a NUL character (``%00``) with 400 / E430."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query: bytes = scope.get("query_string", b"")
            if "\x00" in scope.get("path", "") or b"\x00" in query or b"%00" in query:
                err = TollsError(ErrorCode.E430, reason="the URL holds a NUL character (%00)")
                await _refuse(scope, receive, send, err, 400)
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
