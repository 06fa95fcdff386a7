"""JSONL files: SCHEMA.md input lines (``id``, ``text``, optional ``published``, ``title``, ``url``),
read with the extraction contract's own parser so both stages accept exactly the same lines."""

from __future__ import annotations

from collections.abc import Iterator

from tolls.errors import ErrorCode, IngestError, InputError, TollsError
from tolls.extract.contract import parse_input
from tolls.ingest.base import Item, Payload, problem
from tolls.ingest.decode import check_not_binary
from tolls.model import InputDocument, SourceDocument

__all__ = ["read_jsonl"]


def _check(doc: InputDocument, n: int, source: str) -> None:
    if not doc.text.strip():
        raise IngestError(ErrorCode.E313, source=source, line=n)
    for name in ("title", "url"):
        if not isinstance(getattr(doc, name), str | None):
            raise InputError(ErrorCode.E106, field=name, line=n, reason="must be a string or null")


def read_jsonl(payload: Payload) -> Iterator[Item]:
    """One document per non-blank line; a bad line is a problem for that line, the rest goes on."""
    check_not_binary(payload.data, source=payload.source)
    data = payload.data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    for n, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        locator = f"line {n}"
        try:
            doc = parse_input(raw.rstrip(b"\r"), n)
            _check(doc, n, payload.source)
        except TollsError as exc:
            yield problem(exc, source=payload.source, locator=locator)
            continue
        yield SourceDocument(doc=doc, source=payload.source, locator=locator, format="jsonl")
