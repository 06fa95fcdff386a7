"""``tolls webhooks``: deliver the ledger's changes to the configured webhooks once (for cron),
and read the delivery log. Thin shell over :mod:`tolls.notify.webhooks`; see docs/webhooks.md."""

from __future__ import annotations

from typing import Annotated

import click
import typer
from rich.table import Table
from rich.text import Text

from tolls.cli.edge import EXIT_SOME_FAILED
from tolls.cli.options import DbOption, db_url
from tolls.cli.render import JsonOption, print_table, write_json
from tolls.notify.webhooks import deliver_due, delivery_dict
from tolls.settings import get_settings
from tolls.store import session_scope
from tolls.store.webhooks import DELIVERY_STATUSES, list_deliveries
from tolls.workflow import open_ledger

__all__ = ["app"]

app = typer.Typer(
    help="Deliver the ledger's changes to webhooks; read the delivery log.", no_args_is_help=True
)


@app.command("deliver")
def deliver_cmd(db: DbOption = None) -> None:
    """One delivery round: new changes batched, due deliveries POSTed (signed) in order.

    Prints one line; exit status 0 when every attempt succeeded (or none was due), 3 when an
    attempt failed (it is retried later, or was given up: see `tolls webhooks log`)."""
    settings = get_settings()
    if not settings.webhooks.hooks:
        typer.echo("webhooks: none configured (set TOLLS_WEBHOOKS__HOOKS: docs/webhooks.md)", err=True)
        return
    engine = open_ledger(db_url(db), create=False)
    try:
        report = deliver_due(engine, settings)
    finally:
        engine.dispose()
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("log")
def log_cmd(
    db: DbOption = None,
    hook: Annotated[str | None, typer.Option("--hook", help="Only this hook's deliveries.")] = None,
    status: Annotated[
        str | None,
        typer.Option(click_type=click.Choice(DELIVERY_STATUSES), help="Only deliveries in this state."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Most rows shown, newest first.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The delivery log, newest first: hook, changes, state, attempts, last answer, next try.

    A table on a terminal; --json gives one JSON object per delivery per line."""
    engine = open_ledger(db_url(db), create=False)
    try:
        with session_scope(engine) as session:
            rows, total = list_deliveries(session, hook=hook, status=status, limit=limit)
    finally:
        engine.dispose()
    if as_json:
        for row in rows:
            write_json(delivery_dict(row))
        return
    table = Table(title=f"tolls webhook deliveries ({len(rows)} of {total}, newest first)")
    for col in ("id", "hook", "changes", "status", "attempts", "code", "next attempt", "last error"):
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "next attempt"))
    for d in rows:
        changes = f"{d.change_first}..{d.change_last} ({len(d.change_ids)})"
        nxt = f"{d.next_attempt_at:%Y-%m-%d %H:%M:%S}Z" if d.next_attempt_at and d.status == "pending" else ""
        table.add_row(
            str(d.id),
            d.hook,
            changes,
            d.status,
            str(d.attempts),
            "" if d.last_code is None else str(d.last_code),
            nxt,
            Text(d.last_error),
        )
    print_table(table)
