"""``tolls serve``: the web API, OGC API and dashboard on one address (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn
from sqlalchemy import Engine

from tolls.cli.options import DbOption
from tolls.settings import REVEAL_SECRETS, Settings, get_settings
from tolls.watch.background import start_watch_thread
from tolls.web.app import SETTINGS_ENV, serving_app
from tolls.workflow import open_ledger

__all__ = ["serve_command"]


def _serve_workers(settings: Settings, engine: Engine | None) -> None:
    """Several server processes on one socket, each building the app from the settings handed
    to it as JSON in the environment (the ledger is already migrated: see below), webhook
    secrets included (the environment already holds them). The workers watch nothing: this
    process runs the one watcher of ``watch.sources``, if set."""
    workers = settings.model_copy(update={"watch": settings.watch.model_copy(update={"sources": None})})
    os.environ[SETTINGS_ENV] = workers.model_dump_json(context={REVEAL_SECRETS: True})
    watching = start_watch_thread(engine, settings) if engine is not None else None
    try:
        uvicorn.run(
            "tolls.web.app:app_from_environment",
            factory=True,
            workers=settings.web.workers,
            host=settings.web.host,
            port=settings.web.port,
            log_level="warning",
        )
    finally:
        if watching is not None:
            watching.stop()
        if engine is not None:
            engine.dispose()


def serve_command(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: TOLLS_WEB__HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: TOLLS_WEB__PORT).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Server processes, one per core (default: TOLLS_WEB__WORKERS)."),
    ] = None,
) -> None:
    """Serve the dashboard and the API; prints the address."""
    base = get_settings()
    given = {"host": host, "port": port, "workers": workers}
    settings = base.model_copy(
        update={
            "db": base.db.model_copy(update={"url": db}) if db else base.db,
            "web": base.web.model_copy(update={k: v for k, v in given.items() if v is not None}),
        }
    )
    if settings.web.workers > 1:
        # Migrate once here: workers starting together would race to migrate a new ledger.
        opened = open_ledger(settings.db)
        engine: Engine | None = opened
        if settings.watch.sources is None:  # the engine stays open here only for a watcher
            opened.dispose()
            engine = None
        typer.echo(
            f"tolls dashboard: http://{settings.web.host}:{settings.web.port}/  "
            f"({settings.web.workers} workers; Ctrl+C stops)"
        )
        _serve_workers(settings, engine)
        return
    app = serving_app(settings)
    typer.echo(f"tolls dashboard: http://{settings.web.host}:{settings.web.port}/  (Ctrl+C stops)")
    uvicorn.run(app, host=settings.web.host, port=settings.web.port, log_level="warning")
