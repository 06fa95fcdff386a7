"""How commands render: tables on a terminal, whole rows when piped, JSON or CSV for scripts,
progress bars (totals and ETA) on a terminal and nothing when stderr is piped."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from tolls.workflow import Progress as WorkflowProgress

__all__ = [
    "FormatOption",
    "JsonOption",
    "OutputFormat",
    "ProgressBars",
    "output_format",
    "print_table",
    "progress_bars",
    "stderr_console",
    "stdout_console",
    "write_csv",
    "write_json",
]

OutputFormat = Literal["table", "json", "csv"]
FormatOption = Annotated[str, typer.Option("--format", help="table (for people), json or csv (for scripts).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]

_FORMATS = ("table", "json", "csv")
_PIPED_WIDTH = 1_000_000
"""Width of a table written to a pipe or file: wide enough that no cell is cut or wrapped."""


def output_format(fmt: str, as_json: bool, *, option: str = "--format") -> OutputFormat:
    """The format asked by ``option`` (``--format``; ``tolls ingest``, whose ``--format`` names
    what it reads, says ``--summary``) and ``--json`` (a usage error when they disagree)."""
    if fmt not in _FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(_FORMATS)}", param_hint=option)
    if as_json and fmt not in ("table", "json"):
        raise typer.BadParameter(f"give --json or {option} csv, not both", param_hint="--json")
    return "json" if as_json else fmt  # type: ignore[return-value]


class _Console(Console):
    """A rich console that leaves a closed pipe to :mod:`tolls.cli.edge` (rich's own answer is
    exit status 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def stdout_console() -> Console:
    return _Console(highlight=False)


def stderr_console() -> Console:
    return _Console(stderr=True, highlight=False)


def print_table(table: Table, console: Console | None = None) -> None:
    """``table`` on stdout: fitted to a terminal, or whole (no cell cut) when piped."""
    console = console or stdout_console()
    if not console.is_terminal:  # rows for a script or a file: no title line, nothing cut
        console = _Console(file=console.file, width=_PIPED_WIDTH, highlight=False, color_system=None)
        table.title = None
    console.print(table, crop=False)


def write_json(obj: Any) -> None:
    """One JSON document (or, called once per item, JSON Lines) on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV table on stdout (RFC 4180 quoting, ``\\n`` line ends)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["true" if v is True else "false" if v is False else v for v in row])


_STEPS = {
    "read": ("reading", "inputs"),
    "poll": ("polling", "sources"),
    "extract": ("extracting", "documents"),
    "reconcile": ("linking", "incidents"),
}
"""Each workflow step's label and unit."""


class ProgressBars:
    """A :class:`tolls.workflow.Progress` drawn as rich progress bars, one per step, added as the
    step begins: done/total, elapsed time and the time remaining."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, step: str, n: int, /, *, total: int | None = None) -> None:
        task = self._tasks.get(step)
        if task is None:
            label, unit = _STEPS.get(step, (step, "items"))
            task = self._tasks[step] = self._bar.add_task(label, total=total, unit=unit)
        elif total is not None:
            self._bar.update(task, total=total)
        if n:
            self._bar.advance(task, n)


def _no_progress(_step: str, _n: int, /, *, total: int | None = None) -> None:
    return None


@contextmanager
def progress_bars(console: Console | None = None) -> Iterator[WorkflowProgress]:
    """Progress bars on ``console`` (stderr by default), drawn only when it is a terminal (when
    it is not, nothing at all is written: not even rich's closing blank line)."""
    console = console or stderr_console()
    if not console.is_terminal:
        yield _no_progress
        return
    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    ) as bar:
        yield ProgressBars(bar)
