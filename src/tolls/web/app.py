"""``create_app(settings)``: the web API, OGC API – Features and the dashboard in one FastAPI
app built from explicit settings (no import-time globals). See docs/api.md."""

from __future__ import annotations

import gc
import os
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from tolls import __version__
from tolls.settings import Settings
from tolls.store.users import ScryptCost
from tolls.watch.background import install_watch
from tolls.web.credentials import PasswordChecks, TokenCache
from tolls.web.deps import Ledger
from tolls.web.errors import install_error_handlers
from tolls.web.head import HeadAsGet
from tolls.web.limits import BodyLimit, HeaderLimit, NoNulInUrl, SecurityHeaders, content_security_policy
from tolls.web.openapi import openapi_document
from tolls.web.routes import (
    catalog,
    changes,
    claims,
    dashboard,
    documents,
    events,
    ogc,
    problems,
    session,
    users,
    watch,
    webhooks,
)
from tolls.web.schemas import ProblemPublic
from tolls.web.throttle import LoginThrottle, SignInGate
from tolls.web.webhook_task import run_webhooks_in_background
from tolls.workflow import open_ledger

__all__ = ["SETTINGS_ENV", "app_from_environment", "create_app", "serving_app"]

SETTINGS_ENV = "TOLLS_SERVE_SETTINGS"
"""Where ``tolls serve --workers N`` hands its settings (as JSON) to the worker processes."""
API_PREFIX = "/api/v1"
OPENAPI_URL = "/openapi.json"
"""The OpenAPI document, also served at ``/api/v1/openapi.json``."""
_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ProblemPublic, "description": text}
    for code, text in {
        400: "Invalid parameters, or a request body that cannot be read as JSON, nested too deep or holding "
        "a lone surrogate (E430)",
        401: "Not signed in (E420, E421)",
        403: "Missing role or CSRF token (E422, E423)",
        404: "Not found (E404)",
        409: "Conflicting state or a concurrent edit (E403, E405)",
        413: "Request body too large (E431)",
        422: "A request body that does not fit (E430, E406, E407)",
        431: "Request headers too large (E434)",
        500: "A server error (E433), logged under the incident in `instance`",
    }.items()
}


def _operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "tolls"
    return f"{tag}-{route.name}"


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """The app on ``settings.db`` (migrated to the current schema), or on ``engine`` if given."""
    app = FastAPI(
        title="tolls",
        version=__version__,
        summary="A sourced ledger of conflict events and contested casualty claims.",
        openapi_url=OPENAPI_URL,
        docs_url=None,  # Swagger UI from vendored files: tolls.web.routes.dashboard
        redoc_url=None,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.ledger = Ledger(engine if engine is not None else open_ledger(settings.db))
    app.state.login_throttle = LoginThrottle(
        per_account=settings.web.login_failures_per_account,
        per_address=settings.web.login_failures_per_address,
        window=settings.web.login_window_seconds,
    )
    app.state.password_checks = PasswordChecks(
        cost=ScryptCost(settings.auth.scrypt_n, settings.auth.scrypt_r, settings.auth.scrypt_p),
        waiting=settings.web.password_checks_waiting,
    )
    app.state.token_cache = TokenCache(ttl=settings.web.token_cache_seconds)
    install_error_handlers(app)

    def openapi() -> dict[str, Any]:
        return openapi_document(app)

    app.openapi = openapi  # type: ignore[method-assign]

    api = APIRouter(prefix=API_PREFIX, responses=_ERRORS)
    for module in (events, changes, claims, documents, catalog, session, users, problems, webhooks, watch):
        api.include_router(module.router)

    @api.get("/openapi.json", include_in_schema=False)
    async def api_openapi() -> dict[str, Any]:
        return openapi_document(app)

    app.include_router(api)
    app.include_router(ogc.router, responses=_ERRORS)
    app.include_router(dashboard.router)
    vendor = settings.web.assets or dashboard.STATIC_DIR / "vendor"
    app.mount("/static/vendor", StaticFiles(directory=vendor, check_dir=False), name="vendor")
    app.mount("/static", StaticFiles(directory=dashboard.STATIC_DIR, check_dir=False), name="static")

    # The last added runs first: security headers on every answer, then the sign-in gate (a
    # throttled flood's request costs nothing more), then the limits.
    app.add_middleware(NoNulInUrl)
    app.add_middleware(
        BodyLimit, limit=settings.web.max_body_bytes, max_json_depth=settings.web.max_json_depth
    )
    app.add_middleware(HeaderLimit, limit=settings.web.max_header_bytes)
    app.add_middleware(
        SignInGate,
        throttle=app.state.login_throttle,
        path=f"{API_PREFIX}/session",
        delay=settings.web.login_throttle_delay_seconds,
    )
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.web.tile_url))
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is a GET to everything inside
    run_webhooks_in_background(app, settings)
    install_watch(app, settings)  # a background watcher when watch.sources is set (docs/watch.md)
    return app


def serving_app(settings: Settings) -> FastAPI:
    """:func:`create_app` for a server process that will serve nothing else: the objects built
    so far (about 150,000: FastAPI, pydantic, SQLAlchemy, the routes) are moved out of the
    garbage collector's sight with :func:`gc.freeze`. Otherwise each full collection walks them
    all, 75-100 ms on the 2-core benchmark machine, and objects alive across concurrent requests
    trigger one every few hundred requests: that pause was the tail of every list's latency."""
    app = create_app(settings)
    gc.collect()
    gc.freeze()
    return app


def app_from_environment() -> FastAPI:
    """The app on the settings ``tolls serve`` put in :data:`SETTINGS_ENV`: the factory each
    worker process of a multi-process server calls (uvicorn imports it by name, so settings
    cannot be passed as an object)."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with `tolls serve`")
    return serving_app(Settings.model_validate_json(raw))
