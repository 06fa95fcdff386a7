"""``tolls export``: the reconciled ledger as ACLED or UCDP CSV, GeoJSON or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tolls.errors import TollsError
from tolls.export import FORMATS, export_events
from tolls.settings import get_settings
from tolls.workflow import read_export

__all__ = ["export_command"]


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(sorted(FORMATS))}.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (a folder for parquet); default stdout.")
    ] = None,
    db: Annotated[str | None, typer.Option(help="Ledger database URL (default: TOLLS_DB__URL).")] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a CSV export with a UTF-8 byte order mark (for Excel).")
    ] = False,
) -> None:
    """Write every ledger event (rejected ones left out) in an export format."""
    try:
        events, context = read_export(db or get_settings().db.url)
        if output is None:
            n = export_events(events, fmt, sys.stdout, context=context, bom=bom)
        elif fmt == "parquet":
            n = export_events(events, fmt, output, context=context, bom=bom)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = export_events(events, fmt, fh, context=context, bom=bom)
    except TollsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    Console(stderr=True).print(f"{n} events written" + (f" to {output}" if output else ""))
