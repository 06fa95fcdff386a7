"""One error shape for every route: an RFC 9457 problem (``application/problem+json``)::

    {"type": "/api/v1/problems/E404", "title": "Not found", "status": 404,
     "detail": "[E404] Event 'x' was not found.", "instance": "/api/v1/events/x", "code": "E404"}

``code`` (an extension member) is the tolls E-code, the same as the CLI's; ``type`` names the
problem type by that code and resolves to its description (``GET /api/v1/problems/{code}``);
``title`` is the same for every problem of a type; ``detail`` is this occurrence's message.

Domain errors (:class:`tolls.errors.TollsError`) are translated here, once, to an HTTP status;
FastAPI's validation errors (400 for parameters, 422 for a body that parses but does not fit),
Starlette's 404/405 (405 with ``Allow``) and anything unexpected get the same shape. Every 5xx
is E433 with an incident id that the server log holds beside the real error: no traceback, no
exception text (which may quote a database URL with its password) reaches the client.

Middleware that answers before the app (limits, throttling) uses :func:`send_problem`."""

from __future__ import annotations

import json
import logging
import uuid
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount
from starlette.types import Send

from tolls.errors import (
    AuthError,
    ConfigError,
    ErrorCode,
    ExportError,
    InputError,
    NotFound,
    ReviewError,
    StoreError,
    Throttled,
    TollsError,
)

__all__ = [
    "PROBLEM_JSON",
    "PROBLEM_TYPES",
    "allowed_methods",
    "error_response",
    "install_error_handlers",
    "problem",
    "problem_bytes",
    "problem_type",
    "send_problem",
    "status_for",
]

log = logging.getLogger("tolls.web")

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "/api/v1/problems/"

PROBLEM_TYPES: dict[str, tuple[str, int]] = {
    "E403": ("Not allowed in the record's state", 409),
    "E404": ("Not found", 404),
    "E405": ("Changed by someone else", 409),
    "E406": ("Invalid correction", 422),
    "E407": ("Cannot split the event", 422),
    "E410": ("Actor missing", 400),
    "E411": ("User already exists", 409),
    "E412": ("Invalid user", 422),
    "E420": ("Not signed in", 401),
    "E421": ("Wrong username or password", 401),
    "E422": ("Role missing", 403),
    "E423": ("CSRF token missing", 403),
    "E424": ("Too many failed sign-ins", 429),
    "E430": ("Invalid request", 400),
    "E431": ("Request too large", 413),
    "E432": ("Method not allowed", 405),
    "E433": ("Server error", 500),
    "E434": ("Request headers too large", 431),
    "E501": ("Unknown export format", 404),
}
"""The problem types the web edge answers: E-code -> (title, usual status). A domain error
with another code is still answered, titled by its status. (E434 is the header limit's.)"""


def status_for(exc: TollsError) -> int:
    """The HTTP status of a domain error."""
    if exc.code in PROBLEM_TYPES:
        return PROBLEM_TYPES[exc.code][1]
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, AuthError):
        return 401
    if isinstance(exc, ReviewError):
        return 409
    if isinstance(exc, InputError | ExportError):
        return 422
    if isinstance(exc, StoreError | ConfigError):
        return 500
    return 500


def problem_type(code: str) -> str:
    """The ``type`` URI (a reference relative to the server's root) of problems coded ``code``."""
    return _TYPE_BASE + code


def problem(code: str, message: str, status: int, *, instance: str | None = None) -> dict[str, Any]:
    """The RFC 9457 problem document for an error coded ``code`` answered with ``status``."""
    title = PROBLEM_TYPES[code][0] if code in PROBLEM_TYPES else _phrase(status)
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": message,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    return body


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_bytes(code: str, message: str, status: int, *, instance: str | None = None) -> bytes:
    """:func:`problem` encoded, for ASGI middleware that answers on its own."""
    return json.dumps(problem(code, message, status, instance=instance)).encode()


def _with_auth(status: int, headers: dict[str, str] | None) -> dict[str, str] | None:
    if status == 401:
        return {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return headers


def error_response(
    code: str,
    message: str,
    status: int,
    *,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    """A problem response (``application/problem+json``); 401s carry ``WWW-Authenticate``."""
    return JSONResponse(
        problem(code, message, status, instance=instance),
        status_code=status,
        headers=_with_auth(status, headers),
        media_type=PROBLEM_JSON,
    )


async def send_problem(
    send: Send,
    code: str,
    message: str,
    status: int,
    *,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> None:
    """Answer a whole problem response on a raw ASGI ``send`` (for middleware)."""
    body = problem_bytes(code, message, status, instance=instance)
    extra = _with_auth(status, headers) or {}
    raw = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _validation_reason(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid input"


def _validation_status(exc: RequestValidationError) -> int:
    """400 for a bad parameter or a body that is not JSON; 422 for JSON that does not fit."""
    for err in exc.errors():
        loc = err.get("loc", ())
        if loc and loc[0] == "body" and err.get("type") != "json_invalid":
            return 422
    return 400


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """The methods some route of ``app`` answers on the request's path (for ``Allow``): each
    is tried against the app's routes as the router would; static files answer GET and HEAD."""
    allowed: list[str] = []
    static = False
    # inside a mounted app (static files) the scope's root_path is the mount's: match from the top
    root = request.scope.get("app_root_path", request.scope.get("root_path", ""))
    for method in _METHODS:
        scope = {**request.scope, "method": method, "root_path": root}
        for route in app.router.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                if isinstance(route, Mount):
                    static = True
                    continue
                allowed.append(method)
                break
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.insert(allowed.index("GET") + 1, "HEAD")  # tolls.web.head answers HEAD as GET
    return allowed or (["GET", "HEAD"] if static else [])


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TollsError)
    async def _tolls(request: Request, exc: TollsError) -> JSONResponse:
        status = status_for(exc)
        if status >= 500:
            return _server_error(request, exc)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else None
        return error_response(exc.code, exc.message, status, headers=headers, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = TollsError(ErrorCode.E430, reason=_validation_reason(exc))
        return error_response(err.code, err.message, _validation_status(exc), instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers: dict[str, str] | None = None
        if exc.status_code == 404:
            err = TollsError(ErrorCode.E404, what="Path", name=request.url.path)
        elif exc.status_code == 405:
            err = TollsError(ErrorCode.E432, method=request.method, path=request.url.path)
            headers = {"Allow": ", ".join(allowed_methods(app, request))}
        elif exc.status_code >= 500:
            return _server_error(request, exc)
        else:
            err = TollsError(ErrorCode.E430, reason=str(exc.detail))
        path = request.url.path
        return error_response(err.code, err.message, exc.status_code, headers=headers, instance=path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _server_error(request, exc)


def _server_error(request: Request, exc: Exception) -> JSONResponse:
    """E433 for the client (an incident id, nothing of the error itself); the error and its
    traceback go to the server log under that id."""
    incident = uuid.uuid4()
    log.error(
        "incident %s: %s on %s %s",
        incident,
        type(exc).__name__,
        request.method,
        request.url.path,
        exc_info=exc,
    )
    err = TollsError(ErrorCode.E433, reason=f"incident {incident}")
    return error_response(err.code, err.message, 500, instance=f"urn:uuid:{incident}")
