"""``tolls ingest``: read files, folders, feeds and URLs into the ledger, extract, reconcile."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Any, cast

import typer
from rich.markup import escape
from rich.table import Table

from tolls.cli.edge import EXIT_SOME_FAILED
from tolls.cli.options import DbOption
from tolls.cli.render import (
    JsonOption,
    output_format,
    print_table,
    progress_bars,
    stderr_console,
    write_csv,
    write_json,
)
from tolls.errors import TollsError
from tolls.ingest.tables import TABLE_FORMATS, TableFormat, TableOptions, parse_columns
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings, get_settings
from tolls.workflow import IngestReport, ingest, open_ledger

__all__ = ["EXIT_SOME_FAILED", "ingest_command"]

_SHOWN = 20


def _settings(db: str | None, fetch: bool) -> Settings:
    s = get_settings()
    changes: dict[str, object] = {}
    if db:
        changes["db"] = s.db.model_copy(update={"url": db})
    if fetch:
        changes["ingest"] = s.ingest.model_copy(update={"fetch_urls": True})
    return s.model_copy(update=changes) if changes else s


def _counts(report: IngestReport) -> list[tuple[str, str, int]]:
    """(key, label, count) of what the run did, in the order the table shows them."""
    rows = [
        (f"documents_{k}", f"documents {k}", report.outcomes.get(k, 0))
        for k in ("added", "duplicate", "syndicated")
    ]
    rows += [
        ("documents_extracted", "documents extracted", report.extracted),
        ("extraction_failures", "extraction failures", len(report.failed)),
        ("unreadable_items", "unreadable items", len(report.problems)),
    ]
    if report.ledger is not None:
        rows += [
            ("events_written", "ledger events written", report.ledger.events_written),
            ("events_changed", "ledger events new or changed", report.ledger.events_rewritten),
            ("events_kept", "reviewed events kept", report.ledger.events_kept),
            ("merge_decisions", "merge decisions", report.ledger.decisions_written),
            ("changes_recorded", "changes recorded", report.ledger.changes_recorded),
        ]
    return rows


def _summary(report: IngestReport) -> Table:
    t = Table(title="tolls ingest", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for _key, label, n in _counts(report):
        t.add_row(label, str(n))
    return t


def _as_json(report: IngestReport) -> dict[str, Any]:
    """The summary with every problem and failure (none left out)."""
    return {
        **{key: n for key, _label, n in _counts(report)},
        "problems": [
            {"source": p.source, "locator": p.locator, "code": p.code, "message": p.message}
            for p in report.problems
        ],
        "failed": [{"id": doc_id, "message": message} for doc_id, message in report.failed],
    }


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursively), feeds or http(s) URLs.")],
    db: DbOption = None,
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
    summary: Annotated[
        str, typer.Option("--summary", help="The summary as table (for people), json or csv (for scripts).")
    ] = "table",
    as_json: JsonOption = False,
) -> None:
    """Read documents into the ledger (idempotent, resumable), extract claims, reconcile events.

    Progress bars (totals, ETA) on a terminal; the summary on stdout (--json: with every problem,
    --summary csv: the counts); each problem also on stderr. Exit 3 when some items failed."""
    shape = output_format(summary, as_json, option="--summary")
    err = stderr_console()
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
    engine = open_ledger(settings.db)
    distributed = extract and (workers is not None or scheduler is not None)
    nlp = None
    if extract and not distributed:
        from tolls.extract.pipeline import load_nlp  # spaCy: only when extracting here

        try:
            nlp = load_nlp(settings)
        except BaseException:
            engine.dispose()  # its connections closed (PostgreSQL's) before the edge reports
            raise
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

    try:
        with progress_bars(err) as progress:
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
    finally:
        engine.dispose()
    if shape == "json":
        write_json(_as_json(report))
    elif shape == "csv":
        write_csv(("what", "count"), ((key, n) for key, _label, n in _counts(report)))
    else:
        print_table(_summary(report))
    for p in report.problems[:_SHOWN]:
        err.print(
            f"[yellow]{escape(p.source)} {escape(p.locator)}[/yellow] {escape(p.message)}",
            highlight=False,
            soft_wrap=True,  # one line per problem, however narrow the terminal
        )
    for doc_id, message in report.failed[:_SHOWN]:
        err.print(f"[yellow]{escape(doc_id)}[/yellow] {escape(message)}", highlight=False, soft_wrap=True)
    hidden = max(0, len(report.problems) - _SHOWN) + max(0, len(report.failed) - _SHOWN)
    if hidden > 0:
        err.print(f"... and {hidden} more (all kept: `tolls db counts`).")
    if report.problems or report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)
