"""The ``tolls`` command line: each command parses input, calls the core, renders output."""

from __future__ import annotations

import typer

from tolls.cli.db import app as db_app
from tolls.cli.export import export_command
from tolls.cli.extract import extract
from tolls.cli.ingest import ingest_command
from tolls.cli.ledger import events_command
from tolls.cli.serve import serve_command
from tolls.cli.users import app as users_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="tolls",
    help="A sourced ledger of conflict events and contested casualty claims.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("extract")(extract)
app.command("ingest")(ingest_command)
app.command("export")(export_command)
app.command("events")(events_command)
app.command("serve")(serve_command)
app.add_typer(db_app, name="db", help="Create, upgrade and inspect the ledger database.")
app.add_typer(users_app, name="user", help="Add users, set passwords and issue API tokens.")

try:
    from tolls.cli.gazetteer import app as gazetteer_app
except ImportError:  # pragma: no cover - the geography extra is optional
    pass
else:
    app.add_typer(gazetteer_app, name="gazetteer", help="Build and extend the offline gazetteer.")


def main() -> None:
    app()
