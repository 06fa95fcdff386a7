"""``tolls serve``: the web API, OGC API and dashboard on one address (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from tolls.errors import TollsError
from tolls.settings import get_settings
from tolls.web import create_app

__all__ = ["serve_command"]


def serve_command(
    db: Annotated[str | None, typer.Option(help="Ledger database URL (default: TOLLS_DB__URL).")] = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: TOLLS_WEB__HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: TOLLS_WEB__PORT).")] = None,
) -> None:
    """Serve the dashboard and the API; prints the address."""
    base = get_settings()
    settings = base.model_copy(
        update={
            "db": base.db.model_copy(update={"url": db}) if db else base.db,
            "web": base.web.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v}),
        }
    )
    try:
        app = create_app(settings)
    except TollsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    typer.echo(f"tolls dashboard: http://{settings.web.host}:{settings.web.port}/  (Ctrl+C stops)")
    uvicorn.run(app, host=settings.web.host, port=settings.web.port, log_level="warning")
