"""``tolls extract``: the SCHEMA.md contract (JSONL in, JSONL out), or files to a claims table."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tolls.cli.edge import EXIT_SOME_FAILED
from tolls.cli.render import stderr_console, stdout_console
from tolls.errors import BadEncoding, ErrorCode, InputError, TollsError
from tolls.extract.contract import extraction_to_json, read_jsonl, write_jsonl
from tolls.ingest.clean import unclean
from tolls.ingest.text import read_text_file
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings, get_settings

__all__ = ["EXIT_SOME_FAILED", "extract"]


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def _files(paths: list[Path], published: date | None) -> Iterator[InputDocument | TollsError]:
    for p in paths:
        if p.suffix.lower() == ".jsonl":
            yield from read_jsonl(p)
            continue
        try:
            yield InputDocument(id=str(p), text=read_text_file(p), published=published)
        except TollsError as exc:
            yield exc
        except OSError as exc:
            yield InputError(ErrorCode.E106, field="path", line=0, reason=str(exc), doc_id=str(p))


def _extractions(
    docs: Iterable[InputDocument | TollsError], settings: Settings, workers: int | None, scheduler: str | None
) -> Iterator[Extraction]:
    """In this process, or on a Dask cluster (input order kept either way)."""
    if workers is None and scheduler is None:
        from tolls.extract.pipeline import load_nlp, run_extraction  # spaCy: only when extracting here

        yield from run_extraction(load_nlp(settings), docs, settings)
        return
    from tolls.distributed import extract_on_cluster

    yield from extract_on_cluster(docs, settings=settings, workers=workers, scheduler=scheduler)


def _checked(docs: Iterable[InputDocument | TollsError]) -> Iterator[InputDocument | TollsError]:
    """``docs`` with each document holding a lone surrogate (``"\\ud800"`` in JSON: no text spaCy or
    a UTF-8 writer can take) turned into its E103 error, so it gets an error line and the rest go on."""
    for d in docs:
        if isinstance(d, InputDocument):
            for name in ("id", "text", "title", "url"):
                value = getattr(d, name)
                what = unclean(value, nul=False) if isinstance(value, str) else None
                if what is not None:
                    doc_id = d.id.encode("utf-8", "replace").decode("utf-8")
                    d = BadEncoding(ErrorCode.E103, reason=f"{what} in its {name}", doc_id=doc_id)
                    break
        yield d


def _table(x: Extraction) -> Table:
    t = Table(title=x.doc_id, show_lines=False)
    for col in ("claimant", "kind", "figure", "victims", "stance", "event"):
        t.add_column(col)
    for c in x.claims:
        who = f"{c.claimant.name or '(unattributed)'} [{c.claimant.country or '-'}/{c.claimant.inter}]"
        vic = f"{c.victims.name} [{c.victims.country or '-'}/{c.victims.inter}]"
        ev = x.events[c.event_ref].type if c.event_ref is not None and c.event_ref < len(x.events) else ""
        t.add_row(
            *(escape(cell) for cell in (who, c.kind, c.figure.text, vic, c.stance, ev))
        )  # text, not markup
    return t


def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Text, HTML or SCHEMA.md JSONL files to extract from.")
    ] = None,
    input: Annotated[Path | None, typer.Option("--input", help="SCHEMA.md input lines (JSONL).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Where to write output lines (JSONL).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for FILES; relative dates resolve to it."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="For FILES: table or json.")] = "table",
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Extract on a local Dask cluster of N worker processes."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Extract on a running Dask cluster (tcp://HOST:PORT)."),
    ] = None,
) -> None:
    """Extract events and attributed casualty claims.

    With --input/--output: read SCHEMA.md lines, write one output line per input line (bad lines
    get an "error" object). Exit code 3 when some documents failed, 0 when none did.
    --workers N or --scheduler ADDRESS spread the work over Dask workers (docs/distributed.md).
    """
    if workers is not None and scheduler is not None:
        raise typer.BadParameter("give --workers or --scheduler, not both")
    settings = get_settings()
    err = stderr_console()
    if input is not None:
        if output is None:
            raise typer.BadParameter("--output is required with --input")
        if not input.exists():
            raise typer.BadParameter(f"{input} does not exist", param_hint="--input")
        total = _count_lines(input)
        with (
            output.open("w", encoding="utf-8") as fh,
            Progress(
                TextColumn("extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=True,
                disable=not err.is_terminal,
            ) as bar,
        ):
            task = bar.add_task("docs", total=total)

            def tick(xs: Iterator[Extraction]) -> Iterator[Extraction]:
                for x in xs:
                    bar.advance(task)
                    yield x

            results = _extractions(_checked(read_jsonl(input)), settings, workers, scheduler)
            n, failed = write_jsonl(tick(results), fh)
        err.print(f"{n} documents, {failed} failed -> {output}")
        if failed:
            raise typer.Exit(EXIT_SOME_FAILED)
        return
    if not files:
        raise typer.BadParameter("give FILES or --input/--output")
    day = date.fromisoformat(published) if published else None
    failed = 0
    out = stdout_console()
    for x in _extractions(_checked(_files(files, day)), settings, workers, scheduler):
        if x.error:
            failed += 1
            err.print(f"[red]{escape(x.doc_id)}: {escape(x.error)}[/red]")
            continue
        if fmt == "json":
            sys.stdout.write(json.dumps(extraction_to_json(x), ensure_ascii=False) + "\n")
        else:
            out.print(_table(x))
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)
