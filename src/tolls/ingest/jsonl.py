"""JSONL files: SCHEMA.md input lines (``id``, ``text``, optional ``published``, ``title``, ``url``),
read with the extraction contract's own parser so both stages accept exactly the same lines.

Every line stands alone: a line holding a raw NUL byte (E321), nesting JSON too deep (E322,
measured before parsing), or failing in any other way is a problem for that line only. A file
whose lines mostly hold NUL bytes (UTF-16 text, an image) is binary, one problem for the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from tolls.errors import ErrorCode, IngestError, InputError, TollsError
from tolls.extract.contract import parse_input
from tolls.ingest.base import Item, Payload, problem, unexpected
from tolls.ingest.clean import MAX_JSON_DEPTH, json_too_deep
from tolls.ingest.decode import check_not_binary
from tolls.model import InputDocument, SourceDocument

__all__ = ["read_jsonl"]

_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _check(doc: InputDocument, n: int, source: str) -> None:
    if not doc.text.strip():
        raise IngestError(ErrorCode.E313, source=source, line=n)
    for name in ("title", "url"):
        if not isinstance(getattr(doc, name), str | None):
            raise InputError(ErrorCode.E106, field=name, line=n, reason="must be a string or null")


def _binary(data: bytes, lines: list[bytes]) -> bool:
    """NUL bytes on most lines, or a UTF-16/32 byte order mark: not a damaged text file."""
    if data.startswith(_UTF16_32_BOMS):
        return True
    filled = [raw for raw in lines if raw.strip()]
    return sum(1 for raw in filled if b"\x00" in raw) * 2 > len(filled)


def _line(raw: bytes, n: int, source: str) -> SourceDocument:
    offset = raw.find(b"\x00")
    if offset >= 0:
        raise IngestError(
            ErrorCode.E321, item=f"Line {n}", source=source, what=f"a NUL byte at byte {offset}"
        )
    if json_too_deep(raw):
        raise IngestError(ErrorCode.E322, line=n, source=source, limit=MAX_JSON_DEPTH)
    doc = parse_input(raw.rstrip(b"\r"), n)
    _check(doc, n, source)
    return SourceDocument(doc=doc, source=source, locator=f"line {n}", format="jsonl")


def read_jsonl(payload: Payload) -> Iterator[Item]:
    """One document per non-blank line; a bad line is a problem for that line, the rest goes on."""
    data = payload.data.removeprefix(b"\xef\xbb\xbf")
    lines = data.split(b"\n")
    if _binary(payload.data, lines):
        check_not_binary(payload.data, source=payload.source)
    if not data.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        locator = f"line {n}"
        try:
            yield _line(raw, n, payload.source)
        except TollsError as exc:
            yield problem(exc, source=payload.source, locator=locator)
        except Exception as exc:  # isolation: one line never ends the file
            yield unexpected(exc, item=f"Line {n}", source=payload.source, locator=locator)
