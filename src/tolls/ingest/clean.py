"""Untrusted text at the edge, before the extractor or the database sees it (issue 18).

- A **lone surrogate** (``&#55296;`` in a feed, ``"\\ud800"`` in JSON) is not text: it cannot be
  encoded as UTF-8, so spaCy, SQLite and every writer fail on it. A **NUL** cannot be stored in
  PostgreSQL's text columns. An item holding either is refused (E321) and the rest goes on.
- Other C0 control characters (form feeds, escapes, backspaces pasted with the text) become
  spaces: the text keeps its length, so every character offset still holds. Tab, line feed and
  carriage return are kept.
- JSON is measured before it is parsed: a line nested deeper than :data:`MAX_JSON_DEPTH` is
  refused (E322) instead of exhausting the parser's recursion.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tolls.errors import ErrorCode, IngestError
from tolls.model import IngestProblem, SourceDocument

__all__ = [
    "MAX_JSON_DEPTH",
    "clean_document",
    "clean_problem",
    "item_name",
    "json_too_deep",
    "printable",
    "unclean",
]

MAX_JSON_DEPTH = 64
"""Deepest JSON nesting a line may have (an input line needs 3: toponyms are objects in a list)."""

_UNCLEAN = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(rb"[\[\]{}]")


def unclean(text: str, *, nul: bool = True) -> str | None:
    """What makes ``text`` unstorable (its first lone surrogate or, with ``nul``, NUL, and where),
    or ``None``."""
    m = (_UNCLEAN if nul else _SURROGATE).search(text)
    if m is None:
        return None
    what = "a NUL character" if m.group() == "\x00" else f"a lone surrogate (U+{ord(m.group()):04X})"
    return f"{what} at character {m.start()}"


def item_name(locator: str) -> str:
    """How a message names the item at ``locator`` (a JSONL line, a CSV row, a feed entry)."""
    if not locator:
        return "The document"
    if locator.startswith(("line ", "row ", "entry ")):
        return locator[:1].upper() + locator[1:]
    return f"Entry {printable(locator)!r}"  # a feed entry's id


def _controls_to_spaces(text: str) -> str:
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text


def clean_document(item: SourceDocument) -> SourceDocument:
    """``item`` with control characters made spaces; raises E321 when a field cannot be stored."""
    doc = item.doc
    for name in ("id", "text", "title", "url"):
        value = getattr(doc, name)
        what = unclean(value) if isinstance(value, str) else None
        if what is not None:
            raise IngestError(
                ErrorCode.E321, item=item_name(item.locator), source=item.source, what=f"{what} in its {name}"
            )
    text = _controls_to_spaces(doc.text)
    if not text.strip():  # control characters alone: nothing readable is left
        raise IngestError(ErrorCode.E306, source=item.source)
    title = _controls_to_spaces(doc.title) if doc.title else doc.title
    if text is doc.text and title is doc.title:
        return item
    return replace(item, doc=replace(doc, text=text, title=title))


def printable(value: str) -> str:
    """A problem's field, safe to store and print (a lone surrogate as U+FFFD, a NUL as a space)."""
    return _CONTROLS.sub(" ", _UNCLEAN.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", value))


def clean_problem(p: IngestProblem) -> IngestProblem:
    """``p`` with its source, locator and message made storable (they quote the hostile input)."""
    fields = (p.source, p.locator, p.message)
    cleaned = tuple(printable(f) for f in fields)
    if cleaned == fields:
        return p
    return replace(p, source=cleaned[0], locator=cleaned[1], message=cleaned[2])


def json_too_deep(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``raw`` nests arrays and objects deeper than ``limit``, measured
    without parsing it (brackets inside strings do not count)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub(b"", raw)):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
