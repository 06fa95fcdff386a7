"""``tolls events``: the reconciled ledger as a readable table, the disagreement visible; or as
JSON Lines or CSV for scripts."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from tolls.cli.options import DbOption, db_url
from tolls.cli.render import FormatOption, JsonOption, output_format, print_table, write_csv, write_json
from tolls.model import Estimate, LedgerEvent
from tolls.workflow import read_ledger

__all__ = ["events_command"]

CSV_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "type",
    "place",
    "country",
    "documents",
    "claims",
    "contested",
    "estimates",
)


def _estimate(est: Estimate) -> str:
    side = f"{est.victims.country or '?'}/{est.victims.inter}" if est.group != "unknown" else "?"
    flag = " contested" if est.contested else ""
    return f"{est.kind} {est.group} {side}: {est.low}/{est.best}/{est.high} ({est.rule}){flag}"


def _when(e: LedgerEvent) -> str:
    end = f"..{e.dates.end}" if e.dates.end and e.dates.end != e.dates.start else ""
    return f"{e.dates.start or '?'}{end}"


def _estimates_cell(e: LedgerEvent) -> Text:
    """The estimates as plain text (article-derived names are never read as markup), the
    contested ones in red."""
    cell = Text()
    for n, est in enumerate(e.estimates):
        if n:
            cell.append("\n")
        cell.append(_estimate(est), style="bold red" if est.contested else "")
    return cell


def _as_json(e: LedgerEvent) -> dict[str, Any]:
    place = e.locations[0] if e.locations else None
    return {
        "id": e.id,
        "type": e.type,
        "date_start": e.dates.start.isoformat() if e.dates.start else None,
        "date_end": e.dates.end.isoformat() if e.dates.end else None,
        "date_precision": e.dates.precision,
        "place": place.name if place else None,
        "country": place.country or None if place else None,
        "documents": len(e.documents),
        "claims": len(e.claims),
        "contested": e.contested,
        "estimates": [
            {
                "kind": est.kind,
                "group": est.group,
                "victims": est.victims.name,
                "country": est.victims.country or None,
                "inter": est.victims.inter,
                "low": est.low,
                "best": est.best,
                "high": est.high,
                "rule": est.rule,
                "contested": est.contested,
            }
            for est in e.estimates
        ],
    }


def _csv_row(e: LedgerEvent) -> tuple[object, ...]:
    j = _as_json(e)
    estimates = "; ".join(_estimate(est) for est in e.estimates)
    return (*(j[c] if j[c] is not None else "" for c in CSV_COLUMNS[:-1]), estimates)


def events_command(
    db: DbOption = None,
    contested: Annotated[
        bool, typer.Option("--contested", help="Only events whose claimants disagree.")
    ] = False,
    with_claims: Annotated[bool, typer.Option("--claims", help="Only events that carry claims.")] = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
) -> None:
    """List ledger events: id, date, type, place, documents, low/best/high per victim group.

    A table on a terminal (whole, never cut, when piped); --json gives one JSON object per
    event per line, --format csv a CSV table."""
    shape = output_format(fmt, as_json)
    events = [
        e
        for e in read_ledger(db_url(db))
        if not (contested and not e.contested) and not (with_claims and not e.claims)
    ]
    if shape == "json":
        for e in events:
            write_json(_as_json(e))
        return
    if shape == "csv":
        write_csv(CSV_COLUMNS, (_csv_row(e) for e in events))
        return
    table = Table(title="tolls ledger: low/best/high per kind and victim group", show_lines=True)
    for col in ("id", "date", "type", "place", "docs", "claims", "estimates"):
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "date"))
    for e in events:
        place = e.locations[0].name if e.locations else ""
        table.add_row(
            e.id,
            _when(e),
            Text(e.type),
            Text(place),
            str(len(e.documents)),
            str(len(e.claims)),
            _estimates_cell(e),
        )
    print_table(table)
