"""The dashboard: ``/`` serves the single page; its scripts, styles and vendored libraries are
static files (mounted by :func:`tolls.web.app.create_app`). ``/api/v1/docs`` is Swagger UI,
served the same way from the vendored swagger-ui-dist (FastAPI's own page loads it from a CDN
with an inline script, which the app's Content-Security-Policy blocks)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

__all__ = ["STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type="text/html", headers={"Cache-Control": "no-cache"})


@router.get("/")
def index() -> FileResponse:
    return _page("index.html")


@router.get("/api/v1/docs")
def api_docs() -> FileResponse:
    """Swagger UI on ``/api/v1/openapi.json``."""
    return _page("api-docs.html")
