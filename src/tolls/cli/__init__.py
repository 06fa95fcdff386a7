"""The ``tolls`` command line: each command parses input, calls the core, renders output.

Failures are answered once, in :mod:`tolls.cli.edge`: one coded line on stderr, never a
traceback (``tolls --debug`` prints one, secrets hidden, never local variables).
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache
from typing import Annotated

import typer

from tolls.cli.edge import Shell, answer, flush_stdout

__all__ = ["app", "build_app", "main"]

_COMMANDS: dict[str, tuple[str, str, str | None]] = {
    # name: (module, attribute, help of a command group; None for a single command)
    "extract": ("tolls.cli.extract", "extract", None),
    "ingest": ("tolls.cli.ingest", "ingest_command", None),
    "export": ("tolls.cli.export", "export_command", None),
    "events": ("tolls.cli.ledger", "events_command", None),
    "serve": ("tolls.cli.serve", "serve_command", None),
    "watch": ("tolls.cli.watch", "watch_command", None),
    "db": ("tolls.cli.db", "app", "Create, upgrade and inspect the ledger database."),
    "user": ("tolls.cli.users", "app", "Add users, set passwords and issue API tokens."),
    "webhooks": ("tolls.cli.webhooks", "app", "Deliver changes to webhooks; read the delivery log."),
    "gazetteer": ("tolls.cli.gazetteer", "app", "Build and extend the offline gazetteer."),
}
_OPTIONAL = frozenset({"gazetteer"})  # the geography extra is optional


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


def build_app(only: str | None = None) -> typer.Typer:
    """The command line: every command, or only the command ``only`` (what ``main`` runs when
    the arguments name one: ``tolls extract`` then never imports the web server, the database
    layer or the other commands' modules, a second of start-up)."""
    root = typer.Typer(
        name="tolls",
        cls=Shell,
        help="A sourced ledger of conflict events and contested casualty claims.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
    )
    root.callback()(_options)
    for name, (module, attribute, group_help) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            command = getattr(importlib.import_module(module), attribute)
        except ImportError:  # pragma: no cover - only an optional extra may be missing
            if name in _OPTIONAL:
                continue
            raise
        if group_help is None:
            root.command(name)(command)
        else:
            root.add_typer(command, name=name, help=group_help)
    return root


@cache
def _full_app() -> typer.Typer:
    return build_app()


def _named_command(args: list[str]) -> str | None:
    """The command the arguments name (the first that is no root option), if it is one of ours."""
    for arg in args:
        if not arg.startswith("-"):
            return arg if arg in _COMMANDS else None
        if arg in ("--help", "-h"):
            return None
    return None


def __getattr__(name: str) -> typer.Typer:
    """``tolls.cli.app``: the whole command line, built on first use."""
    if name == "app":
        return _full_app()
    raise AttributeError(name)


def main() -> None:
    """The ``tolls`` entry point: the app, then stdout flushed safely (a closed pipe is no error)."""
    named = _named_command(sys.argv[1:])
    try:
        build_app(named)() if named is not None else _full_app()()
    except SystemExit:
        flush_stdout()
        raise
    except Exception as exc:  # failed before a command ran (Shell answers the rest): still one line
        debug = "--debug" in sys.argv or os.environ.get("TOLLS_DEBUG", "") not in ("", "0", "false")
        sys.exit(answer(exc, debug=debug, args=sys.argv[1:]))
