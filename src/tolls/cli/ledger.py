"""``tolls events``: the reconciled ledger as a readable table, the disagreement visible."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tolls.errors import TollsError
from tolls.model import LedgerEvent
from tolls.settings import get_settings
from tolls.workflow import read_ledger

__all__ = ["events_command"]


def _estimates(e: LedgerEvent) -> str:
    lines = []
    for est in e.estimates:
        side = f"{est.victims.country or '?'}/{est.victims.inter}" if est.group != "unknown" else "?"
        who = f"{est.group} {side}"
        flag = " [bold red]contested[/bold red]" if est.contested else ""
        lines.append(f"{est.kind} {who}: {est.low}/{est.best}/{est.high} ({est.rule}){flag}")
    return "\n".join(lines)


def events_command(
    db: Annotated[str | None, typer.Option(help="Ledger database URL (default: TOLLS_DB__URL).")] = None,
    contested: Annotated[
        bool, typer.Option("--contested", help="Only events whose claimants disagree.")
    ] = False,
    with_claims: Annotated[bool, typer.Option("--claims", help="Only events that carry claims.")] = False,
) -> None:
    """List ledger events: date, type, place, documents, low/best/high per victim group."""
    try:
        events = read_ledger(db or get_settings().db.url)
    except TollsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    table = Table(title="tolls ledger: low/best/high per kind and victim group", show_lines=True)
    for col in ("date", "type", "place", "docs", "claims", "estimates"):
        table.add_column(col)
    for e in events:
        if (contested and not e.contested) or (with_claims and not e.claims):
            continue
        when = f"{e.dates.start or '?'}" + (
            f"..{e.dates.end}" if e.dates.end and e.dates.end != e.dates.start else ""
        )
        place = e.locations[0].name if e.locations else ""
        table.add_row(when, e.type, place, str(len(e.documents)), str(len(e.claims)), _estimates(e))
    Console().print(table)
