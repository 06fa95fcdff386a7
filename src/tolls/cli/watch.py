"""``tolls watch``: poll the feeds and pages of a sources file into the ledger (docs/watch.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
from tolls.settings import Settings, get_settings
from tolls.watch import CycleReport, Watcher, load_sources, pipeline_extractor
from tolls.workflow import open_ledger

__all__ = ["watch_command"]

_COLUMNS = ("source", "status", "http", "seen", "new", "failed", "next_poll_at")


def _settings(db: str | None) -> Settings:
    s = get_settings()
    return s.model_copy(update={"db": s.db.model_copy(update={"url": db})}) if db else s


def _rows(report: CycleReport) -> list[tuple[Any, ...]]:
    return [
        (p.name, p.status, p.http_status or "", p.seen, p.new, p.failed, p.next_poll_at.isoformat())
        for p in report.polls
    ]


def _totals(report: CycleReport) -> dict[str, int]:
    ingest = report.ingest
    out = {
        "sources_polled": len(report.polls),
        "sources_failed": sum(1 for p in report.polls if p.status == "failed"),
        "sources_skipped": len(report.skipped),
        "runs_interrupted": report.interrupted,
        "items_new": report.new_items,
        "documents_added": ingest.outcomes.get("added", 0),
        "documents_syndicated": ingest.outcomes.get("syndicated", 0),
        "documents_extracted": ingest.extracted,
        "extraction_failures": len(ingest.failed),
        "unreadable_items": len(ingest.problems),
    }
    if ingest.ledger is not None:
        out["events_written"] = ingest.ledger.events_written
    if report.webhooks is not None:
        out["webhook_deliveries_sent"] = len(report.webhooks.sent)
        out["webhook_deliveries_delivered"] = report.webhooks.delivered
    return out


def _as_json(report: CycleReport) -> dict[str, Any]:
    return {
        "cycle": report.cycle,
        "seconds": round(report.seconds, 3),
        **_totals(report),
        "polls": [
            dict(zip(_COLUMNS, row, strict=True)) | {"error": p.error}
            for row, p in zip(_rows(report), report.polls, strict=True)
        ],
        "skipped": report.skipped,
    }


def _render(report: CycleReport, shape: str) -> None:
    if shape == "json":
        write_json(_as_json(report))
        return
    if shape == "csv":
        write_csv(_COLUMNS, _rows(report))
        return
    t = Table(title=f"tolls watch: cycle {report.cycle}")
    for name in _COLUMNS:
        t.add_column(name, justify="right" if name in ("http", "seen", "new", "failed") else "left")
    for row in _rows(report):
        t.add_row(*(str(v) for v in row))
    print_table(t)
    totals = _totals(report)
    print_table(_totals_table(totals))


def _totals_table(totals: dict[str, int]) -> Table:
    t = Table(title="totals", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for key, n in totals.items():
        t.add_row(key.replace("_", " "), str(n))
    return t


def _report_failures(report: CycleReport) -> bool:
    err = stderr_console()
    for p in report.polls:
        if p.status == "failed":
            err.print(f"[yellow]{escape(p.name)}[/yellow] {escape(p.error)}", highlight=False, soft_wrap=True)
    for problem in report.ingest.problems[:20]:
        err.print(
            f"[yellow]{escape(problem.source)} {escape(problem.locator)}[/yellow] {escape(problem.message)}",
            highlight=False,
            soft_wrap=True,
        )
    for doc_id, message in report.ingest.failed[:20]:
        err.print(f"[yellow]{escape(doc_id)}[/yellow] {escape(message)}", highlight=False, soft_wrap=True)
    return any(p.status == "failed" or p.failed for p in report.polls) or bool(report.ingest.failed)


def watch_command(
    sources: Annotated[Path, typer.Argument(help="The sources file (TOML; docs/watch.md).")],
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once (those backing off excepted), then stop.")
    ] = False,
    extract: Annotated[bool, typer.Option(help="Extract the new documents and rebuild the ledger.")] = True,
    summary: Annotated[
        str, typer.Option("--summary", help="Each cycle as table (for people), json or csv (for scripts).")
    ] = "table",
    as_json: JsonOption = False,
) -> None:
    """Poll feeds and pages into the ledger: conditional GETs, polite per host, backing off on
    errors; new items are stored, extracted and the ledger rebuilt once per cycle.

    Runs until Ctrl+C, or one cycle with --once (for cron). Each cycle's polls on stdout,
    failures on stderr; with --once, exit 3 when a source or an item failed."""
    shape = output_format(summary, as_json, option="--summary")
    settings = _settings(db)
    config = load_sources(sources)
    engine = open_ledger(settings.db)
    try:
        extractor = pipeline_extractor(settings) if extract else None
        if once:
            with progress_bars(stderr_console()) as progress:
                watcher = Watcher(engine, config, settings, extractor=extractor, progress=progress)
                report = watcher.cycle(once=True)
            _render(report, shape)
            if _report_failures(report):
                raise typer.Exit(EXIT_SOME_FAILED)
            return
        watcher = Watcher(engine, config, settings, extractor=extractor)
        stderr_console().print(
            f"tolls watch: {len(config.sources)} sources from {escape(str(sources))} (Ctrl+C stops)"
        )

        def on_cycle(report: CycleReport) -> None:
            if report.polls:
                _render(report, shape)
                _report_failures(report)

        try:
            watcher.run(on_cycle)
        except KeyboardInterrupt:
            watcher.stop.set()
    finally:
        engine.dispose()
