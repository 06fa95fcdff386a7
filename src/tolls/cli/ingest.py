"""``tolls ingest``: read files, folders, feeds and URLs into the ledger, extract, reconcile."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tolls.errors import TollsError
from tolls.ingest.tables import TABLE_FORMATS, TableFormat, TableOptions, parse_columns
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings, get_settings
from tolls.workflow import IngestReport, ingest, open_ledger

__all__ = ["EXIT_SOME_FAILED", "ingest_command"]

EXIT_SOME_FAILED = 3
_SHOWN = 20


def _settings(db: str | None, fetch: bool) -> Settings:
    s = get_settings()
    changes: dict[str, object] = {}
    if db:
        changes["db"] = s.db.model_copy(update={"url": db})
    if fetch:
        changes["ingest"] = s.ingest.model_copy(update={"fetch_urls": True})
    return s.model_copy(update=changes) if changes else s


def _summary(report: IngestReport) -> Table:
    t = Table(title="tolls ingest", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for key in ("added", "duplicate", "syndicated"):
        t.add_row(f"documents {key}", str(report.outcomes.get(key, 0)))
    t.add_row("documents extracted", str(report.extracted))
    t.add_row("extraction failures", str(len(report.failed)))
    t.add_row("unreadable items", str(len(report.problems)))
    if report.ledger is not None:
        t.add_row("ledger events written", str(report.ledger.events_written))
        t.add_row("reviewed events kept", str(report.ledger.events_kept))
        t.add_row("merge decisions", str(report.ledger.decisions_written))
    return t


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursively), feeds or http(s) URLs.")],
    db: Annotated[str | None, typer.Option(help="Ledger database URL (default: TOLLS_DB__URL).")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Allow fetching http(s) URLs.")] = False,
    extract: Annotated[bool, typer.Option(help="Extract and reconcile after reading.")] = True,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Extract on a local Dask cluster of N worker processes.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Extract on a running Dask cluster (tcp://HOST:PORT).")
    ] = None,
    table_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Read every file given as: csv, acled (ACLED CSV, 2016 or current columns) or ucdp "
            "(UCDP GED CSV); each dataset row is one event (default: by file extension).",
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            help="CSV columns holding each document field, e.g. "
            "text=NOTES,id=EVENT_ID_CNTY,published=EVENT_DATE (fields: id, published, text, title, url)."
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(help="strptime format of CSV dates that are not ISO 8601 or RFC 822, e.g. %d/%m/%Y."),
    ] = None,
) -> None:
    """Read documents into the ledger (idempotent, resumable), extract claims, reconcile events."""
    err = Console(stderr=True)
    settings = _settings(db, fetch)
    if table_format is not None and table_format not in TABLE_FORMATS:
        raise typer.BadParameter(f"choose one of: {', '.join(TABLE_FORMATS)}", param_hint="--format")
    try:
        table = TableOptions(
            format=cast("TableFormat | None", table_format),  # checked against TABLE_FORMATS above
            columns=parse_columns(columns) if columns else {},
            date_format=date_format,
        )
    except TollsError as exc:
        raise typer.BadParameter(str(exc), param_hint="--columns") from exc
    engine = None
    try:
        engine = open_ledger(settings.db)
        distributed = extract and (workers is not None or scheduler is not None)
        nlp = None
        if extract and not distributed:
            from tolls.extract.pipeline import load_nlp  # spaCy: only when extracting here

            nlp = load_nlp(settings)
        stream = None
        if distributed:
            from tolls.distributed import DEFAULT_CHUNK_SIZE, extract_on_cluster

            # a chunk no bigger than the writer's batch, so results are saved as chunks complete
            # (a killed run keeps every saved batch) and small corpora still use every worker
            chunk = min(DEFAULT_CHUNK_SIZE, settings.ingest.batch_size)

            def stream(docs: Iterable[InputDocument]) -> Iterator[Extraction]:
                return extract_on_cluster(
                    docs, settings=settings, workers=workers, scheduler=scheduler, chunk_size=chunk
                )

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} documents"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
            disable=not err.is_terminal,
        ) as bar:
            tasks = {
                "read": bar.add_task("reading", total=None),
                "extract": bar.add_task("extracting", total=None),
            }

            def progress(step: str, n: int) -> None:
                bar.advance(tasks[step], n)

            report = ingest(
                inputs,
                settings=settings,
                engine=engine,
                nlp=nlp,
                extractor=stream,
                extract=extract,
                progress=progress,
                table=table,
            )
    except TollsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    finally:
        if engine is not None:  # its connections closed (PostgreSQL's, in particular)
            engine.dispose()
    Console().print(_summary(report))
    for p in report.problems[:_SHOWN]:
        err.print(
            f"[yellow]{escape(p.source)} {escape(p.locator)}[/yellow] {escape(p.message)}", highlight=False
        )
    for doc_id, message in report.failed[:_SHOWN]:
        err.print(f"[yellow]{escape(doc_id)}[/yellow] {escape(message)}", highlight=False)
    hidden = len(report.problems) + len(report.failed) - 2 * _SHOWN
    if hidden > 0:
        err.print(f"... and {hidden} more (all kept: `tolls db counts`).")
    if report.problems or report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)
