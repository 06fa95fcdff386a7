"""Options every command spells the same way."""

from __future__ import annotations

from typing import Annotated

import typer

from tolls.settings import get_settings

__all__ = ["DbOption", "UrlAlias", "db_url"]

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Ledger database URL (default: TOLLS_DB__URL, sqlite:///var/tolls.sqlite)."),
]
UrlAlias = Annotated[str | None, typer.Option("--url", hidden=True, help="Old name of --db.")]


def db_url(db: str | None, url: str | None = None) -> str:
    """The ledger URL: ``--db`` (or its old name ``--url``), else the settings'."""
    return db or url or get_settings().db.url
