"""Plain text and Markdown files: the text as written, its first line as title when short."""

from __future__ import annotations

from collections.abc import Iterator

from tolls.errors import ErrorCode, IngestError
from tolls.ingest.base import Item, Payload
from tolls.ingest.decode import check_not_binary, decode
from tolls.model import InputDocument, SourceDocument

__all__ = ["MAX_TITLE_CHARS", "read_plain", "title_from_text"]

MAX_TITLE_CHARS = 150
"""A first line longer than this is a paragraph, not a title."""


def title_from_text(text: str) -> str | None:
    """The first non-empty line (without Markdown ``#`` marks) when it is short enough to be a title."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


def read_plain(payload: Payload) -> Iterator[Item]:
    """One document; the text is kept whole (the title line stays in it, so offsets hold)."""
    check_not_binary(payload.data, source=payload.source)
    text = decode(payload.data, source=payload.source, declared=payload.charset)
    if not text.strip():
        raise IngestError(ErrorCode.E306, source=payload.source)
    doc = InputDocument(id=payload.doc_id, text=text, title=title_from_text(text), url=payload.url)
    yield SourceDocument(doc=doc, source=payload.source, format="text")
