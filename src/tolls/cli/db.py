"""``tolls db``: migrate the ledger database and show what it holds (thin shell over tolls.store).

The ledger is ``--db URL`` as everywhere else (``--url``, its old name, still works). Errors are
answered by the root command (:mod:`tolls.cli.edge`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from tolls.cli.options import DbOption, UrlAlias, db_url
from tolls.cli.render import FormatOption, JsonOption, output_format, write_csv, write_json
from tolls.settings import DbSettings, get_settings
from tolls.store import (
    compact_search_index,
    counts,
    current_revision,
    ensure_current,
    make_engine,
    require_ledger,
    session_scope,
    upgrade,
)

__all__ = ["app"]

app = typer.Typer(help="The ledger database: migrations, counts and upkeep.", no_args_is_help=True)


def _settings(db: str | None, url: str | None) -> DbSettings:
    return get_settings().db.model_copy(update={"url": db_url(db, url)})


@app.command("upgrade")
def upgrade_cmd(
    db: DbOption = None,
    url: UrlAlias = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Create or migrate the ledger schema (idempotent; run before first use and after upgrades)."""
    settings = _settings(db, url)
    before = current_revision(settings)
    after = upgrade(settings, revision)
    if before == after:
        typer.echo(f"already at {after}")
    else:
        typer.echo(f"migrated {before or 'empty database'} -> {after}")


@app.command("counts")
def counts_cmd(
    db: DbOption = None,
    url: UrlAlias = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
) -> None:
    """How many documents, claims, events, reviews... the ledger holds (a missing ledger: E413)."""
    shape = output_format(fmt, as_json)
    settings = _settings(db, url)
    require_ledger(settings)
    engine = make_engine(settings)
    try:
        ensure_current(engine)
        with session_scope(engine) as session:
            result = counts(session)
    finally:
        engine.dispose()
    if shape == "json":
        write_json(result)
    elif shape == "csv":
        write_csv(("what", "count"), result.items())
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            typer.echo(f"{key:<{width}}  {value}")


@app.command("compact")
def compact_cmd(db: DbOption = None, url: UrlAlias = None) -> None:
    """Merge the text-search index into one segment (SQLite; run after loading rows by other
    means than `tolls ingest`, which does it itself when the segments pile up)."""
    settings = _settings(db, url)
    require_ledger(settings)
    engine = make_engine(settings)
    try:
        ensure_current(engine)
        with session_scope(engine, write=True) as session:
            merged = compact_search_index(session, max_segments=1)
    finally:
        engine.dispose()
    typer.echo("text index merged" if merged else "nothing to merge")
