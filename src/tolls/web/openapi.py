"""The OpenAPI document (3.1) as served at ``/openapi.json`` and ``/api/v1/openapi.json``:
FastAPI's, corrected where it does not say what the app does.

- Every error response is ``application/problem+json`` with :class:`ProblemPublic`
  (FastAPI would say ``application/json``, and its own validation-error shape).
- Parameters that fail validation are answered 400; 422 is documented only where there is a
  body to be unprocessable.
- Comma-separated array parameters (``bbox``) are ``style: form, explode: false`` (FastAPI
  declares every query parameter exploded).
- Free string parameters may not hold NUL (:class:`tolls.web.limits.NoNulInUrl` refuses it).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from tolls.web.errors import PROBLEM_JSON

__all__ = ["NO_NUL", "UNEXPLODED", "openapi_document"]

UNEXPLODED = frozenset({"bbox"})
"""Query parameters sent as one comma-separated value."""

NO_NUL = "^[^\\x00]*$"
"""The pattern of a string parameter with none of its own: anything but NUL."""
_PROBLEM = {"$ref": "#/components/schemas/ProblemPublic"}
_FASTAPI_ONLY = ("HTTPValidationError", "ValidationError")
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _fix_operation(op: dict[str, Any]) -> None:
    responses: dict[str, Any] = op.setdefault("responses", {})
    if "requestBody" not in op:
        responses.pop("422", None)
    if op.get("parameters") or "requestBody" in op:
        responses.setdefault("400", {"description": "Invalid request (E430)"})
    for status, response in responses.items():
        if status == "default" or int(status) >= 400:
            response["content"] = {PROBLEM_JSON: {"schema": _PROBLEM}}
    for param in op.get("parameters", []):
        if param.get("in") == "query" and param.get("name") in UNEXPLODED:
            param["style"] = "form"
            param["explode"] = False
        for schema in _strings(param.get("schema", {})):
            schema.setdefault("pattern", NO_NUL)


def _strings(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The string schemas (without enum or format) in a parameter's schema, ``anyOf`` included."""
    found = [s for alt in schema.get("anyOf", []) for s in _strings(alt)]
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        found.append(schema)
    return found


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, built once and kept on the app."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    for item in doc.get("paths", {}).values():
        for method in _METHODS:
            if method in item:
                _fix_operation(item[method])
    schemas = doc.get("components", {}).get("schemas", {})
    for name in _FASTAPI_ONLY:
        schemas.pop(name, None)
    app.openapi_schema = doc
    return doc
