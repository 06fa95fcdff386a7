"""What every reader takes and gives: a payload of bytes in, documents or problems out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from tolls.errors import ErrorCode, IngestError, TollsError
from tolls.model import IngestProblem, SourceDocument

__all__ = ["Item", "Payload", "problem", "stable_id", "unexpected"]

Item = SourceDocument | IngestProblem
"""What ingesting yields: a document, or the problem that kept an input from becoming one."""


@dataclass(frozen=True, slots=True)
class Payload:
    """The bytes of one file or fetched page and what is known about where they came from.

    ``source`` is what the user gave (a path or URL, shown in messages); ``doc_id`` is the stable
    id of the file or page itself, the base of every document id read from it; ``charset`` is a
    charset declared outside the bytes (an HTTP ``Content-Type``), if any.
    """

    data: bytes
    source: str
    doc_id: str
    url: str | None = None
    charset: str | None = None


def problem(error: TollsError, *, source: str, locator: str = "") -> IngestProblem:
    """The problem an error stands for, ready to yield."""
    return IngestProblem(source=source, locator=locator, code=error.code, message=error.message)


def unexpected(exc: Exception, *, item: str, source: str, locator: str = "") -> IngestProblem:
    """The problem (E325) for a failure no reader foresaw (a parser's RecursionError on hostile
    input): it ends the item it happened in, never the run. Its type and first line are kept."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return problem(
        IngestError(ErrorCode.E325, item=item, source=source, reason=reason), source=source, locator=locator
    )


def stable_id(*parts: str) -> str:
    """A short hash of ``parts`` that is the same on every run (an id for a row without one)."""
    # surrogatepass: an id for hostile text (a lone surrogate) is still an id; the edge refuses the text
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]
