"""The ``tolls`` command line: each command parses input, calls the core, renders output.

Failures are answered once, in :mod:`tolls.cli.edge`: one coded line on stderr, never a
traceback (``tolls --debug`` prints one, secrets hidden, never local variables).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from tolls.cli.db import app as db_app
from tolls.cli.edge import Shell, answer, flush_stdout
from tolls.cli.export import export_command
from tolls.cli.extract import extract
from tolls.cli.ingest import ingest_command
from tolls.cli.ledger import events_command
from tolls.cli.serve import serve_command
from tolls.cli.users import app as users_app
from tolls.cli.watch import watch_command
from tolls.cli.webhooks import app as webhooks_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="tolls",
    cls=Shell,
    help="A sourced ledger of conflict events and contested casualty claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _options(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="TOLLS_DEBUG",
            help="On a failure, also print the traceback (secrets hidden, never local variables).",
        ),
    ] = False,
) -> None:
    """A sourced ledger of conflict events and contested casualty claims."""


app.command("extract")(extract)
app.command("ingest")(ingest_command)
app.command("export")(export_command)
app.command("events")(events_command)
app.command("serve")(serve_command)
app.command("watch")(watch_command)
app.add_typer(db_app, name="db", help="Create, upgrade and inspect the ledger database.")
app.add_typer(users_app, name="user", help="Add users, set passwords and issue API tokens.")
app.add_typer(webhooks_app, name="webhooks", help="Deliver changes to webhooks; read the delivery log.")

try:
    from tolls.cli.gazetteer import app as gazetteer_app
except ImportError:  # pragma: no cover - the geography extra is optional
    pass
else:
    app.add_typer(gazetteer_app, name="gazetteer", help="Build and extend the offline gazetteer.")


def main() -> None:
    """The ``tolls`` entry point: the app, then stdout flushed safely (a closed pipe is no error)."""
    try:
        app()
    except SystemExit:
        flush_stdout()
        raise
    except Exception as exc:  # failed before a command ran (Shell answers the rest): still one line
        debug = "--debug" in sys.argv or os.environ.get("TOLLS_DEBUG", "") not in ("", "0", "false")
        sys.exit(answer(exc, debug=debug, args=sys.argv[1:]))
