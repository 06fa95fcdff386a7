"""The CLI's one edge for failures: every error a command raises becomes one coded line.

- a :class:`~tolls.errors.TollsError` prints its coded message, exit status 2;
- invalid settings print E002 with where and what is wrong (never the value), status 2;
- the ledger database failing (not reachable, wrong password, locked) prints E414, status 2;
- a file that cannot be opened or written (missing, a folder, no permission, disk full): E004,
  status 2;
- anything else prints the generic E003 "internal error … rerun with --debug", status 1;
- a closed pipe (``tolls export | head -1``) ends quietly with status 0.

Never a traceback and never local variables, unless ``tolls --debug``: then the traceback
(the standard library's, which shows no locals) is printed before the line. Everything printed
passes :func:`tolls.redact.redact`, with the secrets of the command line and the environment.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click
from pydantic import ValidationError
from pydantic_settings import SettingsError
from typer.core import TyperGroup

from tolls.errors import ErrorCode, TollsError
from tolls.redact import redact, secrets_in

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERNAL",
    "EXIT_SOME_FAILED",
    "Shell",
    "answer",
    "flush_stdout",
    "quiet_stdout",
]

EXIT_INTERNAL = 1
"""An unexpected failure (a bug): E003."""
EXIT_ERROR = 2
"""A coded error: bad input, no ledger, a database that cannot be used (and click's usage errors)."""
EXIT_SOME_FAILED = 3
"""The run finished but some items failed (each got a coded line)."""


def _closed_pipe(exc: BaseException | None) -> bool:
    """``exc`` or what caused it is writing to a pipe whose reader has gone."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that nothing (not even Python's flush at exit) writes to a
    closed pipe again and prints "Broken pipe"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's buffer)
        pass


def flush_stdout() -> bool:
    """Flush stdout; ``False`` when its reader has gone (then stdout is pointed at /dev/null)."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        quiet_stdout()
        return False
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        quiet_stdout()
        return False
    return True


def _database_error(exc: BaseException) -> bool:
    """An error of the database driver (SQLAlchemy's OperationalError or InterfaceError). Looked
    up only if SQLAlchemy was imported: a command that never opened a database raised none, and
    the command line does not import it to ask."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.OperationalError | errors.InterfaceError)


def _line(exc: Exception) -> tuple[str, int]:
    """The coded line for ``exc`` and the exit status."""
    if isinstance(exc, TollsError):
        return exc.message, EXIT_ERROR
    if isinstance(exc, ValidationError) and exc.title.endswith("Settings"):
        # where and what, never the value given (it may be a secret, such as a webhook's)
        reasons = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        return TollsError(ErrorCode.E002, reason=reasons[:500]).message, EXIT_ERROR
    if isinstance(exc, SettingsError):  # a variable that is not the JSON its setting takes
        return TollsError(ErrorCode.E002, reason=" ".join(str(exc).split())[:300]).message, EXIT_ERROR
    if _database_error(exc):
        orig = getattr(exc, "orig", None) or exc
        reason = " ".join(str(orig).split())[:300].rstrip(" .?!") or type(orig).__name__
        return TollsError(ErrorCode.E414, reason=reason).message, EXIT_ERROR
    if isinstance(exc, OSError):
        if exc.filename is not None:
            reason = f"{exc.filename}: {exc.strerror or type(exc).__name__}"
        else:
            reason = " ".join(str(exc).split())[:300].rstrip(" .") or type(exc).__name__
        return TollsError(ErrorCode.E004, reason=reason).message, EXIT_ERROR
    return TollsError(ErrorCode.E003, kind=type(exc).__name__).message, EXIT_INTERNAL


def answer(exc: Exception, *, debug: bool, args: Sequence[str]) -> int:
    """Print ``exc`` as one coded line on stderr (after its scrubbed traceback with ``debug``);
    returns the exit status."""
    secrets = secrets_in(args, os.environ)
    line, status = _line(exc)
    if debug:
        for chunk in traceback.format_exception(exc):
            sys.stderr.write(redact(chunk, secrets))
    one_line = " ".join(part.strip() for part in line.splitlines())  # a reason may hold newlines
    click.echo(f"Error: {redact(one_line, secrets)}", err=True)
    return status


class Shell(TyperGroup):
    """The root command group: runs a command, then answers whatever it raised (module docstring)."""

    def invoke(self, ctx: click.Context) -> Any:
        args = [*ctx.protected_args, *ctx.args]
        try:
            result = super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if _closed_pipe(exc):
                quiet_stdout()
                raise click.exceptions.Exit(0) from None
            status = answer(exc, debug=bool(ctx.params.get("debug")), args=args)
            raise click.exceptions.Exit(status) from None
        if not flush_stdout():
            raise click.exceptions.Exit(0)
        return result
