"""One error shape for every route: ``{"error": {"code", "message", "status"}}``.

Domain errors (:class:`tolls.errors.TollsError`) are translated here, once, to an HTTP status;
FastAPI's validation errors, Starlette's 404/405 and anything unexpected get the same shape
(the last as E433 with no internals leaked)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

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

__all__ = ["error_response", "install_error_handlers", "status_for"]

log = logging.getLogger("tolls.web")

_BY_CODE = {
    "E405": 409,  # changed by someone else
    "E406": 422,
    "E407": 422,
    "E410": 400,
    "E411": 409,
    "E412": 422,
    "E420": 401,
    "E421": 401,
    "E422": 403,
    "E423": 403,
    "E424": 429,
    "E430": 422,
    "E431": 413,
    "E432": 405,
    "E501": 404,
}


def status_for(exc: TollsError) -> int:
    """The HTTP status of a domain error."""
    if exc.code in _BY_CODE:
        return _BY_CODE[exc.code]
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


def error_response(
    code: str, message: str, status: int, *, headers: dict[str, str] | None = None
) -> JSONResponse:
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(
        {"error": {"code": code, "message": message, "status": status}}, status_code=status, headers=headers
    )


def _validation_reason(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid input"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TollsError)
    async def _tolls(_request: Request, exc: TollsError) -> JSONResponse:
        status = status_for(exc)
        if status >= 500:
            log.error("%s", exc)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else None
        return error_response(exc.code, exc.message, status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        err = TollsError(ErrorCode.E430, reason=_validation_reason(exc))
        return error_response(err.code, err.message, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            err = TollsError(ErrorCode.E404, what="Path", name=request.url.path)
        elif exc.status_code == 405:
            err = TollsError(ErrorCode.E432, method=request.method, path=request.url.path)
        else:
            err = TollsError(ErrorCode.E430, reason=str(exc.detail))
        return error_response(err.code, err.message, exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        err = TollsError(ErrorCode.E433, reason=type(exc).__name__)
        return error_response(err.code, err.message, 500)
