"""``tolls db``: migrate the ledger database and show what it holds (thin shell over tolls.store).

The integrator registers it: ``app.add_typer(db_app, name="db", help=...)``.
"""

from __future__ import annotations

import json
from typing import Annotated

import click
import typer

from tolls.errors import TollsError
from tolls.settings import DbSettings, get_settings
from tolls.store import (
    compact_search_index,
    counts,
    current_revision,
    ensure_current,
    make_engine,
    session_scope,
    upgrade,
)

__all__ = ["app"]

app = typer.Typer(help="The ledger database: migrations, counts and upkeep.", no_args_is_help=True)

UrlOption = Annotated[
    str | None,
    typer.Option(
        "--url", help="SQLAlchemy URL of the ledger (default: TOLLS_DB__URL, sqlite:///var/tolls.sqlite)."
    ),
]


def _settings(url: str | None) -> DbSettings:
    db = get_settings().db
    return db.model_copy(update={"url": url}) if url else db


@app.command("upgrade")
def upgrade_cmd(
    url: UrlOption = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Create or migrate the ledger schema (idempotent; run before first use and after upgrades)."""
    db = _settings(url)
    try:
        before = current_revision(db)
        after = upgrade(db, revision)
    except TollsError as exc:
        raise click.ClickException(exc.message) from exc
    if before == after:
        typer.echo(f"already at {after}")
    else:
        typer.echo(f"migrated {before or 'empty database'} -> {after}")


@app.command("counts")
def counts_cmd(
    url: UrlOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """How many documents, claims, events, reviews... the ledger holds."""
    engine = make_engine(_settings(url))
    try:
        ensure_current(engine)
        with session_scope(engine) as session:
            result = counts(session)
    except TollsError as exc:
        raise click.ClickException(exc.message) from exc
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        typer.echo(f"{key:<{width}}  {value}")


@app.command("compact")
def compact_cmd(url: UrlOption = None) -> None:
    """Merge the text-search index into one segment (SQLite; run after loading rows by other
    means than `tolls ingest`, which does it itself when the segments pile up)."""
    engine = make_engine(_settings(url))
    try:
        ensure_current(engine)
        with session_scope(engine, write=True) as session:
            merged = compact_search_index(session, max_segments=1)
    except TollsError as exc:
        raise click.ClickException(exc.message) from exc
    finally:
        engine.dispose()
    typer.echo("text index merged" if merged else "nothing to merge")
