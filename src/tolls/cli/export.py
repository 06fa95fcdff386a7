"""``tolls export``: the reconciled ledger as ACLED or UCDP CSV, GeoJSON or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tolls.cli.options import DbOption, db_url
from tolls.cli.render import stderr_console
from tolls.export import FORMATS, export_events
from tolls.workflow import read_export

__all__ = ["export_command"]


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(sorted(FORMATS))}.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (a folder for parquet); default stdout.")
    ] = None,
    db: DbOption = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start a CSV export with a UTF-8 byte order mark (for Excel).")
    ] = False,
) -> None:
    """Write every ledger event (rejected ones left out) in an export format."""
    events, context = read_export(db_url(db))
    out = sys.stdout if output is None else output  # a path is opened (and refused, E503) by the export
    n = export_events(events, fmt, out, context=context, bom=bom)
    stderr_console().print(f"{n} events written" + (f" to {output}" if output else ""), markup=False)
